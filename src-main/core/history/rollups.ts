/**
 * Per-minute and per-hour aggregates (as Uptime Kuma 2's aggregate tables), kept up to date as checks
 * are written: the open bucket of each series is held in memory and its row rewritten at every flush.
 * A bucket that already has rows on disk (after a restart, or a failed flush) is first rebuilt from them.
 */
import type { FailureKind } from '../../common/schemas.js';
import { percentile } from '../monitor/History.js';
import type { Db } from './openDatabase.js';
import { scalar, sql } from './statements.js';
import { isAnswered, stateOfCode, type RecordedState } from './states.js';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const LEVELS = [
  { table: 'minutes', ms: MINUTE_MS },
  { table: 'hours', ms: HOUR_MS },
] as const;
export type Level = (typeof LEVELS)[number];

export interface CheckRow {
  at: number;
  state: RecordedState;
  latencyMs: number | null;
  kind?: FailureKind | undefined;
  recovered: boolean;
  /** Recorded, not counted for uptime (see ./uptimeExclusion.ts). */
  excluded: boolean;
}

export class Bucket {
  checks = 0;
  up = 0;
  degraded = 0;
  failed = 0;
  recovered = 0;
  excluded = 0;
  kind: string | null = null;
  private readonly latencies: number[] = [];

  constructor(readonly start: number) {}

  add(check: Pick<CheckRow, 'state' | 'latencyMs' | 'kind' | 'recovered' | 'excluded'>): void {
    this.checks++;
    if (check.recovered) this.recovered++;
    if (check.excluded) {
      this.excluded++;
      return;
    }
    if (check.state === 'healthy' || check.state === 'recovering') this.up++;
    else if (check.state === 'degraded') this.degraded++;
    else {
      this.failed++;
      if (check.kind) this.kind = check.kind;
    }
    if (isAnswered(check.state) && check.latencyMs !== null) this.latencies.push(check.latencyMs);
  }

  /** The row's values after `series, bucket`. */
  row(): [number, number, number, number, number, number | null, number | null, number | null, string | null, number] {
    const lat = this.latencies;
    const sorted = lat.length > 1 ? [...lat].sort((a, b) => a - b) : lat;
    const avg = lat.length ? Math.round((lat.reduce((a, b) => a + b, 0) / lat.length) * 100) / 100 : null;
    return [this.checks, this.up, this.degraded, this.failed, this.recovered, sorted[0] ?? null, avg, percentile(sorted, 95), this.kind, this.excluded];
  }
}

/** The open buckets of every series at both levels. */
export class Rollups {
  private readonly open = new Map<string, Bucket>();

  constructor(private readonly db: Db) {}

  /**
   * Adds a check to its minute and hour; returns the buckets touched. `durableUntil` is the series' last
   * check on disk: a bucket starting after it has nothing on disk to rebuild from.
   */
  add(series: number, check: CheckRow, durableUntil: number | null): Array<[Level, Bucket]> {
    return LEVELS.map((level) => {
      const start = Math.floor(check.at / level.ms) * level.ms;
      const key = `${series}:${level.table}`;
      let bucket = this.open.get(key);
      if (bucket?.start !== start) {
        bucket = durableUntil !== null && durableUntil >= start ? this.rebuild(series, level, start) : new Bucket(start);
        this.open.set(key, bucket);
      }
      bucket.add(check);
      return [level, bucket];
    });
  }

  write(series: number, level: Level, bucket: Bucket): void {
    sql(
      this.db,
      `INSERT OR REPLACE INTO ${level.table} (series, bucket, checks, up, degraded, failed, recovered, lat_min, lat_avg, lat_p95, kind, excluded) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
    ).run(series, bucket.start, ...bucket.row());
  }

  /** Forgets every open bucket (a flush failed: the disk is the truth again). */
  reset(): void {
    this.open.clear();
  }

  private rebuild(series: number, level: Level, start: number): Bucket {
    const bucket = new Bucket(start);
    const rows = sql(this.db, 'SELECT state, latency, kind, excluded FROM checks WHERE series = ? AND at >= ? AND at < ?').raw().all(series, start, start + level.ms) as Array<[number, number | null, FailureKind | null, number]>;
    for (const [code, latencyMs, kind, excluded] of rows) bucket.add({ state: stateOfCode(code), latencyMs, kind: kind ?? undefined, recovered: false, excluded: excluded === 1 });
    // Recovered retries are not in the raw rows: they come from the row being rebuilt.
    const recovered = scalar(this.db, `SELECT recovered FROM ${level.table} WHERE series = ? AND bucket = ?`, series, start) as number | undefined;
    bucket.recovered = recovered ?? 0;
    return bucket;
  }
}
