/**
 * Browser mode feels like an app (issue 13 items 5 and 6), in Debian's Chromium, served by the REAL
 * browser-mode server over a scripted core: the first-run panel while nothing is configured; the tab's
 * title and favicon following the overall state; notifications on down and recovery only after the
 * operator clicked "Notify me", throttled like Electron's, and none when the browser blocks them.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { EnvironmentStatus } from '../../../src-main/common/schemas.js';
import { axeViolationsInBothThemes } from './accessibility.js';
import { SCREENSHOTS, statusShown, useScriptedBrowserMode } from './scriptedBrowserMode.js';
import { CHECKED_AT, createScriptedCore, environment, snapshotOf } from './scriptedCore.js';

const PAGE_CLOCK = new Date(Date.parse(CHECKED_AT) + 12_000);

const harness = useScriptedBrowserMode(() => createScriptedCore(snapshotOf([environment('production', 'Production', { supabase: 'healthy', neo4j: 'healthy' })])), {
  screenshots: true,
});

interface Options {
  /** Before the page loads: 'granted' grants the permission to the context; 'denied' makes the page's Notification say so. */
  permission?: 'granted' | 'denied';
  /** Install a running clock (fast-forwardable) instead of a fixed time. */
  runningClock?: boolean;
}

/**
 * Records every `new Notification(title, {body})` and every requestPermission() call in the page, and
 * can make the browser's answer 'denied' (Chromium's permission API grants but cannot deny).
 */
function notificationSpy(forced: string | null): void {
  const w = window as unknown as Record<string, unknown>;
  const Real = window.Notification;
  const notified: { title: string; body: string | undefined }[] = [];
  let requests = 0;
  w.__notified = notified;
  w.__permissionRequests = () => requests;
  class Spy {
    onclick: unknown = null;
    static get permission() {
      return forced ?? Real.permission;
    }
    static requestPermission() {
      requests++;
      return forced ? Promise.resolve(forced) : Real.requestPermission();
    }
    constructor(title: string, options?: { body?: string }) {
      notified.push({ title, body: options?.body });
    }
    close() {}
  }
  w.Notification = Spy;
}

async function open(environments: EnvironmentStatus[], options: Options = {}): Promise<Page> {
  harness.core.set(snapshotOf(environments));
  const page = await harness.newPage({
    permissions: options.permission === 'granted' ? ['notifications'] : undefined,
    prepare: (context) => context.addInitScript(notificationSpy, options.permission === 'denied' ? 'denied' : null),
    clock: options.runningClock ? { install: PAGE_CLOCK } : PAGE_CLOCK,
  });
  await statusShown(page, 'section.card, section.first-run');
  return page;
}

const notified = (page: Page) => page.evaluate(() => (window as unknown as { __notified: unknown[] }).__notified);
const permissionRequests = (page: Page) => page.evaluate(() => (window as unknown as { __permissionRequests: () => number }).__permissionRequests());
const favicon = (page: Page) => page.locator('link[rel="icon"]').getAttribute('href');
const set = (environments: EnvironmentStatus[]) => harness.core.set(snapshotOf(environments));
const production = (supabase: 'healthy' | 'degraded' | 'down' | 'not_configured', neo4j: 'healthy' | 'degraded' | 'down' | 'not_configured') =>
  environment('production', 'Production', { supabase, neo4j });

/** The favicons, written out: a disc in the state's colour with its mark drawn as white strokes. */
const icon = (fill: string, path: string) =>
  'data:image/svg+xml,' +
  encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="14" fill="${fill}"/>` +
      `<path d="${path}" fill="none" stroke="#fff" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round"/></svg>`,
  );
const ICON_HEALTHY = icon('#1a7f37', 'M9 16.5l4.5 4.5L23 11.5');
const ICON_DOWN = icon('#cf222e', 'M10.5 10.5l11 11M21.5 10.5l-11 11');
const ICON_WARN = icon('#9a6700', 'M16 8v10M16 23.5v.5');
const ICON_NEUTRAL = icon('#6e7781', 'M10 16h12');

