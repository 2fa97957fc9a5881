/**
 * Smoke test of the real app in a real Electron (Playwright's _electron): launch the built app,
 * the tray exists, the status window lists both databases with their states. Needs `npm run build`
 * and an Electron binary; where there is none (CI without network to GitHub) it is skipped with one line.
 * Runs against the unpackaged build: packaged builds disable --inspect (fuse), which Playwright needs.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from './electronBinary.js';

const root = join(import.meta.dirname, '..', '..');
const binary = findElectronBinary(root);
const built = existsSync(join(root, 'dist/electron/main.cjs')) && existsSync(join(root, 'dist/renderer/status.html'));
const headlessLinux = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const skipReason = !binary.path
  ? `no Electron binary (${binary.why})`
  : !built
    ? 'the app is not built (run npm run build)'
    : headlessLinux
      ? 'no display (run the tests under xvfb-run)'
      : null;
if (skipReason) console.log(`[smoke.electron] SKIPPED: ${skipReason}; the shell is covered by the fake-electron tests in test/electron.`);

const STATE_WORDS = /Healthy|Slow|Retrying|Down|Not configured|Checking…/;

describe('Electron smoke test', () => {
  let app: ElectronApplication | null = null;
  let dataDir: string | null = null;
  afterAll(async () => {
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it.skipIf(skipReason !== null)('launches, creates the tray and shows both databases with their states', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'walltrack-smoke-'));
    app = await _electron.launch({
      executablePath: binary.path!,
      args: [root, ...(process.platform === 'linux' && process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      env: { ...process.env, WALLTRACK_DATA_DIR: dataDir, XDG_CONFIG_HOME: join(dataDir, 'config'), WALLTRACK_E2E: '1' } as Record<string, string>,
      timeout: 60_000,
    });
    const window = await app.firstWindow();
    await window.waitForURL('app://walltrack/status.html');
    const tooltip = await app.evaluate(() => (globalThis as { walltrackSmokeTest?: { trayTooltip(): string } }).walltrackSmokeTest?.trayTooltip());
    expect(tooltip).toMatch(/^WallTrack — .*Supabase .* · Neo4j /);
    for (const name of ['Supabase', 'Neo4j']) {
      const card = window.getByRole('region', { name });
      await card.waitFor({ timeout: 30_000 });
      expect(await card.innerText()).toMatch(STATE_WORDS);
    }
    // A fresh data folder: nothing configured yet, and the page says so for each database.
    expect(await window.getByRole('region', { name: 'Neo4j' }).innerText()).toContain('Not configured');
    // The page sees only the contract API, not Node or ipcRenderer.
    expect(await window.evaluate(() => [typeof (window as { require?: unknown }).require, typeof (window as { walltrack?: { checkNow?: unknown } }).walltrack?.checkNow])).toEqual(['undefined', 'function']);
  }, 120_000);
});
