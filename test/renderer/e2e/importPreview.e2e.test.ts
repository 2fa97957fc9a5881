/**
 * Import .env… with a preview, in Debian's Chromium, over the REAL browser-mode server and the real
 * core (settings file, the run's private keychain): choosing a file shows what would change and writes
 * nothing; Cancel drops it; Import writes exactly that and says "Imported 3 settings and 2 secrets into
 * Staging". The preview passes WCAG A/AA in both themes and never shows a secret.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { testServices } from '../../support/services.js';
import { axeViolationsInBothThemes } from './accessibility.js';
import { expectNoSecretsInPage } from './pageChecks.js';
import { SCREENSHOTS, useBrowserMode } from './scriptedBrowserMode.js';
import { startHost } from './stack.js';

const STORED_BEFORE = 'staging-password-before-e2e-41c9';

// One settings window over the real core for the whole file; the last test checks its page errors.
const harness = useBrowserMode((rendererDir) => startHost(rendererDir, testServices().neo4j), { screenshots: true, afterEach: 'none', teardownTimeout: 120_000 });
let page: Page;

const settingsFile = () => readFileSync(join(harness.served.dataDir, 'settings.json'));
async function stagingSecrets() {
  return { neo4jPassword: (await harness.served.vault.get('staging', 'neo4jPassword'))?.reveal() ?? null, supabaseKey: (await harness.served.vault.get('staging', 'supabaseKey'))?.reveal() ?? null };
}
/** The staging.env an operator brings: one unchanged setting, three changed, both secrets, two foreign names, one broken line. */
const stagingEnv = () =>
  [
    '# staging',
    `NEO4J_URI=${testServices().neo4j.uri}`,
    'NEO4J_DATABASE=neo4j',
    `NEO4J_PASSWORD=${testServices().neo4j.password}`,
    `SUPABASE_URL=${harness.served.supabase.url}`,
    'SUPABASE_PROBE_TABLE=wallets',
    `SUPABASE_KEY='${harness.served.supabase.key}'`,
    'OPENAI_API_KEY=sk-unrelated',
    'DEBUG=1',
    'staging settings below',
  ].join('\n');

async function chooseFile(): Promise<void> {
  await page.locator('#import-target').selectOption('staging');
  await page.locator('#import-env').setInputFiles({ name: 'staging.env', mimeType: 'text/plain', buffer: Buffer.from(stagingEnv()) });
  await expect.poll(() => page.locator('.import-preview').count(), { timeout: 30_000 }).toBe(1);
}

