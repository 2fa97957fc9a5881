/** The history store on a real SQLite file: rollups, uptime, incidents, series identity, restarts, retention. */
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteHistoryStore } from '../../../src-main/core/history/SqliteHistoryStore.js';
import { check, NEO4J, tempFolder } from './storeFixtures.js';

let folder: ReturnType<typeof tempFolder>;
const stores: SqliteHistoryStore[] = [];
const open = (options: Partial<ConstructorParameters<typeof SqliteHistoryStore>[0]> = {}) => {
  const store = new SqliteHistoryStore({ file: folder.file, retentionEveryMs: 0, ...options });
  stores.push(store);
  return store;
};
beforeEach(() => {
  folder = tempFolder();
});
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  folder.remove();
});

const NOON = Date.parse('2026-01-10T12:00:00.000Z');

/** Five checks: two healthy, one degraded, one down (timeout) in the 10 o'clock hour, one healthy a minute before noon. */
function recordMorning(store: SqliteHistoryStore): void {
  store.record(NEO4J, check('2026-01-10T10:00:00Z', 'healthy', 10));
  store.record(NEO4J, check('2026-01-10T10:00:30Z', 'healthy', 20));
  store.record(NEO4J, check('2026-01-10T10:01:00Z', 'degraded', 300));
  store.record(NEO4J, check('2026-01-10T10:01:30Z', 'down', 5000, { kind: 'timeout', message: 'no answer within 5000 ms' }));
  store.record(NEO4J, check('2026-01-10T11:59:30Z', 'healthy', 40));
}

