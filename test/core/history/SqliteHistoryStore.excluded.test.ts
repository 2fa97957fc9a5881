/** Checks made while this computer was offline: recorded (chart, raw rows), left out of uptime, opening no incident. */
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteHistoryStore } from '../../../src-main/core/history/SqliteHistoryStore.js';
import { excludedFromUptime } from '../../../src-main/core/history/uptimeExclusion.js';
import { check, NEO4J, tempFolder } from './storeFixtures.js';

let folder: ReturnType<typeof tempFolder>;
const stores: SqliteHistoryStore[] = [];
beforeEach(() => {
  folder = tempFolder();
});
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  folder.remove();
});
const open = () => {
  const store = new SqliteHistoryStore({ file: folder.file, retentionEveryMs: 0 });
  stores.push(store);
  return store;
};
const NOW = Date.parse('2026-01-10T10:30:00Z');
const OFFLINE = { offline: true };

describe('checks excluded from uptime', () => {
  it('only a failure in the offline context is excluded; an answer while "offline" (the host said so) still counts', () => {
    expect(excludedFromUptime({}, 'down')).toBe(false);
    expect(excludedFromUptime({ offline: false }, 'down')).toBe(false);
    expect(excludedFromUptime(OFFLINE, 'down')).toBe(true);
    expect(excludedFromUptime(OFFLINE, 'retrying')).toBe(true);
    expect(excludedFromUptime(OFFLINE, 'healthy')).toBe(false);
    expect(excludedFromUptime(OFFLINE, 'degraded')).toBe(false);
    expect(excludedFromUptime(OFFLINE, 'recovering')).toBe(false);
  });

  it('two healthy, two down while offline, one down online: uptime 2/3 over 3 counted checks; all five drawn and kept', () => {
    let store = open();
    store.record(NEO4J, check('2026-01-10T10:00:00Z', 'healthy', 10));
    store.record(NEO4J, check('2026-01-10T10:00:30Z', 'down', null, { kind: 'dns' }), OFFLINE);
    store.record(NEO4J, check('2026-01-10T10:01:00Z', 'down', null, { kind: 'dns' }), OFFLINE);
    store.record(NEO4J, check('2026-01-10T10:01:30Z', 'healthy', 12));
    store.record(NEO4J, check('2026-01-10T10:02:00Z', 'down', null, { kind: 'refused' }));
    const view = store.history(NEO4J, '1h', NOW);
    expect(view.points.map((p) => p.state)).toEqual(['healthy', 'down', 'down', 'healthy', 'down']);
    expect(view.uptime.find((u) => u.window === '24h')).toEqual({ window: '24h', ratio: 2 / 3, checks: 3 });
    // Only the online failure opened an incident.
    expect(store.incidents().map((i) => [i.startedAt, i.kind])).toEqual([['2026-01-10T10:02:00.000Z', 'refused']]);
    const db = new Database(folder.file, { readonly: true });
    expect(db.prepare('SELECT count(*), total(excluded) FROM checks').raw().get()).toEqual([5, 2]);
    expect(db.prepare('SELECT bucket, checks, up, failed, excluded FROM minutes ORDER BY bucket').raw().all()).toEqual([
      [Date.parse('2026-01-10T10:00:00Z'), 2, 1, 0, 1],
      [Date.parse('2026-01-10T10:01:00Z'), 2, 1, 0, 1],
      [Date.parse('2026-01-10T10:02:00Z'), 1, 0, 1, 0],
    ]);
    db.close();
    store.close();

    // A minute rebuilt from the raw rows after a restart still leaves them out.
    store = open();
    store.record(NEO4J, check('2026-01-10T10:01:45Z', 'healthy', 11));
    expect(store.uptime(NEO4J, NOW).find((u) => u.window === '24h')).toEqual({ window: '24h', ratio: 3 / 4, checks: 4 });
  });

  it('a version-1 file (before exclusions) is migrated in place: its checks kept and counted', () => {
    const db = new Database(folder.file);
    db.exec(`
      CREATE TABLE series (id INTEGER PRIMARY KEY, environment TEXT NOT NULL, database TEXT NOT NULL, endpoint TEXT NOT NULL, state TEXT, since INTEGER, last_at INTEGER, UNIQUE (environment, database, endpoint));
      CREATE TABLE checks (series INTEGER NOT NULL, at INTEGER NOT NULL, state INTEGER NOT NULL, latency REAL, kind TEXT);
      CREATE TABLE minutes (series INTEGER NOT NULL, bucket INTEGER NOT NULL, checks INTEGER NOT NULL, up INTEGER NOT NULL, degraded INTEGER NOT NULL, failed INTEGER NOT NULL, recovered INTEGER NOT NULL, lat_min REAL, lat_avg REAL, lat_p95 REAL, kind TEXT, PRIMARY KEY (series, bucket)) WITHOUT ROWID;
      CREATE TABLE hours (series INTEGER NOT NULL, bucket INTEGER NOT NULL, checks INTEGER NOT NULL, up INTEGER NOT NULL, degraded INTEGER NOT NULL, failed INTEGER NOT NULL, recovered INTEGER NOT NULL, lat_min REAL, lat_avg REAL, lat_p95 REAL, kind TEXT, PRIMARY KEY (series, bucket)) WITHOUT ROWID;
      CREATE TABLE incidents (id INTEGER PRIMARY KEY AUTOINCREMENT, series INTEGER NOT NULL, started_at INTEGER NOT NULL, ended_at INTEGER, kind TEXT, message TEXT, hint TEXT);
      INSERT INTO series VALUES (1, 'production', 'neo4j', 'bolt://db.example.com:7687', 'down', ${Date.parse('2026-01-10T10:00:30Z')}, ${Date.parse('2026-01-10T10:00:30Z')});
      INSERT INTO checks VALUES (1, ${Date.parse('2026-01-10T10:00:00Z')}, 0, 10, NULL), (1, ${Date.parse('2026-01-10T10:00:30Z')}, 3, NULL, 'refused');
      INSERT INTO minutes VALUES (1, ${Date.parse('2026-01-10T10:00:00Z')}, 2, 1, 0, 1, 0, 10, 10, 10, 'refused');
      INSERT INTO hours VALUES (1, ${Date.parse('2026-01-10T10:00:00Z')}, 2, 1, 0, 1, 0, 10, 10, 10, 'refused');
      PRAGMA user_version = 1;
    `);
    db.close();
    const store = open();
    expect(store.uptime(NEO4J, NOW).find((u) => u.window === '24h')).toEqual({ window: '24h', ratio: 1 / 2, checks: 2 });
    store.record(NEO4J, check('2026-01-10T10:00:50Z', 'down', null, { kind: 'dns' }), OFFLINE);
    expect(store.uptime(NEO4J, NOW).find((u) => u.window === '24h')).toEqual({ window: '24h', ratio: 1 / 2, checks: 2 });
    expect(store.history(NEO4J, '1h', NOW).points).toHaveLength(3);
  });
});
