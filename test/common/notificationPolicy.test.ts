import { describe, expect, it } from 'vitest';
import type { DatabaseId, DatabaseState, EnvironmentId } from '../../src-main/common/schemas.js';
import type { StateChange } from '../../src-main/core/MonitorCore.js';
import { NotificationPolicy } from '../../src-main/common/notificationPolicy.js';

const MIN = 60_000;
/** Neo4j of the one environment most tests use. */
const NEO4J = { environment: 'default', database: 'neo4j' };

function change(database: DatabaseId, from: DatabaseState, to: DatabaseState, environment: EnvironmentId = 'default'): StateChange {
  const healthy = to === 'healthy' || to === 'degraded';
  return {
    environment: { id: environment, name: environment },
    database,
    from,
    to,
    result: { database, healthy, state: to, latencyMs: healthy ? 12 : null, checkedAt: '2026-01-01T12:00:00.000Z', ...(healthy ? {} : { kind: 'auth_failed' as const, message: 'authentication failed' }) },
  };
}

function policyWithClock() {
  let t = 1_000_000;
  const policy = new NotificationPolicy({ now: () => t });
  return { policy, advance: (ms: number) => (t += ms), kinds: (c: StateChange) => policy.decide(c)?.kind ?? null };
}

describe('notification policy', () => {
  it('by default holds a recovery back for 5 minutes after the last notification, not a millisecond more', () => {
    const { policy, kinds, advance } = policyWithClock();
    kinds(change('neo4j', 'healthy', 'down'));
    advance(5 * MIN - 1);
    expect(kinds(change('neo4j', 'down', 'healthy'))).toBeNull();
    expect(policy.heldUntil(NEO4J)).toBe(1_000_000 + 5 * MIN);
    expect(policy.releaseHeld(NEO4J)).toBeNull();
    advance(1);
    expect(policy.releaseHeld(NEO4J)?.kind).toBe('recovered');

    kinds(change('supabase', 'healthy', 'down'));
    advance(5 * MIN);
    expect(kinds(change('supabase', 'down', 'healthy'))).toBe('recovered');
  });

  it('says nothing when a database goes down while this computer is offline, nor when it comes back', () => {
    const { kinds, advance } = policyWithClock();
    expect(kinds({ ...change('neo4j', 'retrying', 'down'), offline: true })).toBeNull();
    advance(6 * MIN);
    expect(kinds(change('neo4j', 'down', 'recovering'))).toBeNull();
    expect(kinds(change('neo4j', 'recovering', 'healthy'))).toBeNull();
    // Online, the same change is news.
    expect(kinds(change('neo4j', 'healthy', 'down'))).toBe('down');
  });

  it('with flap control, "recovered" comes when the database is shown healthy, not at its first answer', () => {
    const { kinds, advance } = policyWithClock();
    kinds(change('neo4j', 'healthy', 'down'));
    advance(6 * MIN);
    expect(kinds(change('neo4j', 'down', 'recovering'))).toBeNull();
    expect(kinds(change('neo4j', 'recovering', 'healthy'))).toBe('recovered');
  });

  it('notifies when a database goes down and when it recovers', () => {
    const { kinds, advance } = policyWithClock();
    expect(kinds(change('neo4j', 'healthy', 'down'))).toBe('down');
    advance(6 * MIN);
    expect(kinds(change('neo4j', 'down', 'healthy'))).toBe('recovered');
  });

  it('never notifies for a retry, nor for a retry that recovers', () => {
    const { kinds } = policyWithClock();
    expect(kinds(change('supabase', 'healthy', 'retrying'))).toBeNull();
    expect(kinds(change('supabase', 'retrying', 'healthy'))).toBeNull();
    expect(kinds(change('supabase', 'unknown', 'healthy'))).toBeNull();
    expect(kinds(change('supabase', 'healthy', 'degraded'))).toBeNull();
  });

  it('does not repeat "down" while the database stays down (down -> retrying -> down)', () => {
    const { kinds, advance } = policyWithClock();
    expect(kinds(change('neo4j', 'healthy', 'down'))).toBe('down');
    advance(10 * MIN);
    expect(kinds(change('neo4j', 'down', 'retrying'))).toBeNull();
    expect(kinds(change('neo4j', 'retrying', 'down'))).toBeNull();
  });

  it('holds back a recovery within 5 minutes of the last notification and offers it when the interval ends', () => {
    const { policy, kinds, advance } = policyWithClock();
    kinds(change('neo4j', 'healthy', 'down'));
    advance(1 * MIN);
    expect(kinds(change('neo4j', 'down', 'healthy'))).toBeNull();
    expect(policy.heldUntil(NEO4J)).not.toBeNull();
    advance(3 * MIN);
    expect(policy.releaseHeld(NEO4J)).toBeNull(); // still inside the interval
    advance(1 * MIN);
    expect(policy.releaseHeld(NEO4J)?.kind).toBe('recovered');
    expect(policy.releaseHeld(NEO4J)).toBeNull();
  });

  it('a held-back recovery is cancelled when the database goes down again (the operator still believes "down")', () => {
    const { policy, kinds, advance } = policyWithClock();
    kinds(change('neo4j', 'healthy', 'down'));
    advance(MIN);
    kinds(change('neo4j', 'down', 'healthy'));
    advance(MIN);
    expect(kinds(change('neo4j', 'healthy', 'down'))).toBeNull();
    advance(10 * MIN);
    expect(policy.releaseHeld(NEO4J)).toBeNull();
  });

  it('lets worse news through inside the interval: down right after a recovery', () => {
    const { kinds, advance } = policyWithClock();
    kinds(change('supabase', 'healthy', 'down'));
    advance(6 * MIN);
    expect(kinds(change('supabase', 'down', 'healthy'))).toBe('recovered');
    advance(30_000);
    expect(kinds(change('supabase', 'healthy', 'down'))).toBe('down');
  });

  it('keeps databases apart', () => {
    const { kinds } = policyWithClock();
    expect(kinds(change('supabase', 'healthy', 'down'))).toBe('down');
    expect(kinds(change('neo4j', 'healthy', 'down'))).toBe('down');
  });

  it('keeps environments apart: the same database down in two environments is news twice, each recovery held on its own', () => {
    const { policy, kinds, advance } = policyWithClock();
    expect(kinds(change('neo4j', 'healthy', 'down', 'production'))).toBe('down');
    advance(3 * MIN);
    expect(kinds(change('neo4j', 'healthy', 'down', 'staging'))).toBe('down');
    expect(kinds(change('neo4j', 'down', 'healthy', 'production'))).toBeNull();
    expect(kinds(change('neo4j', 'down', 'healthy', 'staging'))).toBeNull();
    expect(policy.heldUntil({ environment: 'production', database: 'neo4j' })).toBe(1_000_000 + 5 * MIN);
    expect(policy.heldUntil({ environment: 'staging', database: 'neo4j' })).toBe(1_000_000 + 8 * MIN);
    advance(2 * MIN);
    expect(policy.releaseHeld({ environment: 'staging', database: 'neo4j' })).toBeNull();
    const released = policy.releaseHeld({ environment: 'production', database: 'neo4j' });
    expect([released?.kind, released?.environment]).toEqual(['recovered', { id: 'production', name: 'production' }]);
  });

  it('forgets a database that becomes unconfigured', () => {
    const { kinds } = policyWithClock();
    kinds(change('neo4j', 'healthy', 'down'));
    expect(kinds(change('neo4j', 'down', 'not_configured'))).toBeNull();
    expect(kinds(change('neo4j', 'not_configured', 'healthy'))).toBeNull();
    expect(kinds(change('neo4j', 'healthy', 'down'))).toBe('down');
  });
});

describe('what is not news', () => {
  it('a retry or an unknown state says nothing, and does not hold back the down that follows', () => {
    const { kinds } = policyWithClock();
    expect(kinds(change('neo4j', 'healthy', 'retrying'))).toBeNull();
    expect(kinds(change('neo4j', 'retrying', 'unknown'))).toBeNull();
    expect(kinds(change('neo4j', 'unknown', 'down'))).toBe('down');
  });
});
