/**
 * Opens history.sqlite: WAL, synchronous=NORMAL, the schema. A file SQLite calls corrupt or not a
 * database is moved aside (never deleted, like the settings file) and a fresh one is started; a file
 * that cannot be opened at all (folder unwritable) gives an in-memory database, so monitoring goes on.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'libsql';
import { NOTICE, type Logger } from '../logging.js';

export type Db = InstanceType<typeof Database>;

/** Bumped with every schema change; older files are migrated through MIGRATIONS in order. */
const SCHEMA_VERSION = 2;

// Time columns are epoch ms. Raw states: 0 healthy, 1 degraded, 2 retrying, 3 down, 4 recovering (see ./states.ts).
const SCHEMA = `
CREATE TABLE series (
  id INTEGER PRIMARY KEY, environment TEXT NOT NULL, database TEXT NOT NULL, endpoint TEXT NOT NULL,
  state TEXT, since INTEGER, last_at INTEGER, UNIQUE (environment, database, endpoint));
CREATE TABLE checks (series INTEGER NOT NULL, at INTEGER NOT NULL, state INTEGER NOT NULL, latency REAL, kind TEXT);
CREATE INDEX checks_by_series ON checks (series, at);
CREATE TABLE minutes (
  series INTEGER NOT NULL, bucket INTEGER NOT NULL, checks INTEGER NOT NULL, up INTEGER NOT NULL, degraded INTEGER NOT NULL,
  failed INTEGER NOT NULL, recovered INTEGER NOT NULL, lat_min REAL, lat_avg REAL, lat_p95 REAL, kind TEXT,
  PRIMARY KEY (series, bucket)) WITHOUT ROWID;
CREATE TABLE hours (
  series INTEGER NOT NULL, bucket INTEGER NOT NULL, checks INTEGER NOT NULL, up INTEGER NOT NULL, degraded INTEGER NOT NULL,
  failed INTEGER NOT NULL, recovered INTEGER NOT NULL, lat_min REAL, lat_avg REAL, lat_p95 REAL, kind TEXT,
  PRIMARY KEY (series, bucket)) WITHOUT ROWID;
CREATE TABLE incidents (
  id INTEGER PRIMARY KEY AUTOINCREMENT, series INTEGER NOT NULL, started_at INTEGER NOT NULL, ended_at INTEGER,
  kind TEXT, message TEXT, hint TEXT);
CREATE INDEX incidents_by_start ON incidents (started_at);
CREATE INDEX incidents_open ON incidents (series) WHERE ended_at IS NULL;
`;

/** MIGRATIONS[n] turns schema n + 1 into n + 2; a new file gets SCHEMA (version 1) and then every one. */
const MIGRATIONS = [
  // 2: checks recorded but not counted for uptime (this computer offline; see ./uptimeExclusion.ts).
  `ALTER TABLE checks ADD COLUMN excluded INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE minutes ADD COLUMN excluded INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE hours ADD COLUMN excluded INTEGER NOT NULL DEFAULT 0;`,
];

/** SQLite's words for a file that is not (or no longer) a usable database. */
export function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB';
}

export function pragma(db: Db, statement: string): unknown {
  return (db.prepare(`PRAGMA ${statement}`).raw().get() as unknown[] | undefined)?.[0];
}

export interface OpenedDatabase {
  db: Db;
  /** false: the file could not be opened and the history lives in memory until restart. */
  onDisk: boolean;
}

export function openDatabase(path: string, logger: Logger | undefined): OpenedDatabase {
  try {
    return { db: openFile(path), onDisk: true };
  } catch (error) {
    return isCorruption(error) ? replaceCorrupt(path, logger, error) : inMemory(path, logger, error);
  }
}

/** Moves the unusable file (and its WAL) aside, logs where to, and starts a fresh one. */
export function replaceCorrupt(path: string, logger: Logger | undefined, problem: unknown): OpenedDatabase {
  let aside: string;
  try {
    aside = moveAside(path, new Date());
  } catch (error) {
    return inMemory(path, logger, error);
  }
  logger?.warn(
    { ...NOTICE, historyFile: path, movedTo: aside, problem: (problem as Error).message },
    `History file was unreadable and was moved aside to ${aside}; a new history was started. Earlier checks and incidents are in the moved file.`,
  );
  try {
    return { db: openFile(path), onDisk: true };
  } catch (error) {
    return inMemory(path, logger, error);
  }
}

/**
 * The file as another process left it, never written (SQLite's read-only mode, so not even a checkpoint):
 * for a CLI that only reads. The reason when there is no file or it cannot be read as this version's history.
 */
export function openReadOnly(path: string): { db: Db } | { reason: string } {
  if (!existsSync(path)) return { reason: `no history file at ${path} yet (nothing was recorded in this data folder)` };
  let db: Db;
  try {
    db = new Database(`${pathToFileURL(path).href}?mode=ro`);
  } catch (error) {
    return { reason: `${path} could not be opened: ${(error as Error).message}` };
  }
  try {
    const version = Number(pragma(db, 'user_version'));
    if (version !== SCHEMA_VERSION) throw new Error(`it has schema ${version}, this version reads ${SCHEMA_VERSION}; the app converts it when it next starts`);
    db.prepare('SELECT count(*) FROM series').raw().get();
    return { db };
  } catch (error) {
    db.close();
    return { reason: `${path} could not be read: ${(error as Error).message}` };
  }
}

function inMemory(path: string, logger: Logger | undefined, error: unknown): OpenedDatabase {
  logger?.warn(
    { ...NOTICE, historyFile: path, reason: (error as Error).message },
    'History file could not be opened; checks go on and their history is kept in memory only until restart. Check that the data folder is writable.',
  );
  return { db: openFile(':memory:'), onDisk: false };
}

function openFile(path: string): Db {
  // The first run of a fresh install: the data folder may not exist yet.
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    // Before any table exists: lets retention give freed pages back to the file system.
    db.exec('PRAGMA auto_vacuum = INCREMENTAL');
    // WAL: readers never wait for the writer, and a commit is one append. NORMAL: a process crash (kill -9)
    // cannot lose a commit (it is in the OS's page cache); only a power cut may lose the last ones, never the file.
    if (path !== ':memory:') pragma(db, 'journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA busy_timeout = 1000');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function migrate(db: Db): void {
  const version = Number(pragma(db, 'user_version'));
  if (version === SCHEMA_VERSION) {
    // Reads the schema, so a file with a valid header but broken pages fails here rather than at the first write.
    db.prepare('SELECT count(*) FROM series').raw().get();
    return;
  }
  if (version > SCHEMA_VERSION) throw new Error(`history file is from a newer version (schema ${version}, this app knows ${SCHEMA_VERSION})`);
  db.transaction(() => {
    if (version === 0) db.exec(SCHEMA);
    for (const migration of MIGRATIONS.slice(Math.max(0, version - 1))) db.exec(migration);
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
  })();
}

/** Moves the file and its WAL and shared-memory files to <file>.corrupt-<time>[-n]; returns the new name. */
function moveAside(path: string, at: Date): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  let aside = `${path}.corrupt-${stamp}`;
  for (let n = 1; existsSync(aside); n++) aside = `${path}.corrupt-${stamp}-${n}`;
  renameSync(path, aside);
  for (const suffix of ['-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
  return aside;
}
