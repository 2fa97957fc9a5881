/**
 * The HistoryStore on an embedded SQLite file (libsql). record() only updates the series' state in memory
 * and queues the check; a timer writes the queue in one transaction twice a second (raw row, minute and hour
 * aggregates, incidents, the series' state). A write that fails keeps the queue (bounded: the oldest are
 * dropped and counted) and is logged once per outage; checks go on.
 */
import type { ChartRange, HistoryView, IncidentsRequest, Uptime } from '../../common/history.js';
import type { DatabaseState, Incident, ProbeResult } from '../../common/schemas.js';
import { NOTICE, type Logger } from '../logging.js';
import { publicTarget } from '../probes/redact.js';
import type { HistoryStore, SeriesKey } from './HistoryStore.js';
import { isCorruption, openDatabase, openReadOnly, replaceCorrupt, type Db, type OpenedDatabase } from './openDatabase.js';
import { aggregateSums, chartPoints, incidentsOf, NO_EXCLUSIONS, RANGE_MS, stepOf, uptimeOf, type Exclusions } from './queries.js';
import { DEFAULT_AGGREGATE_RETENTION_DAYS, DEFAULT_RAW_RETENTION_DAYS, retentionBatch, type Retention } from './retention.js';
import { Rollups, type Bucket, type CheckRow, type Level } from './rollups.js';
import { applyCheck, type OpenedIncident, type SeriesMemory } from './seriesState.js';
import { lastCheckOf, recentStateChanges, type RecordedCheck, type RecordedStateChange } from './stateChanges.js';
import { scalar, sql } from './statements.js';
import { isAnswered, isRecorded, stateCode, type RecordedState } from './states.js';
import { excludedFromUptime, type CheckContext } from './uptimeExclusion.js';

export interface SqliteHistoryStoreOptions {
  file: string;
  logger?: Logger;
  /** Raw checks are kept this long (default 7 days); the aggregates and closed incidents for `aggregateRetentionDays` (400). */
  rawRetentionDays?: number;
  aggregateRetentionDays?: number;
  /** Default 500 ms: a kill -9 loses at most this much (plus the write under way), well within a second. */
  flushEveryMs?: number;
  /** Checks kept in memory while writes fail (default 10,000); the oldest are dropped after that. */
  maxQueued?: number;
  /** Default 10 min; 0 = only when retain() is called. */
  retentionEveryMs?: number;
  /** Called after a write opened or closed an incident (the snapshot's lastIncident changed). */
  onIncident?: () => void;
  /** Only read the file as it is (a CLI beside a running app): nothing is recorded, no file is created. */
  readOnly?: boolean;
}

interface SeriesEntry extends SeriesMemory {
  key: SeriesKey;
  /** Row id in `series`; null until the first write. */
  id: number | null;
  /** The series' newest check on disk, epoch ms. */
  durableUntil: number | null;
}

interface Queued {
  series: SeriesEntry;
  row: CheckRow;
  opens: OpenedIncident | null;
  closes: boolean;
}

const DEFAULT_FLUSH_EVERY_MS = 500;
const DEFAULT_MAX_QUEUED = 10_000;
const DEFAULT_RETENTION_EVERY_MS = 600_000;
const DEFAULT_INCIDENT_LIMIT = 50;

export class SqliteHistoryStore implements HistoryStore {
  private db: Db;
  private onDisk: boolean;
  private rollups: Rollups;
  private readonly series = new Map<string, SeriesEntry>();
  /** The same entries by the key as asked: every snapshot asks for each database, and publicTarget parses a URL. */
  private readonly seriesAsAsked = new Map<string, SeriesEntry>();
  private queue: Queued[] = [];
  private dropped = 0;
  private failing = false;
  private closed = false;
  private last: Incident | null | undefined;
  private retaining: Promise<void> | null = null;
  private readonly retention: Retention;
  private readonly maxQueued: number;
  private readonly timers: NodeJS.Timeout[] = [];
  /** Why a read-only store has nothing to read (no file, or not readable); null when it reads the file. */
  readonly unreadable: string | null = null;

