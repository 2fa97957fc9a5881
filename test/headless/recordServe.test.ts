/**
 * The durable record through the real `serve` and the real CLI: the real core checks the Supabase
 * stand-in and a real Neo4j behind a relay that is first closed (refused: an outage, an incident) and
 * then opened (recovery). /api/history, /api/incidents and /metrics answer from it while serve runs;
 * after SIGTERM, `history` and `incidents` read the same record from the data folder; a restart keeps it.
 * Also: the core's `stopped` event reaches a connected browser before its socket closes.
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { HistoryViewSchema, IncidentListSchema, type HistoryView, type Incident } from '../../src-main/common/history.js';
import { freePort } from '../support/faults.js';
import { testServices, type TestServices } from '../support/services.js';
import { warmUpServices } from '../core/warmUp.js';
import { runBin, startServe } from './cliHarness.js';
import { neo4jRelay, type Neo4jRelay } from './neo4jRelay.js';

const root = mkdtempSync(join(tmpdir(), 'wt-record-serve-'));
let services: TestServices;
let relay: Neo4jRelay;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  services = testServices();
  await warmUpServices(services);
  relay = neo4jRelay(services.neo4j, await freePort());
});

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await relay?.close();
  rmSync(root, { recursive: true, force: true });
});

/** Browser mode needs a built renderer; its files do not matter here. */
function rendererFolder(): string {
  const dir = mkdtempSync(join(root, 'renderer-'));
  writeFileSync(join(dir, 'status.html'), '<!doctype html><title>status</title>');
  return dir;
}

/** Environment "production": the Supabase stand-in and Neo4j through the relay; its data folder. */
function envFor(dataDir: string, neo4jUri: string): Record<string, string> {
  return {
    WALLTRACK_DATA_DIR: dataDir,
    WALLTRACK_KEYCHAIN_SERVICE: `walltrack-monitor-test-${randomUUID()}`,
    WALLTRACK_RENDERER_DIR: rendererFolder(),
    WALLTRACK_ENV: 'production',
    SUPABASE_URL: services.supabase.url,
    SUPABASE_KEY: services.supabase.serviceRoleKey,
    SUPABASE_PROBE_TABLE: 'wallets',
    NEO4J_URI: neo4jUri,
    NEO4J_USER: services.neo4j.user,
    NEO4J_PASSWORD: services.neo4j.password,
    WALLTRACK_SLOW_MS: '30000',
    TZ: 'UTC',
  };
}

interface Served {
  child: ChildProcess;
  base: string;
  port: number;
  token: string;
  output: () => string;
}

async function serve(env: Record<string, string>, args: string[] = []): Promise<Served> {
  const { child, url, output } = await startServe(['--port', '0', '--interval', '1', ...args], env);
  children.add(child);
  child.on('exit', () => children.delete(child));
  const base = new URL(url).origin;
  let token = '';
  if (!args.includes('--no-ui')) {
    await expect.poll(() => /#token=([A-Za-z0-9_-]+)/.exec(output())?.[1], { timeout: 10_000 }).toBeTruthy();
    token = /#token=([A-Za-z0-9_-]+)/.exec(output())![1]!;
  }
  return { child, base, port: Number(new URL(url).port), token, output };
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

async function api<T>(s: Served, path: string): Promise<T> {
  const reply = await get(`${s.base}${path}`, { authorization: `Bearer ${s.token}` });
  if (reply.status !== 200) throw new Error(`${path}: ${reply.status} ${reply.body}`);
  return JSON.parse(reply.body) as T;
}

const neo4jHistory = (s: Served, range = '1h') => api<HistoryView>(s, `/api/history?environment=production&database=neo4j&range=${range}`);

async function stop(s: Served): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => s.child.once('exit', (code) => resolve(code)));
  s.child.kill('SIGTERM');
  return exited;
}

