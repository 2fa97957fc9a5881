import { describe, expect, it } from 'vitest';
import type { HistoryPoint } from '../../../src-main/common/history.js';
import { chartData, chartSummary, expectedSpacingSec, pointText } from '../../../src-renderer/lib/chartData.js';
import { stateDuration, uptimeText } from '../../../src-renderer/lib/format.js';

const raw = (at: string, latencyMs: number | null, extra: Partial<HistoryPoint> = {}): HistoryPoint => ({
  at,
  checks: 1,
  failed: latencyMs === null ? 1 : 0,
  degraded: 0,
  latencyMs,
  ...extra,
});
/** A test clock that prints the UTC time as written in the ISO string, so expectations are literal. */
const utc = (iso: string) => iso.slice(11, 19);

describe('durations in words', () => {
  it('says which state and for how long', () => {
    expect(stateDuration('down', '2026-01-01T11:48:00.000Z', Date.parse('2026-01-01T12:00:00.000Z'))).toEqual({ word: 'Down for', duration: '12 min' });
    expect(stateDuration('healthy', '2025-12-29T09:00:00.000Z', Date.parse('2026-01-01T12:00:00.000Z'))).toEqual({ word: 'Healthy for', duration: '3 d' });
    expect(stateDuration('degraded', '2026-01-01T11:59:30.000Z', Date.parse('2026-01-01T12:00:00.000Z'))).toEqual({ word: 'Slow for', duration: '30 s' });
  });
});

describe('uptime text', () => {
  it('is a percentage, or "—" with the reason when nothing was checked in the period', () => {
    expect(uptimeText({ window: '24h', ratio: 0.995, checks: 2_880 })).toEqual({ value: '99.50 %' });
    expect(uptimeText({ window: '7d', ratio: 1, checks: 20_160 })).toEqual({ value: '100 %' });
    expect(uptimeText({ window: '30d', ratio: 0.9, checks: 10 })).toEqual({ value: '90.0 %' });
    expect(uptimeText({ window: '30d', ratio: 0, checks: 10 })).toEqual({ value: '0.0 %' });
    expect(uptimeText({ window: '7d', ratio: null, checks: 0 })).toEqual({ value: '—', reason: 'no checks in this period' });
    expect(uptimeText(undefined)).toEqual({ value: '—', reason: 'not loaded yet' });
  });
});

describe('chart data: gaps stay gaps', () => {
  it('inserts a null where raw checks are further apart than 1.5 × their usual spacing, and nowhere else', () => {
    const points = [
      raw('2026-01-01T12:00:00.000Z', 10),
      raw('2026-01-01T12:00:30.000Z', 11),
      raw('2026-01-01T12:01:00.000Z', 12),
      // 12:01:30 … 12:04:30 missing: the monitor was not running
      raw('2026-01-01T12:05:00.000Z', 13),
      raw('2026-01-01T12:05:31.000Z', 14), // a late check is not a gap
      raw('2026-01-01T12:06:00.000Z', null, { kind: 'refused', state: 'down' }),
    ];
    expect(expectedSpacingSec({ stepSec: 0, points })).toBe(30);
    const data = chartData({ stepSec: 0, points });
    const t = (iso: string) => Date.parse(iso) / 1000;
    expect(data.xs).toEqual([
      t('2026-01-01T12:00:00Z'),
      t('2026-01-01T12:00:30Z'),
      t('2026-01-01T12:01:00Z'),
      t('2026-01-01T12:01:30Z'),
      t('2026-01-01T12:05:00Z'),
      t('2026-01-01T12:05:31Z'),
      t('2026-01-01T12:06:00Z'),
    ]);
    expect(data.latency).toEqual([10, 11, 12, null, 13, 14, null]);
    expect(data.points[3]).toBeNull();
    expect(data.gaps).toBe(1);
    // A failed check is marked, not a gap: its x is kept and listed among the failures.
    expect(data.failed).toEqual([6]);
  });

  it('uses the bucket length for per-minute and per-hour views: a missing bucket is a gap', () => {
    const bucket = (at: string, latencyMs: number | null, failed = 0): HistoryPoint => ({ at, checks: 60, failed, degraded: 0, latencyMs });
    const points = [bucket('2026-01-01T10:00:00.000Z', 20), bucket('2026-01-01T11:00:00.000Z', 21, 3), bucket('2026-01-01T14:00:00.000Z', 22)];
    const data = chartData({ stepSec: 3600, points });
    expect(data.latency).toEqual([20, 21, null, 22]);
    expect(data.xs[2]).toBe(Date.parse('2026-01-01T12:00:00.000Z') / 1000);
    expect(data.failed).toEqual([1]);
    expect(chartData({ stepSec: 60, points: [bucket('2026-01-01T10:00:00.000Z', 1), bucket('2026-01-01T10:01:00.000Z', 2)] }).gaps).toBe(0);
  });

  it('has no gap with fewer than two points, and nothing at all with none', () => {
    expect(chartData({ stepSec: 0, points: [] })).toEqual({ xs: [], latency: [], points: [], failed: [], gaps: 0 });
    expect(chartData({ stepSec: 0, points: [raw('2026-01-01T12:00:00.000Z', 5)] }).gaps).toBe(0);
    expect(expectedSpacingSec({ stepSec: 0, points: [raw('2026-01-01T12:00:00.000Z', 5)] })).toBeNull();
  });
});

