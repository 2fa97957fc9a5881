/**
 * "Open settings" at a field, in Debian's Chromium over the real browser-mode host and a scripted core
 * that keeps settings in memory: the settings page opened with ?environment=…&database=…&field=… (the
 * address a failing card links to) selects that environment, focuses the field, and scrolls it into view;
 * an address naming what is not there opens the window as usual. WCAG A/AA in both themes.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolationsInBothThemes } from './accessibility.js';
import { useScriptedBrowserMode } from './scriptedBrowserMode.js';
import { createSettingsScriptedCore } from './settingsScriptedCore.js';

const harness = useScriptedBrowserMode(
  () =>
    createSettingsScriptedCore(
      {
        environments: [
          { id: 'staging', name: 'Staging', databases: { neo4j: { uri: 'neo4j://staging.example.com:7687', user: 'neo4j' } } },
          { id: 'production', name: 'Production', databases: { neo4j: { uri: 'neo4j+s://graph.example.com:7687', user: 'neo4j' } } },
        ],
      },
      { production: { neo4jPassword: 'stored' } },
    ),
  { version: '0.0.0-e2e' },
);

/** A short window, so a field low in the form starts out of view. */
async function openSettings(query: string): Promise<Page> {
  const page = await harness.newPage({ viewport: { width: 700, height: 420 }, timezoneId: null, defaultTimeout: 20_000, url: harness.url('settings.html', query) });
  await page.locator('[data-environment-form]').waitFor();
  return page;
}
const focused = (page: Page) => page.evaluate(() => ({ id: document.activeElement?.id ?? '', text: document.activeElement?.textContent ?? '' }));
const inView = (page: Page) =>
  page.evaluate(() => {
    const box = document.activeElement!.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= innerHeight;
  });

describe('the settings window opened at a field', () => {
  it('selects the environment and focuses the field the address names, in view', async () => {
    const page = await openSettings('?environment=production&database=neo4j&field=user');
    await expect.poll(() => focused(page)).toEqual({ id: 'neo4j.user', text: '' });
    expect(await page.locator('[data-environment-form]').getAttribute('data-environment-form')).toBe('production');
    expect(await inView(page)).toBe(true);
    expect(await axeViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });
  });

  it('focuses a stored secret\'s Replace button (the control that changes it)', async () => {
    const page = await openSettings('?environment=production&database=neo4j&field=neo4jPassword');
    await expect.poll(() => focused(page)).toEqual({ id: '', text: 'Replace' });
    expect(await page.evaluate(() => document.activeElement?.closest('[data-secret]')?.getAttribute('data-secret'))).toBe('neo4jPassword');
    expect(await inView(page)).toBe(true);
  });

  it('opens as usual (the first environment, nothing focused) when the address names an environment, kind or field that is not there', async () => {
    for (const query of ['?environment=ghost&database=neo4j&field=user', '?environment=production&database=redis&field=user', '?environment=production&database=neo4j&field=x%22%5D']) {
      const page = await openSettings(query);
      expect(await page.locator('[data-environment-form]').getAttribute('data-environment-form')).toBe('staging');
      expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
      await harness.closeContext();
    }
  });
});
