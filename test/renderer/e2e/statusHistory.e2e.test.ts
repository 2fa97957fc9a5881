/**
 * The status window's memory and truthfulness (issue 10), in Debian's Chromium through the REAL
 * browser-mode server over a scripted core: "down for", uptime per period, the uPlot latency chart
 * (time axis, gaps, failures, hover and keyboard), the incidents list, and paused / stale / lost views
 * that are grey and say why. Fixed timestamps, a fixed page clock (UTC, en-GB), and the docs screenshots.
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../../src-main/common/history.js';
import type { EnvironmentStatus } from '../../../src-main/common/schemas.js';
import { axeViolations, axeViolationsInBothThemes } from './accessibility.js';
import { DAY_FAILURES, DAY_GAP, HOUR_GAP, scriptedHistory } from './historyScript.js';
import { SCREENSHOTS, serveCore, statusShown, useScriptedBrowserMode } from './scriptedBrowserMode.js';
import { CHECKED_AT, createScriptedCore, environment, snapshotOf } from './scriptedCore.js';

/** 12 s after every scripted check: fresh (the snapshot's staleAfterMs is 65 s). */
const PAGE_CLOCK = new Date(Date.parse(CHECKED_AT) + 12_000);
/** The light theme's colours (src-renderer/styles/theme.css). */
const BAD = [198, 40, 40] as const; // --bad #c62828
const ACCENT = [31, 111, 235] as const; // --accent #1f6feb
const NEUTRAL = 'rgb(87, 96, 106)'; // --neutral #57606a

const PRODUCTION = () => environment('production', 'Production', { supabase: 'healthy', neo4j: 'down' });
const STAGING = () => environment('staging', 'Staging', { supabase: 'healthy', neo4j: 'healthy' });

const INCIDENTS: Incident[] = [
  {
    id: 7,
    environment: 'production',
    database: 'neo4j',
    endpoint: 'neo4j+s://db.example.com:7687',
    startedAt: '2026-01-01T11:57:00.000Z',
    endedAt: null,
    durationMs: null,
    kind: 'refused',
    message: 'neo4j (neo4j+s://db.example.com:7687): connection refused',
  },
  {
    id: 3,
    environment: 'production',
    database: 'supabase',
    endpoint: 'https://abcd.supabase.co',
    startedAt: '2026-01-01T07:10:00.000Z',
    endedAt: '2026-01-01T07:15:00.000Z',
    durationMs: 300_000,
    kind: 'timeout',
    message: 'supabase (https://abcd.supabase.co): no answer within 5000 ms',
  },
];

/** Set while a test closes the server under a page on purpose: its reconnect attempts log errors. */
let socketClosedOnPurpose = false;
const figures: string[] = [];

// The last test checks that no page logged an error; once a test has shut its server on purpose, the
// page's reconnect attempts are expected to fail.
const harness = useScriptedBrowserMode(() => createScriptedCore(snapshotOf([PRODUCTION()])), {
  screenshots: true,
  afterEach: 'close',
  ignoreConsoleError: (text) => socketClosedOnPurpose && /WebSocket|ERR_CONNECTION_REFUSED/.test(text),
});
afterAll(() => {
  if (figures.length) console.log(`\n[e2e measurements]\n  ${figures.join('\n  ')}\n`);
});

/** A fresh tab on the status window at `url` (default the shared server's), showing the snapshot `environments` make. */
async function open(
  environments: EnvironmentStatus[],
  { viewport = { width: 900, height: 900 }, colorScheme = 'light' as 'light' | 'dark', url = undefined as string | undefined } = {},
): Promise<Page> {
  const core = harness.core;
  core.set(snapshotOf(environments));
  core.scriptHistory((request) => {
    const status = core.current.environments.find((e) => e.id === request.environment)?.databases[request.database]?.status;
    return scriptedHistory(request, status === 'down' || status === 'retrying');
  });
  core.scriptIncidents(INCIDENTS);
  core.calls.length = 0;
  core.historyCalls.length = 0;
  core.incidentCalls.length = 0;
  const page = await harness.newPage({ viewport, colorScheme, clock: PAGE_CLOCK, url });
  await statusShown(page, 'section.card .chart-plot canvas');
  return page;
}

