/**
 * The settings window's maintenance-window editor in Debian's Chromium, over the real browser-mode host and a
 * scripted core that keeps settings in memory: add a weekly and a one-off window with the keyboard, see the
 * schema's message for a bad one, remove one, Save sends exactly the windows listed; WCAG A/AA holds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBrowserMode, type BrowserMode } from '../../../src-main/headless/browser/browserMode.js';
import { createHealthServer, type HealthServer } from '../../../src-main/headless/healthServer.js';
import { axeViolationsInBothThemes } from './accessibility.js';
import { launchChromium } from './chromium.js';
import { buildRenderer } from './renderBuild.js';
import { createSettingsScriptedCore, type ScriptedCore } from './settingsScriptedCore.js';

let outDir: string;
let core: ScriptedCore;
let mode: BrowserMode;
let server: HealthServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'walltrack-renderer-build-'));
  buildRenderer(outDir);
  core = createSettingsScriptedCore(
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
  );
  mode = createBrowserMode({ core, rendererDir: outDir, version: '0.0.0-e2e', log: { warn: () => undefined, error: () => undefined } });
  server = await createHealthServer({ core, port: 0, routes: mode.handleRequest, onUpgrade: mode.handleUpgrade });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 900, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/Berlin' });
  context.on('weberror', (e) => pageErrors.push(String(e.error())));
  context.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(`http://127.0.0.1:${server.port}/settings.html#token=${mode.token}`);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await mode?.close();
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
}, 60_000);

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
    const saved = core.calls.filter((c) => c.method === 'saveSettings').at(-1)!;
    expect(saved.method === 'saveSettings' && saved.draft.settings.environments[0]!.maintenance).toEqual([
      { kind: 'weekly', label: 'Weekly backup', database: 'neo4j', day: 'sun', start: '02:00', end: '03:00', timeZone: 'Europe/Berlin' },
    ]);
    expect(core.settings().environments[0]!.maintenance).toHaveLength(1);
    expect(pageErrors).toEqual([]);
  });
});
