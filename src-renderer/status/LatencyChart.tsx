import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import uPlot from 'uplot';
import { CHART_RANGES, type ChartRange, type HistoryView } from '../../src-main/common/history.js';
import { RANGE_WORDS, axisLabels, chartData, chartSummary, pointClock, pointText, type ChartData } from '../lib/chartData.js';
import { formatLatency } from '../lib/format.js';

const HEIGHT = 120;

interface Props {
  /** The database's label, to tell the charts' controls apart. */
  label: string;
  range: ChartRange;
  onRange: (range: ChartRange) => void;
  /** null while loading (or when loading failed: `error`). */
  view: HistoryView | null;
  error: string | null;
}

/** Latency over a chosen range on a real time axis (uPlot), failed checks marked, gaps left as gaps. */
export function LatencyChart({ label, range, onRange, view, error }: Props) {
  const summaryId = useId();
  const data = useMemo(() => (view ? chartData(view) : null), [view]);
  return (
    <div className="chart" data-range={range}>
      <div className="chart-header">
        <span className="chart-title">Latency</span>
        <div className="chart-ranges" role="group" aria-label={`Chart range: ${label}`}>
          {CHART_RANGES.map((r) => (
            <button key={r} type="button" aria-pressed={r === range} onClick={() => onRange(r)}>
              {RANGE_WORDS[r].button}
            </button>
          ))}
        </div>
      </div>
      {view && data ? (
        <>
          {data.xs.length > 0 && <Plot label={label} view={view} data={data} summaryId={summaryId} />}
          <p className="chart-summary" id={summaryId}>
            {chartSummary(view, data)}
            {view.recoveredRetries > 0 && ` ${view.recoveredRetries} failed ${view.recoveredRetries === 1 ? 'check' : 'checks'} recovered on a retry.`}
          </p>
        </>
      ) : (
        <p className="chart-summary" role={error ? 'alert' : undefined}>
          {error ? `Could not load the history: ${error}` : 'Loading history…'}
        </p>
      )}
    </div>
  );
}

/** The theme's colours, read from CSS so light, dark and forced colours all apply. */
function themeColours(el: Element) {
  const css = getComputedStyle(el);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return { line: v('--accent'), bad: v('--bad'), text: v('--muted'), grid: v('--border') };
}

/** The nearest real check from `from` in direction `step`, skipping inserted gaps. */
function nextPoint(data: ChartData, from: number, step: number): number {
  for (let i = from + step; i >= 0 && i < data.xs.length; i += step) if (data.points[i]) return i;
  return from;
}

