/** History views for test doubles of the core. */
import { UPTIME_WINDOWS, type HistoryView } from '../../src-main/common/history.js';

/** What the core answers for a database with no recorded checks, over the default range (the last hour before `now`). */
export function emptyHistoryView(environment: string, database: string, now = Date.parse('2026-01-01T00:00:00.000Z')): HistoryView {
  return {
    environment,
    database,
    endpoint: null,
    range: '1h',
    from: new Date(now - 3_600_000).toISOString(),
    to: new Date(now).toISOString(),
    stepSec: 0,
    points: [],
    uptime: UPTIME_WINDOWS.map((window) => ({ window, ratio: null, checks: 0 })),
    recoveredRetries: 0,
  };
}
