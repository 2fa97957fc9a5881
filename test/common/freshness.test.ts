import { describe, expect, it } from 'vitest';
import { freshness, staleAfterMs } from '../../src-main/common/freshness.js';

const at = '2026-01-01T14:02:00.000Z';
const now = Date.parse(at);
const healthy = { status: 'healthy' as const, checkedAt: at };
const base = { database: healthy, paused: false, staleAfterMs: 25_000, now, connectionLostSince: null };

describe('freshness', () => {
  it('a fresh result of a running environment is live', () => {
    expect(freshness(base)).toEqual({ kind: 'live' });
    expect(freshness({ ...base, now: now + 25_000 })).toEqual({ kind: 'live' });
  });

  it('older than staleAfterMs is stale, with the last known state and its time', () => {
    expect(freshness({ ...base, now: now + 25_001 })).toEqual({ kind: 'stale', lastKnown: 'healthy', at });
  });

  it('paused wins over stale and keeps the last known state', () => {
    expect(freshness({ ...base, paused: true, now: now + 600_000 })).toEqual({ kind: 'paused', lastKnown: 'healthy', at });
    expect(freshness({ ...base, paused: true, database: { status: 'unknown', checkedAt: null } })).toEqual({ kind: 'paused', lastKnown: 'unknown', at: null });
  });

  it('a lost connection wins over everything', () => {
    const lost = '2026-01-01T14:05:00.000Z';
    expect(freshness({ ...base, paused: true, connectionLostSince: lost })).toEqual({ kind: 'lost', lastKnown: 'healthy', since: lost });
    expect(freshness({ ...base, database: { status: 'not_configured', checkedAt: null }, connectionLostSince: lost })).toEqual({ kind: 'lost', lastKnown: 'not_configured', since: lost });
  });

  it('a database never checked is not stale; one not configured is never paused or stale', () => {
    expect(freshness({ ...base, database: { status: 'unknown', checkedAt: null }, now: now + 10 ** 9 })).toEqual({ kind: 'live' });
    expect(freshness({ ...base, database: { status: 'not_configured', checkedAt: at }, paused: true, now: now + 10 ** 9 })).toEqual({ kind: 'live' });
  });
});

describe('staleAfterMs', () => {
  it('is two intervals plus one timeout', () => {
    expect(staleAfterMs({ intervalSec: 30, timeoutMs: 5_000 })).toBe(65_000);
    expect(staleAfterMs({ intervalSec: 10, timeoutMs: 2_500 })).toBe(22_500);
  });
});
