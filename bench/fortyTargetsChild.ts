/**
 * Runs in its own process for bench (i), so only the monitor's own work is measured: the real core with
 * 20 environments × 2 databases (from an override, no keychain) at a 10 s interval. Every snapshot push is
 * made into browser mode's push (the patch of what changed, checked against the contract, serialized) and
 * written to the parent's socket; the time from a finished check to that write is the push cost.
 * Prints one JSON line of results on stdout when done.
 */
// First, as in every host entry point (headless/cli.ts, electron/main.ts): the process runs as the shipped CLI does.
import '../src-main/core/memoryPolicy.js';
import net from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import v8 from 'node:v8';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { PROBE_FACTORIES } from '../src-main/core/probes/probeFactories.js';
import { createSnapshotFeed } from '../src-main/core/snapshotFeed.js';
import { eventMessage } from '../src-main/headless/browser/socketBridge.js';
import { createMetricsCollector } from '../src-main/headless/metrics/collector.js';
import { benchCore, type Services } from './benchEnvironments.js';

interface ChildConfig extends Services {
  environments: number;
  minutes: number;
  sinkPort: number;
  /** Render /metrics (as a scrape would) once a second while measuring. */
  scrapeEverySecond?: boolean;
}

const config = JSON.parse(process.argv[2]!) as ChildConfig;

// Schedule drift is measured where a check starts (the probe is asked), so a check's own latency does not count.
const starts = new Map<string, number[]>();
let measuring = false;
for (const [kind, factory] of Object.entries(PROBE_FACTORIES)) {
  PROBE_FACTORIES[kind] = (section, secret, timeoutMs) => {
    const probe = factory(section, secret, timeoutMs);
    const check = probe.check.bind(probe);
    const key = `${kind}@${Math.random()}`;
    probe.check = (signal) => {
      if (measuring) (starts.get(key) ?? starts.set(key, []).get(key)!).push(performance.now());
      return check(signal);
    };
    return probe;
  };
}
const { core, closeLog: close } = benchCore({
  count: config.environments,
  services: config,
  monitor: { intervalSec: 10, timeoutMs: 5_000, retries: 2, backoffInitialMs: 1_000, backoffMaxMs: 4_000, slowMs: 1_000, recoverySuccesses: 2 },
});

const sink = net.connect(config.sinkPort, '127.0.0.1');
await new Promise<void>((resolve, reject) => sink.once('connect', resolve).once('error', reject));

const checkTimes = new Map<string, number[]>();
let lastCheckAt = 0;
const pushMs: number[] = [];
let failures = 0;
core.on('check', ({ environment, result }) => {
  lastCheckAt = performance.now();
  if (!measuring) return;
  if (!result.healthy) failures++;
  const key = `${environment}/${result.database}`;
  const times = checkTimes.get(key) ?? [];
  times.push(Date.parse(result.checkedAt));
  checkTimes.set(key, times);
});
// What browser mode does with each snapshot: its feed makes the patch (only the environments that changed),
// the bridge checks it against the contract and serializes it, and it is written to a socket.
const feed = createSnapshotFeed(core);
let environmentsPushed = 0;
feed.onPatch((patch) => {
  sink.write(eventMessage('snapshotPatch', patch) + '\n');
  if (measuring) environmentsPushed += patch.changed.length;
  // Pushes caused by a check: from the check's result to the bytes handed to the socket.
  if (measuring && lastCheckAt > 0) pushMs.push(performance.now() - lastCheckAt);
  lastCheckAt = 0;
});

await core.start();
// Let every target settle (first checks, driver pools) before measuring.
await new Promise((r) => setTimeout(r, 12_000));
measuring = true;
const cpuStart = process.cpuUsage();
const wallStart = performance.now();
/** process.memoryUsage() and V8's heap spaces (committed MB) at the highest RSS seen. */
const memory = (): NodeJS.MemoryUsage & Record<string, number> => ({
  ...process.memoryUsage(),
  ...Object.fromEntries(v8.getHeapSpaceStatistics().filter((s) => s.space_size > 0).map((s) => [s.space_name, s.space_size])),
});
let peak = memory();
// The kernel's own high-water mark (VmHWM), reset as measuring starts: the exact peak, where a sampler could
// miss a short one, and nothing to run meanwhile in the process being measured.
const highWaterMark = (): number | null => {
  try {
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return kb === undefined ? null : Number(kb) * 1024;
  } catch {
    return null;
  }
};
/**
 * How long this (main) thread was runnable but waiting for a CPU, in ms (Linux schedstat, field 2): on a
 * 2-core machine shared with the servers, a push that waited there is slow for reasons not its own.
 */
