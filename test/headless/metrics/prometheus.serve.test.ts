/**
 * The end-to-end check: a real Prometheus scrapes the real `walltrack-monitor serve` (real core,
 * a Neo4j of its own and the shared Supabase stand-in); both databases are up, then Neo4j is stopped
 * and walltrack_probe_success for it reaches 0 within two scrape intervals. Also the CLI's flags.
 */
import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNeo4j, type Neo4jServer } from '../../support/neo4j.js';
import { testServices, type TestServices } from '../../support/services.js';
import { runBin, startServe } from '../cliHarness.js';
import { startPrometheus, type Prometheus, type Sample } from './prometheus.js';

const SCRAPE_SEC = 2;
const TOKEN = 'c0ffeec0ffeec0ffeec0ffeec0ffeec0';
const dir = mkdtempSync(join(tmpdir(), 'walltrack-prom-serve-'));
let services: TestServices;
let neo4j: Neo4jServer;
const children: ChildProcess[] = [];

beforeAll(async () => {
  services = testServices();
  neo4j = await startNeo4j();
});

afterAll(async () => {
  for (const child of children) child.kill('SIGTERM');
  await neo4j?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

function env(extra: Record<string, string> = {}): Record<string, string> {
  return {
    WALLTRACK_DATA_DIR: mkdtempSync(join(dir, 'data-')),
    WALLTRACK_ENV: 'production',
    SUPABASE_URL: services.supabase.url,
    SUPABASE_KEY: services.supabase.serviceRoleKey,
    SUPABASE_PROBE_TABLE: 'wallets',
    NEO4J_URI: neo4j.uri,
    NEO4J_USER: neo4j.user,
    NEO4J_PASSWORD: neo4j.password,
    WALLTRACK_SLOW_MS: '30000',
    ...extra,
  };
}

function tokenFile(mode: number): string {
  const file = join(mkdtempSync(join(dir, 'token-')), 'metrics-token');
  writeFileSync(file, `${TOKEN}\n`);
  chmodSync(file, mode);
  return file;
}

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    })
      .on('error', reject)
      .end();
  });
}

function machineAddress(): string {
  const found = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal);
  if (!found) throw new Error('This test needs a non-loopback IPv4 address on this machine (ip -brief address shows none)');
  return found.address;
}

const byDatabase = (samples: Sample[]) => samples.map((s) => `${s.labels.environment} ${s.labels.database} ${s.value}`).sort();

describe('walltrack-monitor serve scraped by a real Prometheus', () => {
  let prometheus: Prometheus | undefined;
  afterAll(async () => {
    await prometheus?.stop();
  });

  it('sees both databases up, then Neo4j at 0 within two scrape intervals of it stopping', async () => {
    const { child, url } = await startServe(['--port', '0', '--interval', '1', '--no-ui'], env());
    children.push(child);
    prometheus = await startPrometheus([{ address: new URL(url).host }], SCRAPE_SEC);
    await prometheus.waitFor('count_over_time(walltrack_build_info[1m]) >= 2', (s) => s.length === 1);
    const up = await prometheus.waitFor('walltrack_probe_success', (s) => s.length === 2 && s.every((x) => x.value === 1));
    expect(byDatabase(up)).toEqual(['production neo4j 1', 'production supabase 1']);

    await neo4j.stop();
    const stoppedAt = Date.now() / 1_000;
    const series = 'walltrack_probe_success{database="neo4j"}';
    const after = await prometheus.waitFor(`${series}[1m]`, (s) => s.filter((x) => x.at > stoppedAt).length >= 2);
    const twoScrapes = after.filter((x) => x.at > stoppedAt).slice(0, 2);
    expect(twoScrapes.map((x) => x.value)).toContain(0);
    expect(twoScrapes.find((x) => x.value === 0)!.at - stoppedAt).toBeLessThanOrEqual(2 * SCRAPE_SEC);
    expect(byDatabase(await prometheus.query('walltrack_probe_success'))).toEqual(['production neo4j 0', 'production supabase 1']);
    const failures = await prometheus.query('walltrack_probe_failures_total{database="neo4j"} > 0');
    expect(failures.length).toBeGreaterThanOrEqual(1);
    // Refused from the first new connection; a pooled one cut as the server went away is "reset".
    for (const f of failures) expect(['refused', 'reset']).toContain(f.labels.kind);
  });
});

describe('serve --listen and --metrics-token-file', () => {
  it('refuses --listen without a metrics token: exit 2, and says why', async () => {
    const run = await runBin(['serve', '--port', '0', '--listen', machineAddress()], env());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--listen ${machineAddress()} would serve /metrics to the network without a token; nothing was started`);
    expect(run.stdout).toBe('');
  });

  it('refuses a token file other users can read: exit 2 with the chmod to run', async () => {
    const file = tokenFile(0o644);
    const run = await runBin(['serve', '--port', '0', '--metrics-token-file', file], env());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`The metrics token file ${file} can be read by other users (mode 644)`);
    expect(run.stderr).toContain(`chmod 600 ${file}`);
  });

  it('with both: warns, serves only /metrics on the address with the token, and /metrics on loopback wants it too', async () => {
    const address = machineAddress();
    const { child, url, output } = await startServe(['--port', '0', '--no-ui', '--listen', address, '--metrics-token-file', tokenFile(0o600)], env());
    children.push(child);
    const port = new URL(url).port;
    const auth = { authorization: `Bearer ${TOKEN}` };
    expect(output()).toContain(`Serving /metrics to the network on http://${address}:${port}/metrics (bearer token required; nothing else is served there)`);
    const network = await get(`http://${address}:${port}/metrics`, auth);
    expect(network.status).toBe(200);
    expect(network.body).toContain('walltrack_state{environment="production",database="neo4j",state=');
    expect((await get(`http://${address}:${port}/metrics`)).status).toBe(401);
    expect((await get(`http://${address}:${port}/api/health`, auth)).status).toBe(404);
    expect((await get(`http://127.0.0.1:${port}/metrics`)).status).toBe(401);
    expect((await get(`http://127.0.0.1:${port}/metrics`, auth)).status).toBe(200);
    expect(output()).not.toContain(TOKEN);
  });
});
