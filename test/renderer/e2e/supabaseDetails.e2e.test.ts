/**
 * Why a Supabase database is unhealthy, in Debian's Chromium through browser mode over the real core:
 * two Supabase stand-ins of this file's own — "production" with the access token, whose Management API
 * reports realtime UNHEALTHY, and "archive" without one, whose gateway answers 540 (project paused).
 * The settings window's access token field is exercised against the same core and keychain. Takes the
 * docs screenshots of both cards, light and dark.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMonitorCore } from '../../../src-main/core/createMonitorCore.js';
import { CredentialVault } from '../../../src-main/core/credentials/CredentialVault.js';
import type { MonitorCore } from '../../../src-main/core/MonitorCore.js';
import { testServices } from '../../support/services.js';
import { STANDIN_REF, startSupabaseStandin, type SupabaseStandin } from '../../support/supabase-standin.js';
import { axeViolationsInBothThemes } from './accessibility.js';
import { expectNoSecretsInPage } from './pageChecks.js';
import { SCREENSHOTS, serveCore, useBrowserMode, type Served } from './scriptedBrowserMode.js';

const NEW_TOKEN = `sbp_${randomUUID().replaceAll('-', '')}`;

let dataDir: string;
let healthy: SupabaseStandin;
let paused: SupabaseStandin;
let vault: CredentialVault;
let status: Page;

const secrets = () => [healthy.anonKey, paused.anonKey, healthy.management.accessToken, paused.management.accessToken, NEW_TOKEN];
const card = (environment: string) => status.locator(`section[data-environment="${environment}"][data-database="supabase"]`);

async function screenshot(environment: string, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await status.emulateMedia({ colorScheme: scheme });
    await expectNoSecretsInPage(status, secrets());
    await card(environment).screenshot({ path: join(SCREENSHOTS, `${name}-${scheme}.png`), animations: 'disabled' });
  }
  await status.emulateMedia({ colorScheme: 'light' });
}

/** The real core over two Supabase stand-ins of this file's own, served by browser mode; dispose undoes it all. */
async function start(rendererDir: string): Promise<Served<MonitorCore>> {
  const cleanups: (() => Promise<unknown>)[] = [];
  const dispose = async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  };
  try {
    const postgres = testServices().postgres.connectionString;
    healthy = await startSupabaseStandin({ connectionString: postgres });
    cleanups.push(() => healthy.close());
    paused = await startSupabaseStandin({ connectionString: postgres });
    cleanups.push(() => paused.close());
    healthy.project.services.realtime = 'UNHEALTHY';
    paused.project.status = 'INACTIVE';
    dataDir = mkdtempSync(join(tmpdir(), 'walltrack-e2e-details-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    vault = new CredentialVault({ service: `walltrack-monitor-e2e-${randomUUID()}` });
    cleanups.push(async () => {
      for (const environment of ['production', 'archive']) for (const name of ['supabaseKey', 'supabaseAccessToken']) await vault.delete(environment, name).catch(() => undefined);
    });
    const core = createMonitorCore({ dataDir, vault });
    cleanups.push(() => core.stop());
    await core.start();
    await core.saveSettings({
      settings: {
        environments: [
          {
            id: 'production',
            name: 'Production',
            databases: { supabase: { url: healthy.url, probeTable: 'wallets', projectRef: STANDIN_REF, managementApiUrl: healthy.managementUrl } },
          },
          { id: 'archive', name: 'Archive', databases: { supabase: { url: paused.url, probeTable: 'wallets' } } },
        ],
        monitor: { intervalSec: 2, timeoutMs: 2_000, retries: 0, backoffInitialMs: 200, backoffMaxMs: 400, slowMs: 1_000 },
        app: { notifications: false, startAtLogin: false },
      },
      secrets: {
        production: { supabaseKey: { action: 'replace', value: healthy.anonKey }, supabaseAccessToken: { action: 'replace', value: healthy.management.accessToken } },
        archive: { supabaseKey: { action: 'replace', value: paused.anonKey } },
      },
      removeEnvironments: ['default'],
    });
    const served = await serveCore(core, rendererDir, core.snapshot().version);
    cleanups.push(() => served.dispose());
    return { ...served, dispose };
  } catch (e) {
    await dispose();
    throw e;
  }
}

// One status page for the whole file; the last test checks its page errors.
const harness = useBrowserMode(start, { screenshots: true, afterEach: 'none', teardownTimeout: 120_000 });

beforeAll(async () => {
  // 24-hour clock labels, which fit the chart's axis at card width.
  status = await harness.newPage({ viewport: { width: 900, height: 900 }, url: false });
});

describe.sequential('Supabase details in the status and settings windows', { timeout: 60_000 }, () => {
  it('an unhealthy service: the card stays healthy and names it with its mark, every other service ✓, the project status above', async () => {
    await status.goto(harness.url());
    await expect.poll(() => card('production').getAttribute('data-state'), { timeout: 20_000 }).toBe('healthy');
    const details = card('production').getByRole('group', { name: 'Supabase details' });
    await expect.poll(() => details.count(), { timeout: 20_000 }).toBe(1);
    expect(await details.locator('.details-status').innerText()).toBe('Status ACTIVE_HEALTHY');
    expect(await details.locator('.detail-part-bad').allInnerTexts()).toEqual(['✕ realtime UNHEALTHY — realtime is not answering (stand-in)']);
    expect(await details.locator('.detail-part-ok').evaluateAll((items) => items.map((i) => i.getAttribute('data-part')))).toEqual(['auth', 'db', 'pooler', 'rest', 'storage']);
    // Its status word is there for screen readers (visually hidden) and on hover.
    expect(await details.locator('.detail-part-ok').first().textContent()).toBe('✓ auth ACTIVE_HEALTHY');
    expect(await details.locator('.detail-part-ok .visually-hidden').first().evaluate((e) => getComputedStyle(e).position)).toBe('absolute');
    expect(await card('production').getAttribute('class')).toContain('tone-good');
    expect(await card('production').locator('.problem').count()).toBe(0);
    expect(await axeViolationsInBothThemes(status)).toEqual({ light: [], dark: [] });
    await screenshot('production', 'status-supabase-unhealthy-service');
  });

  it('a paused project (HTTP 540): the card is down as paused with the gateway\'s message and the hint; no token, no details', async () => {
    await expect.poll(() => card('archive').getAttribute('data-state'), { timeout: 20_000 }).toBe('down');
    // The library's wording waits under the closed "Details"; the card leads with what failed and what to do.
    expect(await card('archive').locator('.problem-headline').innerText()).toBe('The Supabase project is paused');
    expect(await card('archive').locator('.problem-message').textContent()).toBe(
      `supabase (${paused.url}): project paused (GET /auth/v1/health answered HTTP 540: "Project paused" — The project is paused; its owner can restore it from the dashboard.)`,
    );
    expect(await card('archive').locator('.problem-hint').innerText()).toBe(
      'What to do: The Supabase project is paused: restore it from the dashboard (Project settings → General), then wait until it is healthy again',
    );
    expect(await card('archive').locator('.card-details').count()).toBe(0);
    expect(paused.management.requests).toEqual([]);
    expect(await axeViolationsInBothThemes(status)).toEqual({ light: [], dark: [] });
    await screenshot('archive', 'status-supabase-paused');
  });

  it('at tray size (420×600) the unhealthy service stays; the ok ones and the project status give way', async () => {
    await status.setViewportSize({ width: 420, height: 600 });
    const details = card('production').locator('.card-details');
    expect(await details.locator('.detail-part-bad').isVisible()).toBe(true);
    expect(await details.locator('.detail-part-ok').first().isVisible()).toBe(false);
    expect(await details.locator('.details-status').isVisible()).toBe(false);
    expect(await status.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await axeViolationsInBothThemes(status)).toEqual({ light: [], dark: [] });
    await status.setViewportSize({ width: 900, height: 900 });
  });

  it('settings: the access token is a write-only field after the Management API URL; a replacement is saved to the keychain only', async () => {
    const settings = await harness.context!.newPage();
    await settings.goto(new URL((await status.getByRole('link', { name: 'Settings…' }).getAttribute('href'))!, `http://127.0.0.1:${harness.server.port}/`).href);
    const field = settings.locator('[data-secret="supabaseAccessToken"]');
    await expect.poll(() => field.locator('.secret-presence').innerText(), { timeout: 15_000 }).toBe('Stored in keychain');
    expect(await field.locator('.field-label').innerText()).toBe('Supabase access token SUPABASE_ACCESS_TOKEN');
    // It comes right after the URL it is sent to.
    expect(
      await settings.locator('fieldset[data-kind="supabase"] .field').evaluateAll((fields) => fields.map((f) => f.querySelector('input')?.id ?? f.getAttribute('data-secret'))),
    ).toEqual(['supabase.url', 'supabaseKey', 'supabase.probeTable', 'supabase.projectRef', 'supabase.managementApiUrl', 'supabaseAccessToken']);
    // Moving the Management API URL asks for the token again, naming where it would go.
    const apiUrl = settings.locator('#supabase\\.managementApiUrl');
    await apiUrl.fill('http://127.0.0.1:9');
    await expect.poll(() => field.locator('.field-note, .field-error').first().innerText()).toBe(
      'The Supabase Management API URL changed: enter the Supabase access token for http://127.0.0.1:9',
    );
    expect(await field.locator('input').getAttribute('type')).toBe('password');
    expect(await axeViolationsInBothThemes(settings)).toEqual({ light: [], dark: [] });
    await apiUrl.fill(healthy.managementUrl);
    await expect.poll(() => field.locator('.secret-presence').innerText()).toBe('Stored in keychain');
    await field.getByRole('button', { name: 'Replace' }).click();
    await settings.locator('#supabaseAccessToken').fill(NEW_TOKEN);
    await settings.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => settings.locator('.form-notice').getAttribute('data-notice'), { timeout: 15_000 }).toBe('ok');
    expect(await settings.locator('#supabaseAccessToken').count()).toBe(0);
    expect((await vault.get('production', 'supabaseAccessToken'))!.reveal()).toBe(NEW_TOKEN);
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).not.toContain(NEW_TOKEN);
    await expectNoSecretsInPage(settings, secrets());
    await settings.close();
  });

  it('runs under the strict CSP without a single page error', () => {
    expect(harness.pageErrors).toEqual([]);
  });
});
