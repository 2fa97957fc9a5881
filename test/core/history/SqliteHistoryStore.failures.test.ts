/**
 * The history file when things go wrong: a corrupt file is moved aside and a fresh one started; a full or
 * file system makes writes fail, logged once per outage, with the queue bounded; a read-only one keeps the
 * history in memory; checks go on.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteHistoryStore } from '../../../src-main/core/history/SqliteHistoryStore.js';
import { fill, mountTmpfs, remount, tmpfsProblem, unmount } from '../../support/tmpfs.js';
import { check, NEO4J, recordingLogger, tempFolder } from './storeFixtures.js';

const mountProblem = tmpfsProblem();
if (mountProblem) console.warn(`Skipping the full/read-only file system tests: ${mountProblem}`);

let folder: ReturnType<typeof tempFolder>;
const stores: SqliteHistoryStore[] = [];
const mounted: string[] = [];
beforeEach(() => {
  folder = tempFolder();
});
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const m of mounted.splice(0)) unmount(m);
  folder.remove();
});

const T0 = Date.parse('2026-01-10T11:00:00Z');
const warnings = (lines: Record<string, unknown>[]) => lines.filter((l) => l.level === 40);

describe('a corrupt history file', () => {
  it('is moved aside, logged with where it went, and a fresh history starts', () => {
    writeFileSync(folder.file, 'this is not an SQLite database '.repeat(200));
    const { logger, lines } = recordingLogger();
    const store = new SqliteHistoryStore({ file: folder.file, logger, retentionEveryMs: 0 });
    stores.push(store);
    const names = readdirSync(folder.dir).sort();
    const aside = names.find((n) => /^history\.sqlite\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/.test(n));
    expect(aside).toBeDefined();
    expect(readFileSync(join(folder.dir, aside!), 'utf8')).toBe('this is not an SQLite database '.repeat(200));
    expect(warnings(lines)).toEqual([
      expect.objectContaining({
        notice: true,
        historyFile: folder.file,
        movedTo: join(folder.dir, aside!),
        problem: 'file is not a database',
        msg: `History file was unreadable and was moved aside to ${join(folder.dir, aside!)}; a new history was started. Earlier checks and incidents are in the moved file.`,
      }),
    ]);
    expect(store.persistent).toBe(true);
    store.record(NEO4J, check(T0, 'healthy', 7));
    expect(store.uptime(NEO4J, T0 + 1_000)[0]).toEqual({ window: '24h', ratio: 1, checks: 1 });
  });

  it('a data folder that cannot hold the file keeps the history in memory, says so, and records on', () => {
    mkdirSync(folder.file); // a folder where the file should be
    const { logger, lines } = recordingLogger();
    const store = new SqliteHistoryStore({ file: folder.file, logger, retentionEveryMs: 0 });
    stores.push(store);
    expect(store.persistent).toBe(false);
    expect(warnings(lines).map((l) => l.msg)).toEqual([
      'History file could not be opened; checks go on and their history is kept in memory only until restart. Check that the data folder is writable.',
    ]);
    store.record(NEO4J, check(T0, 'down', null, { kind: 'timeout' }));
    expect(store.incidents()).toMatchObject([{ startedAt: '2026-01-10T11:00:00.000Z', endedAt: null }]);
  });
});

describe.skipIf(mountProblem)('a full or read-only file system', () => {
  function smallFolder(): string {
    const dir = join(folder.dir, 'small');
    mkdirSync(dir);
    mountTmpfs(dir, 512);
    mounted.push(dir);
    return dir;
  }

  it('full: warns once, never throws, keeps at most maxQueued checks (dropping the oldest), and writes again once there is space', () => {
    const dir = smallFolder();
    const { logger, lines } = recordingLogger();
    const store = new SqliteHistoryStore({ file: join(dir, 'history.sqlite'), logger, retentionEveryMs: 0, maxQueued: 1_000 });
    stores.push(store);
    store.record(NEO4J, check(T0, 'healthy', 5));
    store.flush();
    const filler = fill(dir);
    // 5,000 checks with distinct latencies, a flush after every 100: all flushes fail for lack of space.
    for (let i = 1; i <= 5_000; i++) {
      store.record(NEO4J, check(T0 + i * 1_000, 'healthy', i));
      if (i % 100 === 0) store.flush();
    }
    expect(warnings(lines)).toEqual([
      expect.objectContaining({
        notice: true,
        code: 'SQLITE_FULL',
        msg: 'History could not be written; checks go on, and up to 1000 are kept in memory until writing works again (older ones are dropped). Check free space and permissions of the data folder.',
      }),
    ]);
    expect(store.droppedChecks).toBe(4_000);
    rmSync(filler);
    store.flush();
    expect(lines.filter((l) => l.level === 30).map((l) => [l.msg, l.dropped])).toEqual([['History writes work again (4000 checks were dropped meanwhile)', 4_000]]);
    expect(store.droppedChecks).toBe(0);
    // The first check and the newest 1,000: 4,001 … 5,000.
    const points = store.history(NEO4J, '24h', T0 + 5_001_000).points;
    expect(points.reduce((n, p) => n + p.checks, 0)).toBe(1_001);
    expect(store.history(NEO4J, '1h', T0 + 5_001_000).points.map((p) => p.latencyMs).slice(0, 2)).toEqual([4_001, 4_002]);
  });

  it('read-only from the start (EROFS): the history is kept in memory, said once, and monitoring goes on', () => {
    const dir = smallFolder();
    // A valid history file written before the file system went read-only (libsql keeps a file open while its
    // statements live, so a store in this process could not let the remount happen).
    writeFileSync(join(dir, 'history.sqlite'), readFileSync(validHistoryFile()));
    remount(dir, 'ro');
    const { logger, lines } = recordingLogger();
    const store = new SqliteHistoryStore({ file: join(dir, 'history.sqlite'), logger, retentionEveryMs: 0 });
    stores.push(store);
    expect(store.persistent).toBe(false);
    expect(warnings(lines)).toEqual([expect.objectContaining({ notice: true, reason: 'unable to open database file' })]);
    for (let i = 1; i <= 3; i++) store.record(NEO4J, check(T0 + i * 1_000, 'healthy', 5));
    expect(store.uptime(NEO4J, T0 + 4_000)[0]).toEqual({ window: '24h', ratio: 1, checks: 3 });
    expect(warnings(lines)).toHaveLength(1);
  });
});

/** A history file with one check, written by a store in this folder (outside the small mount). */
function validHistoryFile(): string {
  const store = new SqliteHistoryStore({ file: folder.file, retentionEveryMs: 0 });
  store.record(NEO4J, check(T0, 'healthy', 5));
  store.close();
  return folder.file;
}
