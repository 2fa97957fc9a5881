/**
 * Flap control and "this computer is offline" in the status window, in Debian's Chromium, served by the
 * REAL browser-mode server over a scripted core: the card reads "Recovering (1/2)", and offline is one
 * banner while the cards keep their own states.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../src-main/common/schemas.js';
import { axeViolationsInBothThemes } from './accessibility.js';
import { statusShown, useScriptedBrowserMode } from './scriptedBrowserMode.js';
import { CHECKED_AT, createScriptedCore, environment, snapshotOf } from './scriptedCore.js';

const PAGE_CLOCK = new Date(Date.parse(CHECKED_AT) + 12_000);

// This file never checked the pages' console: its contexts are closed after each test, nothing more.
const harness = useScriptedBrowserMode(() => createScriptedCore(snapshotOf([environment('default', 'default', { supabase: 'healthy', neo4j: 'healthy' })])), {
  afterEach: 'close',
});

async function open(snapshot: Snapshot): Promise<Page> {
  harness.core.set(snapshot);
  const page = await harness.newPage({ clock: PAGE_CLOCK });
  await statusShown(page);
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

    harness.core.set({ ...snapshot, connectivity: { online: true, since: null } });
    await expect.poll(() => banner.getAttribute('data-connectivity'), { timeout: 10_000 }).toBe('online');
    expect(await banner.locator('.banner-text').innerText()).toMatch(/Neo4j/);
  });
});
