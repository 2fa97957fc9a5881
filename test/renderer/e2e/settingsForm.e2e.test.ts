/**
 * Issue 13 item 3, the settings form in Debian's Chromium at tray-popover size (420×600), over the real
 * browser-mode host and a scripted core: a failed Save puts the cursor on the first invalid field (in the
 * environment that holds it) and in view; Test connection answers beside its button, also for invalid
 * input, and a wrong password reads "Authentication failed"; unsaved changes are marked, and Escape/Cancel
 * discard them after a confirm. Each new state passes axe in both themes.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolationsInBothThemes } from './accessibility.js';
import { expectNoSecretsInPage } from './pageChecks.js';
import { SCREENSHOTS, useScriptedBrowserMode } from './scriptedBrowserMode.js';
import { createSettingsScriptedCore } from './settingsScriptedCore.js';

const WRONG_PASSWORD = 'wrong-Password-e2e-5b1f';

// One settings window for the whole file; open() gives each test a fresh document in it.
const harness = useScriptedBrowserMode(
  () =>
    createSettingsScriptedCore(
      {
        environments: [
          { id: 'production', name: 'Production', databases: { supabase: { url: 'https://prod.supabase.co' }, neo4j: { uri: 'neo4j+s://graph.example.com:7687', user: 'neo4j' } } },
          { id: 'staging', name: 'Staging', databases: { neo4j: { uri: 'bolt://staging.example.com:7687', user: 'neo4j' } } },
        ],
      },
      { production: { supabaseKey: 'stored', neo4jPassword: 'stored' }, staging: { neo4jPassword: 'stored' } },
      {
        // What the real core answers for a wrong Neo4j password (test/core/createMonitorCore.test.ts shows kind auth_failed).
        testConnection: (request) => {
          const edit = request.secrets[request.environment]?.neo4jPassword;
          if (request.database !== 'neo4j' || edit?.action !== 'replace') return null;
          return {
            database: 'neo4j',
            healthy: false,
            state: 'down',
            latencyMs: 12,
            kind: 'auth_failed',
            message: 'Neo4j: The client is unauthorized due to authentication failure.',
            hint: 'Check Settings → Neo4j → Password',
            checkedAt: '',
          };
        },
      },
    ),
  { version: '0.0.0-e2e', screenshots: true, afterEach: 'none' },
);
let page: Page;

beforeAll(async () => {
  // Six engineers share two cores: generous waits, never sleeps.
  page = await harness.newPage({ viewport: { width: 420, height: 600 }, locale: null, timezoneId: null, defaultTimeout: 20_000, url: false });
  await open();
});

/** A fresh window: a new document, so nothing typed by an earlier test is left (a hash-only goto would keep it). */
async function open(): Promise<void> {
  await page.goto('about:blank');
  await page.goto(harness.url('settings.html'));
  await page.locator('#env\\.name').waitFor();
}
const select = (id: string) => page.locator(`.env-list > li[data-environment="${id}"] .env-select`).click();
const selected = () => page.locator('.env-list .env-select[aria-pressed="true"]').evaluate((b) => (b.closest('li') as HTMLElement).dataset.environment);
const focused = () =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const box = el?.getBoundingClientRect();
    return { id: el?.id ?? '', inView: !!box && box.top >= 0 && box.bottom <= window.innerHeight && box.height > 0 };
  });
