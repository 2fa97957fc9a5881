/**
 * A real Prometheus scrapes two monitors, as in the README's "Watching WallTrack from a server": one on
 * loopback without a token, one through `--listen` on this machine's network address with a bearer
 * token. The monitors' cores are the double (coreDouble.ts); prometheus.serve.test.ts does the same
 * against the real `serve` with a real Neo4j that is stopped.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseId } from '../../../src-main/common/schemas.js';
import { createHealthServer } from '../../../src-main/headless/healthServer.js';
import { setupServeMetrics } from '../../../src-main/headless/metrics/serveMetrics.js';
import { createCoreDouble, type CoreDouble } from './coreDouble.js';
import { startPrometheus, type Prometheus, type Sample } from './prometheus.js';

const TOKEN = 'f00dfeedf00dfeedf00dfeedf00dfeed';
const ENVIRONMENTS = ['production', 'staging'];
const DATABASES: DatabaseId[] = ['supabase', 'neo4j'];
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

const dir = mkdtempSync(join(tmpdir(), 'walltrack-prom-test-'));
const closers: (() => Promise<void>)[] = [];
let prometheus: Prometheus;
let officeA: CoreDouble;
let neo4jDownInProduction = false;

/** Checks every 200 ms, like a monitor with a short interval: 3 ms answers unless flipped down. */
function keepChecking(core: CoreDouble): void {
  const timer = setInterval(() => {
    for (const env of ENVIRONMENTS) {
      for (const db of DATABASES) {
        const down = core === officeA && neo4jDownInProduction && env === 'production' && db === 'neo4j';
        core.finishCheck(env, db, down ? 'down' : 'healthy', down ? null : 3, down ? 'refused' : undefined);
      }
    }
  }, 200);
  closers.push(async () => clearInterval(timer));
}

async function monitor(flags: Parameters<typeof setupServeMetrics>[0]) {
  const core = createCoreDouble(ENVIRONMENTS, '1.2.3');
  const metrics = setupServeMetrics(flags, quiet);
  const server = await createHealthServer({ core, port: 0, host: '127.0.0.1', ...metrics.serverHooks(core, {}) });
  if (!(await metrics.listen(server.port))) throw new Error('--listen failed');
  closers.push(() => server.close(), () => metrics.close());
  return { core, port: server.port };
}

beforeAll(async () => {
  const address = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
  if (!address) throw new Error('This test needs a non-loopback IPv4 address on this machine (ip -brief address shows none)');
  const tokenFile = join(dir, 'metrics-token');
  writeFileSync(tokenFile, `${TOKEN}\n`);
  chmodSync(tokenFile, 0o600);

  const a = await monitor({});
  officeA = a.core;
  // What office A's history answers: Neo4j in production 99.5 % over 24 h; nothing checked over 30 d yet.
  officeA.setUptime('production', 'neo4j', [
    { window: '24h', ratio: 0.995, checks: 2_880 },
    { window: '7d', ratio: 0.999, checks: 20_160 },
    { window: '30d', ratio: null, checks: 0 },
    { window: '365d', ratio: null, checks: 0 },
  ]);
  const b = await monitor({ listen: address, metricsTokenFile: tokenFile });
  keepChecking(a.core);
  keepChecking(b.core);
  prometheus = await startPrometheus([
    { address: `127.0.0.1:${a.port}`, labels: { monitor: 'office-a' } },
    { address: `${address}:${b.port}`, labels: { monitor: 'office-b' }, bearerToken: TOKEN },
  ]);
  closers.push(() => prometheus.stop());
});

afterAll(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  rmSync(dir, { recursive: true, force: true });
});

const byLabels = (samples: Sample[]) => samples.map((s) => `${s.labels.monitor} ${s.labels.environment} ${s.labels.database} ${s.value}`).sort();

