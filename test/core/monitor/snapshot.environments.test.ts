/** The Snapshot of several environments: worst status first, paused only when every one is, and each database's kind and label. */
import { describe, expect, it } from 'vitest';
import { SnapshotSchema, type EnvironmentStatus, type OverallStatus } from '../../../src-main/common/schemas.js';
import { buildSnapshot, databaseStatus, worstStatus, type DatabaseView } from '../../../src-main/core/monitor/snapshot.js';

describe('worstStatus precedence: down > degraded > unconfigured > unknown > ok', () => {
  it.each<[OverallStatus, OverallStatus, OverallStatus]>([
    ['ok', 'ok', 'ok'],
    ['ok', 'down', 'down'],
    ['degraded', 'down', 'down'],
    ['unconfigured', 'down', 'down'],
    ['unknown', 'down', 'down'],
    ['ok', 'degraded', 'degraded'],
    ['unconfigured', 'degraded', 'degraded'],
    ['unknown', 'degraded', 'degraded'],
    ['ok', 'unconfigured', 'unconfigured'],
    ['unknown', 'unconfigured', 'unconfigured'],
    ['ok', 'unknown', 'unknown'],
  ])('%s + %s → %s', (a, b, expected) => {
    expect(worstStatus([a, b])).toBe(expected);
    expect(worstStatus([b, a])).toBe(expected);
  });

  it('one environment is its own status; none at all is ok', () => {
    expect(worstStatus(['unknown'])).toBe('unknown');
    expect(worstStatus(['ok', 'ok', 'unknown', 'ok'])).toBe('unknown');
    expect(worstStatus([])).toBe('ok');
  });
});

function env(id: string, status: OverallStatus, paused: EnvironmentStatus['paused']): EnvironmentStatus {
  return { id, name: id.toUpperCase(), colour: null, status, paused, databases: {} };
}
const snapshotOf = (environments: EnvironmentStatus[]) => buildSnapshot({ version: '2.0.0', now: Date.UTC(2026, 0, 1, 12), staleAfterMs: 25_000, lastIncident: null, environments });

describe('buildSnapshot', () => {
  it('lists the environments in the order given, with the worst status, the version and the time', () => {
    const environments = [env('production', 'ok', null), env('staging', 'down', null), env('dev', 'unknown', null)];
    const snap = snapshotOf(environments);
    expect(snap).toEqual({ status: 'down', version: '2.0.0', checkedAt: '2026-01-01T12:00:00.000Z', paused: null, staleAfterMs: 25_000, lastIncident: null, environments });
    expect(snap.environments).not.toBe(environments);
    expect(SnapshotSchema.parse(snap)).toEqual(snap);
  });

  it('no environment at all: ok, not paused, an empty list', () => {
    expect(snapshotOf([])).toEqual({ status: 'ok', version: '2.0.0', checkedAt: '2026-01-01T12:00:00.000Z', paused: null, staleAfterMs: 25_000, lastIncident: null, environments: [] });
  });

  it('carries the newest incident as given', () => {
    const incident = { id: 7, environment: 'staging', database: 'neo4j', endpoint: 'bolt://db:7687', startedAt: '2026-01-01T02:13:00.000Z', endedAt: null, durationMs: null, kind: 'refused' as const };
    const snap = buildSnapshot({ version: '2.0.0', now: 0, staleAfterMs: 65_000, lastIncident: incident, environments: [] });
    expect(snap.lastIncident).toEqual({ id: 7, environment: 'staging', database: 'neo4j', endpoint: 'bolt://db:7687', startedAt: '2026-01-01T02:13:00.000Z', endedAt: null, durationMs: null, kind: 'refused' });
    expect(snap.staleAfterMs).toBe(65_000);
    expect(SnapshotSchema.parse(snap)).toEqual(snap);
  });

  it('none paused → not paused', () => {
    expect(snapshotOf([env('a', 'ok', null), env('b', 'ok', null)]).paused).toBeNull();
  });

  it('some paused → not paused (the others are still checked)', () => {
    expect(snapshotOf([env('a', 'ok', { until: null }), env('b', 'ok', null)]).paused).toBeNull();
    expect(snapshotOf([env('a', 'ok', null), env('b', 'ok', { until: '2026-01-01T13:00:00.000Z' })]).paused).toBeNull();
  });

  it('every one paused with an end → paused until the latest end, wherever it is in the list', () => {
    const at = (hour: number) => ({ until: `2026-01-01T${String(hour).padStart(2, '0')}:00:00.000Z` });
    expect(snapshotOf([env('a', 'ok', at(13)), env('b', 'ok', at(17)), env('c', 'ok', at(15))]).paused).toEqual(at(17));
    expect(snapshotOf([env('a', 'ok', at(17)), env('b', 'ok', at(13)), env('c', 'ok', at(15))]).paused).toEqual(at(17));
    expect(snapshotOf([env('a', 'ok', at(13)), env('b', 'ok', at(15)), env('c', 'ok', at(17))]).paused).toEqual(at(17));
    expect(snapshotOf([env('a', 'ok', at(14))]).paused).toEqual(at(14));
  });

  it('every one paused and one until resumed → paused with no end', () => {
    const until = { until: '2026-01-01T13:00:00.000Z' };
    expect(snapshotOf([env('a', 'ok', until), env('b', 'ok', { until: null })]).paused).toEqual({ until: null });
    expect(snapshotOf([env('a', 'ok', { until: null }), env('b', 'ok', until)]).paused).toEqual({ until: null });
    expect(snapshotOf([env('a', 'ok', { until: null })]).paused).toEqual({ until: null });
  });
});

describe('databaseStatus carries the kind and its label from the registry', () => {
  const view: DatabaseView = { state: 'unknown', target: null, last: null, since: null, consecutiveFailures: 0, stats: { uptimePct: null, p50Ms: null, p95Ms: null } };

  it.each([
    ['supabase', 'Supabase'],
    ['neo4j', 'Neo4j'],
  ] as const)('%s → %s', (database, label) => {
    expect(databaseStatus(database, view)).toEqual({
      database,
      label,
      status: 'unknown',
      healthy: false,
      target: null,
      latencyMs: null,
      checkedAt: null,
      consecutiveFailures: 0,
      since: null,
      p50Ms: null,
      p95Ms: null,
    });
  });
});
