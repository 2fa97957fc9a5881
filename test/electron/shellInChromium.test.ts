/**
 * The closest this machine gets to a running Electron window: Debian's Chromium loads the built
 * status and settings pages through our app:// handler (CSP header + meta), with the built
 * preload bundle (dist/electron/preload.cjs) injected before any page script, and its
 * ipcRenderer bridged to main's real IPC handlers (setupIpc + sender policy) over the fake
 * electron. What Electron itself adds (context isolation, sandbox) is covered by the fake-based
 * tests and the Playwright _electron smoke test where a binary exists.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../mocks/electron.js'));
import * as electron from '../mocks/electron.js';
import { eventListenerName, eventNames, methodChannel, methodNames, type MethodName } from '../../src-main/common/contract.js';
import { createRendererHandlers } from '../../src-main/core/rendererHandlers.js';
import { broadcast, setupIpc } from '../../src-main/electron/ipc.js';
import { APP_ORIGIN, createAppProtocolHandler } from '../../src-main/electron/protocol.js';
import { setupWindows, type WindowManager, type WindowName } from '../../src-main/electron/windows.js';
import { FIXTURE_NOW, FakeMonitorCore, makeSnapshot } from './fixtures.js';
import { recordingLog } from './recordingLog.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const root = join(import.meta.dirname, '..', '..');
const skip = !existsSync(CHROMIUM);
if (skip) console.log(`[shellInChromium] SKIPPED: ${CHROMIUM} not found (apt-get install chromium)`);

let work: string;
let server: Server;
let origin: string;
let browser: Browser;
let core: FakeMonitorCore;
let windows: WindowManager;
const log = recordingLog();
/** Server-sent-event streams per window: how webContents.send reaches the page here. */
const streams = new Map<WindowName, ServerResponse>();
const cspViolations: string[] = [];
let preload: string;

/** The page side of the bridge: stands in for Electron's `require('electron')` in a sandboxed preload. */
const preloadShim = (windowName: WindowName, preloadSource: string) => `(() => {
  const listeners = new Map();
  let events = null;
  const ipcRenderer = {
    invoke: (channel, input) => fetch('/__ipc/${windowName}/' + encodeURIComponent(channel), {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input === undefined ? {} : { input }),
    }).then((r) => r.json()),
    on(channel, listener) {
      if (!events) {
        events = new EventSource('/__events/${windowName}');
        events.onmessage = (m) => { const { channel, payload } = JSON.parse(m.data); for (const l of listeners.get(channel) ?? []) l({}, payload); };
      }
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
    },
    removeListener(channel, listener) { listeners.set(channel, (listeners.get(channel) ?? []).filter((l) => l !== listener)); },
  };
  const contextBridge = { exposeInMainWorld: (key, api) => Object.defineProperty(window, key, { value: api }) };
  const require = (id) => { if (id === 'electron') return { ipcRenderer, contextBridge }; throw new Error('sandboxed preload cannot require ' + id); };
  const module = { exports: {} };
  const exports = module.exports;
  ${preloadSource}
})();`;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

beforeAll(async () => {
  if (skip) return;
  work = mkdtempSync(join(tmpdir(), 'walltrack-shell-chromium-'));
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--out', work, '--skip-main', '--skip-icons'], { stdio: 'pipe' });
  const preloadSource = readFileSync(join(work, 'electron/preload.cjs'), 'utf8');
  const serveApp = createAppProtocolHandler(join(work, 'renderer'));

  server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const ipc = /^\/__ipc\/(status|settings)\/(.+)$/.exec(url.pathname);
    if (ipc && req.method === 'POST') {
      const win = windows.all().find((w) => w.webContents.getURL().includes(`/${ipc[1]}.html`)) as unknown as electron.BrowserWindow;
      const body = JSON.parse(await readBody(req)) as { input?: unknown };
      const args = 'input' in body ? [body.input] : [];
      const reply = await electron.ipcMain.fakeInvoke(decodeURIComponent(ipc[2]!), { sender: win.webContents }, ...args);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
      return;
    }
    const events = /^\/__events\/(status|settings)$/.exec(url.pathname);
    if (events) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      res.write(': open\n\n');
      streams.set(events[1] as WindowName, res);
      return;
    }
    // Everything else: exactly what app:// would answer, headers included.
    const response = await serveApp(new Request(`${APP_ORIGIN}${url.pathname}`, { method: req.method }));
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  electron.resetElectronFake();
  electron.app.fakeReady(); // what these tests use exists only once the app is ready
  core = new FakeMonitorCore();
  windows = setupWindows({ preloadPath: '/unused', location: { origin, pageUrl: (name) => `${origin}/${name}.html` }, log });
  const handlers = createRendererHandlers(core, {
    appInfo: () => ({ version: '0.1.0', host: 'electron', capabilities: { startAtLogin: true, notifications: true } }),
    openWindow: (name) => void windows.open(name),
  });
  setupIpc({ handlers, policy: { owns: windows.owns, allowedOrigins: [origin] }, log });
  core.on('snapshot', (s) => broadcast(windows.all().map((w) => w.webContents), 'snapshot', s, log));

  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  await browser.newContext();
  preload = preloadSource;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  for (const s of streams.values()) s.end();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Opens a window the way the shell does, then shows its page in Chromium with that window's preload. */
async function openPage(name: WindowName): Promise<Page> {
  const win = windows.open(name) as unknown as electron.BrowserWindow;
  win.webContents.send = (channel: string, ...args: unknown[]) => {
    win.webContents.sent.push({ channel, args });
    streams.get(name)?.write(`data: ${JSON.stringify({ channel, payload: args[0] })}\n\n`);
  };
  const page = await browser.contexts()[0]!.newPage();
  // The window's preload runs before any of the page's own scripts, as in Electron.
  await page.addInitScript({ content: preloadShim(name, preload) });
  // The page's clock at the fixtures' time, or their 2026 results would be shown as stale (as they should).
  await page.clock.setFixedTime(FIXTURE_NOW);
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
  });
  await page.goto(`${origin}/${name}.html`);
  return page;
}

