/**
 * Flap control and "this computer is offline" in the status window, in Debian's Chromium, served by the
 * REAL browser-mode server over a scripted core: the card reads "Recovering (1/2)", and offline is one
 * banner while the cards keep their own states.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../src-main/common/schemas.js';
import { createBrowserMode, type BrowserMode } from '../../../src-main/headless/browser/browserMode.js';
import { createHealthServer, type HealthServer } from '../../../src-main/headless/healthServer.js';
import { axeViolationsInBothThemes } from './accessibility.js';
import { launchChromium } from './chromium.js';
import { buildRenderer } from './renderBuild.js';
import { CHECKED_AT, createScriptedCore, environment, snapshotOf, type ScriptedCore } from './scriptedCore.js';

const PAGE_CLOCK = new Date(Date.parse(CHECKED_AT) + 12_000);

let outDir: string;
let core: ScriptedCore;
let mode: BrowserMode;
let server: HealthServer;
let browser: Browser;
let context: BrowserContext | undefined;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'walltrack-renderer-build-'));
  buildRenderer(outDir);
  core = createScriptedCore(snapshotOf([environment('default', 'default', { supabase: 'healthy', neo4j: 'healthy' })]));
  mode = createBrowserMode({ core, rendererDir: outDir, version: '0.1.0', log: { warn: () => undefined, error: () => undefined } });
  server = await createHealthServer({ core, port: 0, routes: mode.handleRequest, onUpgrade: mode.handleUpgrade });
  browser = await launchChromium();
}, 300_000);

afterEach(async () => {
  await context?.close();
  context = undefined;
});

afterAll(async () => {
  await browser?.close();
  await mode?.close();
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
}, 60_000);

async function open(snapshot: Snapshot): Promise<Page> {
  core.set(snapshot);
  context = await browser.newContext({ viewport: { width: 900, height: 700 }, locale: 'en-GB', timezoneId: 'UTC' });
  await context.clock.setFixedTime(PAGE_CLOCK);
  const page = await context.newPage();
  await page.goto(mode.url(server.port));
  await expect.poll(() => page.locator('section.card').count(), { timeout: 20_000 }).toBeGreaterThan(0);
  return page;
}

const card = (page: Page, db: string) => page.locator(`section.card[data-database="${db}"]`);

describe.sequential('flap control and offline in the status window, in Chromium', { timeout: 60_000 }, () => {
  it('a recovering database: the card reads "Recovering (1/2)" in the amber tone, the banner "Neo4j recovering"', async () => {
    const snapshot = snapshotOf([environment('default', 'default', { supabase: 'healthy', neo4j: 'recovering' })]);
    const neo4j = snapshot.environments[0]!.databases.neo4j!;
    Object.assign(neo4j, { healthy: false, recovery: { successes: 1, needed: 2 } });
    const page = await open(snapshot);
    expect(await card(page, 'neo4j').getAttribute('data-state')).toBe('recovering');
    expect(await card(page, 'neo4j').locator('.badge-word').innerText()).toBe('Recovering (1/2)');
    expect(await card(page, 'neo4j').getAttribute('class')).toContain('tone-warn');
    expect(await page.locator('.banner .banner-text').innerText()).toBe('Neo4j recovering');
    expect(await axeViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });
  });

  it('offline: one banner "This computer is offline" in the neutral tone, the cards keep their own states', async () => {
    const snapshot: Snapshot = {
      ...snapshotOf([environment('production', 'Production', { supabase: 'down', neo4j: 'down' }), environment('staging', 'Staging', { neo4j: 'down' })]),
      connectivity: { online: false, since: '2026-01-01T11:58:00.000Z' },
    };
    const page = await open(snapshot);
    const banner = page.locator('.banner');
    expect(await banner.locator('.banner-text').innerText()).toBe('This computer is offline');
    expect(await banner.getAttribute('data-connectivity')).toBe('offline');
    expect(await banner.getAttribute('class')).toContain('tone-neutral');
    expect(await banner.innerText()).toContain('since 11:58 — checks made meanwhile do not count against uptime');
    expect(await page.locator('.banner').count()).toBe(1);
    expect(await page.locator('section.card[data-state="down"]').count()).toBe(3);
    expect(await axeViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });

    core.set({ ...snapshot, connectivity: { online: true, since: null } });
    await expect.poll(() => banner.getAttribute('data-connectivity'), { timeout: 10_000 }).toBe('online');
    expect(await banner.locator('.banner-text').innerText()).toMatch(/Neo4j/);
  });
});
