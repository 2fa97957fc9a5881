/**
 * (f) endless body: peak RSS growth while a Supabase endpoint streams a body that never ends,
 * over 10 checks. The server honours backpressure, so what could grow is the probe's side.
 */
import { Secret } from '../src-main/core/credentials/Secret.js';
import { SupabaseProbe } from '../src-main/core/probes/SupabaseProbe.js';
import { startLoopbackHttp, streamEndlessly, type EndlessCounter } from '../test/support/hostileHttp.js';
import type { Figure } from './run.js';
import { rssAfterGc } from './stats.js';

const CHECKS = 10;
const WARMUP = 3;
const TIMEOUT_MS = 5_000;
const MB = 1024 * 1024;

export async function endlessBody(): Promise<Figure> {
  const counter: EndlessCounter = { written: 0 };
  const server = await startLoopbackHttp((_req, res) => streamEndlessly(res, counter));
  const probe = new SupabaseProbe({ url: server.origin, key: new Secret('bench-key'), probeTable: null, timeoutMs: TIMEOUT_MS });
  try {
    // Node loads and compiles undici on the first fetch; that is not what is measured.
    for (let i = 0; i < WARMUP; i++) await probe.check(AbortSignal.timeout(TIMEOUT_MS));
    const before = await rssAfterGc();
    let peak = before;
    const sample = () => {
      peak = Math.max(peak, process.memoryUsage.rss());
    };
    // Peak, not after-GC: an unbounded read shows while it happens, and GC would hide it afterwards.
    const sampler = setInterval(sample, 5);
    const kinds = new Map<string, number>();
    const started = performance.now();
    try {
      for (let i = 0; i < CHECKS; i++) {
        const result = await probe.check(AbortSignal.timeout(TIMEOUT_MS));
        sample();
        const kind = result.kind ?? 'healthy';
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      }
    } finally {
      clearInterval(sampler);
    }
    const elapsedMs = performance.now() - started;
    const after = await rssAfterGc();
    const grown = (peak - before) / MB;
    const outcomes = [...kinds].map(([kind, n]) => `${kind} ×${n}`).join(', ');
    return {
      name: '(f) RSS growth, endless body × 10',
      value: grown,
      unit: 'MB',
      target: '≤ 20 MB',
      pass: grown <= 20,
      detail: `peak RSS ${(before / MB).toFixed(1)} → ${(peak / MB).toFixed(1)} MB (${(after / MB).toFixed(1)} after GC); checks: ${outcomes} in ${elapsedMs.toFixed(0)} ms; the server pushed ${(counter.written / MB).toFixed(1)} MB into the sockets`,
    };
  } finally {
    await probe.close();
    await server.close();
  }
}
