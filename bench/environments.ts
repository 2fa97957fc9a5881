/**
 * (i) 20 environments × 2 databases (40 targets: all on the real Neo4j and the Supabase stand-in) at a
 * 10 s interval, measured in a child process (bench/fortyTargetsChild.ts) so the servers' work is not
 * counted: CPU, peak RSS, schedule drift and the cost of each snapshot push.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { lastJsonLineOf } from './childResult.js';
import type { Figure } from './figure.js';
import { thisProcessAside } from './serversAside.js';
import { percentile } from './stats.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
const ENVIRONMENTS = 20;
/** BENCH_MINUTES shortens the run while developing; the target is for 5 minutes. */
const MINUTES = Number(process.env.BENCH_MINUTES ?? 5);

import type { Services } from './benchEnvironments.js';

/** What bench/fortyTargetsChild.ts prints when done. */
interface ChildResult {
  cpuPct: number;
  systemPct: number;
  rssMb: number;
  kernelPeak: boolean;
  peakMb: Record<string, number>;
  gcMs: number;
  gcs: number;
  loopDelayMs: { p99: number; max: number } | null;
  drifts: number[];
  pushMs: number[];
  environmentsPushed: number;
  /** The child's main thread: time runnable but waiting for a CPU while measuring (null off Linux). */
  runQueueWaitMs: number | null;
  checks: number;
  targets: number;
  failures: number;
  scrapes: number;
}

async function runChild(services: Services, scrapeEverySecond: boolean) {
  let bytes = 0;
  const sink = net.createServer((s) => s.on('data', (d: Buffer) => (bytes += d.length)));
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
  const sinkPort = (sink.address() as net.AddressInfo).port;
  try {
    const config = { environments: ENVIRONMENTS, minutes: MINUTES, sinkPort, scrapeEverySecond, ...services };
    // Bundled first, so the child runs plain JavaScript as the shipped CLI does (tsx in the process would add its own memory).
    mkdirSync(join(ROOT, '.tmp'), { recursive: true });
    const bundle = join(mkdtempSync(join(ROOT, '.tmp', 'bench-')), 'fortyTargetsChild.mjs');
    // Self-contained and whitespace-minified like dist/headless/cli.mjs (scripts/build.mjs): only the native addons, which package.json's
    // `dependencies` list, stay outside. Loading every package through hoisted imports instead would run before
    // the memory policy, the bundle's first module, and so measure a process set up unlike the shipped one.
    await build({
      entryPoints: [join(ROOT, 'bench/fortyTargetsChild.ts')],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'esm',
      minifyWhitespace: true,
      external: Object.keys(PACKAGE.dependencies ?? {}),
      banner: { js: "import { createRequire as __bench_createRequire } from 'node:module'; const require = __bench_createRequire(import.meta.url);" },
      logLevel: 'warning',
    });
    // BENCH_CHILD_FLAGS (e.g. "--cpu-prof --trace-gc") profiles the child while developing.
    const flags = process.env.BENCH_CHILD_FLAGS?.split(' ').filter(Boolean) ?? [];
    const r = await lastJsonLineOf<ChildResult>('bench child', [...flags, bundle, JSON.stringify(config)], { cwd: ROOT, onSpawn: thisProcessAside }).finally(() =>
      rmSync(dirname(bundle), { recursive: true, force: true }),
    );
    return { r, bytes };
  } finally {
    await new Promise((resolve) => sink.close(resolve));
  }
}

export async function fortyTargets(services: Services): Promise<Figure[]> {
  const { r, bytes } = await runChild(services, false);
  const what = `${r.targets} targets, ${r.checks} checks in ${MINUTES} min (${r.failures} failed), ${(bytes / 2 ** 20).toFixed(1)} MB pushed`;
  const driftP99 = percentile(r.drifts, 99);
  const pushP99 = percentile(r.pushMs, 99);
  const pushMax = Math.max(...r.pushMs);
  return [
    { name: '(i) 40 targets: CPU', value: r.cpuPct, unit: '%', target: '≤ 2 % of one core', pass: r.cpuPct <= 2, detail: `process CPU (user + system) ÷ wall time, of which system ${r.systemPct.toFixed(2)} %; ${what}; GC ${r.gcMs.toFixed(0)} ms in ${r.gcs} collections${r.loopDelayMs ? `; event-loop delay p99 ${r.loopDelayMs.p99.toFixed(1)} ms, max ${r.loopDelayMs.max.toFixed(1)} ms (BENCH_LOOP_DELAY: its own timer adds CPU)` : ''}` },
    { name: '(i) 40 targets: peak RSS', value: r.rssMb, unit: 'MB', target: '≤ 100 MB', pass: r.rssMb <= 100, detail: `child process, ${r.kernelPeak ? "the kernel's high-water mark (VmHWM, reset when measuring starts)" : 'RSS sampled every second'}; at the highest sample (MB): ${JSON.stringify(r.peakMb)}` },
    {
      name: '(i) 40 targets: schedule drift p99',
      value: driftP99,
      unit: 'ms',
      target: '≤ 50 ms',
      pass: driftP99 <= 50,
      detail: `|time between two check starts of one target − 10 s| over ${r.drifts.length} pairs; max ${Math.max(...r.drifts).toFixed(1)} ms`,
    },
    {
      name: '(i) 40 targets: snapshot push, max',
      value: pushMax,
      unit: 'ms',
      target: '≤ 5 ms each',
      pass: pushMax <= 5,
      detail: `finished check → snapshot of 40 databases built, its patch (the environments that changed: ${(r.environmentsPushed / r.pushMs.length).toFixed(2)} per push) checked against the contract, serialized and written to a socket; ${r.pushMs.length} pushes, p99 ${pushP99.toFixed(3)} ms${r.runQueueWaitMs === null ? '' : `; the main thread waited ${(r.runQueueWaitMs / 1_000).toFixed(2)} s in all for a CPU (runnable but not running: the servers, at nice 10, and its own threads share the cores)`}`,
    },
  ];
}

/** Issue 12's: the same 40 targets while /metrics is rendered once a second, as a 1 s scrape would. */
export async function scrapedSchedules(services: Services): Promise<Figure> {
  const { r } = await runChild(services, true);
  const driftP99 = percentile(r.drifts, 99);
  return {
    name: '(k) 40 targets scraped 1/s: drift p99',
    value: driftP99,
    unit: 'ms',
    target: '≤ 50 ms',
    pass: driftP99 <= 50 && r.scrapes >= MINUTES * 55,
    detail: `|time between two check starts of one target − 10 s| over ${r.drifts.length} pairs while /metrics was rendered ${r.scrapes} times; max ${Math.max(...r.drifts).toFixed(1)} ms`,
  };
}