  constructor(private readonly options: SqliteHistoryStoreOptions) {
    if (options.readOnly) {
      const opened = openReadOnly(options.file);
      if ('reason' in opened) this.unreadable = opened.reason;
      ({ db: this.db, onDisk: this.onDisk } = 'db' in opened ? { db: opened.db, onDisk: true } : openDatabase(':memory:', undefined));
    } else {
      ({ db: this.db, onDisk: this.onDisk } = openDatabase(options.file, options.logger));
    }
    this.rollups = new Rollups(this.db);
    this.retention = {
      rawDays: options.rawRetentionDays ?? DEFAULT_RAW_RETENTION_DAYS,
      aggregateDays: options.aggregateRetentionDays ?? DEFAULT_AGGREGATE_RETENTION_DAYS,
    };
    this.maxQueued = options.maxQueued ?? DEFAULT_MAX_QUEUED;
    if (options.readOnly) return;
    this.timers.push(setInterval(() => this.flush(), options.flushEveryMs ?? DEFAULT_FLUSH_EVERY_MS));
    const retentionEvery = options.retentionEveryMs ?? DEFAULT_RETENTION_EVERY_MS;
    if (retentionEvery > 0) this.timers.push(setInterval(() => void this.retain(), retentionEvery));
    for (const timer of this.timers) timer.unref();
  }

  /** False when the file could not be opened and the history lives in memory until restart. */
  get persistent(): boolean {
    return this.onDisk;
  }

  /** Checks dropped since writes last worked (the queue was full). */
  get droppedChecks(): number {
    return this.dropped;
  }

  record(key: SeriesKey, result: ProbeResult, context: CheckContext = {}): void {
    if (this.closed || this.options.readOnly || !isRecorded(result.state)) return;
    const at = Date.parse(result.checkedAt);
    if (!Number.isFinite(at)) return;
    const series = this.entry(key);
    const excluded = excludedFromUptime(context, result.state);
    const effects = applyCheck(series, result.state, at, result, excluded);
    if (this.queue.length >= this.maxQueued) {
      this.queue.shift();
      this.dropped++;
    }
    const row: CheckRow = { at, state: result.state, latencyMs: result.latencyMs, kind: result.kind, recovered: effects.recovered, excluded };
    this.queue.push({ series, row, opens: effects.opens, closes: effects.closes });
  }

  stateSince(key: SeriesKey): { state: DatabaseState; since: string } | null {
    if (this.closed) return null;
    const { state, since } = this.entry(key);
    return state === null || since === null ? null : { state, since: new Date(since).toISOString() };
  }

  history(key: SeriesKey, range: ChartRange, now = Date.now(), exclude: Exclusions = NO_EXCLUSIONS): Omit<HistoryView, 'environment' | 'database' | 'endpoint'> {
    this.flush();
    const from = now - RANGE_MS[range];
    const id = this.entry(key).id;
    const { stepSec, points } = id === null ? { stepSec: stepOf(range), points: [] } : chartPoints(this.db, id, range, from, now);
    return {
      range,
      from: new Date(from).toISOString(),
      to: new Date(now).toISOString(),
      stepSec,
      points,
      uptime: uptimeOf(this.db, id, now, exclude),
      recoveredRetries: id === null ? 0 : aggregateSums(this.db, id, from, now).recovered,
    };
  }

  uptime(key: SeriesKey, now = Date.now(), exclude: Exclusions = NO_EXCLUSIONS): Uptime[] {
    this.flush();
    return uptimeOf(this.db, this.entry(key).id, now, exclude);
  }

