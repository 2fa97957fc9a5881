/**
 * Acknowledge, mute and maintenance on the status window's cards, in Debian's Chromium, served by the REAL
 * browser-mode server over a scripted core: the buttons reach the core for the right environment and database,
 * by mouse and by keyboard; the card says "Acknowledged 12:00", "Muted until …", "Maintenance"; WCAG A/AA
 * holds; and the docs screenshots of an acknowledged failure and a maintenance window, light and dark.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EnvironmentStatus } from '../../../src-main/common/schemas.js';
import { createBrowserMode, type BrowserMode } from '../../../src-main/headless/browser/browserMode.js';
import { createHealthServer, type HealthServer } from '../../../src-main/headless/healthServer.js';
import { axeViolations, axeViolationsInBothThemes } from './accessibility.js';
import { launchChromium } from './chromium.js';
import { buildRenderer } from './renderBuild.js';
import { CHECKED_AT, createScriptedCore, environment, snapshotOf, type ScriptedCore } from './scriptedCore.js';

const SCREENSHOTS = fileURLToPath(
  new URL(process.env.WALLTRACK_UPDATE_SCREENSHOTS === '1' ? '../../../docs/' : '../../../test-results/screenshots/', import.meta.url),
);
const PAGE_CLOCK = new Date(Date.parse(CHECKED_AT) + 12_000);

let outDir: string;
let core: ScriptedCore;
let mode: BrowserMode;
let server: HealthServer;
let browser: Browser;
let context: BrowserContext | undefined;
const pageErrors: string[] = [];

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'walltrack-renderer-build-'));
  buildRenderer(outDir);
  core = createScriptedCore(snapshotOf([environment('production', 'Production', { supabase: 'healthy', neo4j: 'down' })]));
  mode = createBrowserMode({ core, rendererDir: outDir, version: '0.1.0', log: { warn: () => undefined, error: () => undefined } });
  server = await createHealthServer({ core, port: 0, routes: mode.handleRequest, onUpgrade: mode.handleUpgrade });
  browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 300_000);
afterEach(async () => {
  await context?.close();
  context = undefined;
  expect(pageErrors.splice(0)).toEqual([]);
});
afterAll(async () => {
  await browser?.close();
  await mode?.close();
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
}, 60_000);

async function open(environments: EnvironmentStatus[], colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  core.set(snapshotOf(environments));
  core.calls.length = 0;
  context = await browser.newContext({ viewport: { width: 900, height: 700 }, colorScheme, locale: 'en-GB', timezoneId: 'UTC' });
  context.on('weberror', (e) => pageErrors.push(String(e.error())));
  context.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
  await context.clock.setFixedTime(PAGE_CLOCK);
  const page = await context.newPage();
  await page.goto(mode.url(server.port));
  await expect.poll(() => page.locator('section.card').count(), { timeout: 20_000 }).toBeGreaterThan(0);
  return page;
}
const card = (page: Page, db: string) => page.locator(`section.card[data-database="${db}"]`);
const productionDown = () => environment('production', 'Production', { supabase: 'healthy', neo4j: 'down' });
const withAttention = (env: EnvironmentStatus, db: string, attention: object): EnvironmentStatus => ({
  ...env,
  databases: { ...env.databases, [db]: { ...env.databases[db]!, attention } },
});

describe('acknowledging on the card', () => {
  it('offers Acknowledge and Mute only on the failing card; Acknowledge reaches the core and the card says when', async () => {
    const page = await open([productionDown()]);
    await expect.poll(() => card(page, 'supabase').locator('.attention-controls').count()).toBe(0);
    await card(page, 'neo4j').getByRole('button', { name: 'Acknowledge Neo4j' }).click();
    await expect.poll(() => card(page, 'neo4j').locator('.card-attention').textContent()).toBe('Acknowledged 12:00');
    expect(core.calls).toEqual([{ method: 'acknowledge', environment: 'production', database: 'neo4j' }]);
    expect(await card(page, 'neo4j').getAttribute('data-attention')).toBe('acknowledged');
    expect(await card(page, 'neo4j').getByRole('button', { name: 'Acknowledge Neo4j' }).count()).toBe(0);
    // The state itself is still told as it is.
    expect(await card(page, 'neo4j').locator('.badge-word').textContent()).toBe('Down');
  });

  it('mutes for 4 hours with the keyboard alone, then unmutes', async () => {
    const page = await open([productionDown()]);
    await card(page, 'neo4j').locator('.mute-menu summary').focus();
    await page.keyboard.press('Enter');
    await card(page, 'neo4j').getByRole('button', { name: '4 hours' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => card(page, 'neo4j').locator('.card-attention').textContent()).toBe('Muted until 16:00');
    expect(await axeViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });
    await card(page, 'neo4j').getByRole('button', { name: 'Unmute Neo4j' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => card(page, 'neo4j').locator('.card-attention').count()).toBe(0);
    expect(core.calls).toEqual([
      { method: 'mute', environment: 'production', database: 'neo4j', hours: 4 },
      { method: 'unmute', environment: 'production', database: 'neo4j' },
    ]);
  });

  it('shows a database in maintenance as "Maintenance" with the window and its end, in grey', async () => {
    const page = await open([withAttention(productionDown(), 'neo4j', { maintenance: { until: '2026-01-01T13:00:00.000Z', window: 'Neo4j upgrade' } })]);
    expect(await card(page, 'neo4j').locator('.badge-word').textContent()).toBe('Maintenance');
    expect(await card(page, 'neo4j').locator('.card-attention').textContent()).toBe('Maintenance (Neo4j upgrade) until 13:00');
    expect(await card(page, 'neo4j').getAttribute('class')).toContain('tone-neutral');
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`passes WCAG A/AA and takes the docs screenshots (an acknowledged failure, a maintenance window), ${scheme}`, async () => {
      const acked = await open([withAttention(productionDown(), 'neo4j', { acknowledged: { at: '2026-01-01T11:58:00.000Z', by: 'ops' } })], scheme);
      expect(await axeViolations(acked)).toEqual([]);
      await acked.screenshot({ path: join(SCREENSHOTS, `status-acknowledged-${scheme}.png`), fullPage: true, animations: 'disabled' });
      await context!.close();
      const maintenance = await open([withAttention(productionDown(), 'neo4j', { maintenance: { until: '2026-01-01T13:00:00.000Z', window: 'Neo4j upgrade' } })], scheme);
      expect(await axeViolations(maintenance)).toEqual([]);
      await maintenance.screenshot({ path: join(SCREENSHOTS, `status-maintenance-${scheme}.png`), fullPage: true, animations: 'disabled' });
    });
  }
});
