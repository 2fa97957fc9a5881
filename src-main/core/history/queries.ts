/** Reads: chart series, uptime from the aggregates only, and incidents. Every read is bounded. */
import { UPTIME_WINDOWS, type ChartRange, type HistoryPoint, type Uptime, type UptimeWindow } from '../../common/history.js';
import { mergeIntervals, type Interval } from '../../common/maintenance.js';
import type { FailureKind, Incident } from '../../common/schemas.js';
import type { Db } from './openDatabase.js';
import { HOUR_MS, MINUTE_MS } from './rollups.js';
import { sql } from './statements.js';
import { isAnswered, stateOfCode } from './states.js';

const DAY_MS = 86_400_000;
export const RANGE_MS: Record<ChartRange, number> = { '1h': HOUR_MS, '24h': DAY_MS, '7d': 7 * DAY_MS };
/** Raw checks for 1 h, minutes for 24 h, hours for 7 d. */
const RANGE_TABLE: Record<ChartRange, { table: 'checks' | 'minutes' | 'hours'; stepSec: number }> = {
  '1h': { table: 'checks', stepSec: 0 },
  '24h': { table: 'minutes', stepSec: 60 },
  '7d': { table: 'hours', stepSec: 3600 },
};
export function stepOf(range: ChartRange): number {
  return RANGE_TABLE[range].stepSec;
}
export const WINDOW_MS: Record<UptimeWindow, number> = { '24h': DAY_MS, '7d': 7 * DAY_MS, '30d': 30 * DAY_MS, '365d': 365 * DAY_MS };
/** A 1 s interval gives 3,600 raw points an hour: more than that is never drawn. */
const MAX_POINTS = 10_000;

const iso = (ms: number) => new Date(ms).toISOString();

export function chartPoints(db: Db, series: number, range: ChartRange, from: number, to: number): { stepSec: number; points: HistoryPoint[] } {
  const { table, stepSec } = RANGE_TABLE[range];
  if (table === 'checks') {
    const rows = sql(db, 'SELECT at, state, latency, kind FROM checks WHERE series = ? AND at > ? AND at <= ? ORDER BY at DESC LIMIT ?')
      .raw()
      .all(series, from, to, MAX_POINTS) as Array<[number, number, number | null, FailureKind | null]>;
    const points = rows.reverse().map(([at, code, latency, kind]): HistoryPoint => {
      const state = stateOfCode(code);
      const answered = isAnswered(state);
      return {
        at: iso(at),
        checks: 1,
        failed: answered ? 0 : 1,
        degraded: state === 'degraded' ? 1 : 0,
        latencyMs: answered ? latency : null,
        state,
        ...(kind && !answered ? { kind } : {}),
      };
    });
    return { stepSec, points };
  }
  const rows = sql(db, `SELECT bucket, checks, failed, degraded, lat_avg, kind FROM ${table} WHERE series = ? AND bucket > ? AND bucket <= ? ORDER BY bucket LIMIT ?`)
    .raw()
    .all(series, from - stepSec * 1000, to, MAX_POINTS) as Array<[number, number, number, number, number | null, FailureKind | null]>;
  const points = rows.map(([at, checks, failed, degraded, latencyMs, kind]): HistoryPoint => ({
    at: iso(at),
    checks,
    failed,
    degraded,
    latencyMs,
    ...(kind && failed > 0 ? { kind } : {}),
  }));
  return { stepSec, points };
}

interface Sums {
  checks: number;
  answered: number;
  recovered: number;
}

/** Sums of the aggregate rows whose bucket starts in [from, to); `checks` leaves out those excluded from uptime. */
function sums(db: Db, table: 'minutes' | 'hours', series: number, from: number, to: number): Sums {
  const [checks, answered, recovered] = sql(db, `SELECT total(checks - excluded), total(up + degraded), total(recovered) FROM ${table} WHERE series = ? AND bucket >= ? AND bucket < ?`)
    .raw()
    .get(series, from, to) as [number, number, number];
  return { checks, answered, recovered };
}

