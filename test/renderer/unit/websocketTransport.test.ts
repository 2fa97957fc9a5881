/**
 * The renderer's WebSocket client against the real browser-mode host (health server + bridge)
 * over a MonitorCore double. Node 20 has no global WebSocket, so `ws` stands in for the browser's,
 * adding the Origin a browser would send (and nothing else: the token travels in the first message).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WsWebSocket from 'ws';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBrowserMode, type BrowserMode } from '../../../src-main/headless/browser/browserMode.js';
import { createHealthServer, type HealthServer } from '../../../src-main/headless/healthServer.js';
import { RemoteError, createWebSocketApi } from '../../../src-renderer/api/websocketTransport.js';
import { createFakeCore, snapshotWith } from '../../headless/browser/fakeCore.js';

/** Tokens to offer, in order, recording which one the host accepted. */
function tokens(...offered: string[]) {
  const accepted: string[] = [];
  return { candidates: () => [...offered], accept: (t: string) => void accepted.push(t), accepted };
}
const NO_TOKEN = /no valid access token.*open the URL that `walltrack-monitor serve` printed/;

const TOKEN = 'transport-test-token-0123456789abcdefghij';
let server: HealthServer;
let mode: BrowserMode;
const core = createFakeCore();

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'walltrack-transport-'));
  writeFileSync(join(dir, 'status.html'), '<!doctype html>');
  mode = createBrowserMode({ core, rendererDir: dir, version: '0.1.0', log: { warn: () => undefined, error: () => undefined }, token: TOKEN });
  server = await createHealthServer({ core, port: 0, routes: mode.handleRequest, onUpgrade: mode.handleUpgrade });
  const port = server.port;
  (globalThis as { WebSocket?: unknown }).WebSocket = class extends WsWebSocket {
    constructor(url: string) {
      super(url, { headers: { origin: `http://127.0.0.1:${port}` } });
    }
  };
});
afterAll(async () => {
  delete (globalThis as { WebSocket?: unknown }).WebSocket;
  await mode.close();
  await server.close();
});

describe('renderer WebSocket transport', () => {
  it('calls contract methods and gets validated replies', async () => {
    const offered = tokens(TOKEN);
    const { api, connection } = createWebSocketApi(`ws://127.0.0.1:${server.port}/ws`, offered);
    const info = await api.getAppInfo();
    expect(offered.accepted).toEqual([TOKEN]);
    expect(info).toEqual({ version: '0.1.0', host: 'browser', capabilities: { startAtLogin: false, notifications: false } });
    expect(connection.get()).toBe('open');
    expect((await api.pause({ hours: 1 })).paused).toEqual({ until: null });
  });

  it("rejects with the host's error, keeping the field it names", async () => {
    const { api } = createWebSocketApi(`ws://127.0.0.1:${server.port}/ws`, tokens(TOKEN));
    const draft = { settings: {}, secrets: {} };
    const error = await api.saveSettings(draft as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect((error as RemoteError).field).toBe('neo4j.uri');
    await expect(api.pause({ hours: -3 })).rejects.toThrow(/hours/);
  });

  it('delivers the whole current snapshot first, then a patch for every snapshot after', async () => {
    const { api } = createWebSocketApi(`ws://127.0.0.1:${server.port}/ws`, tokens(TOKEN));
    const seen: string[] = [];
    api.onSnapshot((s) => seen.push(`whole: ${s.environments[0]!.databases.neo4j!.status}`));
    api.onSnapshotPatch((p) => seen.push(`patch: ${p.changed.map((e) => `${e.id} ${e.databases.neo4j!.status}`).join()}`));
    await expect.poll(() => seen).toEqual(['whole: healthy']);
    core.emitSnapshot(snapshotWith('down'));
    await expect.poll(() => seen).toEqual(['whole: healthy', 'patch: default down']);
    core.emitSnapshot(snapshotWith('healthy'));
  });

  it('reports a lost connection and reconnects by itself', async () => {
    const { api, connection } = createWebSocketApi(`ws://127.0.0.1:${server.port}/ws`, tokens(TOKEN));
    await api.getSnapshot();
    const states: string[] = [];
    connection.subscribe((s) => states.push(s));
    // Drop every socket from the server side, as a restart would.
    await mode.close();
    mode = createBrowserMode({ core, rendererDir: join(tmpdir()), version: '0.1.0', log: { warn: () => undefined, error: () => undefined }, token: TOKEN });
    await server.close();
    server = await createHealthServer({ core, port: server.port, routes: mode.handleRequest, onUpgrade: mode.handleUpgrade });
    await expect.poll(() => states, { timeout: 10_000 }).toEqual(['lost', 'open']);
    expect((await api.getAppInfo()).host).toBe('browser');
  });

  it('tries the tokens in order and keeps the one the host accepts (a planted token denies nothing)', async () => {
    const offered = tokens('planted-by-someone-else', TOKEN);
    const { api, connection } = createWebSocketApi(`ws://127.0.0.1:${server.port}/ws`, offered);
    expect((await api.getAppInfo()).host).toBe('browser');
    expect(connection.get()).toBe('open');
    expect(offered.accepted).toEqual([TOKEN]);
  });

  it('without a token, or with only wrong ones, says so and stops instead of retrying', async () => {
    for (const offered of [tokens(), tokens('wrong-1', 'wrong-2')]) {
      const { api, connection } = createWebSocketApi(`ws://127.0.0.1:${server.port}/ws`, offered);
      await expect(api.getAppInfo()).rejects.toThrow(NO_TOKEN);
      expect(connection.get()).toBe('unauthorized');
      expect(offered.accepted).toEqual([]);
    }
  });

  it('after a restart with a new token (a new run), reports the tab unauthorized', async () => {
    const { api, connection } = createWebSocketApi(`ws://127.0.0.1:${server.port}/ws`, tokens(TOKEN));
    await api.getSnapshot();
    const states: string[] = [];
    connection.subscribe((s) => states.push(s));
    await mode.close();
    mode = createBrowserMode({ core, rendererDir: tmpdir(), version: '0.1.0', log: { warn: () => undefined, error: () => undefined }, token: 'the-next-run-token-0123456789abcdefghijkl' });
    await server.close();
    server = await createHealthServer({ core, port: server.port, routes: mode.handleRequest, onUpgrade: mode.handleUpgrade });
    await expect.poll(() => states, { timeout: 10_000 }).toEqual(['lost', 'unauthorized']);
    await expect(api.getAppInfo()).rejects.toThrow(NO_TOKEN);
  });
});
