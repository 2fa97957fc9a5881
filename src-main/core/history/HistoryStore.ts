/**
 * The durable record of every check, in `history.sqlite` in the data folder (see ./README of the issue:
 * raw checks, per-minute and per-hour aggregates, incidents). The core records; hosts only read through
 * the MonitorCore (getHistory, getIncidents) or the CLI. Queries are synchronous and bounded.
 */
import type { ChartRange, HistoryView, Incident, IncidentsRequest, Uptime } from '../../common/history.js';
import type { Exclusions } from './queries.js';
import type { DatabaseId, DatabaseState, EnvironmentId, ProbeResult } from '../../common/schemas.js';
import type { CheckContext } from './uptimeExclusion.js';

/** An endpoint identity: a series. `endpoint` is the public form (publicTarget), never a secret. */
export interface SeriesKey {
  environment: EnvironmentId;
  database: DatabaseId;
  endpoint: string;
}

export interface HistoryStore {
  /**
   * Queues one finished check (retries included; the monitor's state, not the probe's). Returns at once and
   * never throws: writes are batched into one transaction at least once a second. Also opens an incident on
   * a change to down, closes it on recovery, and counts a retry that recovered without going down.
   * A check excluded from uptime (see ./uptimeExclusion.ts) is kept but not counted, and opens no incident.
   */
  record(series: SeriesKey, result: ProbeResult, context?: CheckContext): void;
  /** The series' current state and since when it has held, from the record (survives restarts); null if never checked. */
  stateSince(series: SeriesKey): { state: DatabaseState; since: string } | null;
  /** Chart series for the range ending `now` (raw for 1h, per minute for 24h, per hour for 7d) with uptime and recovered retries. */
  history(series: SeriesKey, range: ChartRange, now?: number, exclude?: Exclusions): Omit<HistoryView, 'environment' | 'database' | 'endpoint'>;
  /** Uptime over each window, from the aggregates only, leaving out the `exclude`d time (maintenance). */
  uptime(series: SeriesKey, now?: number, exclude?: Exclusions): Uptime[];
  /** Newest first; default limit 50. */
  incidents(request?: IncidentsRequest): Incident[];
  /** The newest incident of any series (open or closed), or null. */
  lastIncident(): Incident | null;
  /** Writes what is queued now (called by close and by tests). */
  flush(): void;
  /** Flushes and closes the file; idempotent. */
  close(): void;
}
