/**
 * A failing card in Debian's Chromium, served by the REAL browser-mode server over a scripted core: it
 * leads with the failure's headline and what to do, offers the one button that fits (Open settings at the
 * field, or Check now for its environment), keeps the raw message under a closed "Details" that opens from
 * the keyboard, and Copy puts the message (with where and when) on the clipboard; WCAG A/AA in both themes.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { EnvironmentStatus } from '../../../src-main/common/schemas.js';
import { axeViolationsInBothThemes } from './accessibility.js';
import { SCREENSHOTS, statusShown, useScriptedBrowserMode } from './scriptedBrowserMode.js';
import { CHECKED_AT, createScriptedCore, environment, snapshotOf } from './scriptedCore.js';

const PAGE_CLOCK = new Date(Date.parse(CHECKED_AT) + 12_000);
const AUTH_MESSAGE = 'Neo4j (neo4j+s://db.example.com:7687): The client is unauthorized due to authentication failure.';

const harness = useScriptedBrowserMode(() => createScriptedCore(snapshotOf([authFailed()])), { screenshots: true });

/** Production's Neo4j rejects the password (as the Neo4j probe reports it); Supabase is healthy. */
function authFailed(): EnvironmentStatus {
  const env = environment('production', 'Production', { supabase: 'healthy', neo4j: 'down' });
  const neo4j = {
    ...env.databases.neo4j!,
    kind: 'auth_failed' as const,
    hintKey: 'auth_failed',
    message: AUTH_MESSAGE,
    hint: 'Check Settings → Neo4j → User and Password',
    server: { agent: 'Neo4j/5.26.30', version: '5.26.30' },
  };
  return { ...env, databases: { ...env.databases, neo4j } };
}

async function open(environments: EnvironmentStatus[], options: { colorScheme?: 'light' | 'dark'; clipboard?: boolean } = {}): Promise<Page> {
  harness.core.set(snapshotOf(environments));
  harness.core.calls.length = 0;
  const page = await harness.newPage({
    colorScheme: options.colorScheme ?? 'light',
    permissions: options.clipboard === false ? [] : ['clipboard-read', 'clipboard-write'],
    clock: PAGE_CLOCK,
  });
  await statusShown(page);
  return page;
}
const card = (page: Page, db: string) => page.locator(`section.card[data-database="${db}"]`);

describe('a failing card', () => {
  it('leads with the headline, then what to do, then "Open settings" at the field the hint names; the server version is not shown', async () => {
    const page = await open([authFailed()]);
    const problem = card(page, 'neo4j').locator('.problem');
    expect(await problem.locator('p').first().textContent()).toBe('Neo4j rejected the user name or password');
    expect(await problem.locator('.problem-hint').textContent()).toBe('What to do: Check Settings → Neo4j → User and Password');
    const link = problem.getByRole('link', { name: 'Open settings' });
    expect(await link.getAttribute('href')).toMatch(/^settings\.html\?environment=production&database=neo4j&field=user#token=[A-Za-z0-9_-]+$/);
    expect(await problem.getByRole('button', { name: 'Check now' }).count()).toBe(0);
    expect(await card(page, 'neo4j').locator('.card-server').count()).toBe(0);
    expect(await card(page, 'supabase').locator('.problem').count()).toBe(0);
  });

  it('offers "Check now" for a refused connection, and pressing it checks that environment only', async () => {
    const page = await open([environment('production', 'Production', { supabase: 'healthy', neo4j: 'down' }), environment('staging', 'Staging', { supabase: 'healthy', neo4j: 'healthy' })]);
    const problem = card(page, 'neo4j').locator('.problem');
    expect(await problem.locator('p').first().textContent()).toBe('Neo4j is not running, or not at this address');
    expect(await problem.getByRole('link', { name: 'Open settings' }).count()).toBe(0);
    await problem.getByRole('button', { name: 'Check now' }).click();
    await expect.poll(() => harness.core.calls).toEqual([{ method: 'checkNow', environment: 'production' }]);
  });

  it('keeps the raw message under a closed "Details" that Enter opens; Copy puts it on the clipboard with where and when, and says "Copied"', async () => {
    const page = await open([authFailed()]);
    const details = card(page, 'neo4j').locator('details.problem-details');
    expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await details.locator('.problem-message').isVisible()).toBe(false);
    await details.locator('summary').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => details.locator('.problem-message').isVisible()).toBe(true);
    expect(await details.locator('.problem-message').textContent()).toBe(AUTH_MESSAGE);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Copy');
    await page.keyboard.press('Enter');
    await expect.poll(() => details.getByRole('status').textContent(), { timeout: 10_000 }).toBe('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      [AUTH_MESSAGE, 'Environment: production', 'Database: Neo4j', 'Kind: auth_failed', `Checked at: ${CHECKED_AT}`].join('\n'),
    );
  });

  it('says so when the clipboard is refused', async () => {
    const page = await open([authFailed()], { clipboard: false });
    // As a page whose clipboard the browser (or a policy) refuses: the write is rejected.
    await page.evaluate(() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
    });
    const details = card(page, 'neo4j').locator('details.problem-details');
    await details.locator('summary').click();
    await details.getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => details.getByRole('status').textContent(), { timeout: 10_000 }).toBe(
      'The clipboard was refused: select the text above and copy it by hand',
    );
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`passes WCAG A/AA in both themes and takes the docs screenshots (auth failed, Details open), ${scheme}`, async () => {
      const page = await open([authFailed()], { colorScheme: scheme });
      expect(await axeViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });
      await page.screenshot({ path: join(SCREENSHOTS, `status-card-auth-failed-${scheme}.png`), fullPage: true, animations: 'disabled' });
      await card(page, 'neo4j').locator('details.problem-details summary').click();
      await card(page, 'neo4j').getByRole('button', { name: 'Copy' }).click();
      await expect.poll(() => card(page, 'neo4j').getByRole('status').textContent(), { timeout: 10_000 }).toBe('Copied');
      expect(await axeViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });
      await page.screenshot({ path: join(SCREENSHOTS, `status-card-details-open-${scheme}.png`), fullPage: true, animations: 'disabled' });
    });
  }
});