describe('the record of an outage, through serve and the CLI', () => {
  const dataDir = mkdtempSync(join(root, 'data-'));
  let served: Served;
  let outageStartedBefore: number;
  let recoveredAfter: number;
  let env: Record<string, string>;

  it('serve shows the outage and the recovery in /api/history', async () => {
    env = envFor(dataDir, relay.uri);
    await relay.close();
    served = await serve(env);
    outageStartedBefore = Date.now();
    await expect.poll(async () => (await neo4jHistory(served)).points.some((p) => p.state === 'down'), { timeout: 60_000, interval: 500 }).toBe(true);
    const down = HistoryViewSchema.parse(await neo4jHistory(served));
    expect(down).toMatchObject({ environment: 'production', database: 'neo4j', endpoint: relay.uri, range: '1h' });
    expect(down.points.filter((p) => p.failed > 0).every((p) => p.kind === 'refused' && p.latencyMs === null)).toBe(true);
    await relay.open();
    recoveredAfter = Date.now();
    await expect.poll(async () => (await neo4jHistory(served)).points.at(-1)?.state, { timeout: 60_000, interval: 500 }).toBe('healthy');
  });

  // Needs the durable store (today getIncidents is empty and uptime ratios are null).
  it('the outage is one closed incident, and uptime over 24 h lies between 0 and 1 in /api/history and /metrics', async () => {
    const { incidents } = IncidentListSchema.parse(await api(served, '/api/incidents?environment=production'));
    expect(incidents).toHaveLength(1);
    const incident = incidents[0]!;
    expect(incident).toMatchObject({ environment: 'production', database: 'neo4j', endpoint: relay.uri, kind: 'refused' });
    expect(Date.parse(incident.startedAt)).toBeGreaterThanOrEqual(outageStartedBefore - 60_000);
    expect(Date.parse(incident.endedAt!)).toBeGreaterThanOrEqual(recoveredAfter);
    expect(incident.durationMs).toBe(Date.parse(incident.endedAt!) - Date.parse(incident.startedAt));
    const view = await neo4jHistory(served, '24h');
    const day = view.uptime.find((u) => u.window === '24h')!;
    expect(day.checks).toBeGreaterThanOrEqual(3);
    expect(day.ratio).toBeGreaterThan(0);
    expect(day.ratio).toBeLessThan(1);
    const metrics = (await get(`${served.base}/metrics`)).body;
    const ratio = (db: string) => Number(new RegExp(`^walltrack_uptime_ratio\\{environment="production",database="${db}",window="24h"\\} (\\S+)$`, 'm').exec(metrics)?.[1]);
    expect(ratio('supabase')).toBe(1);
    expect(ratio('neo4j')).toBeGreaterThan(0);
    expect(ratio('neo4j')).toBeLessThan(1);
  });

  // Needs the durable store for the incident and the uptime; the exit codes and shapes hold today.
  it('after SIGTERM, `incidents` and `history` read the same record from the data folder', async () => {
    expect(await stop(served)).toBe(0);
    const incidents = await runBin(['incidents', '--json'], env);
    expect(incidents.stderr).toBe('');
    expect(incidents.code).toBe(0);
    const list = IncidentListSchema.parse(JSON.parse(incidents.stdout));
    const history = await runBin(['history', '--db', 'neo4j', '--since', '1h', '--json'], env);
    expect(history.code).toBe(0);
    const views = (JSON.parse(history.stdout) as unknown[]).map((v) => HistoryViewSchema.parse(v));
    expect(views.map((v) => `${v.environment}/${v.database}/${v.range}/${v.endpoint}`)).toEqual([`production/neo4j/1h/${relay.uri}`]);

    expect(list.incidents.map((i: Incident) => `${i.environment} ${i.database} ${i.kind} ${i.endedAt === null ? 'open' : 'closed'}`)).toEqual(['production neo4j refused closed']);
    expect(views[0]!.points.some((p) => p.failed > 0)).toBe(true);
    expect(views[0]!.uptime[0]!.ratio).toBeGreaterThan(0);
    expect(views[0]!.uptime[0]!.ratio).toBeLessThan(1);
    const table = await runBin(['incidents'], env);
    expect(table.stdout).toMatch(/^production\s+Neo4j\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+\d+ s\s+refused\s+\S/m);
    const text = await runBin(['history', '--env', 'production'], env);
    // The core is not started: it knows the state from the record (since), or shows the newest recorded check.
    expect(text.stdout).toMatch(/^production \/ Neo4j {2}bolt:\/\/127\.0\.0\.1:\d+\n {2}state {6}(healthy since |last recorded check: healthy at )/m);
    expect(text.stdout).toMatch(/^ {2}uptime {5}\d+(\.\d+)? % \(24 h\) {2}\d+(\.\d+)? % \(7 d\)/m);
  });

  // Needs the durable store: "since" and the incident survive the restart.
  it('a restarted serve keeps the incident, and Neo4j healthy since the recovery (not since the restart)', async () => {
    const restartedAt = Date.now();
    served = await serve(env);
    // The record says healthy from before the restart at once; wait for the restarted monitor's own first check.
    type Health = { databases: { neo4j: { state: string; since: string } } };
    const health = async () => JSON.parse((await get(`${served.base}/api/health`)).body) as Health;
    await expect.poll(async () => (await health()).databases.neo4j.state, { timeout: 60_000, interval: 500 }).toBe('healthy');
    const { incidents } = await api<{ incidents: Incident[] }>(served, '/api/incidents');
    expect(incidents.map((i) => `${i.database} ${i.kind}`)).toEqual(['neo4j refused']);
    const { databases } = await health();
    expect(Date.parse(databases.neo4j.since)).toBeLessThan(restartedAt);
    expect(await stop(served)).toBe(0);
  });
});

