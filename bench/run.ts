/**
 * `npm run bench`: measures the monitor against a real Neo4j this script starts itself.
 * A benchmark, not a test: it prints figures with their targets and never fails the build.
 *   (a) probe overhead   median monitor-reported latency ÷ median raw neo4j-driver RETURN 1 (200 each)
 *   (b) cost ratio       monitor's wall time per check ÷ a new-driver-per-check baseline (200 each)
 *   (c) connections      Bolt connections opened over 1,000 checks, counted by a TCP proxy
 *   (d) memory           RSS growth over 10,000 checks, after GC
 *   (e) outage detection time from Bolt refusing connections to state=down, against the bound
 *       the settings allow (one interval + every attempt's timeout + every backoff)
 *   (f) endless body     peak RSS growth while a Supabase endpoint streams forever, 10 checks (endlessBody.ts)
 *   (g) .env worst case  the slowest of nine 256 KB worst-case .env inputs, median of 15 parses (envParse.ts)
 *   (h) /metrics         p99 render time and RSS growth for 40 targets, 20 environments × 2 (metricsRender.ts)
 *   (i) 40 targets       20 environments × 2 databases at a 10 s interval for 5 minutes: CPU, RSS, drift, push cost (environments.ts)
 *   (j) 40 cards         status window in Chromium with 40 cards: core state change → card shows it (fortyCards.ts)
 *   (k) scraped          (i)'s 40 targets while /metrics is rendered once a second: schedule drift (environments.ts)
 *   (l) history store    a year of 30 s checks for 2 targets: uptime, first load, file size, record() p99, start-up (historyStore.ts)
 *
 * While developing: BENCH_ONLY=h,i runs only those steps (letters, comma-separated; servers start only when
 * a chosen step needs them), BENCH_MINUTES=1 shortens (i) and (k), whose targets are for 5 minutes, and
 * BENCH_CHILD_FLAGS="--cpu-prof --trace-gc" passes node flags to their child (profiles land in the repository root),
 * and BENCH_TIMELINE=1 makes that child print RSS, V8's new and old space, heap used and GC count/ms every 10 s to stderr.
 * BENCH_LOOP_DELAY=1 adds the event-loop delay (a 1 ms timer, which itself costs CPU) to (i)'s details.
 *
 * Before (i)–(k), every thread of the servers is set to nice 10 (serversAside.ts): on a server they are other
 * machines. While (i)'s and (k)'s child runs, so is this process, which hosts the Supabase stand-in.
 *
 * `npm run bench` imports src-main/core/memoryPolicy.ts before this file (as every host entry point does first),
 * so the monitor's steps run in a process set up as the app's is.
 */
import os from 'node:os';
import neo4j, { type Driver } from 'neo4j-driver';
import type { ProbeResult } from '../src-main/common/schemas.js';
import { Secret } from '../src-main/core/credentials/Secret.js';
import { HealthMonitor } from '../src-main/core/monitor/HealthMonitor.js';
import type { MonitorSettings } from '../src-main/core/monitor/types.js';
import { Neo4jProbe } from '../src-main/core/probes/Neo4jProbe.js';
import { startNeo4j, type Neo4jServer } from '../test/support/neo4j.js';
import { serversAside } from './serversAside.js';
import { startCountingProxy } from './connectionCountingProxy.js';
import type { Figure } from './figure.js';
import { endlessBody } from './endlessBody.js';
import { envParseWorstCase } from './envParse.js';
import { fortyTargets, scrapedSchedules } from './environments.js';
import { fortyCards } from './fortyCards.js';
import { historyStore } from './historyStore.js';
import { metricsRender } from './metricsRender.js';
import { startPostgres } from '../test/support/postgres.js';
import { startSupabaseStandin } from '../test/support/supabase-standin.js';
import { median, rssAfterGc, timed, whenPortRefuses } from './stats.js';

const SAMPLES = 200;
const WARMUP = 300;
/** Checks run back to back; the interval only matters for (e). */
const SETTINGS: MonitorSettings = { intervalSec: 3_600, timeoutMs: 5_000, retries: 2, backoffInitialMs: 1_000, backoffMaxMs: 4_000, slowMs: 1_000, recoverySuccesses: 2 };


function monitorFor(server: Neo4jServer, uri = server.uri, settings = SETTINGS) {
  const probe = new Neo4jProbe({ uri, user: server.user, password: new Secret(server.password), database: null, timeoutMs: settings.timeoutMs });
  const monitor = new HealthMonitor({ probes: { neo4j: probe }, settings, environment: { id: 'bench', name: 'bench', colour: null } });
  const latencies: number[] = [];
  const failures: ProbeResult[] = [];
  monitor.on('check', (r) => (r.healthy ? latencies.push(r.latencyMs!) : failures.push(r)));
  return { monitor, latencies, failures };
}

function rawDriver(server: Neo4jServer): Driver {
  return neo4j.driver(server.uri, neo4j.auth.basic(server.user, server.password), { maxConnectionPoolSize: 2, disableLosslessIntegers: true });
}

