/**
 * Environments through the real bin against the real test Neo4j and Supabase stand-in: WALLTRACK_ENV,
 * `check --env`, and `--config FILE` with WALLTRACK_<ENV>_<VARIABLE> secrets and no keychain at all.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../support/faults.js';
import { testServices, type TestServices } from '../support/services.js';
import { warmUpServices } from '../core/warmUp.js';
import { runBin, startServe } from './cliHarness.js';

let services: TestServices;
let dataDir: string;
beforeAll(async () => {
  services = testServices();
  await warmUpServices(services);
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

/** No keychain reachable: a test that passes with it proves nothing needed one. */
const NO_KEYCHAIN = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' };

function env(extra: Record<string, string> = {}): Record<string, string> {
  dataDir = mkdtempSync(join(tmpdir(), 'wt-cli-env-'));
  return { WALLTRACK_DATA_DIR: dataDir, WALLTRACK_KEYCHAIN_SERVICE: `walltrack-monitor-test-${randomUUID()}`, ...NO_KEYCHAIN, ...extra };
}

/** production: both test services; broken: a Neo4j nobody listens on. */
async function twoEnvironments(): Promise<{ file: string; secrets: Record<string, string> }> {
  const file = join(dataDir, 'servers.json');
  writeFileSync(
    file,
    JSON.stringify({
      environments: [
        {
          id: 'production',
          name: 'Production',
          databases: { supabase: { url: services.supabase.url, probeTable: 'wallets' }, neo4j: { uri: services.neo4j.uri, user: services.neo4j.user } },
        },
        { id: 'broken', name: 'Broken', databases: { neo4j: { uri: `bolt://127.0.0.1:${await closedPort()}` } } },
      ],
      monitor: { slowMs: 30_000 },
    }),
  );
  return {
    file,
    secrets: {
      WALLTRACK_PRODUCTION_SUPABASE_KEY: services.supabase.serviceRoleKey,
      WALLTRACK_PRODUCTION_NEO4J_PASSWORD: services.neo4j.password,
      WALLTRACK_BROKEN_NEO4J_PASSWORD: 'x',
    },
  };
}

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => resolve({ status: res.statusCode!, body }));
    })
      .on('error', reject)
      .end();
  });
}

async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('environment variables: one environment named by WALLTRACK_ENV', () => {
  it('check --env picks it by that id, and an unknown --env exits 2 naming it', async () => {
    const vars = env({ WALLTRACK_ENV: 'ci', NEO4J_URI: services.neo4j.uri, NEO4J_USER: services.neo4j.user, NEO4J_PASSWORD: services.neo4j.password, WALLTRACK_SLOW_MS: '30000' });
    const ok = await runBin(['check', '--json', '--env', 'ci'], vars);
    expect(ok.code, ok.stderr).toBe(0);
    const snapshot = JSON.parse(ok.stdout);
    expect(snapshot.environments.map((e: { id: string }) => e.id)).toEqual(['ci']);
    expect(Object.keys(snapshot.environments[0].databases)).toEqual(['neo4j']);
    const unknown = await runBin(['check', '--env', 'production'], vars);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^walltrack-monitor: Unknown environment "production" for --env; known environments: ci$/m);
    const bad = await runBin(['check'], { ...vars, WALLTRACK_ENV: 'CI!' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^walltrack-monitor: Invalid environment variable WALLTRACK_ENV: it must be 1–32 lowercase letters/);
  });
});

describe('--config FILE with WALLTRACK_<ENV>_<VARIABLE> secrets, without a keychain', () => {
  it('check checks every environment (exit 1: one is down) or only --env production (exit 0)', async () => {
    const vars = env();
    const { file, secrets } = await twoEnvironments();
    const all = await runBin(['check', '--config', file], { ...vars, ...secrets });
    expect(all.code, all.stderr).toBe(1);
    expect(all.stdout).toMatch(/^Production\s+Supabase\s+✓ Healthy\s/m);
    expect(all.stdout).toMatch(/^Production\s+Neo4j\s+✓ Healthy\s/m);
    expect(all.stdout).toMatch(/^Broken\s+Neo4j\s+✕ Down — connection refused/m);
    const production = await runBin(['check', '--json', '--config', file, '--env', 'production'], { ...vars, ...secrets });
    expect(production.code, production.stderr).toBe(0);
    const snapshot = JSON.parse(production.stdout);
    expect(snapshot).toMatchObject({ status: 'ok', environments: [{ id: 'production', name: 'Production' }] });
    expect(snapshot.environments).toHaveLength(1);
    expect(production.stdout + production.stderr).not.toContain(services.neo4j.password);
  });

  it('refuses it together with the plain variables, and a secret in the file (exit 2)', async () => {
    const vars = env();
    const { file, secrets } = await twoEnvironments();
    const both = await runBin(['check', '--config', file], { ...vars, ...secrets, NEO4J_URI: services.neo4j.uri });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain(`walltrack-monitor: Both --config ${file} and the environment variables NEO4J_URI configure the monitor: pick one`);
    const leaky = join(dataDir, 'leaky.json');
    writeFileSync(leaky, JSON.stringify({ environments: [{ id: 'production', name: 'P', databases: { neo4j: { uri: services.neo4j.uri, password: 'in-the-file' } } }] }));
    const secret = await runBin(['check', '--config', leaky], vars);
    expect(secret.code).toBe(2);
    expect(secret.stderr).toBe(
      `walltrack-monitor: --config ${leaky}: Environment "P" has "password" under "neo4j": secrets are not allowed in a --config file\n` +
        'hint: Remove it and set WALLTRACK_PRODUCTION_NEO4J_PASSWORD instead (or store it in the OS keychain)\n',
    );
  });

  it('serve answers /api/health for the first environment, ?env= for another, /api/health/all for both', async () => {
    const vars = env();
    const { file, secrets } = await twoEnvironments();
    const { child, url } = await startServe(['--port', '0', '--no-ui', '--interval', '2', '--config', file], { ...vars, ...secrets });
    try {
      const first = await waitFor(() => get(url), (r) => r.status === 200);
      expect(first.status).toBe(200);
      expect(JSON.parse(first.body)).toMatchObject({
        status: 'ok',
        databases: { supabase: { status: 'connected', healthy: true }, neo4j: { status: 'connected', healthy: true } },
        environment: { id: 'production', name: 'Production' },
      });
      const broken = await waitFor(() => get(`${url}?env=broken`), (r) => JSON.parse(r.body).databases.neo4j.state === 'down');
      expect(broken.status).toBe(503);
      expect(JSON.parse(broken.body)).toMatchObject({ status: 'degraded', databases: { neo4j: { status: 'error', healthy: false, kind: 'refused' } } });
      const all = await get(`${url}/all`);
      expect(all.status).toBe(503);
      const body = JSON.parse(all.body);
      expect(body.environments.map((e: { id: string; status: string }) => [e.id, e.status])).toEqual([
        ['production', 'ok'],
        ['broken', 'degraded'],
      ]);
      const unknown = await get(`${url}?env=staging`);
      expect(unknown.status).toBe(404);
      expect(JSON.parse(unknown.body).error).toBe('Unknown environment "staging" in ?env=; known environments: production, broken');
    } finally {
      const exited = new Promise((r) => child.on('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
