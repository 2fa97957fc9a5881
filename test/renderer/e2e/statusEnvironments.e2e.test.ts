/**
 * The status window with several environments, in Debian's Chromium, served by the REAL browser-mode
 * server (health server + WebSocket bridge + the built renderer) over a scripted core whose snapshot
 * each test sets: problems first, collapsible sections, per-environment buttons, the tray-popover size,
 * one environment as before, and the docs screenshots (fixed timestamps and a fixed page clock).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, axeViolationsInBothThemes } from './accessibility.js';
import { SCREENSHOTS, statusShown, useScriptedBrowserMode } from './scriptedBrowserMode.js';
import { CHECKED_AT, createScriptedCore, environment, snapshotOf } from './scriptedCore.js';

/** 12 s after every scripted check, so "Last checked" always reads "12 s ago". */
const PAGE_CLOCK = new Date(Date.parse(CHECKED_AT) + 12_000);

/** Settings order on purpose not problems-first. */
const FIVE = () => [
  environment('dev', 'Development', { supabase: 'healthy', neo4j: 'healthy' }, '#2f81f7'),
  environment('staging', 'Staging', { supabase: 'degraded', neo4j: 'healthy' }, '#d29922'),
  environment('qa', 'QA', { supabase: 'healthy', neo4j: 'healthy' }),
  environment('production', 'Production', { supabase: 'healthy', neo4j: 'down' }, '#d33682'),
  // The longest name the settings allow, without a space to break at: it must wrap, not widen the window.
  environment('demo', 'Demo-environment-for-the-sales-team-in-the-north-east-region', { supabase: 'healthy', neo4j: 'healthy' }),
];
const THREE = () => [
  environment('production', 'Production', { supabase: 'healthy', neo4j: 'down' }, '#d33682'),
  environment('staging', 'Staging', { supabase: 'degraded', neo4j: 'healthy' }, '#d29922'),
  environment('dev', 'Development', { supabase: 'healthy', neo4j: 'healthy' }, '#2f81f7'),
];

// The last test checks that no page logged an error.
const harness = useScriptedBrowserMode(() => createScriptedCore(snapshotOf(FIVE())), { screenshots: true, afterEach: 'close' });

/** A fresh tab at `viewport` on the status window, showing the snapshot `environments` make. */
async function open(environments: ReturnType<typeof FIVE>, viewport = { width: 900, height: 700 }, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  harness.core.set(snapshotOf(environments));
  harness.core.calls.length = 0;
  const page = await harness.newPage({ viewport, colorScheme, clock: PAGE_CLOCK });
  await statusShown(page);
  return page;
}

const sectionOrder = (page: Page) => page.locator('section[data-environment]:not(.card)').evaluateAll((els) => els.map((e) => e.getAttribute('data-environment')));
const cardOrder = (page: Page, env: string) =>
  page.locator(`section.environment[data-environment="${env}"] section.card`).evaluateAll((els) => els.map((e) => e.getAttribute('data-database')));
const toggle = (page: Page, env: string) => page.locator(`section.environment[data-environment="${env}"] .environment-toggle`);
const card = (page: Page, env: string, db: string) => page.locator(`section.card[data-environment="${env}"][data-database="${db}"]`);