const runQueueWaitMs = (): number | null => {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[1]) / 1e6;
  } catch {
    return null;
  }
};
const waitedBefore = runQueueWaitMs();
let kernelPeak = false;
try {
  writeFileSync('/proc/self/clear_refs', '5');
  kernelPeak = highWaterMark() !== null;
} catch {
  // Not Linux (or not allowed): the sampler's peak stands alone.
}
// Where the CPU goes, for the figures' details: time in garbage collection, and how late the event loop ran.
let gcMs = 0;
let gcs = 0;
const gcObserver = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gcMs += entry.duration;
    gcs++;
  }
});
gcObserver.observe({ entryTypes: ['gc'] });
// Off unless asked (BENCH_LOOP_DELAY=1): its 1 ms timer wakes the process 1,000 times a second, which by
// itself costs about 3 % of a core here, more than the monitor's whole budget; it would measure itself.
const loopDelay = process.env.BENCH_LOOP_DELAY ? monitorEventLoopDelay({ resolution: 1 }) : null;
loopDelay?.enable();
const collector = config.scrapeEverySecond ? createMetricsCollector(core) : null;
let scrapes = 0;
const scraper = collector && setInterval(() => void collector.render().then(() => scrapes++), 1_000);
let ticks = 0;
const sampler = setInterval(() => {
  // Only for the breakdown at the highest RSS seen (heap spaces); once a second, as it runs in the process it measures.
  if (process.memoryUsage.rss() > peak.rss) peak = memory();
  if (process.env.BENCH_TIMELINE && ++ticks % 10 === 0) {
    const usage = memory();
    const mb = (bytes = 0) => (bytes / 2 ** 20).toFixed(1);
    const seconds = ((performance.now() - wallStart) / 1_000).toFixed(0);
    console.error(`${seconds} s: RSS ${mb(usage.rss)}, new space ${mb(usage['new_space'])}, old space ${mb(usage['old_space'])}, heap used ${mb(usage.heapUsed)} MB; ${gcs} GCs, ${gcMs.toFixed(0)} ms`);
  }
}, 1_000);
await new Promise((r) => setTimeout(r, config.minutes * 60_000));
const peakRss = Math.max(peak.rss, (kernelPeak && highWaterMark()) || 0);
const waitedAfter = runQueueWaitMs();
clearInterval(sampler);
gcObserver.disconnect();
loopDelay?.disable();
if (scraper) clearInterval(scraper);
collector?.close();
const cpu = process.cpuUsage(cpuStart);
const wallMs = performance.now() - wallStart;
measuring = false;

const drifts: number[] = [];
for (const times of starts.values()) for (let i = 1; i < times.length; i++) drifts.push(Math.abs(times[i]! - times[i - 1]! - 10_000));
await core.stop();
close();
sink.end();
console.log(
  JSON.stringify({
    cpuPct: ((cpu.user + cpu.system) / 1_000 / wallMs) * 100,
    systemPct: (cpu.system / 1_000 / wallMs) * 100,
    rssMb: peakRss / 2 ** 20,
    kernelPeak,
    peakMb: Object.fromEntries(Object.entries(peak).map(([k, v]) => [k, Math.round((v / 2 ** 20) * 10) / 10])),
    gcMs,
    gcs,
    loopDelayMs: loopDelay && { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 },
    drifts,
    pushMs,
    environmentsPushed,
    runQueueWaitMs: waitedBefore === null || waitedAfter === null ? null : waitedAfter - waitedBefore,
    checks: [...checkTimes.values()].reduce((n, t) => n + t.length, 0),
    targets: checkTimes.size,
    failures,
    scrapes,
  }),
);
process.exit(0);
