/**
 * A new kind of database is one registry entry plus one probe. This file adds "redis" to the registry
 * (vi.mock, test/support/thirdDatabaseKind.ts) and a probe factory that speaks just enough of Redis' wire
 * protocol (AUTH, PING) to a real loopback listener, and touches nothing else: the kind flows through
 * settings and the keychain, the snapshot, `check --json`, `/api/health` and the status window in Chromium.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CredentialVault } from '../src-main/core/credentials/CredentialVault.js';
import { createMonitorCore } from '../src-main/core/createMonitorCore.js';
import type { MonitorCore } from '../src-main/core/MonitorCore.js';
import { PROBE_FACTORIES } from '../src-main/core/probes/probeFactories.js';
import type { Probe } from '../src-main/core/probes/Probe.js';
import { failureResult, healthyResult, resultFromError } from '../src-main/core/probes/result.js';
import { createBrowserMode, type BrowserMode } from '../src-main/headless/browser/browserMode.js';
import { runCli } from '../src-main/headless/cli.js';
import { createHealthServer, type HealthServer } from '../src-main/headless/healthServer.js';
import { launchChromium } from './renderer/e2e/chromium.js';
import { buildRenderer } from './renderer/e2e/renderBuild.js';

vi.mock('../src-main/common/databases.js', async (importOriginal) =>
  (await import('./support/thirdDatabaseKind.js')).withThirdKind(await importOriginal()),
);

const PASSWORD = `redis-pass-${randomUUID()}`;

/** A Redis-like listener: "+OK" to the right AUTH, "-WRONGPASS" otherwise, "+PONG" to PING. */
async function startRedisLike(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buffer = '';
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let end: number;
      while ((end = buffer.indexOf('\r\n')) !== -1) {
        const [command, ...args] = buffer.slice(0, end).split(' ');
        buffer = buffer.slice(end + 2);
        if (command === 'AUTH') socket.write(args[1] === PASSWORD ? '+OK\r\n' : '-WRONGPASS invalid username-password pair\r\n');
        else if (command === 'PING') socket.write('+PONG\r\n');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

// The kind's one probe: AUTH user password, PING; healthy on +OK +PONG.
PROBE_FACTORIES.redis = (section, secret, timeoutMs) => {
  const target = section.address!;
  const ctx = { database: 'redis', target, secrets: [secret] };
  return {
    database: 'redis',
    target,
    check: (signal) =>
      new Promise((resolve) => {
        const started = performance.now();
        const url = new URL(target);
        const socket = connect(Number(url.port || 6379), url.hostname);
        let reply = '';
        const done = (result: Awaited<ReturnType<Probe['check']>>) => {
          socket.destroy();
          resolve(result);
        };
        socket.setTimeout(timeoutMs, () => done(failureResult(ctx, 'timeout')));
        signal?.addEventListener('abort', () => done(failureResult(ctx, 'timeout')));
        socket.on('error', (error) => done(resultFromError(ctx, error)));
        socket.on('connect', () => socket.write(`AUTH ${section.username} ${secret.reveal()}\r\nPING\r\n`));
        socket.on('data', (chunk: Buffer) => {
          reply += chunk.toString('utf8');
          if (reply.startsWith('-')) done(failureResult(ctx, 'auth_failed'));
          else if (reply === '+OK\r\n+PONG\r\n') done(healthyResult('redis', performance.now() - started));
        });
      }),
    close: async () => undefined,
  } satisfies Probe;
};

let redis: Awaited<ReturnType<typeof startRedisLike>>;
let dataDir: string;
let service: string;
let vault: CredentialVault;
let core: MonitorCore;

beforeAll(async () => {
  redis = await startRedisLike();
  dataDir = mkdtempSync(join(tmpdir(), 'wt-third-kind-'));
  service = `walltrack-monitor-test-${randomUUID()}`;
  vault = new CredentialVault({ service });
  core = createMonitorCore({ dataDir, vault, version: '9.9.9-test' });
  await core.start();
});
afterAll(async () => {
  await core?.stop();
  await vault?.delete('default', 'redisAuth').catch(() => undefined);
  await redis?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('a third kind, from its registry entry and its probe alone', () => {
  it('is saved: its section in the settings file, its secret in the keychain under its own account', async () => {
    const view = await core.saveSettings({
      settings: {
        environments: [{ id: 'default', name: 'default', databases: { redis: { address: `redis://127.0.0.1:${redis.port}`, username: 'default' } } }],
        monitor: { intervalSec: 60, timeoutMs: 3_000, retries: 0 },
      },
      secrets: { default: { redisAuth: { action: 'replace', value: PASSWORD } } },
    });
    expect(view.secrets).toEqual({ default: { redisAuth: 'stored' } });
    expect((await vault.readAccount('default/redis-auth'))!.reveal()).toBe(PASSWORD);
    const file = readFileSync(join(dataDir, 'settings.json'), 'utf8');
    expect(JSON.parse(file).environments[0].databases).toEqual({ redis: { address: `redis://127.0.0.1:${redis.port}`, username: 'default', db: null } });
    expect(file).not.toContain(PASSWORD);
  });

  it('is checked and shown in the snapshot with its registry label', async () => {
    const snapshot = await core.checkNow();
    expect(snapshot.environments[0]!.databases.redis).toMatchObject({
      database: 'redis',
      label: 'Redis',
      status: 'healthy',
      healthy: true,
      target: `redis://127.0.0.1:${redis.port}`,
    });
    expect(snapshot.status).toBe('ok');
  });

  it('answers /api/health in the original shape', async () => {
    const server: HealthServer = await createHealthServer({ core, port: 0 });
    try {
      const res = await fetch(`${server.url}/api/health`);
      const body = (await res.json()) as { status: string; databases: Record<string, unknown> };
      expect(res.status).toBe(200);
      expect(body.status).toBe('ok');
      expect(body.databases.redis).toMatchObject({ status: 'connected', healthy: true, label: 'Redis' });
    } finally {
      await server.close();
    }
  });

  it('is in `check --json`, which exits 0', async () => {
    let out = '';
    const stdout = new Writable({ write: (chunk, _e, done) => ((out += String(chunk)), done()) });
    const stderr = new Writable({ write: (_c, _e, done) => done() });
    const env = { ...process.env, WALLTRACK_DATA_DIR: dataDir, WALLTRACK_KEYCHAIN_SERVICE: service };
    const code = await runCli(['check', '--json'], { stdout, stderr, env });
    expect(code).toBe(0);
    const snapshot = JSON.parse(out) as { environments: { databases: Record<string, { label: string; status: string }> }[] };
    expect(snapshot.environments[0]!.databases.redis).toMatchObject({ label: 'Redis', status: 'healthy' });
  });

  it('has its card in the status window, in Chromium, by its label', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'walltrack-renderer-build-'));
    buildRenderer(outDir);
    const mode: BrowserMode = createBrowserMode({ core, rendererDir: outDir, version: '9.9.9-test', log: { warn: () => undefined, error: () => undefined } });
    const server = await createHealthServer({ core, port: 0, routes: mode.handleRequest, onUpgrade: mode.handleUpgrade });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(mode.url(server.port));
      const card = page.locator('[data-database="redis"]');
      await expect.poll(() => card.getAttribute('data-state'), { timeout: 15_000 }).toBe('healthy');
      expect(await card.locator('h2, h3').first().innerText()).toBe('Redis');
    } finally {
      await browser.close();
      await mode.close();
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    }
  }, 120_000);
});