describe('serve and the browser', () => {
  it('a connected browser gets the `stopped` event before its socket closes on SIGTERM', async () => {
    const s = await serve(envFor(mkdtempSync(join(root, 'data-')), relay.uri));
    const ws = new WebSocket(`ws://127.0.0.1:${s.port}/ws`, { headers: { origin: s.base } });
    const messages: { type: string; event?: string; payload?: unknown }[] = [];
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    ws.on('message', (data) => messages.push(JSON.parse(String(data))));
    await new Promise((resolve) => ws.on('open', resolve));
    ws.send(JSON.stringify({ type: 'auth', token: s.token }));
    await expect.poll(() => messages.some((m) => m.type === 'event' && m.event === 'snapshot')).toBe(true);
    const exited = stop(s);
    expect(await closed).toBe(1001);
    const stopped = messages.filter((m) => m.event === 'stopped');
    expect(stopped).toHaveLength(1);
    expect(stopped[0]).toEqual({ type: 'event', event: 'stopped', payload: { at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) } });
    expect(await exited).toBe(0);
  });

  it('without the status window (--no-ui) there is no token, so /api/history and /api/incidents are not served', async () => {
    const s = await serve(envFor(mkdtempSync(join(root, 'data-')), relay.uri), ['--no-ui']);
    expect((await get(`${s.base}/api/incidents`)).status).toBe(404);
    expect((await get(`${s.base}/api/health`)).status).not.toBe(404);
    expect(await stop(s)).toBe(0);
  });
});

describe('history and incidents on a data folder with nothing recorded', () => {
  it('exit 0 and say so; a bad flag exits 2 naming it', async () => {
    const env = envFor(mkdtempSync(join(root, 'data-')), relay.uri);
    const incidents = await runBin(['incidents'], env);
    expect(incidents).toMatchObject({ code: 0, stdout: 'No incidents recorded for this selection.\n', stderr: '' });
    const history = await runBin(['history', '--json'], env);
    expect(history.code).toBe(0);
    const views = (JSON.parse(history.stdout) as unknown[]).map((v) => HistoryViewSchema.parse(v));
    expect(views.map((v) => `${v.environment}/${v.database}/${v.range} ${v.points.length} ${v.uptime.map((u) => u.ratio).join(',')}`)).toEqual([
      'production/supabase/24h 0 ,,,',
      'production/neo4j/24h 0 ,,,',
    ]);
    const bad = await runBin(['incidents', '--since', 'yesterday'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--since must be a duration: minutes, hours or days, e.g. 30m, 24h, 7d (at most 400d).");
  });
});
