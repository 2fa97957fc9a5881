/**
 * (f) endless body: peak RSS growth while a Supabase endpoint streams a body that never ends, over
 * 10 checks. Peak, sampled while the checks run: an unbounded read shows while it happens, and a
 * GC afterwards would hide it. The streaming server runs in a child process (this file, run with
 * "serve"), so only the probe's side is measured; the baseline is taken after warm-up checks.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Secret } from '../src-main/core/credentials/Secret.js';
import { SupabaseProbe } from '../src-main/core/probes/SupabaseProbe.js';
import { startLoopbackHttp, streamEndlessly, type EndlessCounter } from '../test/support/hostileHttp.js';
import type { Figure } from './figure.js';

const CHECKS = 10;
// Enough warm-up checks that undici, the TLS-less socket path and malloc's arenas reach their steady size.
const WARMUP = 10;
const TIMEOUT_MS = 5_000;
const MB = 1024 * 1024;
const SELF = fileURLToPath(import.meta.url);

/** Child side: serve endless bodies, print the origin, exit when the parent closes stdin. */
async function serve(): Promise<void> {
  const counter: EndlessCounter = { written: 0 };
  await startLoopbackHttp((_req, res) => streamEndlessly(res, counter)).then((server) => console.log(server.origin));
  process.stdin.on('data', () => {});
  process.stdin.on('close', () => {
    console.log(String(counter.written));
    process.exit(0);
  });
}

async function startServerProcess() {
  const child = spawn(process.execPath, ['--import', 'tsx', SELF, 'serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: string[] = [];
  child.stdout.setEncoding('utf8').on('data', (text: string) => lines.push(...text.split('\n').filter(Boolean)));
  while (!lines.length) {
    if (child.exitCode !== null) throw new Error(`the endless-body server exited with ${child.exitCode}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    origin: lines[0]!,
    /** Stops the child; resolves with the bytes it pushed into sockets. */
    async stop(): Promise<number> {
      child.stdin.end();
      await once(child, 'exit');
      return Number(lines[1] ?? NaN);
    },
  };
}

export async function endlessBody(): Promise<Figure> {
  const server = await startServerProcess();
  const probe = new SupabaseProbe({ url: server.origin, key: new Secret('bench-key'), probeTable: null, timeoutMs: TIMEOUT_MS });
  let written = NaN;
  try {
    // Node loads and compiles undici on the first fetch; that is not what is measured.
    for (let i = 0; i < WARMUP; i++) await probe.check(AbortSignal.timeout(TIMEOUT_MS));
    // A full GC before the baseline only, so garbage from the warm-up is not left to be collected during the peak window.
    (globalThis as { gc?: () => void }).gc?.();
    const before = process.memoryUsage();
    let peak = before;
    const sample = () => {
      const now = process.memoryUsage();
      if (now.rss > peak.rss) peak = now;
    };
    const kinds = new Map<string, number>();
    const started = performance.now();
    const sampler = setInterval(sample, 5);
    try {
      for (let i = 0; i < CHECKS; i++) {
        const result = await probe.check(AbortSignal.timeout(TIMEOUT_MS));
        sample();
        kinds.set(result.kind ?? result.state, (kinds.get(result.kind ?? result.state) ?? 0) + 1);
      }
    } finally {
      clearInterval(sampler);
    }
    const ms = performance.now() - started;
    written = await server.stop();
    const grown = (peak.rss - before.rss) / MB;
    // What JavaScript holds (heap + ArrayBuffers such as body chunks) at that peak, vs the rest (allocator, GC).
    const held = (peak.heapUsed + peak.arrayBuffers - before.heapUsed - before.arrayBuffers) / MB;
    const outcomes = [...kinds].map(([kind, n]) => `${kind} ×${n}`).join(', ');
    return {
      name: '(f) RSS growth, endless body × 10',
      value: grown,
      unit: 'MB',
      target: '≤ 20 MB',
      pass: grown <= 20,
      detail: `peak RSS ${(before.rss / MB).toFixed(1)} → ${(peak.rss / MB).toFixed(1)} MB, of which heap + ArrayBuffers ${held.toFixed(1)} MB; checks: ${outcomes} in ${ms.toFixed(0)} ms; the server (another process) pushed ${(written / MB).toFixed(1)} MB into the sockets`,
    };
  } finally {
    await probe.close();
    if (Number.isNaN(written)) await server.stop();
  }
}

if (process.argv[1] === SELF && process.argv[2] === 'serve') await serve();