describe('rollups and uptime', () => {
  it('writes per-minute and per-hour rows with counts and latency min/avg/p95 of the answered checks', () => {
    const store = open();
    recordMorning(store);
    store.flush();
    const db = new Database(folder.file, { readonly: true });
    const rows = (table: string) => db.prepare(`SELECT bucket, checks, up, degraded, failed, recovered, lat_min, lat_avg, lat_p95, kind FROM ${table} ORDER BY bucket`).raw().all();
    expect(rows('minutes')).toEqual([
      [Date.parse('2026-01-10T10:00:00Z'), 2, 2, 0, 0, 0, 10, 15, 20, null],
      [Date.parse('2026-01-10T10:01:00Z'), 2, 0, 1, 1, 0, 300, 300, 300, 'timeout'],
      [Date.parse('2026-01-10T11:59:00Z'), 1, 1, 0, 0, 0, 40, 40, 40, null],
    ]);
    expect(rows('hours')).toEqual([
      [Date.parse('2026-01-10T10:00:00Z'), 4, 2, 1, 1, 0, 10, 110, 300, 'timeout'],
      [Date.parse('2026-01-10T11:00:00Z'), 1, 1, 0, 0, 0, 40, 40, 40, null],
    ]);
    db.close();
  });

  it('answers uptime per window from the aggregates: the same once the raw checks are gone', async () => {
    const store = open();
    recordMorning(store);
    const expected = [
      { window: '24h', ratio: 0.8, checks: 5 },
      { window: '7d', ratio: 0.8, checks: 5 },
      { window: '30d', ratio: 0.8, checks: 5 },
      { window: '365d', ratio: 0.8, checks: 5 },
    ];
    expect(store.uptime(NEO4J, NOON)).toEqual(expected);
    // Raw checks are kept 7 days: 8 days on, they are deleted and 24 h / 7 d have nothing left.
    const later = NOON + 8 * 86_400_000;
    await store.retain(later);
    const db = new Database(folder.file, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM checks').raw().get()).toEqual([0]);
    db.close();
    expect(store.uptime(NEO4J, later)).toEqual([
      { window: '24h', ratio: null, checks: 0 },
      { window: '7d', ratio: null, checks: 0 },
      { window: '30d', ratio: 0.8, checks: 5 },
      { window: '365d', ratio: 0.8, checks: 5 },
    ]);
  });

  it('counts a window to the minute: a check 24 h and 1 min ago is outside 24 h, one 23 h 59 min ago inside', () => {
    const store = open();
    store.record(NEO4J, check(NOON - 86_460_000, 'down', null, { kind: 'refused' }));
    store.record(NEO4J, check(NOON - 86_340_000, 'healthy', 12));
    store.record(NEO4J, check(NOON - 1_000, 'degraded', 900));
    expect(store.uptime(NEO4J, NOON)[0]).toEqual({ window: '24h', ratio: 1, checks: 2 });
    expect(store.uptime(NEO4J, NOON)[1]).toEqual({ window: '7d', ratio: 2 / 3, checks: 3 });
  });

  it('draws 1 h from raw checks, 24 h per minute and 7 d per hour; empty buckets stay absent', () => {
    const store = open();
    recordMorning(store);
    const hour = store.history(NEO4J, '1h', NOON);
    expect(hour).toMatchObject({ range: '1h', from: '2026-01-10T11:00:00.000Z', to: '2026-01-10T12:00:00.000Z', stepSec: 0, recoveredRetries: 0 });
    expect(hour.points).toEqual([{ at: '2026-01-10T11:59:30.000Z', checks: 1, failed: 0, degraded: 0, latencyMs: 40, state: 'healthy' }]);
    expect(store.history(NEO4J, '24h', NOON).points).toEqual([
      { at: '2026-01-10T10:00:00.000Z', checks: 2, failed: 0, degraded: 0, latencyMs: 15 },
      { at: '2026-01-10T10:01:00.000Z', checks: 2, failed: 1, degraded: 1, latencyMs: 300, kind: 'timeout' },
      { at: '2026-01-10T11:59:00.000Z', checks: 1, failed: 0, degraded: 0, latencyMs: 40 },
    ]);
    const week = store.history(NEO4J, '7d', NOON);
    expect(week.stepSec).toBe(3600);
    expect(week.points).toEqual([
      { at: '2026-01-10T10:00:00.000Z', checks: 4, failed: 1, degraded: 1, latencyMs: 110, kind: 'timeout' },
      { at: '2026-01-10T11:00:00.000Z', checks: 1, failed: 0, degraded: 0, latencyMs: 40 },
    ]);
    expect(store.history(NEO4J, '1h', Date.parse('2026-01-10T10:30:00Z')).points.map((p) => [p.at, p.state, p.latencyMs, p.kind])).toEqual([
      ['2026-01-10T10:00:00.000Z', 'healthy', 10, undefined],
      ['2026-01-10T10:00:30.000Z', 'healthy', 20, undefined],
      ['2026-01-10T10:01:00.000Z', 'degraded', 300, undefined],
      ['2026-01-10T10:01:30.000Z', 'down', null, 'timeout'],
    ]);
  });

  it('a never-checked series has no points and no uptime', () => {
    const view = open().history({ ...NEO4J, endpoint: 'bolt://never.example.com:7687' }, '24h', NOON);
    expect(view).toEqual({
      range: '24h',
      from: '2026-01-09T12:00:00.000Z',
      to: '2026-01-10T12:00:00.000Z',
      stepSec: 60,
      points: [],
      uptime: [
        { window: '24h', ratio: null, checks: 0 },
        { window: '7d', ratio: null, checks: 0 },
        { window: '30d', ratio: null, checks: 0 },
        { window: '365d', ratio: null, checks: 0 },
      ],
      recoveredRetries: 0,
    });
  });
});

describe('incidents', () => {
  it('opens on down with the result\'s kind, message and hint (scrubbed), closes on recovery; a recovered retry is only counted', () => {
    const store = open();
    store.record(NEO4J, check('2026-01-10T11:00:00Z', 'healthy', 10));
    store.record(NEO4J, check('2026-01-10T11:00:30Z', 'retrying', null, { kind: 'timeout' }));
    store.record(NEO4J, check('2026-01-10T11:00:35Z', 'healthy', 11));
    store.record(NEO4J, check('2026-01-10T11:01:00Z', 'retrying', null, { kind: 'refused' }));
    store.record(NEO4J, check('2026-01-10T11:01:05Z', 'down', null, { kind: 'refused', message: 'connect ECONNREFUSED bolt://neo4j:hunter2@db.example.com:7687', hint: 'Is Neo4j running?' }));
    store.record(NEO4J, check('2026-01-10T11:01:35Z', 'down', null, { kind: 'refused' }));
    expect(store.incidents()).toEqual([
      {
        id: 1,
        environment: 'production',
        database: 'neo4j',
        endpoint: 'bolt://db.example.com:7687',
        startedAt: '2026-01-10T11:01:05.000Z',
        endedAt: null,
        durationMs: null,
        kind: 'refused',
        message: 'connect ECONNREFUSED bolt://db.example.com:7687',
        hint: 'Is Neo4j running?',
      },
    ]);
    store.record(NEO4J, check('2026-01-10T11:05:05Z', 'degraded', 1500));
    expect(store.incidents()).toMatchObject([{ id: 1, endedAt: '2026-01-10T11:05:05.000Z', durationMs: 240_000 }]);
    expect(store.lastIncident()).toMatchObject({ id: 1, durationMs: 240_000 });
    expect(store.history(NEO4J, '24h', NOON).recoveredRetries).toBe(1);
    expect(store.history(NEO4J, '1h', NOON).recoveredRetries).toBe(1);
    expect(store.stateSince(NEO4J)).toEqual({ state: 'degraded', since: '2026-01-10T11:05:05.000Z' });
  });

  it('filters by environment, database and since (still open at it, or started after), newest first, limited', () => {
    const store = open();
    const staging = { ...NEO4J, environment: 'staging' };
    const supabase = { ...NEO4J, database: 'supabase', endpoint: 'https://abc.supabase.co' };
    store.record(NEO4J, check('2026-01-10T08:00:00Z', 'down', null, { kind: 'timeout' }));
    store.record(NEO4J, check('2026-01-10T08:10:00Z', 'healthy', 5));
    store.record(staging, check('2026-01-10T09:00:00Z', 'down', null, { kind: 'dns' }));
    store.record(supabase, check('2026-01-10T10:00:00Z', 'down', null, { kind: 'server_error' }));
    store.record(supabase, check('2026-01-10T10:01:00Z', 'healthy', 5));
    const ids = (r?: Parameters<typeof store.incidents>[0]) => store.incidents(r).map((i) => `${i.environment}/${i.database}@${i.startedAt.slice(11, 16)}`);
    expect(ids()).toEqual(['production/supabase@10:00', 'staging/neo4j@09:00', 'production/neo4j@08:00']);
    expect(ids({ environment: 'production' })).toEqual(['production/supabase@10:00', 'production/neo4j@08:00']);
    expect(ids({ database: 'neo4j' })).toEqual(['staging/neo4j@09:00', 'production/neo4j@08:00']);
    expect(ids({ since: '2026-01-10T08:30:00.000Z' })).toEqual(['production/supabase@10:00', 'staging/neo4j@09:00']);
    expect(ids({ since: '2026-01-10T08:05:00.000Z', limit: 1 })).toEqual(['production/supabase@10:00']);
    expect(store.lastIncident()).toMatchObject({ environment: 'production', database: 'supabase', endedAt: '2026-01-10T10:01:00.000Z' });
  });
});

describe('series identity and restarts', () => {
  it('keeps one series per public endpoint: userinfo and query are never stored, a new server starts afresh', () => {
    const store = open();
    store.record({ ...NEO4J, endpoint: 'bolt://neo4j:hunter2@db.example.com:7687?token=abc' }, check('2026-01-10T11:30:00Z', 'healthy', 10));
    store.record({ ...NEO4J, endpoint: 'bolt://new.example.com:7687' }, check('2026-01-10T11:30:30Z', 'down', null, { kind: 'refused' }));
    expect(store.history(NEO4J, '1h', NOON).points.map((p) => p.state)).toEqual(['healthy']);
    expect(store.history({ ...NEO4J, endpoint: 'bolt://new.example.com:7687' }, '1h', NOON).points.map((p) => p.state)).toEqual(['down']);
    expect(store.stateSince(NEO4J)).toEqual({ state: 'healthy', since: '2026-01-10T11:30:00.000Z' });
    store.close();
    const db = new Database(folder.file, { readonly: true });
    expect(db.prepare('SELECT endpoint FROM series ORDER BY id').raw().all()).toEqual([['bolt://db.example.com:7687'], ['bolt://new.example.com:7687']]);
    db.close();
  });

  it('remembers since when the state began and an open incident across a restart; the next recovery closes it', () => {
    const first = open();
    first.record(NEO4J, check('2026-01-07T12:00:00Z', 'healthy', 10));
    first.record(NEO4J, check('2026-01-10T11:00:00Z', 'healthy', 10));
    const staging = { ...NEO4J, environment: 'staging' };
    first.record(staging, check('2026-01-10T11:00:00Z', 'down', null, { kind: 'timeout' }));
    first.close();
    const second = open();
    expect(second.stateSince(NEO4J)).toEqual({ state: 'healthy', since: '2026-01-07T12:00:00.000Z' });
    second.record(NEO4J, check('2026-01-10T11:00:30Z', 'healthy', 10));
    expect(second.stateSince(NEO4J)).toEqual({ state: 'healthy', since: '2026-01-07T12:00:00.000Z' });
    expect(second.incidents()).toMatchObject([{ environment: 'staging', endedAt: null }]);
    second.record(staging, check('2026-01-10T11:02:00Z', 'healthy', 10));
    expect(second.incidents()).toMatchObject([{ id: 1, environment: 'staging', startedAt: '2026-01-10T11:00:00.000Z', endedAt: '2026-01-10T11:02:00.000Z', durationMs: 120_000 }]);
    // The minute row written before the restart is rebuilt from disk, not overwritten.
    expect(second.history(NEO4J, '24h', NOON).points).toEqual([{ at: '2026-01-10T11:00:00.000Z', checks: 2, failed: 0, degraded: 0, latencyMs: 10 }]);
  });
});

describe('retention', () => {
  it('deletes raw checks after rawRetentionDays and aggregates and closed incidents after aggregateRetentionDays, in batches of 1,000', async () => {
    const store = open({ rawRetentionDays: 1, aggregateRetentionDays: 3 });
    const start = Date.parse('2026-01-01T00:00:00Z');
    // 5,000 checks, one a minute: 3.47 days.
    for (let i = 0; i < 5_000; i++) store.record(NEO4J, check(start + i * 60_000, i === 10 ? 'down' : 'healthy', 5, { kind: 'timeout' }));
    store.flush();
    const end = start + 4_999 * 60_000;
    const db = new Database(folder.file, { readonly: true });
    const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).raw().get();
    expect([count('checks'), count('minutes'), count('hours'), count('incidents')]).toEqual([[5_000], [5_000], [84], [1]]);
    await store.retain(end);
    // Raw: the last 24 h (1,440 minutes, the one exactly 24 h old included); aggregates: buckets that start in the last 3 days.
    expect([count('checks'), count('minutes'), count('hours'), count('incidents')]).toEqual([[1_441], [4_321], [72], [0]]);
    db.close();
  });
});
