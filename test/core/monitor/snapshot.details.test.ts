import { describe, expect, it } from 'vitest';
import { DatabaseStatusSchema, type ProbeResult } from '../../../src-main/common/schemas.js';
import { databaseStatus, type DatabaseView } from '../../../src-main/core/monitor/snapshot.js';

const DETAILS = { status: 'INACTIVE', parts: [{ name: 'rest', status: 'UNHEALTHY', ok: false, message: 'down' }], problem: 'HTTP 429', checkedAt: '2026-01-01T00:00:00.000Z' };
const view = (last: ProbeResult | null): DatabaseView => ({ state: 'healthy', target: 'https://abcd.supabase.co', last, since: 0, consecutiveFailures: 0, stats: { p50Ms: null, p95Ms: null, uptimePct: null } });
const result = (details?: ProbeResult['details']): ProbeResult => ({
  database: 'supabase',
  healthy: true,
  state: 'healthy',
  latencyMs: 3,
  ...(details ? { details } : {}),
  checkedAt: '2026-01-01T00:00:00.000Z',
});

describe("a database's status carries the last deeper check", () => {
  it('as the probe gave it, valid for the wire', () => {
    const status = databaseStatus('supabase', view(result(DETAILS)));
    expect(status.details).toEqual(DETAILS);
    expect(DatabaseStatusSchema.parse(status)).toEqual(status);
  });

  it('and has no details field when the probe gave none (the snapshot of before)', () => {
    expect(databaseStatus('supabase', view(result()))).not.toHaveProperty('details');
    expect(databaseStatus('supabase', view(null))).not.toHaveProperty('details');
  });
});
