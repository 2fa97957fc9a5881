/**
 * Both hosts serve the built renderer through one file server under one policy: the same hostile
 * paths are refused by the real app:// handler (through the electron fake) and by a real
 * browser-mode server on loopback, the same files are served with the same types, and every page
 * carries the same Content-Security-Policy (header and <meta>) apart from the host's connect-src.
 * Browser-mode requests are written as raw request lines so no client normalises the path first.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./mocks/electron.js'));
import * as electron from './mocks/electron.js';
import { setupProtocol } from '../src-main/electron/protocol.js';
import { createBrowserMode, type BrowserMode } from '../src-main/headless/browser/browserMode.js';
import { createHealthServer, type HealthServer } from '../src-main/headless/healthServer.js';
import { createFakeCore } from './headless/browser/fakeCore.js';

const SECRET = 'SECRET-MUST-NOT-BE-SERVED';
const PAGE = '<!doctype html><html><head><title>status</title></head><body></body></html>';
const log = { warn: () => undefined, error: () => undefined };

type Reply = { status: number; headers: Record<string, string>; body: string };

let base: string;
let root: string;
let server: HealthServer;
let mode: BrowserMode;
let port: number;
let session = '';

/** One raw HTTP/1.1 request to browser mode, the request target sent exactly as written. */
function rawGet(target: string, extraHeaders = '', method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    let data = Buffer.alloc(0);
    const socket = connect(port, '127.0.0.1', () =>
      socket.write(`${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${extraHeaders}Connection: close\r\n\r\n`),
    );
    socket.on('data', (chunk: Buffer) => (data = Buffer.concat([data, chunk])));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = data.toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const [statusLine, ...headerLines] = text.slice(0, split).split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine!.split(' ')[1]), headers, body: text.slice(split + 4) });
    });
  });
}

const browserGet = (target: string, method = 'GET') => rawGet(target, session, method);

/** The app:// handler Electron would call, fetched the way Chromium asks it. */
async function electronGet(path: string, method = 'GET'): Promise<Reply> {
  const handler = electron.protocol.handlers.get('app');
  if (!handler) throw new Error('setupProtocol did not register an app:// handler');
  const response = await handler(new Request(`app://walltrack${path}`, { method }));
  return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
}

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'walltrack-both-hosts-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  mkdirSync(join(root, '.hidden'));
  writeFileSync(join(root, 'status.html'), PAGE);
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log("app")');
  writeFileSync(join(root, 'assets', 'chunk.mjs'), 'export const chunk = 1;');
  writeFileSync(join(root, '.secret.js'), SECRET);
  writeFileSync(join(root, '.hidden', 'app.js'), SECRET);
  writeFileSync(join(root, 'assets', '.cache.js'), SECRET);
  writeFileSync(join(base, 'outside.js'), SECRET);
  mkdirSync(join(base, 'renderer-sibling'));
  writeFileSync(join(base, 'renderer-sibling', 'x.js'), SECRET);
  symlinkSync(join(base, 'outside.js'), join(root, 'escape.js'));

  electron.resetElectronFake();
  electron.app.fakeReady(); // protocol.handle works only once the app is ready
  setupProtocol(root);

  mode = createBrowserMode({ core: createFakeCore(), rendererDir: root, version: '0.1.0', log });
  server = await createHealthServer({ core: createFakeCore(), port: 0, routes: mode.handleRequest, onUpgrade: mode.handleUpgrade });
  port = server.port;
  // Whatever browser mode asks before it serves files: open the URL it prints and keep any session it hands out.
  const start = new URL(mode.url(port));
  const opened = await rawGet(start.pathname + start.search);
  session = opened.headers['set-cookie'] ? `Cookie: ${opened.headers['set-cookie'].split(';')[0]}\r\n` : '';
});

afterAll(async () => {
  await mode?.close();
  await server?.close();
  rmSync(base, { recursive: true, force: true });
});

const hosts = [
  ['Electron app://', electronGet],
  ['browser mode', browserGet],
] as const;

// Each path is sent exactly as written: raw backslashes, encoded dots and separators, NUL, ...
const HOSTILE_PATHS = [
  '/../outside.js',
  '/assets/../../outside.js',
  '/%2e%2e/outside.js',
  '/%2E%2E/outside.js',
  '/.%2e/outside.js',
  '/assets/%2e%2e/%2e%2e/outside.js',
  '/..%2foutside.js',
  '/..%2Foutside.js',
  '/..%2frenderer-sibling%2fx.js',
  '/..\\outside.js',
  '/assets\\app.js',
  '/assets\\..\\..\\outside.js',
  '/..%5coutside.js',
  '/assets%5capp.js',
  '/assets%5Capp.js',
  '/assets/app.js%00.html',
  '/assets%00/app.js',
  '//etc/passwd',
  '/%2fetc%2fpasswd',
  '/%2Fetc/passwd',
  '/escape.js',
  '/.secret.js',
  '/%2esecret.js',
  '/.hidden/app.js',
  '/assets/.cache.js',
  '/%E0%A4%A',
  '/assets',
  '/missing.js',
];

describe.each(hosts)('%s serves the renderer folder and nothing else', (_host, get) => {
  it.each(HOSTILE_PATHS)('refuses %s', async (path) => {
    const reply = await get(path);
    expect(reply.status).toBe(404);
    expect(reply.body).not.toContain(SECRET);
    expect(reply.body).not.toContain('console.log("app")');
  });

  it('serves .js and .mjs as JavaScript, byte for byte', async () => {
    const js = await get('/assets/app.js');
    expect([js.status, js.headers['content-type'], js.body]).toEqual([200, 'text/javascript; charset=utf-8', 'console.log("app")']);
    const mjs = await get('/assets/chunk.mjs');
    expect([mjs.status, mjs.headers['content-type'], mjs.body]).toEqual([200, 'text/javascript; charset=utf-8', 'export const chunk = 1;']);
  });

  it('answers HEAD with the GET headers and no body', async () => {
    const head = await get('/assets/chunk.mjs', 'HEAD');
    expect([head.status, head.headers['content-type'], head.body]).toEqual([200, 'text/javascript; charset=utf-8', '']);
    expect(head.headers['content-security-policy']).toMatch(/^default-src 'none'; script-src 'self'; /);
  });
});

const policy = (connectSrc: string) =>
  `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src ${connectSrc}; ` +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";
const metaPolicy = (connectSrc: string) =>
  `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src ${connectSrc}; ` +
  "base-uri 'none'; form-action 'none'; object-src 'none'";
const page = (connectSrc: string) =>
  `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${metaPolicy(connectSrc)}"><title>status</title></head><body></body></html>`;

describe('one policy on both hosts', () => {
  it('sends the same CSP header, the same <meta> and the same security headers; only connect-src names the host', async () => {
    const browserConnect = `'self' ws://127.0.0.1:${port} ws://localhost:${port}`;
    const electronPage = await electronGet('/status.html');
    const browserPage = await browserGet('/status.html');
    expect([electronPage.status, browserPage.status]).toEqual([200, 200]);
    expect(electronPage.headers['content-security-policy']).toBe(policy("'self'"));
    expect(browserPage.headers['content-security-policy']).toBe(policy(browserConnect));
    expect(electronPage.body).toBe(page("'self'"));
    expect(browserPage.body).toBe(page(browserConnect));
    const securityHeaders = {
      'content-type': 'text/html; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'cache-control': 'no-store',
    };
    expect(electronPage.headers).toMatchObject(securityHeaders);
    expect(browserPage.headers).toMatchObject(securityHeaders);
  });
});
