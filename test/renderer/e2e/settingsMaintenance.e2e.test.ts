/**
 * The settings window's maintenance-window editor in Debian's Chromium, over the real browser-mode host and a
 * scripted core that keeps settings in memory: add a weekly and a one-off window with the keyboard, see the
 * schema's message for a bad one, remove one, Save sends exactly the windows listed; WCAG A/AA holds.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolationsInBothThemes } from './accessibility.js';
import { useScriptedBrowserMode } from './scriptedBrowserMode.js';
import { createSettingsScriptedCore } from './settingsScriptedCore.js';

// One settings window for the whole file: the second test saves what the first one added.
const harness = useScriptedBrowserMode(
  () =>
    createSettingsScriptedCore(
      {
        environments: [
          {
            id: 'production',
            name: 'Production',
            databases: { neo4j: { uri: 'neo4j+s://graph.example.com:7687', user: 'neo4j' } },
            maintenance: [{ kind: 'once', label: 'Old upgrade', from: '2026-01-01T02:00:00Z', to: '2026-01-01T03:00:00Z' }],
          },
        ],
      },
      { production: { neo4jPassword: 'stored' } },
    ),
  { version: '0.0.0-e2e', afterEach: 'none' },
);
let page: Page;

beforeAll(async () => {
  page = await harness.newPage({ viewport: { width: 900, height: 900 }, timezoneId: 'Europe/Berlin', defaultTimeout: 10_000, url: harness.url('settings.html') });
});

const field = (name: string) => page.locator(`#maintenance-production-${name}`);
const listed = () => page.locator('.maintenance-list li span').allTextContents();

describe('maintenance windows in the settings window', () => {
  it('lists the saved window, adds a weekly one from the keyboard in the operator\'s zone, and shows the schema\'s message for a bad one', async () => {
    await expect.poll(() => listed()).toEqual([expect.stringMatching(/^Old upgrade — .+, whole environment$/)]);
    await field('label').focus();
    await page.keyboard.type('Weekly backup');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown'); // For: Neo4j
    await field('day').selectOption('sun');
    await field('end').fill('01:00');
    await page.getByRole('button', { name: 'Add window' }).focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('.maintenance-add .field-error').textContent()).toBe(
      'Weekly maintenance window "Weekly backup" must end after it starts on the same day (02:00–01:00); use 24:00 for midnight',
    );
    expect(await axeViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });
    await field('end').fill('03:00');
    await page.getByRole('button', { name: 'Add window' }).click();
    await expect.poll(() => listed()).toEqual([expect.stringMatching(/^Old upgrade/), 'Weekly backup — every Sunday 02:00–03:00 (Europe/Berlin), Neo4j']);
    expect(await axeViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });
  });

  it('removes one, and Save sends exactly the windows listed', async () => {
    await page.getByRole('button', { name: 'Remove maintenance window Old upgrade' }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.locator('.form-notice').getAttribute('data-notice')).toBe('ok');
    const saved = harness.core.calls.filter((c) => c.method === 'saveSettings').at(-1)!;
    expect(saved.method === 'saveSettings' && saved.draft.settings.environments[0]!.maintenance).toEqual([
      { kind: 'weekly', label: 'Weekly backup', database: 'neo4j', day: 'sun', start: '02:00', end: '03:00', timeZone: 'Europe/Berlin' },
    ]);
    expect(harness.core.settings().environments[0]!.maintenance).toHaveLength(1);
    expect(harness.pageErrors).toEqual([]);
  });
});