  incidents(request: IncidentsRequest = {}): Incident[] {
    this.flush();
    const since = request.since === undefined ? undefined : Date.parse(request.since);
    const limit = Math.min(500, Math.max(1, Math.trunc(request.limit ?? DEFAULT_INCIDENT_LIMIT)));
    return incidentsOf(this.db, { environment: request.environment, database: request.database, since, limit });
  }

  /** Newest first across every series, at most `limit` (see ./stateChanges.ts for the bound). */
  stateChanges(limit: number, environments?: readonly string[]): RecordedStateChange[] {
    this.flush();
    return recentStateChanges(this.db, limit, environments);
  }

  /** The series' newest recorded check, or null. */
  lastCheck(key: SeriesKey): RecordedCheck | null {
    this.flush();
    const id = this.entry(key).id;
    return id === null ? null : lastCheckOf(this.db, id);
  }

  lastIncident(): Incident | null {
    if (this.closed) return null;
    try {
      // Asked on every snapshot: cache "none" (null) too; flushes that open or close one reset it to undefined.
      if (this.last === undefined) this.last = incidentsOf(this.db, { limit: 1 })[0] ?? null;
      return this.last;
    } catch {
      return null;
    }
  }

  /** Writes the queue in one transaction; never throws (a failure keeps the queue for the next try). */
  flush(): void {
    if (this.closed || this.queue.length === 0) return;
    const batch = this.queue;
    let written: Map<SeriesEntry, { id: number; until: number }>;
    try {
      written = inTransaction(this.db, () => this.write(batch));
    } catch (error) {
      this.rollups.reset();
      this.writeFailed(error);
      return;
    }
    this.queue = [];
    for (const [series, { id, until }] of written) Object.assign(series, { id, durableUntil: until });
    if (this.failing) {
      this.options.logger?.info({ historyFile: this.options.file, dropped: this.dropped }, `History writes work again (${this.dropped} checks were dropped meanwhile)`);
      this.failing = false;
      this.dropped = 0;
    }
    if (batch.some((q) => q.opens || q.closes)) {
      this.last = undefined;
      this.options.onIncident?.();
    }
  }

  /** Deletes what is past its retention, one small batch at a time, yielding between batches. */
  retain(now?: number): Promise<void> {
    this.retaining ??= (async () => {
      try {
        while (!this.closed && retentionBatch(this.db, this.retention, now ?? Date.now()) > 0) await new Promise((r) => setImmediate(r));
      } catch (error) {
        this.options.logger?.warn({ historyFile: this.options.file, reason: (error as Error).message }, 'History retention failed; it is tried again later');
      } finally {
        this.retaining = null;
      }
    })();
    return this.retaining;
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    for (const timer of this.timers) clearInterval(timer);
    this.closed = true;
    this.db.close();
  }

  private write(batch: readonly Queued[]): Map<SeriesEntry, { id: number; until: number }> {
    const written = new Map<SeriesEntry, { id: number; until: number }>();
    const touched = new Map<Bucket, [number, Level]>();
    for (const { series, row, opens, closes } of batch) {
      const done = written.get(series);
      const id = done?.id ?? series.id ?? this.insertSeries(series.key);
      const until = done?.until ?? series.durableUntil;
      // Before the raw row is inserted: a bucket rebuilt from disk must not count this check twice.
      for (const [level, bucket] of this.rollups.add(id, row, until)) touched.set(bucket, [id, level]);
      sql(this.db, 'INSERT INTO checks (series, at, state, latency, kind, excluded) VALUES (?, ?, ?, ?, ?, ?)').run(id, row.at, stateCode(row.state), row.latencyMs, isAnswered(row.state) ? null : (row.kind ?? null), row.excluded ? 1 : 0);
      if (closes) sql(this.db, 'UPDATE incidents SET ended_at = ? WHERE series = ? AND ended_at IS NULL').run(row.at, id);
      if (opens) sql(this.db, 'INSERT INTO incidents (series, started_at, kind, message, hint) VALUES (?, ?, ?, ?, ?)').run(id, row.at, opens.kind ?? null, opens.message ?? null, opens.hint ?? null);
      written.set(series, { id, until: Math.max(until ?? row.at, row.at) });
    }
    for (const [bucket, [id, level]] of touched) this.rollups.write(id, level, bucket);
    for (const [series, { id }] of written) sql(this.db, 'UPDATE series SET state = ?, since = ?, last_at = ? WHERE id = ?').run(series.state, series.since, written.get(series)!.until, id);
    return written;
  }

