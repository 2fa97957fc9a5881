/**
 * Deletes what is older than its retention in small batches (one statement per batch, each its own short
 * transaction), so a year of backlog never becomes one huge delete that holds the writer; freed pages go
 * back to the file system (auto_vacuum = INCREMENTAL).
 */
import type { Db } from './openDatabase.js';
import { sql } from './statements.js';

const DAY_MS = 86_400_000;
export const DEFAULT_RAW_RETENTION_DAYS = 7;
export const DEFAULT_AGGREGATE_RETENTION_DAYS = 400;
export const RETENTION_BATCH = 1_000;
/** Pages handed back to the file system per batch (4 KiB each). */
const VACUUM_PAGES = 250;

export interface Retention {
  rawDays: number;
  aggregateDays: number;
}

/** One table of one series, rows older than a cutoff. */
const TARGETS = [
  { table: 'checks', key: 'rowid', time: 'at', days: 'rawDays' },
  { table: 'minutes', key: 'bucket', time: 'bucket', days: 'aggregateDays' },
  { table: 'hours', key: 'bucket', time: 'bucket', days: 'aggregateDays' },
] as const;

/**
 * Deletes at most RETENTION_BATCH rows; returns how many were deleted (0 = nothing left to do).
 * Callers repeat it, yielding between batches, until it returns 0.
 */
export function retentionBatch(db: Db, retention: Retention, now: number): number {
  const seriesIds = sql(db, 'SELECT id FROM series').pluck().all() as number[];
  for (const target of TARGETS) {
    const cutoff = now - retention[target.days] * DAY_MS;
    for (const series of seriesIds) {
      const { changes } = sql(
        db,
        `DELETE FROM ${target.table} WHERE series = ? AND ${target.key} IN
         (SELECT ${target.key} FROM ${target.table} WHERE series = ? AND ${target.time} < ? ORDER BY ${target.time} LIMIT ${RETENTION_BATCH})`,
      ).run(series, series, cutoff);
      if (changes > 0) return vacuumed(db, changes);
    }
  }
  const cutoff = now - retention.aggregateDays * DAY_MS;
  const { changes } = sql(
    db,
    `DELETE FROM incidents WHERE id IN (SELECT id FROM incidents WHERE ended_at IS NOT NULL AND ended_at < ? LIMIT ${RETENTION_BATCH})`,
  ).run(cutoff);
  return changes > 0 ? vacuumed(db, changes) : 0;
}

function vacuumed(db: Db, changes: number): number {
  // exec steps the pragma to its end (each step frees one page).
  db.exec(`PRAGMA incremental_vacuum(${VACUUM_PAGES})`);
  return changes;
}
