/** Small measuring helpers for the benchmark. */
import net from 'node:net';

export function median(values: readonly number[]): number {
  if (!values.length) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank percentile of values in any order; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** RSS after full garbage collections; needs node --expose-gc. */
export async function rssAfterGc(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('Run with node --expose-gc (npm run bench does) to measure memory after GC.');
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().rss;
}

/**
 * Resolves with the performance.now() time at which `port` first refuses a TCP connection,
 * polling every `everyMs`: the moment an outage really starts, independent of shutdown duration.
 */
export async function whenPortRefuses(port: number, everyMs = 5): Promise<number> {
  for (;;) {
    const refusedAt = await new Promise<number | null>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(null);
      });
      socket.once('error', () => resolve(performance.now()));
    });
    if (refusedAt !== null) return refusedAt;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