  private insertSeries({ environment, database, endpoint }: SeriesKey): number {
    sql(this.db, 'INSERT OR IGNORE INTO series (environment, database, endpoint) VALUES (?, ?, ?)').run(environment, database, endpoint);
    return scalar(this.db, 'SELECT id FROM series WHERE environment = ? AND database = ? AND endpoint = ?', environment, database, endpoint) as number;
  }

  /** The series in memory, loaded from disk the first time (a fresh one if it is not there or cannot be read). */
  private entry(raw: SeriesKey): SeriesEntry {
    const asked = `${raw.environment}\n${raw.database}\n${raw.endpoint}`;
    const known = this.seriesAsAsked.get(asked);
    if (known) return known;
    const series = this.loadEntry(raw);
    this.seriesAsAsked.set(asked, series);
    return series;
  }

  private loadEntry(raw: SeriesKey): SeriesEntry {
    const key: SeriesKey = { environment: raw.environment, database: raw.database, endpoint: publicTarget(raw.endpoint) };
    const name = JSON.stringify([key.environment, key.database, key.endpoint]);
    let series = this.series.get(name);
    if (series) return series;
    series = { key, id: null, durableUntil: null, state: null, since: null, incidentOpen: false };
    try {
      const row = sql(
        this.db,
        `SELECT id, state, since, last_at, EXISTS (SELECT 1 FROM incidents WHERE series = series.id AND ended_at IS NULL)
         FROM series WHERE environment = ? AND database = ? AND endpoint = ?`,
      )
        .raw()
        .get(key.environment, key.database, key.endpoint) as [number, RecordedState | null, number | null, number | null, number] | undefined;
      if (row) Object.assign(series, { id: row[0], state: row[1], since: row[2], durableUntil: row[3], incidentOpen: row[4] === 1 });
    } catch (error) {
      this.writeFailed(error);
    }
    this.series.set(name, series);
    return series;
  }

  private writeFailed(error: unknown): void {
    if (isCorruption(error)) return this.startAfresh(error);
    if (this.failing) return;
    this.failing = true;
    this.options.logger?.warn(
      { ...NOTICE, historyFile: this.options.file, code: (error as { code?: string }).code ?? 'unknown', reason: (error as Error).message },
      `History could not be written; checks go on, and up to ${this.maxQueued} are kept in memory until writing works again (older ones are dropped). Check free space and permissions of the data folder.`,
    );
  }

  /** The file went bad while open: it is moved aside and a fresh one started; the series' ids point nowhere now. */
  private startAfresh(problem: unknown): void {
    try {
      this.db.close();
    } catch {
      // Already unusable.
    }
    const opened: OpenedDatabase = this.onDisk ? replaceCorrupt(this.options.file, this.options.logger, problem) : openDatabase(':memory:', this.options.logger);
    ({ db: this.db, onDisk: this.onDisk } = opened);
    this.rollups = new Rollups(this.db);
    this.last = undefined;
    for (const series of this.series.values()) Object.assign(series, { id: null, durableUntil: null, incidentOpen: false });
  }
}

/**
 * BEGIN … COMMIT by hand: on SQLITE_FULL SQLite has already rolled back, and libsql's transaction() would then
 * throw "cannot rollback - no transaction is active" instead of the error that says what happened.
 */
function inTransaction<T>(db: Db, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    try {
      db.exec('ROLLBACK');
    } catch {
      // Already rolled back by SQLite.
    }
    throw error;
  }
}
