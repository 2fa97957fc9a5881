/**
 * Acknowledge, mute and maintenance on the status window's cards, in Debian's Chromium, served by the REAL
 * browser-mode server over a scripted core: the buttons reach the core for the right environment and database,
 * by mouse and by keyboard; the card says "Acknowledged 12:00", "Muted until …", "Maintenance"; WCAG A/AA
 * holds; and the docs screenshots of an acknowledged failure and a maintenance window, light and dark.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { EnvironmentStatus } from '../../../src-main/common/schemas.js';
import { axeViolations, axeViolationsInBothThemes } from './accessibility.js';
import { SCREENSHOTS, statusShown, useScriptedBrowserMode } from './scriptedBrowserMode.js';
import { CHECKED_AT, createScriptedCore, environment, snapshotOf } from './scriptedCore.js';

const PAGE_CLOCK = new Date(Date.parse(CHECKED_AT) + 12_000);

const harness = useScriptedBrowserMode(() => createScriptedCore(snapshotOf([environment('production', 'Production', { supabase: 'healthy', neo4j: 'down' })])), {
  screenshots: true,
});

async function open(environments: EnvironmentStatus[], colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  harness.core.set(snapshotOf(environments));
  harness.core.calls.length = 0;
  const page = await harness.newPage({ colorScheme, clock: PAGE_CLOCK });
  await statusShown(page);
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
    expect(harness.core.calls).toEqual([{ method: 'acknowledge', environment: 'production', database: 'neo4j' }]);
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
    expect(harness.core.calls).toEqual([
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
      await harness.context!.close();
      const maintenance = await open([withAttention(productionDown(), 'neo4j', { maintenance: { until: '2026-01-01T13:00:00.000Z', window: 'Neo4j upgrade' } })], scheme);
      expect(await axeViolations(maintenance)).toEqual([]);
      await maintenance.screenshot({ path: join(SCREENSHOTS, `status-maintenance-${scheme}.png`), fullPage: true, animations: 'disabled' });
    });
  }
});
