import type { HistoryView } from '../../src-main/common/history.js';
import { formatLatency } from '../lib/format.js';
import { sparkGeometry } from '../lib/sparkline.js';

const WIDTH = 240;
const HEIGHT = 40;

/** Latency of recent checks as an SVG line; failed checks are marks on the baseline. */
export function Sparkline({ history }: { history: HistoryView | null }) {
  const entries = history?.points ?? [];
  if (entries.length < 2) {
    return <p className="sparkline-empty">Latency chart appears after a few checks.</p>;
  }
  const points = entries.map((e) => ({
    latencyMs: e.latencyMs,
    failed: e.failed > 0,
  }));
  const g = sparkGeometry(points, WIDTH, HEIGHT);
  const label =
    `Latency of the last ${entries.length} checks, up to ${formatLatency(g.maxMs)}` +
    (g.failures.length ? `; ${g.failures.length} failed` : '; none failed');
  return (
    <svg className="sparkline" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label} preserveAspectRatio="none">
      <path className="sparkline-line" d={g.path} fill="none" />
      {g.failures.map((x, i) => (
        <line key={i} className="sparkline-failure" x1={x} x2={x} y1={HEIGHT - 10} y2={HEIGHT} />
      ))}
    </svg>
  );
}