/** Whole hours from the hourly rows, the partial hours at both ends from the minute rows: exact to the minute, fast for a year. */
export function aggregateSums(db: Db, series: number, from: number, to: number): Sums {
  const firstHour = Math.ceil(from / HOUR_MS) * HOUR_MS;
  const lastHour = Math.floor(to / HOUR_MS) * HOUR_MS;
  const start = Math.ceil(from / MINUTE_MS) * MINUTE_MS;
  if (firstHour >= lastHour) return sums(db, 'minutes', series, start, to + 1);
  const parts = [sums(db, 'minutes', series, start, firstHour), sums(db, 'hours', series, firstHour, lastHour), sums(db, 'minutes', series, lastHour, to + 1)];
  return parts.reduce((a, b) => ({ checks: a.checks + b.checks, answered: a.answered + b.answered, recovered: a.recovered + b.recovered }));
}

/**
 * The time uptime leaves out within [from, to): maintenance windows (and any other reason, e.g. the machine
 * being offline, composed by the caller with mergeIntervals). Asked per uptime window; none by default.
 */
export type Exclusions = (from: number, to: number) => readonly Interval[];
export const NO_EXCLUSIONS: Exclusions = () => [];

/**
 * The aggregate sums inside the excluded intervals, to the minute: a minute counts as excluded when it starts
 * inside one (the aggregates hold no finer time). Intervals are merged first, so none is subtracted twice.
 */
export function excludedSums(db: Db, series: number, from: number, to: number, exclude: Exclusions): Sums {
  const ceilMinute = (t: number) => Math.ceil(t / MINUTE_MS) * MINUTE_MS;
  const total: Sums = { checks: 0, answered: 0, recovered: 0 };
  for (const [s, e] of mergeIntervals(exclude(from, to + 1))) {
    const start = Math.max(ceilMinute(s), ceilMinute(from));
    const end = Math.min(ceilMinute(e), to + 1);
    if (start >= end) continue;
    const part = aggregateSums(db, series, start, end - 1);
    total.checks += part.checks;
    total.answered += part.answered;
    total.recovered += part.recovered;
  }
  return total;
}

export function uptimeOf(db: Db | null, series: number | null, now: number, exclude: Exclusions = NO_EXCLUSIONS): Uptime[] {
  return UPTIME_WINDOWS.map((window) => {
    if (db === null || series === null) return { window, ratio: null, checks: 0 };
    const from = now - WINDOW_MS[window];
    const all = aggregateSums(db, series, from, now);
    const left = excludedSums(db, series, from, now, exclude);
    const checks = all.checks - left.checks;
    return { window, ratio: checks > 0 ? (all.answered - left.answered) / checks : null, checks };
  });
}

export interface IncidentFilter {
  environment?: string | undefined;
  database?: string | undefined;
  since?: number | undefined;
  limit: number;
}

type IncidentRow = [number, string, string, string, number, number | null, FailureKind | null, string | null, string | null];

export function incidentsOf(db: Db, filter: IncidentFilter): Incident[] {
  const conditions: Array<[string, unknown]> = [];
  if (filter.environment !== undefined) conditions.push(['s.environment = ?', filter.environment]);
  if (filter.database !== undefined) conditions.push(['s.database = ?', filter.database]);
  // Still open at `since`, or started after it (which then also ended after it, if it ended).
  if (filter.since !== undefined) conditions.push(['(i.ended_at IS NULL OR i.ended_at >= ?)', filter.since]);
  const where = conditions.map(([c]) => c);
  const params = conditions.map(([, p]) => p);
  const rows = sql(
    db,
    `SELECT i.id, s.environment, s.database, s.endpoint, i.started_at, i.ended_at, i.kind, i.message, i.hint
     FROM incidents i JOIN series s ON s.id = i.series ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY i.started_at DESC, i.id DESC LIMIT ?`,
  )
    .raw()
    .all(...params, filter.limit) as IncidentRow[];
  return rows.map(toIncident);
}

function toIncident([id, environment, database, endpoint, startedAt, endedAt, kind, message, hint]: IncidentRow): Incident {
  return {
    id,
    environment,
    database,
    endpoint,
    startedAt: iso(startedAt),
    endedAt: endedAt === null ? null : iso(endedAt),
    durationMs: endedAt === null ? null : endedAt - startedAt,
    ...(kind ? { kind } : {}),
    ...(message ? { message } : {}),
    ...(hint ? { hint } : {}),
  };
}
