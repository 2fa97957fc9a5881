/**
 * Chart data for the status window's E2E run, with literal times: each range over its own span ending
 * at CHECKED_AT, with a stretch where nothing was checked and failures where a database was failing.
 */
import type { HistoryPoint, HistoryRequest, HistoryView } from '../../../src-main/common/history.js';
import { CHECKED_AT } from './scriptedCore.js';

const END = Date.parse(CHECKED_AT);
const iso = (ms: number) => new Date(ms).toISOString();

/** Last hour, raw checks every 30 s; nothing checked from 11:20:00 to 11:29:30 (the monitor was not running). */
export const HOUR_GAP = { from: '2026-01-01T11:20:00.000Z', to: '2026-01-01T11:30:00.000Z' };
/** Last 24 h, per-minute buckets; nothing checked from 02:00 to 04:00; every check failed from 07:10 to 07:14. */
export const DAY_GAP = { from: '2026-01-01T02:00:00.000Z', to: '2026-01-01T04:00:00.000Z' };
export const DAY_FAILURES = ['2026-01-01T07:10:00.000Z', '2026-01-01T07:11:00.000Z', '2026-01-01T07:12:00.000Z', '2026-01-01T07:13:00.000Z', '2026-01-01T07:14:00.000Z'];
/** A failing database went down at 11:57: its last three minute buckets failed, and its raw checks after 11:59:00. */
const FAILING_FROM = Date.parse('2026-01-01T11:57:00.000Z');

function inGap(t: number, gap: { from: string; to: string }): boolean {
  return t >= Date.parse(gap.from) && t < Date.parse(gap.to);
}

function hour(failing: boolean): Pick<HistoryView, 'stepSec' | 'points' | 'from'> {
  const points: HistoryPoint[] = [];
  for (let t = END - 3_600_000 + 30_000, i = 0; t <= END; t += 30_000, i++) {
    if (inGap(t, HOUR_GAP)) continue;
    const failed = failing && t > FAILING_FROM + 120_000;
    points.push(
      failed
        ? { at: iso(t), checks: 1, failed: 1, degraded: 0, latencyMs: null, kind: 'refused', state: 'down' }
        : { at: iso(t), checks: 1, failed: 0, degraded: 0, latencyMs: 20 + (i % 5), state: 'healthy' },
    );
  }
  return { stepSec: 0, points, from: iso(END - 3_600_000) };
}

function day(failing: boolean): Pick<HistoryView, 'stepSec' | 'points' | 'from'> {
  const points: HistoryPoint[] = [];
  const from = END - 86_400_000;
  for (let t = from, i = 0; t < END; t += 60_000, i++) {
    if (inGap(t, DAY_GAP)) continue;
    const failed = DAY_FAILURES.includes(iso(t)) || (failing && t >= FAILING_FROM);
    points.push(
      failed
        ? { at: iso(t), checks: 2, failed: 2, degraded: 0, latencyMs: null, kind: 'refused' }
        : { at: iso(t), checks: 2, failed: 0, degraded: 0, latencyMs: 18 + (i % 30) / 3 },
    );
  }
  return { stepSec: 60, points, from: iso(from) };
}

function week(failing: boolean): Pick<HistoryView, 'stepSec' | 'points' | 'from'> {
  const points: HistoryPoint[] = [];
  const from = END - 7 * 86_400_000;
  for (let t = from, i = 0; t < END; t += 3_600_000, i++) {
    const failed = failing && t >= END - 3_600_000 ? 3 : 0;
    points.push({ at: iso(t), checks: 120, failed, degraded: 0, latencyMs: 20 + (i % 24) / 2, ...(failed ? { kind: 'refused' as const } : {}) });
  }
  return { stepSec: 3600, points, from: iso(from) };
}

/** What the durable store would answer for this request; `failing` = the database is failing now. */
export function scriptedHistory(request: HistoryRequest, failing: boolean): HistoryView {
  const range = request.range ?? '1h';
  const series = { '1h': hour, '24h': day, '7d': week }[range](failing);
  return {
    environment: request.environment,
    database: request.database,
    endpoint: 'bolt://db.example.com:7687',
    range,
    to: CHECKED_AT,
    ...series,
    uptime: [
      { window: '24h', ratio: failing ? 0.9931 : 1, checks: 2_760 },
      { window: '7d', ratio: failing ? 0.999 : 1, checks: 20_160 },
      { window: '30d', ratio: failing ? 0.9997 : 1, checks: 86_400 },
      { window: '365d', ratio: null, checks: 0 },
    ],
    recoveredRetries: 0,
  };
}
