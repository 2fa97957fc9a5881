import { describe, expect, it } from 'vitest';
import { failureResult, healthyResult } from '../../../src-main/core/probes/result.js';

const DETAILS = { status: 'ACTIVE_HEALTHY', parts: [{ name: 'db', status: 'ACTIVE_HEALTHY', ok: true }], checkedAt: '2026-01-01T00:00:00.000Z' };
const ctx = { database: 'supabase', target: 'https://abcd.supabase.co', secrets: [] };

describe('results carry the deeper check and the new kinds', () => {
  it('a healthy result and a failure carry the details they are given, and none otherwise', () => {
    expect(healthyResult('supabase', 5, undefined, DETAILS).details).toEqual(DETAILS);
    expect(healthyResult('supabase', 5)).not.toHaveProperty('details');
    expect(failureResult({ ...ctx, details: DETAILS }, 'paused').details).toEqual(DETAILS);
    expect(failureResult(ctx, 'paused')).not.toHaveProperty('details');
  });

  it.each([
    ['reset', 'connection reset'],
    ['paused', 'project paused'],
    ['unreachable_origin', 'origin unreachable'],
    ['database_offline', 'database offline'],
  ] as const)('%s reads "%s"', (kind, words) => {
    expect(failureResult(ctx, kind).message).toBe(`supabase (https://abcd.supabase.co): ${words}`);
  });
});
