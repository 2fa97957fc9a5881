/**
 * (h) /metrics for 40 targets (20 environments × Supabase and Neo4j): p99 time to render the text over
 * 1,000 scrapes, and RSS growth from the collector and those scrapes (after GC). Every target has had
 * 200 checks (some failed), so every histogram bucket and failure counter exists, and between two renders
 * every target is checked once more (new durations, same states), as a 10 s scrape of a 10 s interval sees.
 * No server needed. Run in a child process of its own (metricsRender() below).
 */
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { DATABASE_KINDS } from '../src-main/common/databases.js';
import type { DatabaseStatus, EnvironmentStatus, ProbeResult, Snapshot } from '../src-main/common/schemas.js';
import type { MonitorCore, MonitorCoreEvents } from '../src-main/core/MonitorCore.js';
import { percentile } from '../src-main/core/monitor/History.js';
import { createMetricsCollector } from '../src-main/headless/metrics/collector.js';
import { lastJsonLineOf } from './childResult.js';
import type { Figure } from './figure.js';
import { median, rssAfterGc } from './stats.js';

const ENVIRONMENTS = 20;
const CHECKS_PER_TARGET = 200;
const SCRAPES = 1_000;
const TARGET_MS = 5;
const TARGET_MB = 5;

/** A finished check of one target, as the core reports it. */
function checkResult(kind: string, n: number): ProbeResult {
  const failed = n % 10 === 0;
  return {
    database: kind,
    healthy: !failed,
    state: failed ? 'retrying' : 'healthy',
    latencyMs: failed ? null : 1 + ((n * 7) % 400),
    checkedAt: new Date().toISOString(),
    ...(failed ? { kind: 'timeout' as const } : {}),
  };
}

/**
 * A core double for 20 environments: `checkAll` reports one check of every target (the 'check' event) and,
 * like the real core after a check, replaces its snapshot with one showing the new latencies.
 */
function fleetCore(): Pick<MonitorCore, 'snapshot' | 'on' | 'getHistory'> & { checkAll(n: number): void } {
  const events = new EventEmitter();
  const checkedAt = new Date().toISOString();
  const environment = (i: number, latencyMs: number): EnvironmentStatus => ({
    id: `environment-${i}`,
    name: `Environment ${i}`,
    colour: null,
    status: 'ok',
    paused: null,
    databases: Object.fromEntries(
      DATABASE_KINDS.map((kind): [string, DatabaseStatus] => [
        kind.id,
        { database: kind.id, label: kind.label, status: 'healthy', healthy: true, target: null, latencyMs, checkedAt, since: checkedAt, consecutiveFailures: 0, p50Ms: 4, p95Ms: 9 },
      ]),
    ),
  });
  const snapshotWith = (latencyMs: number): Snapshot => ({
    status: 'ok',
    version: 'bench',
    checkedAt,
    paused: null,
    staleAfterMs: 25_000,
    lastIncident: null,
    environments: Array.from({ length: ENVIRONMENTS }, (_, i) => environment(i, latencyMs)),
  });
  let snapshot = snapshotWith(4);
  return {
    snapshot: () => snapshot,
    on<E extends keyof MonitorCoreEvents>(event: E, listener: MonitorCoreEvents[E]) {
      events.on(event, listener);
      return () => void events.off(event, listener);
    },
    checkAll(n) {
      for (const env of snapshot.environments) for (const kind of DATABASE_KINDS) events.emit('check', { environment: env.id, result: checkResult(kind.id, n) });
      snapshot = snapshotWith(1 + (n % 50));
    },
    // Every target up for a day, down for one check in ten over the week and month (as the fleet is checked below).
    getHistory: ({ environment, database }) => ({
      environment,
      database,
      endpoint: null,
      range: '1h',
      from: checkedAt,
      to: checkedAt,
      stepSec: 0,
      points: [],
      recoveredRetries: 0,
      uptime: [
        { window: '24h', ratio: 1, checks: 2_880 },
        { window: '7d', ratio: 0.9, checks: 20_160 },
        { window: '30d', ratio: 0.9, checks: 86_400 },
        { window: '365d', ratio: 0.9, checks: 1_051_200 },
      ],
    }),
  };
}

/** Size of V8's new space: RSS growth that is allocation-rate sizing rather than retained data. */
function youngGenerationMb(): string {
  const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  return space ? (space.space_size / 1048576).toFixed(1) : '?';
}

async function measureInThisProcess(): Promise<Figure> {
  const core = fleetCore();
  const before = await rssAfterGc();
  const youngBefore = youngGenerationMb();
  const collector = createMetricsCollector(core);
  let lines = 0;
  try {
    for (let n = 0; n < CHECKS_PER_TARGET; n++) core.checkAll(n);
    for (let i = 0; i < 100; i++) await collector.render();
    const times: number[] = [];
    let cpuUs = 0;
    for (let i = 0; i < SCRAPES; i++) {
      // Between two scrapes every target was checked once (a 10 s interval, scraped every 10 s): the last
      // durations and the histogram change each time, the states do not.
      core.checkAll(CHECKS_PER_TARGET + i);
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      await collector.render();
      times.push(performance.now() - started);
      const cpu = process.cpuUsage(cpuBefore);
      cpuUs += cpu.user + cpu.system;
    }
    lines = (await collector.render()).body.split('\n').length;
    const cpuMs = cpuUs / 1_000 / SCRAPES;
    const after = await rssAfterGc();
    const p99 = percentile(times.sort((a, b) => a - b), 99)!;
    const mb = (after - before) / 1024 / 1024;
    return {
      name: '(h) /metrics render, 40 targets',
      value: p99,
      unit: 'ms',
      target: `≤ ${TARGET_MS} ms p99, ≤ ${TARGET_MB} MB RSS`,
      pass: p99 <= TARGET_MS && mb <= TARGET_MB,
      detail: `V8's young generation ${youngBefore} → ${youngGenerationMb()} MB (it grows with the allocation rate of back-to-back renders); p99 of ${SCRAPES} renders (${lines} lines each, ${CHECKS_PER_TARGET} checks per target before, one more between two renders), median ${median(times).toFixed(2)} ms, CPU ${cpuMs.toFixed(2)} ms per render; RSS after GC +${mb.toFixed(2)} MB (${(before / 1048576).toFixed(1)} → ${(after / 1048576).toFixed(1)} MB)`,
    };
  } finally {
    collector.close();
  }
}

const SELF = fileURLToPath(import.meta.url);
const MEMORY_POLICY = fileURLToPath(new URL('../src-main/core/memoryPolicy.ts', import.meta.url));

/**
 * Measured in a fresh process set up as `serve` is (the memory policy first), as (f) and (i) are: in the
 * bench's own process the renders shared a heap of 170+ MB with what earlier steps left (drivers, Playwright,
 * tsx), whose major collections, not the render, made the p99.
 */
export function metricsRender(): Promise<Figure> {
  return lastJsonLineOf<Figure>('the /metrics render child', ['--expose-gc', '--import', 'tsx', '--import', MEMORY_POLICY, SELF, 'measure']);
}

if (process.argv[1] === SELF && process.argv[2] === 'measure') console.log(JSON.stringify(await measureInThisProcess()));
