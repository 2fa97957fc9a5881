/**
 * A HistoryView as the latency chart draws it: pure, so gaps, failures and the words for them are
 * unit-tested without a DOM. Nothing checked for longer than the expected spacing is a gap: a null
 * is inserted there so the line breaks instead of bridging it.
 */
import type { ChartRange, HistoryPoint, HistoryView } from '../../src-main/common/history.js';
import { formatLatency } from './format.js';

export interface ChartData {
  /** Seconds since the epoch (uPlot's time unit), oldest first. */
  xs: number[];
  /** Average latency of the answered checks; null where none answered or nothing was checked. */
  latency: (number | null)[];
  /** The point behind each x; null for an inserted gap. */
  points: (HistoryPoint | null)[];
  /** Indexes (into xs) of points with at least one failed check. */
  failed: number[];
  gaps: number;
}

/** More than this many expected steps between two points means nothing was checked in between. */
const GAP_FACTOR = 1.5;

/** Expected seconds between points: a bucket's length, or for raw checks their usual (median) spacing. */
export function expectedSpacingSec(view: Pick<HistoryView, 'stepSec' | 'points'>): number | null {
  if (view.stepSec > 0) return view.stepSec;
  const diffs: number[] = [];
  for (let i = 1; i < view.points.length; i++) diffs.push((Date.parse(view.points[i]!.at) - Date.parse(view.points[i - 1]!.at)) / 1000);
  if (diffs.length === 0) return null;
  diffs.sort((a, b) => a - b);
  // The lower median: with few points, one long pause must not become the expected spacing.
  return diffs[Math.floor((diffs.length - 1) / 2)]!;
}

export function chartData(view: Pick<HistoryView, 'stepSec' | 'points'>): ChartData {
  const spacing = expectedSpacingSec(view);
  const data: ChartData = { xs: [], latency: [], points: [], failed: [], gaps: 0 };
  let previous: number | null = null;
  for (const point of view.points) {
    const x = Date.parse(point.at) / 1000;
    if (previous !== null && spacing !== null && x - previous > GAP_FACTOR * spacing) {
      data.xs.push(previous + spacing);
      data.latency.push(null);
      data.points.push(null);
      data.gaps++;
    }
    if (point.failed > 0) data.failed.push(data.xs.length);
    data.xs.push(x);
    data.latency.push(point.latencyMs);
    data.points.push(point);
    previous = x;
  }
  return data;
}

export const RANGE_WORDS: Record<ChartRange, { button: string; span: string }> = {
  '1h': { button: '1 h', span: 'the last hour' },
  '24h': { button: '24 h', span: 'the last 24 hours' },
  '7d': { button: '7 d', span: 'the last 7 days' },
};

/** The chart's text alternative: what a glance at it tells. */
export function chartSummary(view: Pick<HistoryView, 'range' | 'stepSec' | 'points'>, data: ChartData): string {
  const checks = view.points.reduce((n, p) => n + p.checks, 0);
  const span = RANGE_WORDS[view.range].span;
  if (checks === 0) return `No checks in ${span}.`;
  const failed = view.points.reduce((n, p) => n + p.failed, 0);
  const latencies = view.points.map((p) => p.latencyMs).filter((v): v is number => v !== null);
  const spread = latencies.length ? `${formatLatency(Math.min(...latencies))} to ${formatLatency(Math.max(...latencies))}` : 'no answers';
  const gaps = data.gaps === 0 ? '' : `; ${data.gaps} ${data.gaps === 1 ? 'gap' : 'gaps'} with no checks`;
  return `Latency over ${span}: ${checks} ${checks === 1 ? 'check' : 'checks'}, ${spread}; ${failed === 0 ? 'none' : failed} failed${gaps}.`;
}

type Clock = (iso: string) => string;

/** The time of a point as the range needs it: seconds for raw checks, the day for a week. */
export function pointClock(range: ChartRange): Clock {
  const options: Intl.DateTimeFormatOptions =
    range === '1h' ? { hour: '2-digit', minute: '2-digit', second: '2-digit' } : range === '24h' ? { hour: '2-digit', minute: '2-digit' } : { weekday: 'short', hour: '2-digit', minute: '2-digit' };
  return (iso) => new Date(iso).toLocaleString([], options);
}

/** Labels of the time axis (seconds in): clock times, and for a week the date at midnight. */
export function axisLabels(range: ChartRange): (seconds: number) => string {
  const time = new Intl.DateTimeFormat([], { timeStyle: 'short' });
  const date = new Intl.DateTimeFormat([], { day: 'numeric', month: 'short' });
  return (seconds) => {
    const d = new Date(seconds * 1000);
    return range === '7d' && d.getHours() === 0 && d.getMinutes() === 0 ? date.format(d) : time.format(d);
  };
}

/** "14:02:30 — 23 ms", "14:03:00 — failed (refused)", "14:00 — avg 23 ms; 2 of 60 failed". */
export function pointText(point: HistoryPoint, stepSec: number, clock: Clock): string {
  const time = clock(point.at);
  if (stepSec === 0) {
    if (point.failed > 0) return `${time} — failed${point.kind ? ` (${point.kind.replaceAll('_', ' ')})` : ''}`;
    return `${time} — ${formatLatency(point.latencyMs)}${point.degraded > 0 ? ' (slow)' : ''}`;
  }
  const latency = point.latencyMs === null ? 'no answer' : `avg ${formatLatency(point.latencyMs)}`;
  const failed = point.failed > 0 ? `; ${point.failed} of ${point.checks} failed` : `; ${point.checks} ${point.checks === 1 ? 'check' : 'checks'}`;
  return `${time} — ${latency}${failed}`;
}