function Plot({ label, view, data, summaryId }: { label: string; view: HistoryView; data: ChartData; summaryId: string }) {
  const plotRef = useRef<HTMLDivElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  /** The focused check's time, to find it again when a new check redraws the chart. */
  const focusedAt = useRef<string | null>(null);
  const tipRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<uPlot | null>(null);
  const [focused, setFocused] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const clock = useMemo(() => pointClock(view.range), [view.range]);
  const showRef = useRef<(i: number, chart: uPlot) => void>(() => undefined);

  useEffect(() => {
    const host = hostRef.current!;
    const tip = tipRef.current!;
    const colours = themeColours(host);
    const axisLabel = axisLabels(view.range);
    const describe = (i: number | null | undefined): string | null => {
      if (i === null || i === undefined) return null;
      const point = data.points[i];
      if (point) return pointText(point, view.stepSec, clock);
      const before = data.points[i - 1];
      return before ? `No checks after ${clock(before.at)}` : null;
    };
    const opts: uPlot.Options = {
      width: Math.max(host.clientWidth, 200),
      height: HEIGHT,
      legend: { show: false },
      cursor: { y: false, drag: { x: false, y: false, setScale: false }, points: { size: 7 } },
      scales: {
        x: { time: true, range: () => [Date.parse(view.from) / 1000, Date.parse(view.to) / 1000] },
        y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.15 : 1] },
      },
      axes: [
        {
          stroke: () => colours.text,
          grid: { stroke: () => colours.grid, width: 1 },
          ticks: { stroke: () => colours.grid, width: 1 },
          values: (_u, splits) => splits.map(axisLabel),
        },
        {
          stroke: () => colours.text,
          grid: { stroke: () => colours.grid, width: 1 },
          ticks: { show: false },
          size: 56,
          values: (_u, splits) => splits.map((v) => (v === 0 ? '0' : formatLatency(v))),
        },
      ],
      series: [{}, { label: 'Latency', stroke: () => colours.line, width: 1.5, spanGaps: false, points: { show: data.xs.length <= 90, size: 4 } }],
      hooks: {
        // A new check re-creates the chart: a keyboard user stays on the check they were on.
        ready: [
          (u) =>
            requestAnimationFrame(() => {
              if (chartRef.current !== u || focusedAt.current === null || document.activeElement !== plotRef.current) return;
              const i = data.points.findIndex((p) => p?.at === focusedAt.current);
              if (i >= 0) showRef.current(i, u);
            }),
        ],
        // Failed checks: an ✕ on the time axis in the theme's "bad" colour, so shape and colour both say it.
        draw: [
          (u) => {
            const ctx = u.ctx;
            const r = 4 * devicePixelRatio;
            const y = u.bbox.top + u.bbox.height - r - 1;
            ctx.save();
            ctx.strokeStyle = colours.bad;
            ctx.lineWidth = 2 * devicePixelRatio;
            for (const i of data.failed) {
              const x = u.valToPos(data.xs[i]!, 'x', true);
              ctx.beginPath();
              ctx.moveTo(x - r, y - r);
              ctx.lineTo(x + r, y + r);
              ctx.moveTo(x + r, y - r);
              ctx.lineTo(x - r, y + r);
              ctx.stroke();
            }
            ctx.restore();
          },
        ],
        setCursor: [
          (u) => {
            const i = u.cursor.idx;
            const text = u.cursor.left !== undefined && u.cursor.left >= 0 ? describe(i) : null;
            tip.hidden = text === null;
            if (text === null || i === null || i === undefined) return;
            tip.textContent = text;
            tip.dataset.index = String(i);
            // CSSOM, not a style attribute: allowed under the windows' style-src 'self'.
            const x = u.valToPos(data.xs[i]!, 'x');
            tip.style.left = `${Math.min(Math.max(x + u.bbox.left / devicePixelRatio, 0), host.clientWidth - tip.offsetWidth)}px`;
          },
        ],
      },
    };
    const chart = new uPlot(opts, [data.xs, data.latency], host);
    chartRef.current = chart;
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(host.clientWidth, 200), height: HEIGHT }));
    resize.observe(host);
    const scheme = matchMedia('(prefers-color-scheme: dark)');
    const recolour = () => {
      Object.assign(colours, themeColours(host));
      chart.redraw(true);
    };
    scheme.addEventListener('change', recolour);
    return () => {
      scheme.removeEventListener('change', recolour);
      resize.disconnect();
      chart.destroy();
      chartRef.current = null;
    };
  }, [view, data, clock]);

  const show = (i: number, chart = chartRef.current) => {
    const point = data.points[i];
    if (!chart || !point) return;
    setFocused(i);
    focusedAt.current = point.at;
    const y = point.latencyMs === null ? chart.bbox.height / devicePixelRatio : chart.valToPos(point.latencyMs, 'y');
    chart.setCursor({ left: chart.valToPos(data.xs[i]!, 'x'), top: y });
    setAnnouncement(pointText(point, view.stepSec, clock));
  };
  showRef.current = show;
  const onKeyDown = (e: KeyboardEvent) => {
    const last = nextPoint(data, data.xs.length, -1);
    const current = focused ?? last;
    const target = { ArrowLeft: nextPoint(data, current, -1), ArrowRight: nextPoint(data, current, 1), Home: nextPoint(data, -1, 1), End: last }[e.key];
    if (target === undefined) return;
    e.preventDefault();
    show(target);
  };

  return (
    <>
      <div
        ref={plotRef}
        className="chart-plot"
        tabIndex={0}
        role="group"
        aria-label={`${label} latency chart, ${RANGE_WORDS[view.range].span}; arrow keys move between checks`}
        aria-describedby={summaryId}
        onKeyDown={onKeyDown}
        onFocus={() => show(focused ?? nextPoint(data, data.xs.length, -1))}
        onBlur={() => {
          setFocused(null);
          focusedAt.current = null;
          chartRef.current?.setCursor({ left: -10, top: -10 });
        }}
      >
        <div ref={hostRef} className="chart-canvas" />
        <div ref={tipRef} className="chart-tooltip" hidden aria-hidden="true" />
      </div>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
    </>
  );
}
