import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../mocks/electron.js'));
import * as electron from '../mocks/electron.js';
import { CONTENT_SECURITY_POLICY } from '../../src-main/electron/contentSecurity.js';
import {
  APP_ORIGIN,
  createAppProtocolHandler,
  registerAppScheme,
  resolveRendererPath,
  setupProtocol,
} from '../../src-main/electron/protocol.js';

let root: string;
let outside: string;

beforeAll(() => {
  const base = mkdtempSync(join(tmpdir(), 'walltrack-protocol-'));
  root = join(base, 'renderer');
  outside = join(base, 'secret.txt');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'status.html'), '<!doctype html><head><title>status</title></head>');
  writeFileSync(join(root, 'headless.html'), '<!doctype html><title>no head</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(outside, 'do not serve');
  symlinkSync(outside, join(root, 'escape.txt'));
});
afterAll(() => rmSync(join(root, '..'), { recursive: true, force: true }));
beforeEach(() => electron.resetElectronFake());

const get = (url: string, method = 'GET') => createAppProtocolHandler(root)(new Request(url, { method }));

describe('app:// protocol', () => {
  it('is registered as a privileged standard + secure scheme and handled by setupProtocol', () => {
    registerAppScheme();
    expect(electron.protocol.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    setupProtocol(root);
    expect(electron.protocol.isProtocolHandled('app')).toBe(true);
  });

  it('serves renderer files with the CSP header and a content type', async () => {
    const page = await get(`${APP_ORIGIN}/status.html`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<title>status</title>');
    // The same policy as a <meta>, first thing in <head> (frame-ancestors only works as a header).
    expect(html).toMatch(/^<!doctype html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self';[^"]*"><title>/);
    expect(html).not.toMatch(/<meta[^>]*frame-ancestors/);
    const script = await get(`${APP_ORIGIN}/assets/app.js`);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([
    `${APP_ORIGIN}/%2e%2e/secret.txt`,
    `${APP_ORIGIN}/assets/%2E%2E/%2E%2E/secret.txt`,
    `${APP_ORIGIN}/..%2fsecret.txt`,
    `${APP_ORIGIN}/..%5csecret.txt`,
    `${APP_ORIGIN}/%2fetc%2fpasswd`.replace('%2f', '%2F'),
    `${APP_ORIGIN}/assets%00/app.js`,
    `${APP_ORIGIN}/%E0%A4%A`,
    `${APP_ORIGIN}/`,
    'app://other-host/status.html',
    'file:///etc/passwd',
  ])('refuses %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await response.text()).not.toContain('do not serve');
  });

  it('does not let a symlink lead out of the renderer folder', async () => {
    const response = await get(`${APP_ORIGIN}/escape.txt`);
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('do not serve');
  });

  it('refuses to serve a page it cannot give its CSP meta tag', async () => {
    const response = await get(`${APP_ORIGIN}/headless.html`);
    expect(response.status).toBe(500);
    expect(await response.text()).toMatch(/no <head>/);
  });

  it('answers 404 for a missing file and a folder, 405 for POST', async () => {
    expect((await get(`${APP_ORIGIN}/missing.html`)).status).toBe(404);
    expect((await get(`${APP_ORIGIN}/assets`)).status).toBe(404);
    expect((await get(`${APP_ORIGIN}/status.html`, 'POST')).status).toBe(405);
  });

  it('maps paths inside the folder only', () => {
    expect(resolveRendererPath(root, `${APP_ORIGIN}/assets/app.js`)).toBe(join(root, 'assets', 'app.js'));
    expect(resolveRendererPath(root, `${APP_ORIGIN}/a/../../secret.txt`)).not.toBe(outside);
    expect(resolveRendererPath(root, `${APP_ORIGIN}/%2e%2e%2fsecret.txt`)).toBeNull();
  });
});