const card = (page: Page, env: string, db: string) => page.locator(`section.card[data-environment="${env}"][data-database="${db}"]`);

/** Where `iso` lies on a card's time axis, in page pixels (uPlot's .u-over is the plotting area). */
async function axisX(c: Locator, iso: string, from: string, to: string): Promise<{ x: number; top: number; bottom: number }> {
  const over = await c.locator('.u-over').boundingBox();
  const f = (Date.parse(iso) - Date.parse(from)) / (Date.parse(to) - Date.parse(from));
  return { x: over!.x + f * over!.width, top: over!.y, bottom: over!.y + over!.height };
}

/** Pixels of `rgb` (±24 per channel) in a page-pixel rectangle of a card's chart canvas. */
async function pixels(c: Locator, rect: { left: number; right: number; top: number; bottom: number }, rgb: readonly number[]): Promise<number> {
  return c.locator('.chart-plot canvas').evaluate(
    (canvas: HTMLCanvasElement, [r, rgbWanted]) => {
      const box = canvas.getBoundingClientRect();
      const scale = canvas.width / box.width;
      const sx = Math.max(0, Math.floor((r.left - box.left) * scale));
      const sy = Math.max(0, Math.floor((r.top - box.top) * scale));
      const w = Math.max(1, Math.ceil((r.right - r.left) * scale));
      const h = Math.max(1, Math.ceil((r.bottom - r.top) * scale));
      const data = canvas.getContext('2d')!.getImageData(sx, sy, w, h).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3]! > 128 && [0, 1, 2].every((k) => Math.abs(data[i + k]! - rgbWanted[k]!) <= 24)) n++;
      }
      return n;
    },
    [rect, rgb] as const,
  );
}

const liveRegion = (c: Locator) => c.locator('.chart-plot + p[aria-live="polite"]');