/** One raw round trip, timed like the probe times its own: session + RETURN 1 + records. */
async function rawReturn1(driver: Driver): Promise<number> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  const started = performance.now();
  await session.run('RETURN 1 AS ping');
  const ms = performance.now() - started;
  await session.close();
  return ms;
}

async function connectPerCheck(server: Neo4jServer): Promise<void> {
  const driver = rawDriver(server);
  try {
    const session = driver.session({ defaultAccessMode: neo4j.session.READ });
    await session.run('RETURN 1 AS ping');
    await session.close();
  } finally {
    await driver.close();
  }
}

function assertHealthy(failures: ProbeResult[], what: string): void {
  if (failures.length) throw new Error(`${what}: ${failures.length} checks failed, first: ${failures[0]!.message}`);
}

async function probeOverhead(server: Neo4jServer): Promise<Figure> {
  const { monitor, latencies, failures } = monitorFor(server);
  const driver = rawDriver(server);
  try {
    for (let i = 0; i < WARMUP; i++) {
      await monitor.checkNow('neo4j');
      await rawReturn1(driver);
    }
    latencies.length = 0;
    const raw: number[] = [];
    // Interleaved so both see the same server and machine conditions.
    for (let i = 0; i < SAMPLES; i++) {
      await monitor.checkNow('neo4j');
      raw.push(await rawReturn1(driver));
    }
    assertHealthy(failures, '(a)');
    const ratio = median(latencies) / median(raw);
    return {
      name: '(a) probe overhead',
      value: ratio,
      unit: '×',
      target: '≤ 1.10',
      pass: ratio <= 1.1,
      detail: `median monitor-reported ${median(latencies).toFixed(3)} ms vs raw RETURN 1 ${median(raw).toFixed(3)} ms, ${SAMPLES} each`,
    };
  } finally {
    await monitor.stop();
    await driver.close();
  }
}

async function costRatio(server: Neo4jServer): Promise<Figure> {
  const { monitor, failures } = monitorFor(server);
  try {
    for (let i = 0; i < 50; i++) {
      await monitor.checkNow('neo4j');
      await connectPerCheck(server);
    }
    const pooled: number[] = [];
    const fresh: number[] = [];
    // Alternating blocks, not single checks: each side's drift is shared, but a baseline's connection
    // teardown (client GC, server-side close) is not billed to the monitor check that follows it.
    const BLOCK = 25;
    for (let block = 0; block < SAMPLES / BLOCK; block++) {
      for (let i = 0; i < BLOCK; i++) pooled.push(await timed(() => monitor.checkNow('neo4j')));
      for (let i = 0; i < BLOCK; i++) fresh.push(await timed(() => connectPerCheck(server)));
    }
    assertHealthy(failures, '(b)');
    const ratio = median(pooled) / median(fresh);
    return {
      name: '(b) cost vs connect-per-check',
      value: ratio,
      unit: '×',
      target: '≤ 0.33',
      pass: ratio <= 0.33,
      detail: `median monitor checkNow ${median(pooled).toFixed(3)} ms vs new driver per check ${median(fresh).toFixed(3)} ms, ${SAMPLES} each in alternating blocks of ${BLOCK}`,
    };
  } finally {
    await monitor.stop();
  }
}

async function connectionsOpened(server: Neo4jServer): Promise<Figure> {
  const proxy = await startCountingProxy(server.port);
  const { monitor, failures } = monitorFor(server, `bolt://127.0.0.1:${proxy.port}`);
  try {
    for (let i = 0; i < 1_000; i++) await monitor.checkNow('neo4j');
    assertHealthy(failures, '(c)');
    return {
      name: '(c) Bolt connections / 1,000 checks',
      value: proxy.opened,
      unit: '',
      target: '≤ 2',
      pass: proxy.opened <= 2,
      detail: `counted by a TCP proxy in front of Bolt; ${proxy.open} still open (the pool)`,
    };
  } finally {
    await monitor.stop();
    await proxy.close();
  }
}

async function memoryGrowth(server: Neo4jServer): Promise<Figure> {
  const { monitor, failures } = monitorFor(server);
  try {
    // Fill the 1,000-entry history first: a full ring is the steady state.
    for (let i = 0; i < 1_500; i++) await monitor.checkNow('neo4j');
    const before = await rssAfterGc();
    for (let i = 0; i < 10_000; i++) await monitor.checkNow('neo4j');
    const after = await rssAfterGc();
    assertHealthy(failures, '(d)');
    const mb = (after - before) / 1024 / 1024;
    return {
      name: '(d) RSS growth / 10,000 checks',
      value: mb,
      unit: 'MB',
      target: '≤ 5 MB',
      pass: mb <= 5,
      detail: `RSS after GC ${(before / 1048576).toFixed(1)} → ${(after / 1048576).toFixed(1)} MB`,
    };
  } finally {
    await monitor.stop();
  }
}

