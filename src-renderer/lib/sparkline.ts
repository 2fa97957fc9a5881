/** Geometry for the latency sparkline: pure, so it is unit-tested without a DOM. */
export interface SparkPoint {
  latencyMs: number | null;
  failed: boolean;
}

export interface SparkGeometry {
  /** SVG path of the latency line; gaps where a check had no latency. */
  path: string;
  /** x positions of failed checks, drawn as marks on the baseline. */
  failures: number[];
  maxMs: number;
}

export function sparkGeometry(points: SparkPoint[], width: number, height: number, pad = 2): SparkGeometry {
  const values = points.map((p) => p.latencyMs).filter((v): v is number => v !== null);
  const maxMs = values.length ? Math.max(...values, 1) : 1;
  const step = points.length > 1 ? (width - 2 * pad) / (points.length - 1) : 0;
  const x = (i: number): number => pad + i * step;
  const y = (ms: number): number => height - pad - (ms / maxMs) * (height - 2 * pad);
  let path = '';
  let penDown = false;
  points.forEach((p, i) => {
    if (p.latencyMs === null || p.failed) {
      penDown = false;
      return;
    }
    path += `${penDown ? 'L' : 'M'}${x(i).toFixed(1)} ${y(p.latencyMs).toFixed(1)} `;
    penDown = true;
  });
  const failures = points.flatMap((p, i) => (p.failed ? [Number(x(i).toFixed(1))] : []));
  return { path: path.trim(), failures, maxMs };
}
