/**
 * "Copy diagnostics" in the status window, in Debian's Chromium, over the REAL browser-mode server and the REAL
 * core (its secrets in the run's private keyring): the report comes over the WebSocket bridge (getDiagnostics is
 * derived from the contract), lands on the clipboard with its heading and without any secret, and the live
 * region says so; a clipboard that refuses is said too. WCAG A/AA in both themes.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { testServices } from '../../support/services.js';
import { axeViolationsInBothThemes } from './accessibility.js';
import { useBrowserMode } from './scriptedBrowserMode.js';
import { startHost } from './stack.js';

const harness = useBrowserMode((rendererDir) => startHost(rendererDir, testServices().neo4j));

async function open(permissions: string[]): Promise<Page> {
  const page = await harness.newPage({ permissions });
  await expect.poll(() => page.locator('section.card[data-state="healthy"]').count(), { timeout: 30_000 }).toBe(2);
  return page;
}
const liveRegion = (page: Page) => page.locator('.controls [role="status"]');

describe('Copy diagnostics in the status window', () => {
  it('copies the redacted report to the clipboard and says "Diagnostics copied"', async () => {
    const page = await open(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Copy diagnostics' }).click();
    await expect.poll(() => liveRegion(page).textContent(), { timeout: 20_000 }).toBe('Diagnostics copied');
    expect(await liveRegion(page).getAttribute('aria-live')).toBe('polite');
    const copied = (await page.evaluate('navigator.clipboard.readText()')) as string;
    expect(copied.split('\n').slice(0, 2)).toEqual(['WallTrack Monitor diagnostics', '=============================']);
    expect(copied).toContain('\nHost:        browser\n');
    expect(copied).toContain('\n    Supabase API key: stored\n');
    expect(copied).toContain('\n    Neo4j password: stored\n');
    expect(copied).toMatch(/\ndefault \/ Neo4j: ✓ Healthy\n/);
    for (const secret of [harness.served.supabase.key, testServices().neo4j.password]) expect(copied).not.toContain(secret);
    expect(await axeViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });
  });

  it('says so when the clipboard refuses the report', async () => {
    const page = await open([]);
    // What a browser answers when the page may not write to the clipboard.
    await page.evaluate(`Object.defineProperty(navigator.clipboard, 'writeText', { value: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')) })`);
    await page.getByRole('button', { name: 'Copy diagnostics' }).click();
    await expect
      .poll(() => liveRegion(page).textContent(), { timeout: 20_000 })
      .toBe('The clipboard refused the diagnostics (Write permission denied.); allow this page to write to the clipboard, or run walltrack-monitor diagnostics');
    expect(await axeViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });
  });
});
