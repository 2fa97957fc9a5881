import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SettingsSchema, type SecretEdits } from '../../src-main/common/settings-schema.js';
import { CredentialVault } from '../../src-main/core/credentials/CredentialVault.js';
import { createMonitorCore } from '../../src-main/core/createMonitorCore.js';
import { closedPort } from '../support/faults.js';
import { fill, mountTmpfs, tmpfsProblem, unmount } from '../support/tmpfs.js';
import { silentBus } from '../support/keyring.js';
import { testServices, type TestServices } from '../support/services.js';
import { warmUpServices } from '../core/warmUp.js';
import { cleanEnv, runBin, startServe } from './cliHarness.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let services: TestServices;
let dataDir: string;
beforeAll(async () => {
  services = testServices();
  await warmUpServices(services);
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function env(extra: Record<string, string> = {}): Record<string, string> {
  dataDir = mkdtempSync(join(tmpdir(), 'wt-cli-'));
  return { WALLTRACK_DATA_DIR: dataDir, WALLTRACK_KEYCHAIN_SERVICE: `walltrack-monitor-test-${randomUUID()}`, ...extra };
}

/** A saved-settings draft: environment "default" monitors Neo4j only (its password per `secrets`). */
const savedNeo4j = (secrets: SecretEdits[string]) => ({
  settings: SettingsSchema.parse({ environments: [{ id: 'default', name: 'default', databases: { neo4j: { uri: services.neo4j.uri } } }] }),
  secrets: { default: secrets },
  removeEnvironments: [],
});

const healthyEnv = () => ({
  SUPABASE_URL: services.supabase.url,
  SUPABASE_KEY: services.supabase.serviceRoleKey,
  SUPABASE_PROBE_TABLE: 'wallets',
  NEO4J_URI: services.neo4j.uri,
  NEO4J_USER: services.neo4j.user,
  NEO4J_PASSWORD: services.neo4j.password,
  // A loaded 2-core CI box can take over 1 s for a request; "slow" is tested in the monitor's own suite.
  WALLTRACK_SLOW_MS: '30000',
});

describe('walltrack-monitor check', () => {
  it('exits 0 with the snapshot as JSON when both databases are healthy', async () => {
    const run = await runBin(['check', '--json'], env(healthyEnv()));
    expect(run.stderr).toBe('');
    expect(run.code, run.stdout).toBe(0);
    const snapshot = JSON.parse(run.stdout);
    expect(snapshot.status).toBe('ok');
    expect(snapshot.environments.map((e: { id: string }) => e.id)).toEqual(['default']);
    expect(snapshot.environments[0].databases.neo4j).toMatchObject({ status: 'healthy', healthy: true, target: services.neo4j.uri });
    expect(snapshot.environments[0].databases.supabase).toMatchObject({ status: 'healthy', healthy: true });
  });

  it('works the same through `npm run headless -- check --json`', async () => {
    const vars = cleanEnv(env(healthyEnv()));
    const { stdout } = await promisify(execFile)('npm', ['run', '-s', 'headless', '--', 'check', '--json'], { cwd: ROOT, env: vars, timeout: 60_000 });
    expect(JSON.parse(stdout)).toMatchObject({ status: 'ok' });
    const failed = await promisify(execFile)('npm', ['run', '-s', 'headless', '--', 'check'], { cwd: ROOT, env: cleanEnv(env()), timeout: 60_000 }).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 2, stderr: expect.stringMatching(/Nothing to check/) });
  });

  it('prints a readable table without --json', async () => {
    const run = await runBin(['check'], env(healthyEnv()));
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/WallTrack Monitor \S+: OK/);
    expect(run.stdout).toMatch(/^ENVIRONMENT\s+DATABASE\s+STATE\s+LATENCY\s+TARGET$/m);
    expect(run.stdout).toMatch(/^default\s+Neo4j\s+✓ Healthy\s+\d+ ms\s+bolt:\/\/127\.0\.0\.1:\d+$/m);
    expect(run.stdout).toMatch(/^default\s+Supabase\s+✓ Healthy\s+\d+ ms\s+http:\/\/127\.0\.0\.1:\d+$/m);
  });

  it('exits 1 with auth_failed when the Neo4j password is wrong, without printing it', async () => {
    const wrong = `wrong-${randomUUID()}`;
    const run = await runBin(['check', '--json'], env({ ...healthyEnv(), NEO4J_PASSWORD: wrong }));
    expect(run.code).toBe(1);
    const snapshot = JSON.parse(run.stdout);
    expect(snapshot.status).toBe('down');
    const { databases } = snapshot.environments[0];
    expect(databases.neo4j).toMatchObject({ status: 'down', kind: 'auth_failed' });
    expect(databases.neo4j.hint).toMatch(/NEO4J_PASSWORD/);
    expect(databases.supabase.status).toBe('healthy');
    expect(run.stdout + run.stderr).not.toContain(wrong);
  });

  it('exits 1 with refused when Neo4j is not running', async () => {
    const port = await closedPort();
    const run = await runBin(['check'], env({ NEO4J_URI: `bolt://127.0.0.1:${port}`, NEO4J_PASSWORD: 'x' }));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^default\s+Neo4j\s+✕ Down — connection refused/m);
    // Supabase has no variable set: not monitored, so no row.
    expect(run.stdout).not.toMatch(/Supabase/);
    expect(run.stdout).toMatch(/What to do: Is Neo4j running on 127\.0\.0\.1:\d+\? Start it, or correct NEO4J_URI$/m);
  });

  it.each([
    [{}, /Nothing to check: set SUPABASE_URL and SUPABASE_KEY and\/or NEO4J_URI and NEO4J_PASSWORD/],
    [{ NEO4J_URI: 'bolt://127.0.0.1:7687' }, /NEO4J_URI is set but NEO4J_PASSWORD is not: set NEO4J_PASSWORD/],
    [{ NEO4J_URI: 'bolt://127.0.0.1:7687', NEO4J_PASSWORD: 'p', WALLTRACK_TIMEOUT_MS: 'soon' }, /WALLTRACK_TIMEOUT_MS: must be a whole number/],
    [{ SUPABASE_URL: 'supabase.example.com', SUPABASE_KEY: 'k' }, /SUPABASE_URL: Supabase URL must start with https:\/\//],
  ])('exits 2 on a configuration error saying what to set: %j', async (vars, message) => {
    const run = await runBin(['check'], env(vars as Record<string, string>));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });

  it('exits 2 with a JSON error object under --json', async () => {
    const run = await runBin(['check', '--json'], env({ SUPABASE_KEY: 'k' }));
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).error).toMatchObject({ name: 'ConfigurationError', message: expect.stringMatching(/set SUPABASE_URL/) });
  });

  it('without variables, uses the saved settings and the keychain (0), and exits 2 when a saved secret is missing', async () => {
    const vars = env();
    const vault = new CredentialVault({ service: vars.WALLTRACK_KEYCHAIN_SERVICE! });
    const core = createMonitorCore({ dataDir, vault });
    await core.start();
    await core.saveSettings(savedNeo4j({ neo4jPassword: { action: 'replace', value: services.neo4j.password } }));
    await core.stop();
    try {
      const ok = await runBin(['check', '--json'], vars);
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.stdout).environments[0].databases.neo4j.status).toBe('healthy');
      await vault.delete('default', 'neo4jPassword');
      const missing = await runBin(['check'], vars);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/^walltrack-monitor: default: .*Neo4j URI is set but the password is missing — Enter the Neo4j password in the app's Settings/);
    } finally {
      await vault.delete('default', 'neo4jPassword');
    }
  });

  it('exits 2 with the keychain hint when saved settings need a secret and the keychain is unreachable', async () => {
    const vars = env();
    const core = createMonitorCore({ dataDir, vault: new CredentialVault({ service: vars.WALLTRACK_KEYCHAIN_SERVICE! }) });
    await core.saveSettings(savedNeo4j({}));
    await core.stop();
    const run = await runBin(['check'], { ...vars, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/neo4j: not configured — keychain unavailable: Could not read neo4jPassword in the OS keychain/);
    expect(run.stderr).toMatch(/Start a Secret Service such as gnome-keyring/);
  });

  it('rejects an unknown command or option with exit 2', async () => {
    expect((await runBin(['frobnicate'], env())).code).toBe(2);
    expect((await runBin(['serve', '--port', 'http'], env())).code).toBe(2);
  });
});