const region = (page: Page, name: string) => page.getByRole('region', { name });

describe.skipIf(skip)('the shell in Chromium: built preload + renderer + app:// + IPC handlers', () => {
  let status: Page;

  it('serves the status page with the CSP header and meta, and the preload exposes exactly the contract', async () => {
    status = await openPage('status');
    const response = await status.request.get(`${origin}/status.html`);
    expect(response.headers()['content-security-policy']).toMatch(/^default-src 'none'; script-src 'self'/);
    expect(await status.locator('meta[http-equiv="Content-Security-Policy"]').count()).toBe(1);
    const keys = await status.evaluate(() => Object.keys((globalThis as unknown as { walltrack: object }).walltrack).sort());
    expect(keys).toEqual([...methodNames, ...eventNames.map(eventListenerName)].sort());
  });

  it('lists both databases with their states, read over IPC from the core', async () => {
    await expect.poll(async () => (await region(status, 'Supabase').innerText()) + (await region(status, 'Neo4j').innerText()), { timeout: 15_000 }).toMatch(/Healthy[\s\S]*Healthy/);
    expect(core.calls.some((c) => c.method === 'getSnapshot')).toBe(true);
  });

  it('updates when main pushes a snapshot: the page never polls', async () => {
    const before = core.calls.length;
    core.emitSnapshot(makeSnapshot({ status: 'down', neo4j: { status: 'down', healthy: false, latencyMs: null, kind: 'auth_failed', message: 'neo4j (bolt://127.0.0.1:7687): authentication failed' } }));
    await expect.poll(() => region(status, 'Neo4j').innerText(), { timeout: 10_000 }).toContain('Down');
    expect(await region(status, 'Supabase').innerText()).toContain('Healthy');
    expect(core.calls.slice(before).map((c) => c.method).filter((m) => m === 'checkNow')).toEqual([]);
  });

  it('runs Check now and Settings… through IPC', async () => {
    await status.getByRole('button', { name: 'Check now' }).click();
    await expect.poll(() => core.businessCalls().includes('checkNow')).toBe(true);
    await status.getByRole('button', { name: 'Settings…' }).click();
    await expect.poll(() => windows.all().length).toBe(2);
  });

  it('the settings page loads its view over IPC', async () => {
    const settings = await openPage('settings');
    await expect.poll(() => core.businessCalls().includes('getSettings'), { timeout: 15_000 }).toBe(true);
    await expect.poll(async () => (await settings.locator('body').innerText()).length).toBeGreaterThan(50);
    expect(await settings.locator('body').innerText()).toMatch(/Neo4j/);
  });

  it('a malformed payload from the page is refused before it reaches the core', async () => {
    const reply = await status.evaluate(async (channel) => {
      const r = await fetch(`/__ipc/status/${encodeURIComponent(channel)}`, { method: 'POST', body: JSON.stringify({ input: { hours: -5 } }) });
      return r.json();
    }, methodChannel('pause' satisfies MethodName));
    expect(reply).toMatchObject({ ok: false, error: { name: 'ValidationError' } });
    expect(core.businessCalls()).not.toContain('pause');
  });

  it('had no Content-Security-Policy violation on any page', () => {
    expect(cspViolations).toEqual([]);
  });
});