describe.sequential('browser mode feels like an app, in Chromium', { timeout: 90_000 }, () => {
  describe('first run: nothing configured anywhere', () => {
    it('shows one welcoming panel with the three ways to start, and no cards, Check now or Pause', async () => {
      const page = await open([production('not_configured', 'not_configured')]);
      const panel = page.locator('section.first-run');
      expect(await panel.getByRole('heading').innerText()).toBe('Welcome to WallTrack Monitor');
      expect(await panel.locator('p').allInnerTexts()).toEqual([
        'It checks your Supabase and Neo4j databases in every environment around the clock and tells you as soon as one is down or slow, and when it is back.',
        "Nothing is set up yet. Import the .env file your project already has, or enter a database's address and credentials yourself.",
      ]);
      const actions = panel.locator('.first-run-actions a');
      expect(await actions.allInnerTexts()).toEqual(['Import .env…', 'Set up Supabase', 'Set up Neo4j']);
      // Each opens the settings window in a new tab, carrying this tab's access token in its fragment.
      // Import opens Settings; each "Set up" opens it at that kind's address field in the first environment.
      const hrefs = (await actions.evaluateAll((links) => links.map((a) => a.getAttribute('href')))).map((h) => h?.replace(/#token=[A-Za-z0-9_-]{43}$/, '#token=T'));
      expect(hrefs).toEqual([
        'settings.html#token=T',
        'settings.html?environment=production&database=supabase&field=url#token=T',
        'settings.html?environment=production&database=neo4j&field=uri#token=T',
      ]);
      expect(await actions.evaluateAll((links) => links.map((a) => a.getAttribute('target')))).toEqual(['_blank', '_blank', '_blank']);
      expect(await page.locator('section.card').count()).toBe(0);
      expect(await page.locator('.banner').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Check now' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Pause (1 h)' }).count()).toBe(0);
      expect(await page.title()).toBe('– Not configured — WallTrack Monitor');
      expect(await favicon(page)).toBe(ICON_NEUTRAL);
    });

    it('gives way to the cards, Check now and Pause once one database is configured', async () => {
      const page = await open([production('not_configured', 'not_configured')]);
      set([production('not_configured', 'healthy')]);
      await expect.poll(() => page.locator('section.card').count(), { timeout: 20_000 }).toBe(2);
      expect(await page.locator('section.first-run').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Check now' }).count()).toBe(1);
      expect(await page.getByRole('button', { name: 'Pause (1 h)' }).count()).toBe(1);
    });

    it('passes WCAG A/AA in both themes and takes the docs screenshots', async () => {
      const page = await open([production('not_configured', 'not_configured')]);
      expect(await axeViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.screenshot({ path: join(SCREENSHOTS, `status-first-run-${scheme}.png`), fullPage: true, animations: 'disabled' });
      }
    });
  });

  describe('the tab title and favicon follow the overall state', () => {
    it('says what is wrong with one environment, and "All healthy" once it is', async () => {
      const page = await open([production('healthy', 'down')]);
      await expect.poll(() => page.title(), { timeout: 20_000 }).toBe('✕ Neo4j down — WallTrack Monitor');
      expect(await favicon(page)).toBe(ICON_DOWN);
      set([production('degraded', 'healthy')]);
      await expect.poll(() => page.title(), { timeout: 20_000 }).toBe('◐ Supabase slow — WallTrack Monitor');
      expect(await favicon(page)).toBe(ICON_WARN);
      set([production('healthy', 'healthy')]);
      await expect.poll(() => page.title(), { timeout: 20_000 }).toBe('✓ All healthy — WallTrack Monitor');
      expect(await favicon(page)).toBe(ICON_HEALTHY);
      await page.getByRole('button', { name: 'Pause (1 h)' }).click();
      await expect.poll(() => page.title(), { timeout: 20_000 }).toBe('‖ Paused — WallTrack Monitor');
      expect(await favicon(page)).toBe(ICON_NEUTRAL);
    });

    it('names the worst environment when there are several', async () => {
      const page = await open([
        environment('staging', 'staging', { supabase: 'degraded', neo4j: 'healthy' }),
        environment('production', 'production', { supabase: 'healthy', neo4j: 'down' }),
      ]);
      await expect.poll(() => page.title(), { timeout: 20_000 }).toBe('✕ production: Neo4j down — WallTrack Monitor');
      expect(await favicon(page)).toBe(ICON_DOWN);
    });
  });

  describe('notifications on down and recovery', () => {
    it('asks only from the "Notify me" click, then notifies down and recovery with the desktop words, throttled like Electron', async () => {
      const page = await open([production('healthy', 'healthy')], { permission: 'granted', runningClock: true });
      expect(await permissionRequests(page)).toBe(0); // never on load
      set([production('healthy', 'down')]);
      await expect.poll(() => page.title(), { timeout: 20_000 }).toBe('✕ Neo4j down — WallTrack Monitor');
      expect(await notified(page)).toEqual([]); // not opted in yet
      set([production('healthy', 'healthy')]);
      await expect.poll(() => page.title(), { timeout: 20_000 }).toBe('✓ All healthy — WallTrack Monitor');

      await page.getByRole('button', { name: 'Notify me' }).click();
      await expect.poll(() => page.locator('.notify-state').innerText()).toBe('Notifications on: down and recovery');
      expect(await permissionRequests(page)).toBe(1);
      expect(await page.getByRole('button', { name: 'Notify me' }).count()).toBe(0);

      set([production('healthy', 'down')]);
      const down = {
        title: 'Neo4j is down',
        body: 'neo4j (neo4j+s://db.example.com:7687): connection refused — Nothing is listening there: start the database, or correct the address in Settings.',
      };
      await expect.poll(() => notified(page), { timeout: 20_000 }).toEqual([down]);
      // A flap within five minutes: the recovery is held back, and down again is not news.
      set([production('healthy', 'healthy')]);
      await expect.poll(() => page.title(), { timeout: 20_000 }).toBe('✓ All healthy — WallTrack Monitor');
      set([production('healthy', 'down')]);
      await expect.poll(() => page.title(), { timeout: 20_000 }).toBe('✕ Neo4j down — WallTrack Monitor');
      set([production('healthy', 'healthy')]);
      await expect.poll(() => page.title(), { timeout: 20_000 }).toBe('✓ All healthy — WallTrack Monitor');
      expect(await notified(page)).toEqual([down]);
      // Once the five minutes are over, the held-back recovery is shown, as it still holds.
      await page.clock.fastForward('05:01');
      await expect.poll(() => notified(page), { timeout: 20_000 }).toEqual([down, { title: 'Neo4j is back', body: 'Neo4j answers again (8 ms).' }]);
    });

    it('tells nothing of an acknowledged database, as the desktop does not', async () => {
      const page = await open([production('healthy', 'healthy')], { permission: 'granted' });
      await page.getByRole('button', { name: 'Notify me' }).click();
      await expect.poll(() => page.locator('.notify-state').innerText()).toBe('Notifications on: down and recovery');
      const acknowledged = production('healthy', 'down');
      acknowledged.databases.neo4j = { ...acknowledged.databases.neo4j!, attention: { acknowledged: { at: CHECKED_AT } } };
      set([acknowledged]);
      await expect.poll(() => page.title(), { timeout: 20_000 }).toBe('✕ Neo4j down — WallTrack Monitor');
      set([production('down', 'down')]);
      await expect.poll(() => notified(page), { timeout: 20_000 }).toEqual([
        {
          title: 'Supabase is down',
          body: 'supabase (https://abcd.supabase.co): connection refused — Nothing is listening there: start the database, or correct the address in Settings.',
        },
      ]);
    });

    it('with notifications blocked, says so, offers no button and calls nothing', async () => {
      const page = await open([production('healthy', 'healthy')], { permission: 'denied' });
      expect(await page.locator('.notify-state').innerText()).toBe("Notifications are blocked for this page: allow them in the browser's site settings, then reload.");
      expect(await page.getByRole('button', { name: 'Notify me' }).count()).toBe(0);
      set([production('healthy', 'down')]);
      await expect.poll(() => page.title(), { timeout: 20_000 }).toBe('✕ Neo4j down — WallTrack Monitor');
      expect(await notified(page)).toEqual([]);
      expect(await permissionRequests(page)).toBe(0);
    });

    it('passes WCAG A/AA in both themes with the notify control shown, and with it blocked', async () => {
      const page = await open([production('healthy', 'healthy')], { permission: 'granted' });
      await expect.poll(() => page.getByRole('button', { name: 'Notify me' }).count()).toBe(1);
      expect(await axeViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });
      await harness.context!.close();
      const blocked = await open([production('healthy', 'healthy')], { permission: 'denied' });
      expect(await axeViolationsInBothThemes(blocked)).toEqual({ light: [], dark: [] });
    });
  });
});