describe('chart words', () => {
  it('summarises the range, checks, latency spread, failures and gaps', () => {
    const points = [raw('2026-01-01T12:00:00.000Z', 8.4), raw('2026-01-01T12:00:30.000Z', 23), raw('2026-01-01T12:03:00.000Z', null)];
    expect(chartSummary({ range: '1h', stepSec: 0, points }, chartData({ stepSec: 0, points }))).toBe(
      'Latency over the last hour: 3 checks, 8.4 ms to 23 ms; 1 failed; 1 gap with no checks.',
    );
    const buckets = [{ at: '2026-01-01T11:00:00.000Z', checks: 120, failed: 0, degraded: 0, latencyMs: 9 }];
    expect(chartSummary({ range: '24h', stepSec: 60, points: buckets }, chartData({ stepSec: 60, points: buckets }))).toBe(
      'Latency over the last 24 hours: 120 checks, 9.0 ms to 9.0 ms; none failed.',
    );
    expect(chartSummary({ range: '7d', stepSec: 3600, points: [] }, chartData({ stepSec: 3600, points: [] }))).toBe('No checks in the last 7 days.');
  });

  it("gives a point's time and value: a raw check's latency or failure kind, a bucket's average and failures", () => {
    expect(pointText(raw('2026-01-01T12:02:30.000Z', 23), 0, utc)).toBe('12:02:30 — 23 ms');
    expect(pointText(raw('2026-01-01T12:02:30.000Z', 1480, { degraded: 1 }), 0, utc)).toBe('12:02:30 — 1480 ms (slow)');
    expect(pointText(raw('2026-01-01T12:03:00.000Z', null, { kind: 'auth_failed' }), 0, utc)).toBe('12:03:00 — failed (auth failed)');
    expect(pointText({ at: '2026-01-01T12:00:00.000Z', checks: 60, failed: 2, degraded: 0, latencyMs: 23.4 }, 60, utc)).toBe('12:00:00 — avg 23 ms; 2 of 60 failed');
    expect(pointText({ at: '2026-01-01T12:00:00.000Z', checks: 120, failed: 120, degraded: 0, latencyMs: null }, 3600, utc)).toBe(
      '12:00:00 — no answer; 120 of 120 failed',
    );
    expect(pointText({ at: '2026-01-01T12:00:00.000Z', checks: 2, failed: 0, degraded: 0, latencyMs: 9 }, 60, utc)).toBe('12:00:00 — avg 9.0 ms; 2 checks');
  });
});
