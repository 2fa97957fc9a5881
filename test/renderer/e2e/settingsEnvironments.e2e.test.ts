/**
 * The settings window's environments in Debian's Chromium, served by the real browser-mode host
 * (health server + WebSocket bridge + contract checks) over a scripted MonitorCore that keeps
 * settings and secret presence in memory and records what it receives.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, axeViolationsInBothThemes } from './accessibility.js';
import { expectNoSecretsInPage } from './pageChecks.js';
import { SCREENSHOTS, useScriptedBrowserMode } from './scriptedBrowserMode.js';
import { createSettingsScriptedCore, type Recorded } from './settingsScriptedCore.js';

const STAGING_KEY = 'sb_secret_staging-e2e-41c7';
const STAGING_PASSWORD = 'staging-Password-e2e-9d2e';
const IMPORTED_KEY = 'sb_secret_imported-e2e-77aa';

// One settings window for the whole file: its tests go on where the last one stopped.
const harness = useScriptedBrowserMode(
  () =>
    createSettingsScriptedCore(
      {
        environments: [
          {
            id: 'production',
            name: 'Production',
            colour: '#d33682',
            databases: { supabase: { url: 'https://prod.supabase.co', probeTable: 'wallets' }, neo4j: { uri: 'neo4j+s://graph.example.com:7687', user: 'neo4j' } },
          },
        ],
      },
      { production: { supabaseKey: 'stored', neo4jPassword: 'stored' } },
    ),
  { version: '0.0.0-e2e', screenshots: true, afterEach: 'none' },
);
let page: Page;

const last = <M extends Recorded['method']>(method: M) => harness.core.calls.filter((c): c is Extract<Recorded, { method: M }> => c.method === method).at(-1);
const listed = () => page.locator('.env-list > li').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.environment));
const focusedLabel = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');
const select = (id: string) => page.locator(`.env-list > li[data-environment="${id}"] .env-select`).click();
async function save(): Promise<void> {
  const before = harness.core.calls.length;
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => page.locator('.form-notice').getAttribute('data-notice')).toBe('ok');
  expect(harness.core.calls.length).toBe(before + 1);
}
async function addEnvironment(name: string): Promise<string> {
  await page.getByRole('button', { name: 'Add environment…' }).click();
  await page.locator('#new-env\\.name').fill(name);
  const id = await page.locator('#new-env\\.id').inputValue();
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  return id;
}

beforeAll(async () => {
  // A missing element fails its test with the locator named, well before the test's own timeout.
  page = await harness.newPage({ locale: null, timezoneId: null, defaultTimeout: 10_000, url: harness.url('settings.html') });
});

describe.sequential('settings window: environments, in Chromium through browser mode', { timeout: 60_000 }, () => {
  it('with one environment shows today’s form plus the list, without move or remove buttons', async () => {
    await expect.poll(() => listed()).toEqual(['production']);
    expect(await page.locator('legend').allInnerTexts()).toEqual(['Environment', 'Supabase', 'Neo4j', 'Maintenance windows', 'Checks (every environment)', 'App']);
    expect(await page.locator('.env-actions').count()).toBe(0);
    expect(await page.locator('#supabase\\.url').inputValue()).toBe('https://prod.supabase.co');
    expect(await page.locator('[data-secret="neo4jPassword"] .secret-presence').innerText()).toBe('Stored in keychain');
    expect(await axeViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });
  });

  it('adds environments with an id derived from the name, refusing an id already used', async () => {
    expect(await addEnvironment('Staging')).toBe('staging');
    await page.locator('.field-colour').getByRole('button', { name: 'Set' }).click();
    await page.locator('#env\\.colour').fill('#2aa198');
    await page.locator('#supabase\\.url').fill('https://staging.supabase.co');
    await page.locator('[data-secret="supabaseKey"]').getByRole('button', { name: 'Set' }).click();
    await page.locator('#supabaseKey').fill(STAGING_KEY);
    await page.locator('#neo4j\\.uri').fill('bolt://staging.example.com:7687');
    await page.locator('[data-secret="neo4jPassword"]').getByRole('button', { name: 'Set' }).click();
    await page.locator('#neo4jPassword').fill(STAGING_PASSWORD);

    await page.getByRole('button', { name: 'Add environment…' }).click();
    await page.locator('#new-env\\.name').fill('QA Berlin');
    expect(await page.locator('#new-env\\.id').inputValue()).toBe('qa-berlin');
    await page.locator('#new-env\\.id').fill('staging');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    expect(await page.locator('#new-env\\.id-error').innerText()).toBe('Environment id "staging" is already used; choose another');
    await page.locator('#new-env\\.id').fill('QA');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    expect(await page.locator('#new-env\\.id-error').innerText()).toBe('Environment id must be 1–32 lowercase letters, digits or "-", e.g. production or eu-staging');
    expect(await axeViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });
    await page.locator('#new-env\\.id').fill('qa-berlin');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => listed()).toEqual(['production', 'staging', 'qa-berlin']);
    await page.locator('#neo4j\\.uri').fill('bolt://qa.example.com:7687');
  });

  it('renames an environment (the id stays) and reorders by keyboard, the focus staying on the moved one', async () => {
    await select('production');
    await page.locator('#env\\.name').fill('Production EU');
    expect(await page.locator('#env\\.id').inputValue()).toBe('production');
    await page.getByRole('button', { name: 'Move QA Berlin up' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => listed()).toEqual(['production', 'qa-berlin', 'staging']);
    expect(await focusedLabel()).toBe('Move QA Berlin up');
    await page.keyboard.press('Enter');
    await expect.poll(() => listed()).toEqual(['qa-berlin', 'production', 'staging']);
    // The first place's "up" is disabled: its twin has the focus.
    expect(await focusedLabel()).toBe('Move QA Berlin down');
    await page.keyboard.press('Enter');
    await expect.poll(() => listed()).toEqual(['production', 'qa-berlin', 'staging']);
  });

  it('tests a connection of one (environment, database) with the unsaved form', async () => {
    await select('qa-berlin');
    await page.getByRole('button', { name: 'Test Neo4j connection' }).click();
    await expect.poll(() => page.locator('[data-test-connection="neo4j"] .probe-result').getAttribute('data-state')).toBe('healthy');
    expect(await axeViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });
    const call = last('testConnection')!;
    expect([call.request.environment, call.request.database]).toEqual(['qa-berlin', 'neo4j']);
    expect(call.request.settings.environments.find((e) => e.id === 'qa-berlin')!.databases.neo4j!.uri).toBe('bolt://qa.example.com:7687');
    expect(call.request.secrets).toEqual({
      staging: { supabaseKey: { action: 'replace', value: STAGING_KEY }, neo4jPassword: { action: 'replace', value: STAGING_PASSWORD } },
    });
  });

  it('saves the list in its order, the renamed name, and each environment’s secrets under its id', async () => {
    await save();
    const { draft } = last('saveSettings')!;
    expect(draft.settings.environments.map((e) => [e.id, e.name, e.colour])).toEqual([
      ['production', 'Production EU', '#d33682'],
      ['qa-berlin', 'QA Berlin', null],
      ['staging', 'Staging', '#2aa198'],
    ]);
    expect(draft.removeEnvironments).toEqual([]);
    expect(draft.secrets).toEqual({
      staging: { supabaseKey: { action: 'replace', value: STAGING_KEY }, neo4jPassword: { action: 'replace', value: STAGING_PASSWORD } },
    });
    expect(harness.core.presence().staging).toEqual({ supabaseKey: 'stored', neo4jPassword: 'stored' });
    // QA Berlin was being edited when saved, as a new environment: it stays the one shown.
    expect(await page.locator('.env-select[aria-pressed="true"] .env-name').innerText()).toBe('QA Berlin');
    await select('staging');
    expect(await page.locator('[data-secret="supabaseKey"] .secret-presence').innerText()).toBe('Stored in keychain');
    expect(await page.locator('#supabaseKey').count()).toBe(0);
  });

  it('takes the screenshots with three environments, light and dark', async () => {
    await select('production');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await expectNoSecretsInPage(page, [STAGING_KEY, STAGING_PASSWORD]);
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, `settings-environments-${scheme}.png`), fullPage: true, animations: 'disabled' });
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('removes an environment only after a confirmation naming what is deleted, then sends it in removeEnvironments', async () => {
    await page.getByRole('button', { name: 'Remove Staging' }).click();
    const dialog = page.getByRole('alertdialog');
    expect(await dialog.locator('#env-confirm-question').innerText()).toBe('Remove Staging? Its settings and its 2 stored secrets are deleted from the keychain.');
    expect(await focusedLabel()).toBe('Cancel');
    expect(await axeViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });
    expect(await focusedLabel()).toBe('Cancel');
    await page.keyboard.press('Enter');
    expect(await dialog.count()).toBe(0);
    expect(await listed()).toEqual(['production', 'qa-berlin', 'staging']);
    await page.getByRole('button', { name: 'Remove Staging' }).click();
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => listed()).toEqual(['production', 'qa-berlin']);
    await save();
    const { draft } = last('saveSettings')!;
    expect(draft.removeEnvironments).toEqual(['staging']);
    expect(draft.settings.environments.map((e) => e.id)).toEqual(['production', 'qa-berlin']);
    expect(draft.secrets).toEqual({});
  });

  // Needs core/rendererHandlers.ts to pass the whole ImportEnvRequest to core.importEnv (issue 9's host part).
  it('imports a .env into a new environment named after the file, then into a chosen one, each after a preview naming it', async () => {
    await page.locator('#import-target').selectOption({ label: 'New environment named after the file' });
    await page.locator('#import-env').setInputFiles({ name: 'staging.env', mimeType: 'text/plain', buffer: Buffer.from(`SUPABASE_URL=https://staging.supabase.co\nSUPABASE_KEY=${IMPORTED_KEY}\n`) });
    await expect.poll(() => page.locator('.import-preview h3').innerText().catch(() => '')).toBe('Import into the new environment staging (staging)');
    expect(last('previewImportEnv')!.request.into).toEqual({ kind: 'new', id: 'staging', name: 'staging' });
    expect(await page.locator('.import-changes li').allInnerTexts()).toEqual(['SUPABASE_URL: not set → https://staging.supabase.co', 'SUPABASE_KEY: new']);
    await page.locator('.import-preview').getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => page.locator('.import-done').innerText().catch(() => '')).toBe('Imported 1 setting and 1 secret into staging');
    expect(last('importEnv')!.request).toMatchObject({ into: { kind: 'new', id: 'staging', name: 'staging' }, previewed: 'f'.repeat(64) });
    await expect.poll(() => listed()).toEqual(['production', 'qa-berlin', 'staging']);

    await page.locator('#import-target').selectOption('qa-berlin');
    await page.locator('#import-env').setInputFiles({ name: 'staging.env', mimeType: 'text/plain', buffer: Buffer.from('NEO4J_USER=qa\n') });
    await expect.poll(() => page.locator('.import-preview h3').innerText().catch(() => '')).toBe('Import into QA Berlin (qa-berlin)');
    expect(await page.locator('.import-changes li').allInnerTexts()).toEqual(['NEO4J_USER: not set → qa']);
    await page.locator('.import-preview').getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => page.locator('.import-done').innerText().catch(() => '')).toBe('Imported 1 setting and 0 secrets into QA Berlin');
    expect(last('importEnv')!.request.into).toEqual({ kind: 'existing', id: 'qa-berlin' });
    expect(await axeViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });
    await expectNoSecretsInPage(page, [STAGING_KEY, STAGING_PASSWORD, IMPORTED_KEY]);
  });

  it('runs under the strict CSP without a single page error', () => {
    expect(harness.pageErrors).toEqual([]);
  });
});