describe.sequential('status window history, incidents and freshness, in Chromium through the real browser-mode server', { timeout: 60_000 }, () => {
  it('says for how long each card has been in its state, as words and a <time>, and the uptime with its period', async () => {
    const page = await open([PRODUCTION()]);
    const neo = card(page, 'production', 'neo4j');
    expect(await neo.locator('.card-since').innerText()).toBe('Down for 3 min');
    expect(await neo.locator('.card-since time').getAttribute('datetime')).toBe('2026-01-01T11:57:00.000Z');
    expect(await card(page, 'production', 'supabase').locator('.card-since').innerText()).toBe('Healthy for 3 h');
    await expect.poll(() => neo.locator('.uptime').innerText()).toBe('Uptime 24 h\n99.31 %\nUptime 7 d\n99.90 %\nUptime 30 d\n99.97 %');
    // It keeps counting: a minute later on the page's clock, without any new snapshot.
    await harness.context!.clock.setFixedTime(new Date(Date.parse(CHECKED_AT) + 60_000));
    await expect.poll(() => neo.locator('.card-since').innerText()).toBe('Down for 4 min');
  });

  it('draws the last hour on a time axis: the gap stays a gap, failures are ✕ marks in the bad colour on the axis', async () => {
    const page = await open([PRODUCTION()]);
    const neo = card(page, 'production', 'neo4j');
    expect(await neo.locator('.chart').getAttribute('data-range')).toBe('1h');
    expect(harness.core.historyCalls).toContainEqual({ environment: 'production', database: 'neo4j', range: '1h' });
    expect(await neo.locator('.chart-summary').innerText()).toBe('Latency over the last hour: 100 checks, 20 ms to 24 ms; 2 failed; 1 gap with no checks.');
    const from = '2026-01-01T11:00:00.000Z';
    const to = CHECKED_AT;
    // No line inside the gap; the line is there on either side of it.
    const gap = await axisX(neo, '2026-01-01T11:25:00.000Z', from, to);
    expect(await pixels(neo, { left: gap.x - 4, right: gap.x + 4, top: gap.top, bottom: gap.bottom }, ACCENT)).toBe(0);
    const before = await axisX(neo, '2026-01-01T11:10:00.000Z', from, to);
    expect(await pixels(neo, { left: before.x - 4, right: before.x + 4, top: before.top, bottom: before.bottom }, ACCENT)).toBeGreaterThan(0);
    // The failures (11:59:30, 12:00:00) are marked at the bottom of the plot; the healthy card has no such mark.
    const failure = await axisX(neo, '2026-01-01T11:59:30.000Z', from, to);
    expect(await pixels(neo, { left: failure.x - 8, right: failure.x + 2, top: failure.bottom - 14, bottom: failure.bottom }, BAD)).toBeGreaterThan(10);
    const healthy = card(page, 'production', 'supabase');
    const box = (await healthy.locator('.u-over').boundingBox())!;
    expect(await pixels(healthy, { left: box.x, right: box.x + box.width, top: box.y, bottom: box.y + box.height }, BAD)).toBe(0);
    expect(await pixels(healthy, { left: box.x, right: box.x + box.width, top: box.y, bottom: box.y + box.height }, ACCENT)).toBeGreaterThan(50);
  });

  it('gives the time and value of the point under the mouse, and says so for a failed one', async () => {
    const page = await open([PRODUCTION()]);
    const neo = card(page, 'production', 'neo4j');
    const from = '2026-01-01T11:00:00.000Z';
    const at = await axisX(neo, '2026-01-01T11:45:00.000Z', from, CHECKED_AT);
    await page.mouse.move(at.x, (at.top + at.bottom) / 2);
    const tip = neo.locator('.chart-tooltip');
    await expect.poll(() => tip.isVisible()).toBe(true);
    // 11:45:00 is the 90th check from 11:00:30 (i = 89): 20 + 89 % 5 = 24 ms.
    expect(await tip.innerText()).toBe('11:45:00 — 24 ms');
    const failed = await axisX(neo, CHECKED_AT, from, CHECKED_AT);
    await page.mouse.move(failed.x - 1, (failed.top + failed.bottom) / 2);
    await expect.poll(() => tip.innerText()).toBe('12:00:00 — failed (refused)');
    await page.mouse.move(5, 5);
    await expect.poll(() => tip.isVisible()).toBe(false);
  });

  it('is reachable by keyboard: the chart takes focus, arrow keys move between checks (skipping the gap), a live region says each', async () => {
    const page = await open([PRODUCTION()]);
    const neo = card(page, 'production', 'neo4j');
    // Tab order: the range buttons, then the chart itself.
    await neo.getByRole('button', { name: '7 d' }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Neo4j latency chart, the last hour; arrow keys move between checks',
    );
    await expect.poll(() => liveRegion(neo).innerText()).toBe('12:00:00 — failed (refused)');
    expect(await neo.locator('.chart-tooltip').innerText()).toBe('12:00:00 — failed (refused)');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => liveRegion(neo).innerText()).toBe('11:59:00 — 22 ms');
    await page.keyboard.press('Home');
    await expect.poll(() => liveRegion(neo).innerText()).toBe('11:00:30 — 20 ms');
    // From the last check before the gap, one step right lands on the first one after it.
    for (let i = 0; i < 38; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => liveRegion(neo).innerText()).toBe('11:19:30 — 23 ms');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => liveRegion(neo).innerText()).toBe(`${HOUR_GAP.to.slice(11, 19)} — 24 ms`);
    // A new check redraws the chart (a new canvas); the keyboard user stays on the same check.
    await neo.locator('.chart-plot canvas').evaluate((c) => c.setAttribute('data-before', ''));
    const next = PRODUCTION();
    next.databases.neo4j = { ...next.databases.neo4j!, checkedAt: '2026-01-01T12:00:05.000Z' };
    harness.core.set(snapshotOf([next]));
    await expect.poll(() => neo.locator('.chart-plot canvas:not([data-before])').count()).toBe(1);
    await expect.poll(() => neo.locator('.chart-tooltip').isVisible()).toBe(true);
    expect(await neo.locator('.chart-tooltip').innerText()).toBe('11:30:00 — 24 ms');
  });

  it('switches the range per card (24 h, 7 d) by asking for that range, keyboard included', async () => {
    const page = await open([PRODUCTION()]);
    const neo = card(page, 'production', 'neo4j');
    await neo.getByRole('button', { name: '24 h' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => neo.locator('.chart').getAttribute('data-range')).toBe('24h');
    expect(harness.core.historyCalls.at(-1)).toEqual({ environment: 'production', database: 'neo4j', range: '24h' });
    expect(await neo.getByRole('button', { name: '24 h' }).getAttribute('aria-pressed')).toBe('true');
    expect(await neo.getByRole('button', { name: '1 h' }).getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => neo.locator('.chart-summary').innerText()).toBe(
      'Latency over the last 24 hours: 2640 checks, 18 ms to 28 ms; 16 failed; 1 gap with no checks.',
    );
    // The other card keeps its own range.
    expect(await card(page, 'production', 'supabase').locator('.chart').getAttribute('data-range')).toBe('1h');
    const from = '2025-12-31T12:00:00.000Z';
    const gap = await axisX(neo, '2026-01-01T03:00:00.000Z', from, CHECKED_AT);
    expect(await pixels(neo, { left: gap.x - 4, right: gap.x + 4, top: gap.top, bottom: gap.bottom }, ACCENT)).toBe(0);
    const failures = await axisX(neo, DAY_FAILURES[2]!, from, CHECKED_AT);
    expect(await pixels(neo, { left: failures.x - 6, right: failures.x + 6, top: failures.bottom - 14, bottom: failures.bottom }, BAD)).toBeGreaterThan(10);
    expect(DAY_GAP.to).toBe('2026-01-01T04:00:00.000Z');
    await neo.getByRole('button', { name: '7 d' }).click();
    await expect.poll(() => neo.locator('.chart').getAttribute('data-range')).toBe('7d');
    expect(harness.core.historyCalls.at(-1)).toEqual({ environment: 'production', database: 'neo4j', range: '7d' });
  });

  it('lists the environment’s incidents newest first (start, duration or ongoing, database, kind, message), and says when there are none', async () => {
    const page = await open([PRODUCTION(), STAGING()]);
    const list = page.locator('section.incidents[data-incidents="production"] li.incident');
    await expect.poll(() => list.count()).toBe(2);
    expect(await list.allInnerTexts()).toEqual([
      'Neo4j down · refused\n1 Jan, 11:57, ongoing (3 min)\nneo4j (neo4j+s://db.example.com:7687): connection refused',
      'Supabase down · timeout\n1 Jan, 07:10, lasted 5 min\nsupabase (https://abcd.supabase.co): no answer within 5000 ms',
    ]);
    expect(await list.first().locator('time').getAttribute('datetime')).toBe('2026-01-01T11:57:00.000Z');
    expect(await page.locator('section.incidents[data-incidents="staging"] .incidents-empty').innerText()).toBe('No incidents recorded in Staging.');
    expect(harness.core.incidentCalls).toContainEqual({ environment: 'production', limit: 20 });
    expect(await page.getByRole('region', { name: 'Incidents in Production', exact: true }).count()).toBe(1);

    // A new incident elsewhere in the snapshot (lastIncident changes): the list is read again and shows it.
    const opened: Incident = { ...INCIDENTS[1]!, id: 9, database: 'supabase', startedAt: '2026-01-01T11:59:00.000Z', endedAt: null, durationMs: null, kind: 'auth_failed', message: 'supabase: key rejected' };
    harness.core.scriptIncidents([opened, ...INCIDENTS]);
    harness.core.set({ ...snapshotOf([PRODUCTION(), STAGING()]), lastIncident: opened });
    await expect.poll(() => list.count()).toBe(3);
    expect(await list.first().innerText()).toBe('Supabase down · auth failed\n1 Jan, 11:59, ongoing (1 min)\nsupabase: key rejected');
  });

  it('refreshes the incidents when a card changes state, even with lastIncident unchanged', async () => {
    const page = await open([STAGING()]);
    // Alone in the window, the environment is not named.
    expect(await page.locator('section.incidents .incidents-empty').innerText()).toBe('No incidents recorded.');
    const calls = harness.core.incidentCalls.length;
    harness.core.scriptIncidents([{ ...INCIDENTS[0]!, environment: 'staging' }]);
    harness.core.set(snapshotOf([environment('staging', 'Staging', { supabase: 'healthy', neo4j: 'down' })]));
    await expect.poll(() => page.locator('section.incidents li.incident').count()).toBe(1);
    expect(harness.core.incidentCalls.length).toBeGreaterThan(calls);
  });

  it('takes the docs screenshots: a card down for minutes with its incident, and the chart over a day with a gap and failures', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await open([PRODUCTION()], { viewport: { width: 760, height: 900 }, colorScheme });
      await expect.poll(() => page.locator('li.incident').count()).toBe(2);
      await page.screenshot({ path: join(SCREENSHOTS, `status-down-incident-${colorScheme}.png`), fullPage: true, animations: 'disabled' });
      const neo = card(page, 'production', 'neo4j');
      await neo.getByRole('button', { name: '24 h' }).click();
      await expect.poll(() => neo.locator('.chart').getAttribute('data-range')).toBe('24h');
      const at = await axisX(neo, '2026-01-01T07:12:00.000Z', '2025-12-31T12:00:00.000Z', CHECKED_AT);
      await page.mouse.move(at.x, (at.top + at.bottom) / 2);
      await expect.poll(() => neo.locator('.chart-tooltip').innerText()).toMatch(/^07:1[0-4] — no answer; 2 of 2 failed$/);
      expect(await axeViolations(page)).toEqual([]);
      await neo.screenshot({ path: join(SCREENSHOTS, `status-chart-24h-${colorScheme}.png`), animations: 'disabled' });
    }
  });

  it('shows a paused window grey everywhere: "Paused — last known: Healthy 12:00" on every card and the banner, never green', async () => {
    const page = await open([STAGING()]);
    await page.getByRole('button', { name: 'Pause (1 h)' }).click();
    const cards = page.locator('section.card');
    await expect.poll(() => cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-freshness')))).toEqual(['paused', 'paused']);
    expect(await cards.locator('.card-freshness').allInnerTexts()).toEqual(['Paused — last known: Healthy 12:00', 'Paused — last known: Healthy 12:00']);
    expect(await cards.locator('.badge-word').allInnerTexts()).toEqual(['Paused', 'Paused']);
    const banner = page.locator('.banner');
    expect(await banner.locator('.banner-text').innerText()).toBe('Paused — last known: Healthy 12:00');
    expect(await banner.innerText()).not.toContain('All databases healthy');
    // Grey, not green: the badges' and the banner's tone colour is the neutral one.
    const colours = await page.locator('.badge, .banner-mark').evaluateAll((els) => els.map((e) => getComputedStyle(e).color));
    expect(new Set(colours)).toEqual(new Set([NEUTRAL]));
    expect(await page.locator('.tone-good').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'status-paused-light.png'), fullPage: true, animations: 'disabled' });
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => banner.locator('.banner-text').innerText()).toBe('All databases healthy');
    expect(await cards.first().getAttribute('data-freshness')).toBe('live');
  });

  it('marks results stale once they are older than staleAfterMs, as time passes with no snapshot', async () => {
    const page = await open([STAGING()]);
    expect(await page.locator('.banner-text').innerText()).toBe('All databases healthy');
    // 65 s after the last check is still fresh; 66 s is not.
    await harness.context!.clock.setFixedTime(new Date(Date.parse(CHECKED_AT) + 65_000));
    await page.waitForTimeout(1_500);
    expect(await page.locator('section.card[data-freshness="live"]').count()).toBe(2);
    await harness.context!.clock.setFixedTime(new Date(Date.parse(CHECKED_AT) + 66_000));
    await expect.poll(() => page.locator('section.card[data-freshness="stale"]').count()).toBe(2);
    expect(await page.locator('section.card .card-freshness').allInnerTexts()).toEqual(['Stale — last result 12:00', 'Stale — last result 12:00']);
    expect(await page.locator('.banner-text').innerText()).toBe('Stale — last result 12:00');
    expect(await axeViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });
    expect(await page.locator('.tone-good').count()).toBe(0);
  });

  it('turns every card to "Unknown — connection lost since …" when the core announces it stops', async () => {
    const page = await open([PRODUCTION(), STAGING()]);
    harness.core.emitStopped('2026-01-01T12:00:05.000Z');
    await expect.poll(() => page.locator('section.card[data-freshness="lost"]').count()).toBe(4);
    expect(new Set(await page.locator('section.card .card-freshness').allInnerTexts())).toEqual(new Set(['Unknown — connection lost since 12:00']));
    expect(new Set(await page.locator('section.card .badge-word').allInnerTexts())).toEqual(new Set(['Unknown']));
    expect(await page.locator('.banner-text').innerText()).toBe('Unknown — connection lost since 12:00');
    expect(await axeViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });
    expect(await page.locator('.tone-good, .tone-bad').count()).toBe(0);
  });

  it('turns every card to Unknown when the socket closes, dated when it closed', async () => {
    const own = await serveCore(harness.core, harness.rendererDir);
    try {
      const page = await open([STAGING()], { url: own.mode.url(own.server.port) });
      expect(await page.locator('section.card[data-freshness="live"]').count()).toBe(2);
      await harness.context!.clock.setFixedTime(new Date(Date.parse(CHECKED_AT) + 5 * 60_000));
      socketClosedOnPurpose = true;
      await own.mode.close();
      await own.server.close();
      await expect.poll(() => page.locator('section.card[data-freshness="lost"]').count()).toBe(2);
      expect(await page.locator('section.card .card-freshness').allInnerTexts()).toEqual(['Unknown — connection lost since 12:05', 'Unknown — connection lost since 12:05']);
      expect(await page.locator('.banner-text').innerText()).toBe('Unknown — connection lost since 12:05');
      expect(await page.getByRole('alert').innerText()).toContain('Lost the connection to WallTrack Monitor');
      expect(await axeViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });
      // The last result's age keeps counting while nothing arrives.
      await expect.poll(() => page.locator('[data-metric="checked"]').allInnerTexts()).toEqual(['5 min ago', '5 min ago']);
      await page.screenshot({ path: join(SCREENSHOTS, 'status-connection-lost-light.png'), fullPage: true, animations: 'disabled' });
    } finally {
      await harness.closeContext();
      socketClosedOnPurpose = false;
      await own.mode.close().catch(() => undefined);
      await own.server.close().catch(() => undefined);
    }
  });

  it('passes the axe-core WCAG A/AA rules with the chart, its controls, the tooltip and the incidents on the page, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await open([PRODUCTION(), STAGING()], { colorScheme });
      const neo = card(page, 'production', 'neo4j');
      await neo.locator('.chart-plot').focus();
      await expect.poll(() => neo.locator('.chart-tooltip').isVisible()).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Pause all (1 h)' }).click();
      await expect.poll(() => page.locator('section.card[data-freshness="paused"]').count()).toBe(4);
      expect(await axeViolations(page)).toEqual([]);
    }
  });

  it('renders 40 cards with their charts (measured, not asserted: the weight the chart adds to a card)', async () => {
    const forty = Array.from({ length: 20 }, (_, i) => environment(`env-${String(i + 1).padStart(2, '0')}`, `Env ${i + 1}`, { supabase: 'healthy', neo4j: 'down' }));
    harness.core.set(snapshotOf(forty));
    // Its page errors were never recorded: this test only measures.
    const page = await harness.newPage({ viewport: { width: 1200, height: 900 }, clock: PAGE_CLOCK, url: false, recordErrors: false });
    const started = Date.now();
    await page.goto(harness.url());
    await expect.poll(() => page.locator('section.card').count(), { timeout: 30_000, interval: 20 }).toBe(40);
    const cardsAt = Date.now() - started;
    await expect.poll(() => page.locator('section.card .chart-plot canvas').count(), { timeout: 30_000, interval: 20 }).toBe(40);
    const chartsAt = Date.now() - started;
    const nodes = await page.evaluate(() => ({ all: document.querySelectorAll('*').length, chart: document.querySelectorAll('.chart *').length }));
    figures.push(
      `40 cards (20 environments, each with a failing database, all open): cards in ${cardsAt} ms, all 40 charts drawn ${chartsAt} ms after navigation; ` +
        `${nodes.all} DOM elements, of which ${nodes.chart} in the charts (${(nodes.chart / 40).toFixed(0)} per card)`,
    );
  });

  it('runs under the strict CSP (uPlot included) without a single page error', () => {
    expect(harness.pageErrors).toEqual([]);
  });
});
