/** Which fields of the last result a database status carries, and History's edge cases. */
import { describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../../src-main/common/schemas.js';
import { History } from '../../../src-main/core/monitor/History.js';
import { databaseStatus } from '../../../src-main/core/monitor/snapshot.js';

const stats = { uptimePct: null, p50Ms: null, p95Ms: null };
const at = '2026-01-01T00:00:00.000Z';

describe('databaseStatus', () => {
  it('a failure carries its kind, message, hint and server', () => {
    const last: ProbeResult = { database: 'neo4j', healthy: false, state: 'down', latencyMs: null, kind: 'auth_failed', message: 'm', hint: 'h', server: { version: '5.26.0' }, checkedAt: at };
    expect(databaseStatus('neo4j', { state: 'down', target: 'bolt://u:p@h:7687', last, since: Date.UTC(2025, 11, 31, 23, 58), consecutiveFailures: 2, stats })).toEqual({
      database: 'neo4j',
      label: 'Neo4j',
      status: 'down',
      healthy: false,
      target: 'bolt://h:7687',
      latencyMs: null,
      kind: 'auth_failed',
      message: 'm',
      hint: 'h',
      server: { version: '5.26.0' },
      checkedAt: at,
      since: '2025-12-31T23:58:00.000Z',
      consecutiveFailures: 2,
      p50Ms: null,
      p95Ms: null,
    });
  });

  it('a success carries no failure text, only its latency and server', () => {
    const last: ProbeResult = { database: 'neo4j', healthy: true, state: 'healthy', latencyMs: 7, message: 'stale', hint: 'stale', server: { version: '5' }, checkedAt: at };
    expect(databaseStatus('neo4j', { state: 'degraded', target: null, last, since: null, consecutiveFailures: 0, stats })).toEqual({
      database: 'neo4j',
      label: 'Neo4j',
      status: 'degraded',
      healthy: true,
      target: null,
      latencyMs: 7,
      server: { version: '5' },
      checkedAt: at,
      since: null,
      consecutiveFailures: 0,
      p50Ms: null,
      p95Ms: null,
    });
  });
});

describe('History edge cases', () => {
  it('a capacity of 1 keeps the newest entry; 0 or a fraction is refused', () => {
    const h = new History(1);
    h.push({ checkedAt: at, state: 'down', latencyMs: null, kind: 'dns' });
    h.push({ checkedAt: at, state: 'healthy', latencyMs: 4 });
    expect(h.entries()).toEqual([{ checkedAt: at, state: 'healthy', latencyMs: 4 }]);
    expect(h.stats()).toEqual({ uptimePct: 100, p50Ms: 4, p95Ms: 4 });
    expect(() => new History(0)).toThrow(new RangeError('History capacity must be a positive integer, got 0'));
    expect(() => new History(1.5)).toThrow(RangeError);
  });

  it('an answer without a latency counts for uptime, not for the percentiles', () => {
    const h = new History(5);
    h.push({ checkedAt: at, state: 'healthy', latencyMs: null });
    h.push({ checkedAt: at, state: 'down', latencyMs: null, kind: 'refused' });
    expect(h.stats()).toEqual({ uptimePct: 50, p50Ms: null, p95Ms: null });
  });
});