const notice = () => page.locator('.form-notice').innerText();
const saveButton = () => page.getByRole('button', { name: 'Save', exact: true });
const dialog = () => page.getByRole('alertdialog');
async function screenshots(name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoSecretsInPage(page, [WRONG_PASSWORD]);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${scheme}.png`), animations: 'disabled' });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

describe.sequential('settings form at 420×600, in Chromium through browser mode', { timeout: 120_000 }, () => {
  it('after a failed Save, puts the cursor on the first invalid field, switching to its environment, and scrolls it into view', async () => {
    await select('staging');
    await page.locator('#neo4j\\.uri').fill('http://staging.example.com');
    await select('production');
    await page.locator('#monitor\\.timeoutMs').fill('1500.5');
    await page.locator('#env\\.name').focus();
    await saveButton().click();

    await expect.poll(() => selected()).toBe('staging');
    await expect.poll(() => focused()).toEqual({ id: 'neo4j.uri', inView: true });
    expect(await page.locator('#neo4j\\.uri-error').innerText()).toBe(
      'Neo4j URI must use one of neo4j://, neo4j+s://, neo4j+ssc://, bolt://, bolt+s://, bolt+ssc://, e.g. neo4j://localhost:7687',
    );
    // The URI, the staging password it now needs again (the endpoint moved), the timeout.
    expect(await notice()).toBe('Not saved: 3 fields need fixing; the cursor is on the first.');
    expect(await axeViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });
    await screenshots('settings-errors');

    // Once the URI is right, the next one is the timeout, far down the page.
    await page.locator('#neo4j\\.uri').fill('bolt://staging.example.com:7687');
    await page.locator('#env\\.name').focus();
    // The password input it had to show goes away with the saved endpoint back.
    await saveButton().click();
    await expect.poll(() => focused()).toEqual({ id: 'monitor.timeoutMs', inView: true });
    expect(await page.locator('#monitor\\.timeoutMs-error').innerText()).toBe('Timeout must be a whole number of milliseconds');
    expect(await notice()).toBe('Not saved: 1 field needs fixing; the cursor is on it.');
    expect(harness.core.calls.filter((c) => c.method === 'saveSettings')).toEqual([]);
  });

  it('shows what is wrong beside Test connection when the input is invalid, without testing', async () => {
    await open();
    await page.locator('#neo4j\\.uri').fill('graph.example.com:7687');
    const neo4j = page.locator('[data-test-connection="neo4j"]');
    await neo4j.getByRole('button', { name: 'Test Neo4j connection' }).click();
    await expect
      .poll(() => neo4j.locator('.connection-test-result').innerText())
      .toBe('✕ Neo4j URI must use one of neo4j://, neo4j+s://, neo4j+ssc://, bolt://, bolt+s://, bolt+ssc://, e.g. neo4j://localhost:7687');
    expect(harness.core.calls.filter((c) => c.method === 'testConnection')).toEqual([]);

    // A field of another database blocks the test too, and says which one.
    await page.locator('#neo4j\\.uri').fill('neo4j+s://graph.example.com:7687');
    await page.locator('#supabase\\.url').fill('ftp://prod.supabase.co');
    await neo4j.getByRole('button', { name: 'Test Neo4j connection' }).click();
    await expect.poll(() => neo4j.locator('.connection-test-result').innerText()).toMatch(/^✕ Not tested until the form is valid: Supabase URL must start with https:\/\//);
    expect(harness.core.calls.filter((c) => c.method === 'testConnection')).toEqual([]);
    expect(await axeViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });
  });

  it('tests a wrong password as "✕ Authentication failed" beside the button, with the message and the hint', async () => {
    await open();
    const neo4j = page.locator('[data-test-connection="neo4j"]');
    await page.locator('[data-secret="neo4jPassword"]').getByRole('button', { name: 'Replace' }).click();
    await page.locator('#neo4jPassword').fill(WRONG_PASSWORD);
    await neo4j.getByRole('button', { name: 'Test Neo4j connection' }).click();
    const result = neo4j.locator('.connection-test-result');
    await expect.poll(() => result.locator('.probe-headline').textContent()).toBe('✕ Authentication failed');
    expect(await result.innerText()).not.toContain('Down');
    expect(await result.innerText()).toContain('Neo4j: The client is unauthorized due to authentication failure.');
    expect(await result.innerText()).toContain('Check Settings → Neo4j → Password');
    expect(await result.innerText()).not.toContain(WRONG_PASSWORD);
    expect(await axeViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });
  });

  it('marks unsaved changes beside Save, in the title and on the environment', async () => {
    await open();
    expect(await page.title()).toBe('WallTrack Monitor — Settings');
    expect(await page.locator('.unsaved-mark').count()).toBe(0);
    await page.locator('#env\\.name').fill('Production EU');
    await expect.poll(() => page.locator('.form-actions .unsaved').innerText()).toBe('Unsaved changes');
    expect(await page.title()).toBe('• WallTrack Monitor — Settings');
    expect(await page.locator('.env-list > li[data-environment="production"] .unsaved-mark').count()).toBe(1);
    expect(await page.locator('.env-list > li[data-environment="staging"] .unsaved-mark').count()).toBe(0);
  });

  it('asks before Escape discards them, keeps the focus inside the question, and puts every field back', async () => {
    await page.locator('#monitor\\.retries').fill('5');
    await page.keyboard.press('Escape');
    await dialog().waitFor();
    expect(await dialog().locator('p').first().innerText()).toBe('Discard your unsaved changes?');
    expect(await dialog().locator('p').nth(1).innerText()).toBe('The form goes back to the saved settings; nothing is sent.');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Keep editing');
    // Focus stays in the dialog, whichever way Tab goes.
    for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
      await page.keyboard.press(key);
      expect(await page.evaluate(() => !!document.activeElement?.closest('[role="alertdialog"]'))).toBe(true);
    }
    expect(await axeViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });
    await screenshots('settings-unsaved');

    // Escape inside the question is "keep editing".
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog().count()).toBe(0);
    expect(await page.locator('#env\\.name').inputValue()).toBe('Production EU');

    await page.locator('.form-actions').getByRole('button', { name: 'Cancel', exact: true }).click();
    await dialog().getByRole('button', { name: 'Discard changes' }).click();
    await expect.poll(() => page.locator('#env\\.name').inputValue()).toBe('Production');
    expect(await page.locator('#monitor\\.retries').inputValue()).toBe('2');
    expect(await page.locator('.form-actions .unsaved').count()).toBe(0);
    expect(await page.locator('.unsaved-mark').count()).toBe(0);
    expect(await page.title()).toBe('WallTrack Monitor — Settings');
    expect(harness.core.calls.filter((c) => c.method === 'saveSettings')).toEqual([]);
  });

  it('an Escape that closes a panel of the form (Add environment) discards nothing', async () => {
    await page.locator('#env\\.name').fill('Production EU');
    await page.getByRole('button', { name: 'Add environment…' }).click();
    await page.locator('#new-env\\.name').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#new-env\\.name').count()).toBe(0);
    expect(await dialog().count()).toBe(0);
    expect(await page.locator('#env\\.name').inputValue()).toBe('Production EU');
    await page.locator('#env\\.name').fill('Production');
    await expect.poll(() => page.locator('.form-actions .unsaved').count()).toBe(0);
  });

  it('without changes, Escape asks nothing (browser mode: the form stays as saved)', async () => {
    await page.locator('#env\\.name').focus();
    await page.keyboard.press('Escape');
    await page.locator('.form-actions').getByRole('button', { name: 'Cancel', exact: true }).click();
    expect(await dialog().count()).toBe(0);
    expect(await page.locator('#env\\.name').inputValue()).toBe('Production');
    expect(harness.pageErrors).toEqual([]);
  });
});
