/**
 * The Electron adapter of the renderer file server: registration, the app:// origin check, GET/HEAD
 * only. Which paths are refused, and the policy itself, are shown for both hosts at once in
 * test/rendererFilesBothHosts.test.ts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../mocks/electron.js'));
import * as electron from '../mocks/electron.js';
import { APP_ORIGIN, appPageUrl, createAppProtocolHandler, registerAppScheme, setupProtocol } from '../../src-main/electron/protocol.js';

const ELECTRON_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";

let root: string;

beforeAll(() => {
  root = join(mkdtempSync(join(tmpdir(), 'walltrack-protocol-')), 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'status.html'), '<!doctype html><head><title>status</title></head>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
});
afterAll(() => rmSync(join(root, '..'), { recursive: true, force: true }));
beforeEach(() => {
  electron.resetElectronFake();
  electron.app.fakeReady(); // what these tests use exists only once the app is ready
});

const get = (url: string, method = 'GET') => createAppProtocolHandler(root)(new Request(url, { method }));

describe('app:// protocol', () => {
  it('is registered as a privileged standard + secure scheme and handled by setupProtocol', () => {
    registerAppScheme();
    expect(electron.protocol.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    setupProtocol(root);
    expect(electron.protocol.isProtocolHandled('app')).toBe(true);
    expect(appPageUrl('status.html')).toBe('app://walltrack/status.html');
  });

  it('serves a page with the CSP header, which allows no connection beyond the app itself', async () => {
    const page = await get(`${APP_ORIGIN}/status.html`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(ELECTRON_POLICY);
    expect(await page.text()).toMatch(/^<!doctype html><head><meta http-equiv="Content-Security-Policy" content="[^"]*connect-src 'self'; base-uri[^"]*"><title>status<\/title>/);
  });

  it('answers HEAD with the headers and no body', async () => {
    const head = await get(`${APP_ORIGIN}/assets/app.js`, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(head.headers.get('content-security-policy')).toBe(ELECTRON_POLICY);
    expect(await head.text()).toBe('');
  });

  it.each(['app://other-host/status.html', 'app://walltrack.evil/status.html', 'file:///etc/passwd'])('serves nothing for %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('<title>status</title>');
  });

  it('answers 405 to anything but GET and HEAD, still under the policy', async () => {
    const post = await get(`${APP_ORIGIN}/status.html`, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect(post.headers.get('content-security-policy')).toBe(ELECTRON_POLICY);
  });
});
