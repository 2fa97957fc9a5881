/**
 * "Open settings" at a field, in Debian's Chromium over the real browser-mode host and a scripted core
 * that keeps settings in memory: the settings page opened with ?environment=…&database=…&field=… (the
 * address a failing card links to) selects that environment, focuses the field, and scrolls it into view;
 * an address naming what is not there opens the window as usual. WCAG A/AA in both themes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
let context: BrowserContext | undefined;
const pageErrors: string[] = [];

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'walltrack-renderer-build-'));
  buildRenderer(outDir);
  core = createSettingsScriptedCore(
    {
      environments: [
        { id: 'staging', name: 'Staging', databases: { neo4j: { uri: 'neo4j://staging.example.com:7687', user: 'neo4j' } } },
        { id: 'production', name: 'Production', databases: { neo4j: { uri: 'neo4j+s://graph.example.com:7687', user: 'neo4j' } } },
      ],
    },
    { production: { neo4jPassword: 'stored' } },
  );
  mode = createBrowserMode({ core, rendererDir: outDir, version: '0.0.0-e2e', log: { warn: () => undefined, error: () => undefined } });
  server = await createHealthServer({ core, port: 0, routes: mode.handleRequest, onUpgrade: mode.handleUpgrade });
  browser = await launchChromium();
}, 300_000);
afterEach(async () => {
  await context?.close();
  context = undefined;
  expect(pageErrors.splice(0)).toEqual([]);
});
afterAll(async () => {
  await browser?.close();
  await mode?.close();
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
}, 60_000);

/** A short window, so a field low in the form starts out of view. */
async function openSettings(query: string): Promise<Page> {
  context = await browser.newContext({ viewport: { width: 700, height: 420 }, locale: 'en-GB' });
  context.on('weberror', (e) => pageErrors.push(String(e.error())));
  context.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`http://127.0.0.1:${server.port}/settings.html${query}#token=${mode.token}`);
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
      await context!.close();
      context = undefined;
    }
  });
});