function get(url: string, host?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = request({ host: u.hostname, port: u.port, path: u.pathname, headers: host ? { host } : {} }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject).end();
  });
}

async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('walltrack-monitor serve', () => {
  it('serves /api/health (200 healthy), refuses foreign Host names, and stops cleanly on SIGTERM', async () => {
    const { child, url, output } = await startServe(['--port', '0', '--interval', '2'], env(healthyEnv()));
    try {
      const health = await waitFor(() => get(url), (r) => r.status === 200);
      expect(health.status).toBe(200);
      // The original service's shape, for the one environment the variables define.
      expect(JSON.parse(health.body)).toMatchObject({
        status: 'ok',
        version: '0.1.0',
        databases: { supabase: { status: 'connected', healthy: true }, neo4j: { status: 'connected', healthy: true } },
        environment: { id: 'default', name: 'default' },
      });
      const port = new URL(url).port;
      expect((await get(url, `attacker.example:${port}`)).status).toBe(421);
      expect((await get(url, `localhost:${port}`)).status).toBe(200);
    } finally {
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      child.kill('SIGTERM');
      const started = Date.now();
      expect(await exited).toBe(0);
      expect(Date.now() - started).toBeLessThan(10_000);
    }
    expect(output()).toMatch(/Shutting down/);
  });

  it('keeps serving when its stderr reader goes away (EPIPE on the console log)', async () => {
    const { child, url } = await startServe(['--port', '0'], env(healthyEnv()));
    const exits: (number | null)[] = [];
    child.on('exit', (code) => exits.push(code));
    try {
      await waitFor(() => get(url), (r) => r.status === 200);
      child.stderr!.destroy();
      // Each refused foreign Host is logged, i.e. written to the now closed stderr.
      for (let i = 0; i < 5; i++) expect((await get(url.replace('/api/health', '/'), 'evil.example')).status).toBe(421);
      for (let i = 0; i < 5; i++) expect((await get(url)).status).toBe(200);
      expect(exits).toEqual([]);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('listens before it reads the keychain: /api/health answers while the keychain hangs, then says why', async () => {
    const vars = env();
    // Saved settings whose Neo4j password must come from the keychain.
    const core = createMonitorCore({ dataDir, vault: new CredentialVault({ service: vars.WALLTRACK_KEYCHAIN_SERVICE! }) });
    await core.saveSettings(savedNeo4j({}));
    await core.stop();
    const bus = await silentBus();
    try {
      const { child, url, output } = await startServe(['--port', '0'], { ...vars, DBUS_SESSION_BUS_ADDRESS: bus.address });
      try {
        // Listening came first: the keychain read had not given up (nor been checked) when the URL was printed.
        expect(output()).not.toMatch(/Could not read a secret from the OS keychain/);
        const res = await get(url);
        expect(res.status).toBe(503);
        expect(JSON.parse(res.body).databases.neo4j.message ?? null).toBeNull();
        expect(output()).not.toMatch(/Could not read a secret from the OS keychain/);
        const later = await waitFor(() => get(url), (r) => Boolean(JSON.parse(r.body).databases.neo4j.message), 40_000);
        expect(JSON.parse(later.body).databases.neo4j).toMatchObject({ status: 'disconnected', healthy: false, state: 'not_configured' });
        expect(JSON.parse(later.body).databases.neo4j.message).toMatch(
          /^neo4j: not configured — keychain unavailable: Could not read neo4jPassword in the OS keychain .*no answer within 10000 ms/,
        );
      } finally {
        const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
        child.kill('SIGTERM');
        expect(await exited).toBe(0);
      }
    } finally {
      bus.close();
    }
  });

  it('answers 503 while a database is down', async () => {
    const { child, url } = await startServe(['--port', '0'], env({ ...healthyEnv(), NEO4J_PASSWORD: 'wrong' }));
    try {
      const res = await waitFor(() => get(url), (r) => JSON.parse(r.body).databases.neo4j.state === 'down');
      expect(JSON.parse(res.body)).toMatchObject({ status: 'degraded', databases: { neo4j: { status: 'error', healthy: false } } });
      expect(res.status).toBe(503);
      expect(JSON.parse(res.body).databases.neo4j.kind).toBe('auth_failed');
    } finally {
      child.kill('SIGINT');
    }
  });
});

const mountProblem = tmpfsProblem();
if (mountProblem) console.warn(`Skipping the full log folder tests: ${mountProblem}`);

/** Puts <dataDir>/logs on a 64 KiB tmpfs filled to the brim (a real ENOSPC); returns how to undo it. */
function fullLogFolder(vars: Record<string, string>): () => void {
  const logs = join(vars.WALLTRACK_DATA_DIR!, 'logs');
  mkdirSync(logs, { recursive: true });
  mountTmpfs(logs);
  fill(logs);
  return () => unmount(logs);
}

const logWarnings = (stderr: string) => stderr.split('\n').filter((l) => l.includes('Cannot write the log file'));

describe.skipIf(mountProblem)('with a full log folder (ENOSPC)', () => {
  it('check still checks, warns once on stderr, and writes the log lines whole to stderr', async () => {
    const vars = env(healthyEnv());
    const undo = fullLogFolder(vars);
    try {
      const run = await runBin(['check', '--json'], vars);
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout).status).toBe('ok');
      expect(logWarnings(run.stderr)).toHaveLength(1);
      const logLines = run.stderr.trimEnd().split('\n').filter((l) => l.startsWith('{'));
      expect(logLines.map((l) => JSON.parse(l).msg)).toContain('WallTrack Monitor starting');
    } finally {
      undo();
    }
  });

  it('serve starts, checks and answers /api/health, warning once', async () => {
    const vars = env(healthyEnv());
    const undo = fullLogFolder(vars);
    try {
      const { child, url, output } = await startServe(['--port', '0', '--no-ui'], vars);
      try {
        const health = await waitFor(() => get(url), (r) => r.status === 200);
        expect(JSON.parse(health.body)).toMatchObject({ status: 'ok', databases: { neo4j: { status: 'connected' }, supabase: { status: 'connected' } } });
        expect(logWarnings(output())).toHaveLength(1);
        expect(logWarnings(output())[0]).toMatch(/ENOSPC/);
      } finally {
        const exited = new Promise((r) => child.on('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    } finally {
      undo();
    }
  });
});

describe('check with a corrupt settings file', () => {
  it('says on stderr that the file was moved aside, and where', async () => {
    const vars = env();
    const settingsFile = join(dataDir, 'settings.json');
    writeFileSync(settingsFile, '{ "neo4j": { "uri": ');
    const run = await runBin(['check'], vars);
    const aside = readdirSync(dataDir).filter((f) => f.startsWith('settings.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dataDir, aside[0]!), 'utf8')).toBe('{ "neo4j": { "uri": ');
    expect(existsSync(settingsFile)).toBe(false);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`Settings file was unreadable and was moved aside to ${join(dataDir, aside[0]!)}`);
    expect(run.stderr).toContain(`copy the file back to ${settingsFile}`);
    expect(run.stderr).toMatch(/Nothing to check/);
  });
});
