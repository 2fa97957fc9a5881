/**
 * Reads for the diagnostics report: the newest state changes across every series (a check whose state
 * differs from the one before it in its series) and each series' newest check. Bounded: per series only the
 * newest SCAN_PER_SERIES raw checks are looked at, so a year of 1 s checks costs the same as a day.
 */
import type { FailureKind } from '../../common/schemas.js';
import type { Db } from './openDatabase.js';
import { sql } from './statements.js';
import { stateOfCode, type RecordedState } from './states.js';

/** About 14 h of 1 s checks, or 7 days (the raw retention) of 30 s checks. */
export const SCAN_PER_SERIES = 50_000;

export interface RecordedStateChange {
  environment: string;
  database: string;
  endpoint: string;
  at: string;
  from: RecordedState;
  to: RecordedState;
  kind?: FailureKind;
}

export interface RecordedCheck {
  at: string;
  state: RecordedState;
  latencyMs: number | null;
  kind?: FailureKind;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Newest first across the series of `environments` (all when omitted), at most `limit`. */
export function recentStateChanges(db: Db, limit: number, environments?: readonly string[]): RecordedStateChange[] {
  const all = sql(db, 'SELECT id, environment, database, endpoint FROM series').raw().all() as Array<[number, string, string, string]>;
  const series = environments ? all.filter(([, environment]) => environments.includes(environment)) : all;
  const changes: Array<RecordedStateChange & { ms: number }> = [];
  for (const [id, environment, database, endpoint] of series) {
    const rows = sql(
      db,
      `SELECT at, prev, state, kind FROM (
         SELECT at, state, kind, LAG(state) OVER (ORDER BY at) AS prev
         FROM (SELECT at, state, kind FROM checks WHERE series = ? ORDER BY at DESC LIMIT ?))
       WHERE prev IS NOT NULL AND prev != state ORDER BY at DESC LIMIT ?`,
    )
      .raw()
      .all(id, SCAN_PER_SERIES, limit) as Array<[number, number, number, FailureKind | null]>;
    for (const [at, prev, state, kind] of rows) {
      changes.push({ ms: at, environment, database, endpoint, at: iso(at), from: stateOfCode(prev), to: stateOfCode(state), ...(kind ? { kind } : {}) });
    }
  }
  // Newest first; equal times in a fixed order, so the report is the same each time.
  changes.sort((a, b) => b.ms - a.ms || a.environment.localeCompare(b.environment) || a.database.localeCompare(b.database) || a.endpoint.localeCompare(b.endpoint));
  return changes.slice(0, limit).map(({ ms: _ms, ...change }) => change);
}

export function lastCheckOf(db: Db, series: number): RecordedCheck | null {
  const row = sql(db, 'SELECT at, state, latency, kind FROM checks WHERE series = ? ORDER BY at DESC LIMIT 1').raw().get(series) as
    | [number, number, number | null, FailureKind | null]
    | undefined;
  if (!row) return null;
  const [at, state, latencyMs, kind] = row;
  return { at: iso(at), state: stateOfCode(state), latencyMs, ...(kind ? { kind } : {}) };
}