async function outageDetection(server: Neo4jServer): Promise<Figure> {
  const settings: MonitorSettings = { ...SETTINGS, intervalSec: 1, timeoutMs: 1_000 };
  let backoffs = 0;
  for (let i = 0; i < settings.retries; i++) backoffs += Math.min(settings.backoffMaxMs, settings.backoffInitialMs * 2 ** i);
  const boundMs = settings.intervalSec * 1_000 + (settings.retries + 1) * settings.timeoutMs + backoffs;
  const { monitor } = monitorFor(server, server.uri, settings);
  let downAt: number | null = null;
  monitor.on('stateChange', (c) => {
    if (c.to === 'down' && downAt === null) downAt = performance.now();
  });
  try {
    monitor.start();
    while (monitor.snapshot().databases.neo4j?.status !== 'healthy') await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 1_500));
    const refused = whenPortRefuses(server.port);
    await server.stop();
    const outageAt = await refused;
    while (downAt === null) await new Promise((r) => setTimeout(r, 5));
    const detectedMs = Math.max(0, downAt - outageAt);
    return {
      name: '(e) outage detection',
      value: detectedMs / boundMs,
      unit: '× bound',
      target: `≤ bound + 250 ms (${boundMs + 250} ms)`,
      pass: detectedMs <= boundMs + 250,
      detail: `down ${detectedMs.toFixed(0)} ms after Bolt refused connections; bound ${boundMs} ms = interval ${settings.intervalSec * 1000} + ${settings.retries + 1} × timeout ${settings.timeoutMs} + backoffs ${backoffs}`,
    };
  } finally {
    await monitor.stop();
    // (i)–(k) come later and need the same Neo4j: without this a full run measured them against a stopped one.
    if (!server.running) await server.start();
  }
}

function print(figure: Figure): Figure {
  const value = figure.unit === '' ? String(figure.value) : `${figure.value.toFixed(figure.unit === 'MB' ? 2 : 3)} ${figure.unit}`;
  console.log(`${figure.pass ? 'PASS' : 'MISS'}  ${figure.name.padEnd(38)} ${value.padEnd(14)} target ${figure.target}`);
  console.log(`      ${figure.detail}`);
  return figure;
}

/** BENCH_ONLY=h,i: the steps to run (all when unset). */
const ONLY = process.env.BENCH_ONLY?.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
const wanted = (...steps: string[]) => !ONLY || steps.some((step) => ONLY.includes(step));

async function main(): Promise<void> {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`Machine: ${os.availableParallelism()} CPUs (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GB RAM, Node ${process.version}, ${os.platform()} ${os.release()}\n`);
  // (f) first: it reads this process's RSS, which the later steps' heaps (10,000 checks of history) would have grown and
  // left for V8 to resize during its window; it needs no Neo4j.
  const figures: Figure[] = wanted('f') ? [print(await endlessBody())] : [];
  if (wanted('a', 'b', 'c', 'd', 'e', 'g', 'h', 'i', 'j', 'k')) await withServers(figures);
  if (wanted('l')) for (const figure of await historyStore()) figures.push(print(figure));
  console.log(`\n${figures.filter((f) => f.pass).length}/${figures.length} targets met.`);
}

async function withServers(figures: Figure[]): Promise<void> {
  const needsNeo4j = wanted('a', 'b', 'c', 'd', 'e', 'i', 'j', 'k');
  if (needsNeo4j) console.log('Starting a Neo4j for the benchmark…');
  const server = needsNeo4j ? await startNeo4j() : null;
  try {
    if (server) {
      const infoDriver = rawDriver(server);
      const info = await infoDriver.getServerInfo();
      await infoDriver.close();
      console.log(`Neo4j ${info.agent} on ${server.uri}\n`);
    }
    const steps = { a: probeOverhead, b: costRatio, c: connectionsOpened, d: memoryGrowth, e: outageDetection, g: envParseWorstCase, h: metricsRender };
    for (const [letter, step] of Object.entries(steps)) {
      if (wanted(letter)) figures.push(print(await step(server!)));
    }
    if (!server || !wanted('i', 'j', 'k')) return;
    const postgres = await startPostgres();
    const supabase = await startSupabaseStandin({ connectionString: postgres.connectionString });
    try {
      const neo4jTarget = { uri: server.uri, user: server.user, password: server.password };
      const targets = { neo4j: neo4jTarget, supabase: { url: supabase.url, key: supabase.serviceRoleKey } };
      // Started after this, the measured child and Chromium keep the default priority (bench/serversAside.ts).
      console.log(`The servers stand in for other machines: ${serversAside()} of their threads set to nice 10.\n`);
      if (wanted('j')) figures.push(print(await fortyCards(targets)));
      if (wanted('i')) for (const figure of await fortyTargets(targets)) figures.push(print(figure));
      if (wanted('k')) figures.push(print(await scrapedSchedules(targets)));
    } finally {
      await supabase.close();
      await postgres.dispose();
    }
  } finally {
    await server?.dispose();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
