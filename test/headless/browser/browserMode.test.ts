import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createBrowserMode, type BrowserMode } from '../../../src-main/headless/browser/browserMode.js';
import { createHealthServer, type HealthServer } from '../../../src-main/headless/healthServer.js';
import { createFakeCore, environmentStatus, snapshotOf, snapshotWith } from './fakeCore.js';

const TOKEN = 'test-token-0123456789abcdefghijklmnopqrstuv';
const warnings: string[] = [];
const log = { warn: (_o: object, m: string) => void warnings.push(m), error: (_o: object, m: string) => void warnings.push(m) };

let dir: string;
let server: HealthServer;
let port: number;
let mode: BrowserMode;
const core = createFakeCore();

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: string };
function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
const origin = () => `http://127.0.0.1:${port}`;
const auth = (token: string) => JSON.stringify({ type: 'auth', token });

type Socket = { ws: WebSocket; messages: unknown[]; closed: Promise<{ code: number; reason: string }> };
function openSocket(headers: Record<string, string>): Promise<Socket | { refused: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers });
    const messages: unknown[] = [];
    const closed = new Promise<{ code: number; reason: string }>((r) => ws.on('close', (code, reason) => r({ code, reason: String(reason) })));
    ws.on('message', (d) => messages.push(JSON.parse(String(d))));
    ws.on('open', () => resolve({ ws, messages, closed }));
    ws.on('unexpected-response', (_req, res) => resolve({ refused: res.statusCode! }));
    ws.on('error', () => resolve({ refused: 0 }));
  });
}
async function opened(headers: Record<string, string> = { origin: origin() }): Promise<Socket> {
  const r = await openSocket(headers);
  if ('refused' in r) throw new Error(`socket refused with ${r.refused}`);
  return r;
}
async function connected(): Promise<Socket> {
  const c = await opened();
  c.ws.send(auth(TOKEN));
  await expect.poll(() => c.messages[0]).toEqual({ type: 'auth', ok: true });
  return c;
}
async function call(c: { ws: WebSocket; messages: unknown[] }, msg: object): Promise<Record<string, unknown>> {
  const id = (msg as { id?: number }).id ?? null;
  c.ws.send(JSON.stringify(msg));
  for (let i = 0; i < 200; i++) {
    const m = c.messages.find((x) => (x as { type: string; id: unknown }).type === 'reply' && (x as { id: unknown }).id === id);
    if (m) return m as Record<string, unknown>;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('no reply');
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'walltrack-renderer-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'status.html'), '<!doctype html><title>status</title>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'walltrack-outside.html'), 'OUTSIDE-FILE-CONTENT');
  mode = createBrowserMode({ core, rendererDir: dir, version: '0.1.0', log, token: TOKEN });
  // The same wiring as `walltrack-monitor serve`: browser mode plugged into the health server.
  server = await createHealthServer({ core, port: 0, routes: mode.handleRequest, onUpgrade: mode.handleUpgrade });
  port = server.port;
});
afterAll(async () => {
  await mode.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('browser mode over HTTP', () => {
  it('prints the status window URL with the token in the fragment, which browsers never send to a server', () => {
    expect(mode.url(8765)).toBe(`http://127.0.0.1:8765/status.html#token=${TOKEN}`);
  });

  it('serves the renderer (which carries no data) without any credential, under a CSP without inline scripts', async () => {
    const page = await get('/status.html');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe');
    expect((await get('/assets/app.js')).headers['content-type']).toMatch(/javascript/);
    expect((await get('/')).headers.location).toBe('/status.html');
  });

  it('sets no cookie and reads none: a planted session cookie or a token in the query changes nothing', async () => {
    for (const [path, headers] of [
      ['/status.html', {}],
      ['/status.html', { cookie: `walltrack_session_${port}=planted; token=planted` }],
      [`/status.html?token=${TOKEN}`, {}],
      [`/?token=${TOKEN}`, { cookie: `walltrack_session_${port}=${TOKEN}` }],
    ] as const) {
      const r = await get(path, headers);
      expect(r.status, path).toBe(path.startsWith('/?') ? 302 : 200);
      expect(r.headers['set-cookie'], path).toBeUndefined();
      expect(r.body, path).not.toContain(TOKEN);
    }
  });

  it('serves nothing outside the renderer folder', async () => {
    for (const path of ['/../walltrack-outside.html', '/%2e%2e/walltrack-outside.html', '/..%2fwalltrack-outside.html', '/missing.html']) {
      const r = await get(path);
      expect(r.status, path).toBe(404);
      expect(r.body).not.toContain('OUTSIDE-FILE-CONTENT');
    }
  });

  it('refuses foreign Host headers (DNS rebinding) and foreign origins', async () => {
    // The health server answers a foreign Host with 421 before browser mode sees it; browser mode would say 403.
    expect([403, 421]).toContain((await get('/status.html', { host: `evil.example:${port}` })).status);
    expect([403, 421]).toContain((await get('/status.html', { host: '127.0.0.1:1' })).status);
    expect((await get('/status.html', { origin: 'http://evil.example' })).status).toBe(403);
    expect((await get('/status.html', { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await get('/status.html', { 'sec-fetch-site': 'same-site' })).status).toBe(403); // another local port
    expect((await get('/status.html', { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await get('/status.html', { host: `localhost:${port}` })).status).toBe(200);
  });

  it('answers only GET and HEAD, and leaves /api/health readable behind its Host check', async () => {
    expect((await get('/status.html', {}, 'POST')).status).toBe(405);
    const health = await get('/api/health');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok' });
    expect((await get('/api/health', { host: `evil.example:${port}` })).status).toBeGreaterThanOrEqual(400);
  });
});

describe('browser mode over the WebSocket', () => {
  it('refuses a socket from a foreign origin or host before any handshake', async () => {
    expect(await openSocket({ origin: 'http://evil.example' })).toEqual({ refused: 403 });
    expect(await openSocket({ origin: 'http://127.0.0.1:1' })).toEqual({ refused: 403 });
    expect(await openSocket({})).toEqual({ refused: 403 });
    const foreignHost = await openSocket({ origin: origin(), host: `evil.example:${port}` });
    expect('refused' in foreignHost && foreignHost.refused >= 400).toBe(true);
  });

  it('closes a socket with 1008 and sends it nothing when its first message is not the right token', async () => {
    for (const first of [auth('wrong'), auth(''), JSON.stringify({ type: 'auth' }), JSON.stringify({ type: 'call', id: 1, method: 'getSnapshot' }), 'not json']) {
      const c = await opened();
      c.ws.send(first);
      expect(await c.closed, first).toEqual({ code: 1008, reason: 'WallTrack Monitor: access token required' });
      expect(c.messages, first).toEqual([]);
    }
    // A cookie carrying the token counts for nothing either.
    const c = await opened({ origin: origin(), cookie: `walltrack_session_${port}=${TOKEN}; token=${TOKEN}` });
    c.ws.send(JSON.stringify({ type: 'call', id: 1, method: 'getSnapshot' }));
    expect((await c.closed).code).toBe(1008);
    expect(c.messages).toEqual([]);
  });

  it('closes a socket that says nothing within 5 seconds, having sent it nothing', async () => {
    const c = await opened();
    const start = Date.now();
    expect(await c.closed).toEqual({ code: 1008, reason: 'WallTrack Monitor: access token required' });
    expect(Date.now() - start).toBeGreaterThanOrEqual(4_500);
    expect(c.messages).toEqual([]);
  });

  it('holds at most 16 sockets that have not authenticated; more are refused until those go', async () => {
    const waiting = await Promise.all(Array.from({ length: 16 }, () => opened()));
    expect(await openSocket({ origin: origin() })).toEqual({ refused: 503 });
    waiting[0]!.ws.send(auth(TOKEN)); // one authenticates: it no longer counts
    await expect.poll(() => waiting[0]!.messages[0]).toEqual({ type: 'auth', ok: true });
    const next = await opened();
    expect(await openSocket({ origin: origin() })).toEqual({ refused: 503 });
    for (const c of [...waiting, next]) c.ws.terminate();
    await expect.poll(async () => ('refused' in (await openSocket({ origin: origin() })) ? 'refused' : 'open')).toBe('open');
  });

  it('after the token: answers auth ok, then pushes the current snapshot, then the changes of every snapshot event after', async () => {
    const c = await connected();
    await expect.poll(() => c.messages.length).toBe(2);
    expect(c.messages[1]).toMatchObject({ type: 'event', event: 'snapshot', payload: { status: 'ok' } });
    core.emitSnapshot(snapshotWith('down'));
    await expect.poll(() => c.messages.length).toBe(3);
    expect(c.messages[2]).toMatchObject({
      type: 'event',
      event: 'snapshotPatch',
      payload: { status: 'down', environmentIds: ['default'], changed: [{ databases: { neo4j: { status: 'down' } } }] },
    });
    core.emitSnapshot(snapshotWith('healthy'));
    c.ws.close();
  });

  it('with 20 environments, a check that changes one pushes that one alone (and the order of all), not all 40 databases', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `env-${String(i + 1).padStart(2, '0')}`);
    const healthy = ids.map((id) => environmentStatus(id, { supabase: 'healthy', neo4j: 'healthy' }, 'ok'));
    core.emitSnapshot(snapshotOf(healthy, 'ok'));
    const c = await connected();
    await expect.poll(() => c.messages.length).toBe(2);
    expect(c.messages[1]).toMatchObject({ type: 'event', event: 'snapshot', payload: { environments: healthy } });
    const down = environmentStatus('env-07', { supabase: 'healthy', neo4j: 'down' }, 'down');
    core.emitSnapshot(snapshotOf(healthy.map((e) => (e.id === 'env-07' ? down : e)), 'down'));
    await expect.poll(() => c.messages.length).toBe(3);
    expect(c.messages[2]).toEqual({
      type: 'event',
      event: 'snapshotPatch',
      payload: { ...snapshotOf([], 'down'), environments: undefined, environmentIds: ids, changed: [down] },
    });
    c.ws.close();
    core.emitSnapshot(snapshotWith('healthy'));
  });

  it('calls methods from the contract and validates input, naming the field', async () => {
    const c = await connected();
    expect(await call(c, { type: 'call', id: 1, method: 'getAppInfo' })).toMatchObject({
      ok: true,
      output: { host: 'browser', capabilities: { startAtLogin: false } },
    });
    expect(await call(c, { type: 'call', id: 2, method: 'pause', input: { hours: 1 } })).toMatchObject({ ok: true, output: { paused: { until: null } } });
    const bad = await call(c, { type: 'call', id: 3, method: 'pause', input: { hours: -1 } });
    expect(bad).toMatchObject({ ok: false });
    expect(JSON.stringify(bad)).toContain('hours');
    expect(await call(c, { type: 'call', id: 4, method: 'constructor' })).toMatchObject({ ok: false });
    expect(await call(c, { type: 'call', id: 5, method: 'getHistory', input: { database: 'mysql' } })).toMatchObject({ ok: false });
    c.ws.close();
  });

  it("passes the core's own errors with their field, and hides unexpected ones", async () => {
    const c = await connected();
    const draft = { settings: {}, secrets: {} };
    expect(await call(c, { type: 'call', id: 1, method: 'saveSettings', input: draft })).toMatchObject({
      ok: false,
      error: { field: 'neo4j.uri', message: expect.stringContaining('bolt://') },
    });
    const hidden = await call(c, { type: 'call', id: 2, method: 'getSettings' });
    expect(hidden).toMatchObject({ ok: false });
    expect(JSON.stringify(hidden)).not.toContain('internal detail');
    c.ws.close();
  });

  it('answers a malformed frame with an error instead of crashing', async () => {
    const c = await connected();
    c.ws.send('not json');
    expect(await call(c, { id: null })).toMatchObject({ ok: false });
    expect(await call(c, { type: 'call', id: 9, method: 'getSnapshot' })).toMatchObject({ ok: true });
    c.ws.close();
  });
});
