/**
 * Browser mode's credential belongs to its own origin (scheme, host and port) only. In Debian's
 * Chromium, after the status window is opened from the printed URL: another web server on another
 * 127.0.0.1 port, visited in the same tab and in a new tab, receives nothing that opens the UI or
 * /ws, and nothing it sets (cookies of any name and path, a cookie bomb, a planted token) denies
 * the real user. Runs the real core against the run's shared Neo4j and Supabase stand-in.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServices } from '../../support/services.js';
import { axeViolationsInBothThemes } from './accessibility.js';
import { launchChromium, launchChromiumWithProfile } from './chromium.js';
import { card } from './pageChecks.js';
import { buildRenderer } from './renderBuild.js';
import { startHost, type Host } from './stack.js';

/** Cookie names another local server might plant to collide with a session cookie of ours. */
const PLANTED_NAMES = (port: number) => [`walltrack_session_${port}`, 'walltrack_session', 'walltrack_token', 'token', 'session', 'access_token'];
/** 40 cookies of 4000 bytes: every request to any 127.0.0.1 port then carries ~160 KB of Cookie header. */
const BOMB_COOKIES = 40;
const PLANTED_TOKEN = 'planted-by-another-port-0123456789abcdefghij';

let outDir: string;
let host: Host;
let browser: Browser;
let context: BrowserContext;
let status: Page;
let base: string;
let other: { server: Server; base: string; requests: { method: string; url: string; headers: IncomingHttpHeaders }[] };

/** Another local web server: records every request, plants cookies, sends the browser back to us with a token of its own. */
async function startOtherServer(ourPort: number): Promise<typeof other> {
  const requests: (typeof other)['requests'] = [];
  // A large header limit, so the cookie bomb it plants does not stop it from recording what arrives.
  const server = createServer({ maxHeaderSize: 1024 * 1024 }, (req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    if (req.url === '/plant') {
      const cookies = PLANTED_NAMES(ourPort).flatMap((name) => [
        `${name}=planted; Path=/`,
        `${name}=planted; Path=/ws`,
        `${name}=planted; Path=/status.html; HttpOnly; SameSite=Strict`,
        `${name}=planted; Domain=127.0.0.1; Path=/; SameSite=Lax`,
      ]);
      for (let i = 0; i < BOMB_COOKIES; i++) cookies.push(`bomb${i}=${'x'.repeat(4000)}; Path=/`);
      res.writeHead(200, { 'Content-Type': 'text/html', 'Set-Cookie': cookies });
      res.end('<title>planted</title>');
    } else if (req.url === '/plant-token') {
      res.writeHead(302, { Location: `http://127.0.0.1:${ourPort}/status.html#token=${PLANTED_TOKEN}` });
      res.end();
    } else {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<title>another local server</title>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

/** Opens a WebSocket from inside `page`, sends `frames` once open, and reports what came back and how it closed. */
function probeSocket(page: Page, url: string, frames: string[]): Promise<{ messages: string[]; closeCode: number | 'still open' }> {
  return page.evaluate(
    ({ url, frames }) =>
      new Promise<{ messages: string[]; closeCode: number | 'still open' }>((resolve) => {
        const messages: string[] = [];
        const ws = new WebSocket(url);
        const timer = setTimeout(() => resolve({ messages, closeCode: 'still open' }), 15_000);
        ws.onopen = () => frames.forEach((f) => ws.send(f));
        ws.onmessage = (e) => messages.push(String(e.data));
        ws.onclose = (e) => {
          clearTimeout(timer);
          resolve({ messages, closeCode: e.code });
        };
      }),
    { url, frames },
  );
}

/** Files under `dir` (relative paths) whose bytes contain `text`. */
function filesContaining(dir: string, text: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => {
    const path = join(dir, f);
    return statSync(path).isFile() && readFileSync(path).includes(text);
  });
}

/** The UI is live: both cards show a checked state, and a call (Check now) succeeds. */
async function expectWorkingStatusWindow(page: Page): Promise<void> {
  for (const db of ['supabase', 'neo4j'] as const) {
    await expect.poll(() => card(page, db).getAttribute('data-state'), { timeout: 20_000 }).toBe('healthy');
  }
  await page.getByRole('button', { name: 'Check now' }).click();
  await expect.poll(() => page.locator('.controls button').first().innerText()).toBe('Check now');
  expect(await page.getByRole('alert').allInnerTexts()).toEqual([]);
}

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'walltrack-renderer-build-'));
  buildRenderer(outDir);
  host = await startHost(outDir, testServices().neo4j);
  base = `http://127.0.0.1:${host.server.port}`;
  other = await startOtherServer(host.server.port);
  browser = await launchChromium();
  context = await browser.newContext();
  status = await context.newPage();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => other?.server.close(resolve));
  await host?.dispose();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
}, 120_000);