describe('a real Prometheus scraping two monitors', () => {
  it('scrapes both (the network one with its bearer token) and sees every database of every environment up', async () => {
    await prometheus.waitFor('count_over_time(walltrack_build_info[1m]) >= 2', (s) => s.length === 2);
    const up = await prometheus.query('up');
    expect(up.map((s) => `${s.labels.monitor} ${s.value}`).sort()).toEqual(['office-a 1', 'office-b 1']);
    expect(byLabels(await prometheus.query('walltrack_probe_success'))).toEqual([
      'office-a production neo4j 1',
      'office-a production supabase 1',
      'office-a staging neo4j 1',
      'office-a staging supabase 1',
      'office-b production neo4j 1',
      'office-b production supabase 1',
      'office-b staging neo4j 1',
      'office-b staging supabase 1',
    ]);
    const info = await prometheus.query('walltrack_build_info');
    expect(info.map((s) => `${s.labels.monitor} ${s.labels.version}`).sort()).toEqual(['office-a 1.2.3', 'office-b 1.2.3']);
  });

  it('reads walltrack_uptime_ratio per window, with no series for a window in which nothing was checked', async () => {
    const uptime = await prometheus.waitFor('walltrack_uptime_ratio', (s) => s.length === 2);
    expect(uptime.map((s) => `${s.labels.monitor} ${s.labels.environment} ${s.labels.database} ${s.labels.window} ${s.value}`).sort()).toEqual([
      'office-a production neo4j 24h 0.995',
      'office-a production neo4j 7d 0.999',
    ]);
    // An alert on it: below 99 % over a day.
    expect(await prometheus.query('walltrack_uptime_ratio{window="24h"} < 0.99')).toEqual([]);
  });

  it("answers the README's graph query: p95 check duration per environment and database from the histogram", async () => {
    const expr = 'histogram_quantile(0.95, sum by (environment, database, le) (rate(walltrack_probe_duration_seconds_bucket[1m])))';
    const p95 = await prometheus.waitFor(expr, (s) => s.length === 4 && s.every((x) => Number.isFinite(x.value)));
    // Every answer took 3 ms: the 95th percentile lies in the bucket from 2.5 ms to 5 ms.
    for (const s of p95) {
      expect(s.value).toBeGreaterThan(0.0025);
      expect(s.value).toBeLessThanOrEqual(0.005);
    }
  });

  it('sees a database that goes down as 0 within two scrapes, with its environment and the failure kind', async () => {
    neo4jDownInProduction = true;
    const flippedAt = Date.now() / 1_000;
    const series = 'walltrack_probe_success{monitor="office-a",environment="production",database="neo4j"}';
    const after = await prometheus.waitFor(`${series}[1m]`, (s) => s.filter((x) => x.at > flippedAt).length >= 2);
    const twoScrapes = after.filter((x) => x.at > flippedAt).slice(0, 2);
    expect(twoScrapes.map((x) => x.value)).toContain(0);
    expect(byLabels(await prometheus.query('walltrack_probe_success == 0'))).toEqual(['office-a production neo4j 0']);
    expect(byLabels(await prometheus.query('walltrack_state{state="down"} == 1'))).toEqual(['office-a production neo4j 1']);
    const failures = await prometheus.query('sum by (monitor, environment, database, kind) (walltrack_probe_failures_total) > 0');
    expect(failures.map((s) => `${s.labels.monitor} ${s.labels.environment} ${s.labels.database} ${s.labels.kind}`)).toEqual([
      'office-a production neo4j refused',
    ]);
    // The README's uptime query until the monitor keeps a durable history: the share of scrapes with an answer.
    const uptime = await prometheus.query('avg_over_time(walltrack_probe_success[1h])');
    const downOne = uptime.filter((s) => s.labels.monitor === 'office-a' && s.labels.environment === 'production' && s.labels.database === 'neo4j');
    expect(downOne).toHaveLength(1);
    expect(downOne[0]!.value).toBeGreaterThan(0);
    expect(downOne[0]!.value).toBeLessThan(1);
    expect(uptime.filter((s) => s !== downOne[0]).map((s) => s.value)).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });
});