async function screenshot(name: string, scheme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-${scheme}.png`), fullPage: true, animations: 'disabled' });
}

beforeAll(async () => {
  const host = harness.served;
  // Staging has Neo4j only, with a password that the file will replace.
  const { settings } = await host.core.getSettings();
  const staging = { id: 'staging', name: 'Staging', colour: null, databases: { neo4j: { uri: testServices().neo4j.uri, user: 'neo4j', database: null } } };
  await host.core.saveSettings({ settings: { ...settings, environments: [...settings.environments, staging] }, secrets: { staging: { neo4jPassword: { action: 'replace', value: STORED_BEFORE } } } });
  page = await harness.newPage({ viewport: { width: 900, height: 900 }, colorScheme: 'light', locale: null, timezoneId: null, url: harness.url('settings.html') });
  await page.locator('#import-target option[value="staging"]').waitFor({ state: 'attached', timeout: 30_000 });
});

describe.sequential('Import .env… shows a preview and writes only on Import (Chromium, real core)', { timeout: 120_000 }, () => {
  it('choosing a file previews the changes by name, writes nothing, and Cancel leaves everything as it was', async () => {
    const fileBefore = settingsFile();
    await chooseFile();
    const preview = page.locator('.import-preview');
    expect(await preview.locator('h3').innerText()).toBe('Import into Staging (staging)');
    expect(await preview.locator('.import-changes li').allInnerTexts()).toEqual([
      'NEO4J_DATABASE: not set → neo4j',
      `SUPABASE_URL: not set → ${harness.served.supabase.url}`,
      'SUPABASE_PROBE_TABLE: not set → wallets',
      'NEO4J_PASSWORD: will replace the stored one',
      'SUPABASE_KEY: new',
    ]);
    expect(await preview.locator('.import-skipped li').allInnerTexts()).toEqual(['Not used: OPENAI_API_KEY, DEBUG', 'line 10: not a KEY=value line; skipped']);
    await expectNoSecretsInPage(page, [testServices().neo4j.password, harness.served.supabase.key, STORED_BEFORE]);
    // Focus lands on the preview, so a keyboard or screen-reader user meets it first.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('import-preview-title');
    expect(await axeViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });
    await screenshot('settings-import-preview', 'light');
    await screenshot('settings-import-preview', 'dark');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(settingsFile().equals(fileBefore)).toBe(true);
    expect(await stagingSecrets()).toEqual({ neo4jPassword: STORED_BEFORE, supabaseKey: null });

    await preview.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.locator('.import-preview').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Import .env…');
    expect(settingsFile().equals(fileBefore)).toBe(true);
    expect(await stagingSecrets()).toEqual({ neo4jPassword: STORED_BEFORE, supabaseKey: null });
    expect((await harness.served.core.getSettings()).settings.environments.find((e) => e.id === 'staging')!.databases).toEqual({
      neo4j: { uri: testServices().neo4j.uri, user: 'neo4j', database: null },
    });
  });

  it('Import writes exactly what was previewed and says so in one sentence', async () => {
    await chooseFile();
    await page.locator('.import-preview').getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => page.locator('.import-done').innerText().catch(() => ''), { timeout: 30_000 }).toBe('Imported 3 settings and 2 secrets into Staging');
    expect(await page.locator('.import-preview').count()).toBe(0);
    expect(await stagingSecrets()).toEqual({ neo4jPassword: testServices().neo4j.password, supabaseKey: harness.served.supabase.key });
    const saved = JSON.parse(settingsFile().toString('utf8')) as { environments: { id: string; databases: unknown }[] };
    expect(saved.environments.find((e) => e.id === 'staging')!.databases).toEqual({
      supabase: { url: harness.served.supabase.url, probeTable: 'wallets' },
      neo4j: { uri: testServices().neo4j.uri, user: 'neo4j', database: 'neo4j' },
    });
    await expectNoSecretsInPage(page, [testServices().neo4j.password, harness.served.supabase.key, STORED_BEFORE]);
    expect(await axeViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });
  });

  it('when the stored settings change between preview and Import, says so, writes nothing and previews again', async () => {
    await chooseFile();
    // Meanwhile another window renames Staging.
    const { settings } = await harness.served.core.getSettings();
    const renamed = settings.environments.map((e) => (e.id === 'staging' ? { ...e, name: 'Staging EU' } : e));
    await harness.served.core.saveSettings({ settings: { ...settings, environments: renamed }, secrets: {} });
    const fileBefore = settingsFile();
    await page.locator('.import-preview').getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => page.locator('.import-error').innerText().catch(() => ''), { timeout: 30_000 }).toBe(
      'Import: the settings of "Staging EU" changed since the preview; nothing was imported — Check the new preview of the file, then import again',
    );
    await expect.poll(() => page.locator('.import-preview h3').innerText().catch(() => ''), { timeout: 30_000 }).toBe('Import into Staging EU (staging)');
    expect(await page.locator('.import-changes li').allInnerTexts()).toEqual(['NEO4J_PASSWORD: will replace the stored one', 'SUPABASE_KEY: will replace the stored one']);
    expect(settingsFile().equals(fileBefore)).toBe(true);
    await page.locator('.import-preview').getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.locator('.import-preview').count()).toBe(0);
  });

  it('runs without a page error', () => {
    expect(harness.pageErrors).toEqual([]);
  });
});