describe.sequential('browser mode: the credential belongs to its own origin (Chromium)', { timeout: 90_000 }, () => {
  it('opens from the printed URL; the token is then in neither the address bar nor the tab\'s back/forward list', async () => {
    await status.goto(host.mode.url(host.server.port));
    await expectWorkingStatusWindow(status);
    expect(status.url()).toBe(`${base}/status.html`);
    expect(await axeViolationsInBothThemes(status)).toEqual({ light: [], dark: [] });
    const cdp = await context.newCDPSession(status);
    const { entries } = await cdp.send('Page.getNavigationHistory');
    expect(entries.map((e) => e.url).filter((u) => u.includes(host.mode.token))).toEqual([]);
    await cdp.detach();
  });

  it('a navigation to another 127.0.0.1 port, in the same tab and in a new tab, sends that server nothing of the credential', async () => {
    await status.evaluate((url) => location.assign(url), `${other.base}/from-status-tab`);
    await status.waitForURL(`${other.base}/from-status-tab`);
    const tab = await context.newPage();
    await tab.goto(`${other.base}/new-tab`);
    await tab.close();
    expect(other.requests.map((r) => r.url)).toEqual(expect.arrayContaining(['/from-status-tab', '/new-tab']));
    for (const r of other.requests) {
      expect(JSON.stringify(r), `request ${r.url} to the other server`).not.toContain(host.mode.token);
      expect(r.headers.referer ?? '', `Referer of ${r.url}`).not.toContain(base);
    }
  });

  it('nothing that server sets denies the real user: same-named cookies, a cookie bomb, a planted token', async () => {
    await status.goto(`${other.base}/plant`);
    const planted = (await context.cookies(base)).map((c) => c.name);
    expect(planted).toEqual(expect.arrayContaining([...PLANTED_NAMES(host.server.port), 'bomb0', `bomb${BOMB_COOKIES - 1}`]));
    // The browser sends them to every port of 127.0.0.1: ours gets a Cookie header this big too.
    await status.goto(`${other.base}/after-plant`);
    expect(other.requests.at(-1)!.headers.cookie!.length).toBeGreaterThan(BOMB_COOKIES * 4000);
    // It redirects this tab to our page with a token of its own in the fragment. The page tries the
    // token in its address first, then the one this tab holds: a planted (or stale) token locks nothing.
    expect((await status.goto(`${other.base}/plant-token`))!.status()).toBe(200);
    await expectWorkingStatusWindow(status);
    expect(status.url()).toBe(`${base}/status.html`);

    // The user opens the status window again in this tab (typed address, bookmark): it works.
    await status.goto(`${base}/status.html`);
    await expectWorkingStatusWindow(status);
    await status.reload();
    await expectWorkingStatusWindow(status);
    // The Settings link opens a working settings window in a new tab.
    const [settings] = await Promise.all([context.waitForEvent('page'), status.getByRole('link', { name: 'Settings…' }).click()]);
    await expect
      .poll(() => settings.locator('[data-secret="neo4jPassword"] .secret-presence').innerText(), { timeout: 20_000 })
      .toBe('Stored in keychain');
    expect(settings.url()).toBe(`${base}/settings.html`);
    await settings.close();
  });

  it('/ws answers nothing and closes a socket that does not authenticate first, or with a wrong token', async () => {
    await status.goto(`${base}/status.html`);
    await expectWorkingStatusWindow(status);
    const ws = `ws://127.0.0.1:${host.server.port}/ws`;
    const closed = { messages: [], closeCode: 1008 };
    expect(await probeSocket(status, ws, [])).toEqual(closed);
    expect(await probeSocket(status, ws, [JSON.stringify({ type: 'auth', token: PLANTED_TOKEN })])).toEqual(closed);
    expect(await probeSocket(status, ws, [JSON.stringify({ type: 'call', id: 1, method: 'getSnapshot' })])).toEqual(closed);
    expect(await probeSocket(status, ws, [JSON.stringify({ type: 'auth', token: 'planted' })])).toEqual(closed);
    // From the other server's page the socket is refused outright (its Origin is not ours).
    const tab = await context.newPage();
    await tab.goto(`${other.base}/socket`);
    expect(await probeSocket(tab, ws, [JSON.stringify({ type: 'auth', token: PLANTED_TOKEN })])).toEqual({ messages: [], closeCode: 1006 });
    await tab.close();
    // The real window is still connected and working.
    await expectWorkingStatusWindow(status);
  });
});

describe('what Chromium keeps of the printed URL (a profile on disk)', { timeout: 90_000 }, () => {
  it("the browser's own history database keeps the URL as it was opened, token included", async () => {
    const profile = mkdtempSync(join(tmpdir(), 'walltrack-chromium-profile-'));
    try {
      const persistent = await launchChromiumWithProfile(profile);
      const page = await persistent.newPage();
      await page.goto(host.mode.url(host.server.port));
      await expectWorkingStatusWindow(page);
      expect(page.url()).toBe(`${base}/status.html`);
      await persistent.close();
      expect(filesContaining(profile, host.mode.token)).toContain('Default/History');
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