describe.sequential('status window with environments, in Chromium through the real browser-mode server', { timeout: 60_000 }, () => {
  it('puts problems first: the failing environment, then the slow one, then the healthy ones in settings order; failing cards first', async () => {
    const page = await open(FIVE());
    expect(await sectionOrder(page)).toEqual(['production', 'staging', 'dev', 'qa', 'demo']);
    expect(await cardOrder(page, 'production')).toEqual(['neo4j', 'supabase']);
    expect(await cardOrder(page, 'staging')).toEqual(['supabase', 'neo4j']);
    // Five environments: the healthy ones start collapsed, the two with problems open.
    const expanded = await Promise.all(['production', 'staging', 'dev', 'qa', 'demo'].map((e) => toggle(page, e).getAttribute('aria-expanded')));
    expect(expanded).toEqual(['true', 'true', 'false', 'false', 'false']);
    expect(await page.locator('section.environment[data-environment="production"] .environment-toggle .badge-word').innerText()).toBe('Down');
    expect(await page.locator('section.environment[data-environment="staging"] .environment-toggle .badge-word').innerText()).toBe('Slow');
    expect(await page.locator('section.environment[data-environment="dev"] .environment-toggle .badge-word').innerText()).toBe('Healthy');
    expect(await page.locator('.banner').innerText()).toContain('Production: Neo4j down; Staging: Supabase slow');
    // The heading's button is the section's name, so each section is a labelled region.
    expect(await page.getByRole('region', { name: 'Production Down' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Check now: Staging' }).count()).toBe(1);
    expect(await axeViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });
  });

  it('fits a 420×600 tray popover with five environments: the failing card above the fold, nothing wider than the window', async () => {
    const page = await open(FIVE(), { width: 420, height: 600 });
    // Failing as isHealthyState has it: a slow answer is still an answer.
    const failing = page.locator('section.card:is([data-state="down"], [data-state="retrying"])');
    expect(await failing.count()).toBe(1);
    const boxes = await failing.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    // The slow environment is at least named, with its state, above the fold too.
    boxes.push(await page.locator('section.environment[data-environment="staging"] .environment-header').evaluate((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    for (const box of boxes) {
      expect(box.top).toBeGreaterThanOrEqual(0);
      expect(box.bottom).toBeLessThanOrEqual(600);
    }
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
      widest: Math.max(...Array.from(document.querySelectorAll('body *')).map((e) => e.getBoundingClientRect().right)),
    }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    expect(widths.widest).toBeLessThanOrEqual(420);
    await page.screenshot({ path: join(SCREENSHOTS, 'status-environments-420x600.png'), animations: 'disabled' });
    expect(await axeViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });
  });

  it('still fits 420×600 with five environments when the failing one has deeper-check details (services, offline databases, a problem)', async () => {
    const environments = FIVE();
    const production = environments.find((e) => e.id === 'production')!;
    const checkedAt = production.databases.neo4j!.checkedAt!;
    production.databases.supabase!.details = {
      status: 'ACTIVE_HEALTHY',
      parts: ['auth', 'db', 'pooler', 'realtime', 'rest', 'storage'].map((name) =>
        name === 'realtime' ? { name, status: 'UNHEALTHY', ok: false, message: 'realtime is not answering' } : { name, status: 'ACTIVE_HEALTHY', ok: true },
      ),
      problem: 'Management API at https://api.supabase.com: HTTP 429: rate limited; the statuses shown are from the last answer',
      checkedAt,
    };
    production.databases.neo4j!.details = {
      parts: [
        { name: 'neo4j', status: 'offline', ok: false, message: 'Could not start database neo4j: a store file is missing' },
        { name: 'system', status: 'online', ok: true },
      ],
      checkedAt,
    };
    const page = await open(environments, { width: 420, height: 600 });
    const failing = card(page, 'production', 'neo4j');
    // The failing card's message says it already; a healthy card keeps only what is not ok.
    expect(await failing.locator('.card-details').isVisible()).toBe(false);
    const services = card(page, 'production', 'supabase').locator('.card-details');
    expect(await services.locator('.detail-part-bad').innerText()).toBe('✕ realtime UNHEALTHY — realtime is not answering');
    expect(await services.locator('.detail-part-ok').first().isVisible()).toBe(false);
    expect(await services.locator('.details-problem').isVisible()).toBe(false);
    const box = await failing.evaluate((e) => e.getBoundingClientRect().toJSON() as DOMRect);
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(600);
    const staging = await page.locator('section.environment[data-environment="staging"] .environment-header').evaluate((e) => e.getBoundingClientRect().toJSON() as DOMRect);
    expect(staging.bottom).toBeLessThanOrEqual(600);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  });

  it('keeps a section open or closed as the user left it while new snapshots arrive, and updates cards from them', async () => {
    const page = await open(FIVE());
    await toggle(page, 'production').click();
    // A real button: the keyboard opens a section as well.
    await toggle(page, 'dev').focus();
    await page.keyboard.press('Enter');
    expect(await toggle(page, 'production').getAttribute('aria-expanded')).toBe('false');
    expect(await card(page, 'production', 'neo4j').count()).toBe(0);
    expect(await toggle(page, 'dev').getAttribute('aria-expanded')).toBe('true');
    // Closed, the section's own badge announces changes; open, its cards' badges do.
    expect(await page.locator('section.environment[data-environment="production"] .environment-toggle .badge').getAttribute('aria-live')).toBe('polite');
    expect(await page.locator('section.environment[data-environment="dev"] .environment-toggle .badge').getAttribute('aria-live')).toBe('off');
    expect(await card(page, 'dev', 'neo4j').locator('.badge').getAttribute('aria-live')).toBe('polite');

    // A core state change: Staging's Neo4j goes down; Development's Supabase goes slow.
    const next = FIVE();
    next[1] = environment('staging', 'Staging', { supabase: 'degraded', neo4j: 'down' }, '#d29922');
    next[0] = environment('dev', 'Development', { supabase: 'degraded', neo4j: 'healthy' }, '#2f81f7');
    harness.core.set(snapshotOf(next));
    await expect.poll(() => card(page, 'staging', 'neo4j').getAttribute('data-state')).toBe('down');
    expect(await cardOrder(page, 'staging')).toEqual(['neo4j', 'supabase']);
    expect(await card(page, 'dev', 'supabase').getAttribute('data-state')).toBe('degraded');
    expect(await toggle(page, 'production').getAttribute('aria-expanded')).toBe('false');
    expect(await toggle(page, 'dev').getAttribute('aria-expanded')).toBe('true');
    expect(await sectionOrder(page)).toEqual(['staging', 'production', 'dev', 'qa', 'demo']);

    // And once more, all healthy again: the user's choices still stand; untouched QA stays closed.
    harness.core.set(snapshotOf(FIVE().map((e) => environment(e.id, e.name, { supabase: 'healthy', neo4j: 'healthy' }, e.colour))));
    await expect.poll(() => page.locator('.banner').getAttribute('data-overall')).toBe('ok');
    expect(await toggle(page, 'production').getAttribute('aria-expanded')).toBe('false');
    expect(await toggle(page, 'dev').getAttribute('aria-expanded')).toBe('true');
    expect(await toggle(page, 'staging').getAttribute('aria-expanded')).toBe('false');
    expect(await toggle(page, 'qa').getAttribute('aria-expanded')).toBe('false');
  });

  it("checks, pauses and resumes one environment from its section's buttons", async () => {
    const page = await open(THREE());
    await page.getByRole('button', { name: 'Check now: Staging' }).click();
    await expect.poll(() => harness.core.calls).toEqual([{ method: 'checkNow', environment: 'staging' }]);
    await page.getByRole('button', { name: 'Pause 1 h: Staging' }).click();
    const staging = page.locator('section.environment[data-environment="staging"]');
    await expect.poll(() => staging.locator('.environment-paused').innerText()).toBe('Paused until 13:00');
    expect(harness.core.calls.at(-1)).toEqual({ method: 'pause', environment: 'staging', hours: 1 });
    expect(await page.locator('section.environment[data-environment="production"] .environment-paused').count()).toBe(0);
    // Not every environment is paused, so the window-wide button still offers to pause them all.
    expect(await page.getByRole('button', { name: 'Pause all (1 h)' }).count()).toBe(1);
    expect(await axeViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });
    await page.getByRole('button', { name: 'Resume: Staging' }).click();
    await expect.poll(() => staging.locator('.environment-paused').count()).toBe(0);
    expect(harness.core.calls.at(-1)).toEqual({ method: 'resume', environment: 'staging' });
    await page.getByRole('button', { name: 'Check all now' }).click();
    await expect.poll(() => harness.core.calls.at(-1)).toEqual({ method: 'checkNow', environment: undefined });
  });

  it('with one environment looks as before: cards with h2 titles, failing first, no sections, no toggles', async () => {
    const page = await open([environment('default', 'default', { supabase: 'healthy', neo4j: 'down' })]);
    expect(await page.locator('section.environment').count()).toBe(0);
    expect(await page.locator('button[aria-expanded]').count()).toBe(0);
    expect(await page.locator('.cards > section.card').evaluateAll((els) => els.map((e) => e.getAttribute('data-database')))).toEqual(['neo4j', 'supabase']);
    expect(await page.getByRole('heading', { level: 2, name: 'Neo4j' }).count()).toBe(1);
    expect(await page.locator('.banner').innerText()).toContain('Neo4j down');
    expect(await page.locator('.controls').getByRole('button').allInnerTexts()).toEqual(['Check now', 'Pause (1 h)', 'Notify me', 'Copy diagnostics']);
  });

  it('passes WCAG A/AA in both themes with the card states no other test shows: retrying, not configured, checking', async () => {
    const page = await open(
      [environment('production', 'Production', { supabase: 'retrying', neo4j: 'not_configured' }), environment('staging', 'Staging', { supabase: 'unknown', neo4j: 'healthy' })],
      { width: 760, height: 900 },
    );
    expect((await page.locator('section.card .badge-word').allInnerTexts()).sort()).toEqual(['Checking…', 'Healthy', 'Not configured', 'Retrying']);
    expect(await axeViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: join(SCREENSHOTS, `status-retrying-unconfigured-${scheme}.png`), fullPage: true, animations: 'disabled' });
    }
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`takes the docs screenshot with three environments (failing, slow, healthy), ${scheme}`, async () => {
      const page = await open(THREE(), { width: 560, height: 900 }, scheme);
      await expect.poll(() => page.locator('section.card .chart-plot canvas').count()).toBe(4);
      expect(await sectionOrder(page)).toEqual(['production', 'staging', 'dev']);
      expect(await page.locator('[data-metric="checked"]').first().innerText()).toBe('12 s ago');
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, `status-environments-${scheme}.png`), fullPage: true, animations: 'disabled' });
    });
  }

  it('runs under the strict CSP without a single page error', () => {
    expect(harness.pageErrors).toEqual([]);
  });
});
