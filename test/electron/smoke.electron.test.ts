/**
 * Smoke test of the real app in a real Electron: the tray exists, the status page loads with no
 * console or CSP error and lists both databases, a secret saved through the settings window
 * survives a restart (read back through the keychain utility process, from a private keyring),
 * quitting leaves no helper process, and a packaged build ignores ELECTRON_RUN_AS_NODE.
 *
 * Needs an Electron binary; where there is none (CI without network to GitHub) it is skipped with one line.
 * - Unpackaged (node_modules/electron, needs `npm run build`): driven through Playwright's _electron,
 *   which needs --inspect.
 * - Packaged (ELECTRON_BINARY=release/linux-unpacked/walltrack-monitor after `npm run dist`): the
 *   fuses turn --inspect off, so the app is started with --remote-debugging-port and its windows
 *   are driven through chromium.connectOverCDP; the main process cannot be reached there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, sep } from 'node:path';
import { randomUUID } from 'node:crypto';
import { _electron, chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RendererApi } from '../../src-main/common/contract.js';
import type { SettingsDraft, SettingsView } from '../../src-main/common/settings-schema.js';
import type { Snapshot } from '../../src-main/common/schemas.js';
import { startPrivateKeyring, type PrivateKeyring } from '../support/keyring.js';
import { killQuietly, onProcessExit } from '../support/process-cleanup.js';
import { testServices } from '../support/services.js';
import { findElectronBinary } from './electronBinary.js';

const root = join(import.meta.dirname, '..', '..');
const binary = findElectronBinary(root);
/** A packaged app carries its code as resources/app.asar next to the binary (Contents/Resources on macOS); a bare Electron has none. */
const packaged = binary.path !== null && ['resources', join('..', 'Resources')].some((dir) => existsSync(join(dirname(binary.path!), dir, 'app.asar')));
const built = packaged || (existsSync(join(root, 'dist/electron/main.cjs')) && existsSync(join(root, 'dist/renderer/status.html')));
const headlessLinux = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const skipReason = !binary.path
  ? `no Electron binary (${binary.why})`
  : !built
    ? 'the app is not built (run npm run build)'
    : headlessLinux
      ? 'no display (run the tests under xvfb-run)'
      : null;
if (skipReason) console.log(`[smoke.electron] SKIPPED: ${skipReason}; the shell is covered by the fake-electron tests in test/electron.`);
const runAsNodeSkip = skipReason ?? (packaged ? null : `${binary.path} is a bare Electron, whose RunAsNode fuse is on by design; point ELECTRON_BINARY at a packaged build`);
if (!skipReason && runAsNodeSkip) console.log(`[smoke.electron] ELECTRON_RUN_AS_NODE case SKIPPED: ${runAsNodeSkip}.`);

const STATE_WORDS = /Healthy|Slow|Retrying|Down|Not configured|Checking…/;
const PAGE_TIMEOUT_MS = 60_000;

interface RunningApp {
  context: BrowserContext;
  /** The tray tooltip, read in the main process; null for a packaged build (no main-process access over CDP). */
  trayTooltip(): Promise<string | null>;
  /** Quits the app the way the tray's Quit does (app.quit()) and waits for the main process to exit. */
  quit(): Promise<void>;
}

type Api = { walltrack: RendererApi };

let keyring: PrivateKeyring | null = null;
let dataDir: string | null = null;
/** Set in every process the app starts (helpers inherit it), so leftovers can be told from anyone else's. */
let runMarker = '';
let running: RunningApp | null = null;
let processesBefore = new Set<number>();

beforeAll(async () => {
  if (skipReason) return;
  keyring = await startPrivateKeyring();
}, 30_000);
afterEach(async () => {
  await running?.quit().catch(() => undefined);
  running = null;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = null;
});
afterAll(async () => {
  await keyring?.stop();
});

/** A fresh data folder and run marker for one test; every launch of that test shares them. */
function freshAppState(): void {
  dataDir = mkdtempSync(join(tmpdir(), 'walltrack-smoke-'));
  runMarker = randomUUID();
  processesBefore = new Set(listPids());
}

function appEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'ELECTRON_RUN_AS_NODE' && k !== 'NODE_OPTIONS') env[k] = v;
  return {
    ...env,
    ...keyring!.env, // the app's keychain entries go to a throwaway keyring on a private bus
    WALLTRACK_DATA_DIR: dataDir!,
    XDG_CONFIG_HOME: join(dataDir!, 'config'),
    WALLTRACK_E2E: '1',
    WALLTRACK_SMOKE_RUN: runMarker,
    ...extra,
  };
}

async function launch(extraEnv: Record<string, string> = {}): Promise<RunningApp> {
  const app = packaged ? await launchPackaged(appEnv(extraEnv)) : await launchUnpackaged(appEnv(extraEnv));
  running = app;
  return app;
}

async function launchUnpackaged(env: Record<string, string>): Promise<RunningApp> {
  const app = await _electron.launch({ executablePath: binary.path!, args: [root], env, timeout: PAGE_TIMEOUT_MS });
  return {
    context: app.context(),
    trayTooltip: () => app.evaluate(() => (globalThis as { walltrackSmokeTest?: { trayTooltip(): string } }).walltrackSmokeTest?.trayTooltip() ?? null),
    quit: async () => {
      await app.close(); // app.quit() in the main process, then waits for it to exit
      await expectNoHelperLeft();
    },
  };
}

async function launchPackaged(env: Record<string, string>): Promise<RunningApp> {
  // --no-sandbox on Linux as Playwright's _electron passes it: the unpacked chrome-sandbox is not setuid root.
  const args = [...(process.platform === 'linux' ? ['--no-sandbox'] : []), '--remote-debugging-port=0'];
  const child = spawn(binary.path!, args, { env, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  const unregister = onProcessExit(() => killQuietly(-child.pid!, 'SIGKILL')); // its own process group
  try {
    const endpoint = await devToolsEndpoint(child);
    const browser = await chromium.connectOverCDP(endpoint, { timeout: PAGE_TIMEOUT_MS });
    return {
      context: browser.contexts()[0]!,
      trayTooltip: async () => null,
      quit: async () => {
        // The shell turns SIGTERM into app.quit() (lifecycle.ts), the same path as the tray's Quit.
        const exited = new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
        killQuietly(child.pid, 'SIGTERM');
        const inTime = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 15_000))]);
        if (!inTime) killQuietly(-child.pid!, 'SIGKILL');
        unregister();
        expect(inTime, 'the packaged app did not exit within 15 s of SIGTERM').toBe(true);
        await expectNoHelperLeft();
      },
    };
  } catch (error) {
    killQuietly(-child.pid!, 'SIGKILL');
    unregister();
    throw error;
  }
}

/** Chromium prints "DevTools listening on ws://…" on stderr once --remote-debugging-port is open. */
function devToolsEndpoint(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`no "DevTools listening" line within ${PAGE_TIMEOUT_MS} ms: ${stderr.slice(-2_000)}`)), PAGE_TIMEOUT_MS);
    child.stderr!.on('data', (chunk: Buffer) => {
      // keep draining for the app's whole life (a full pipe would block it), but keep only the tail
      stderr = (stderr + chunk.toString()).slice(-16_000);
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the app exited (code ${code}, signal ${signal}) before DevTools listened: ${stderr.slice(-2_000)}`));
    });
  });
}

/** The app's window showing app://walltrack/<name>.html, once its preload has exposed the API. */
async function appPage(context: BrowserContext, name: 'status' | 'settings'): Promise<Page> {
  const url = `app://walltrack/${name}.html`;
  const deadline = Date.now() + PAGE_TIMEOUT_MS;
  for (;;) {
    const page = context.pages().find((p) => p.url() === url);
    if (page) {
      await page.waitForFunction(() => typeof (globalThis as unknown as Partial<Api>).walltrack?.getSettings === 'function', undefined, { timeout: PAGE_TIMEOUT_MS });
      return page;
    }
    if (Date.now() > deadline) throw new Error(`no window showed ${url} within ${PAGE_TIMEOUT_MS} ms; open: ${context.pages().map((p) => p.url()).join(', ')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Loads the page again with listeners attached from the first byte; the returned list keeps filling with every console error, uncaught error and CSP violation. */
async function reloadCollectingErrors(page: Page): Promise<string[]> {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`); // Chromium reports CSP violations here too
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  await page.reload({ waitUntil: 'load', timeout: PAGE_TIMEOUT_MS });
  await page.waitForFunction(() => typeof (globalThis as unknown as Partial<Api>).walltrack?.getSettings === 'function', undefined, { timeout: PAGE_TIMEOUT_MS });
  return errors;
}

async function expectBothCards(page: Page, state: RegExp): Promise<void> {
  for (const name of ['Supabase', 'Neo4j']) {
    const card = page.getByRole('region', { name });
    await card.waitFor({ timeout: PAGE_TIMEOUT_MS });
    await expect.poll(() => card.innerText(), { timeout: PAGE_TIMEOUT_MS, message: `the ${name} card` }).toMatch(state);
  }
}

function listPids(): number[] {
  if (process.platform !== 'linux') return [];
  return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
}

/**
 * Processes the app left behind (Linux): started from the Electron binary's folder (the app, its
 * zygote, GPU, renderer and keychain utility processes, crashpad) after this test began, not zombies,
 * and carrying this test's marker where /proc lets us read the environment (sandboxed helpers hide it).
 */
function leftoverProcesses(): string[] {
  const binaryDir = realpathSync(dirname(binary.path!)) + sep;
  const left: string[] = [];
  for (const pid of listPids()) {
    if (processesBefore.has(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z') continue;
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (!argv[0]?.startsWith(binaryDir) && !argv[0]?.startsWith(dirname(binary.path!) + sep)) continue;
      let environ: string | null = null;
      try {
        environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
      } catch {
        // non-dumpable (sandboxed) process: its environment is not ours to read
      }
      if (environ !== null && !environ.split('\0').includes(`WALLTRACK_SMOKE_RUN=${runMarker}`)) continue;
      left.push(`${pid} ${basename(argv[0])} ${argv.slice(1).filter((a) => a.startsWith('--type') || a.startsWith('--utility-sub-type')).join(' ')}`);
    } catch {
      // exited while we looked
    }
  }
  return left;
}

async function expectNoHelperLeft(): Promise<void> {
  if (process.platform !== 'linux') return; // the scan reads /proc
  // Helpers exit shortly after the main process; give them a few seconds, not forever.
  await expect.poll(leftoverProcesses, { timeout: 10_000, interval: 250, message: 'processes left after quitting' }).toEqual([]);
}

function draftFor(view: SettingsView): SettingsDraft {
  const services = testServices();
  return {
    settings: {
      ...view.settings,
      environments: [
        {
          id: 'default',
          name: 'default',
          colour: null,
          databases: {
            supabase: { url: services.supabase.url, probeTable: 'wallets' },
            neo4j: { uri: services.neo4j.uri, user: services.neo4j.user, database: null },
          },
        },
      ],
      // A loaded 2-core box can take over 1 s for a request; "slow" is tested in the monitor's own suite.
      monitor: { ...view.settings.monitor, slowMs: 30_000 },
    },
    secrets: {
      default: { supabaseKey: { action: 'replace', value: services.supabase.serviceRoleKey }, neo4jPassword: { action: 'replace', value: services.neo4j.password } },
    },
    removeEnvironments: [],
  };
}

describe('Electron smoke test', () => {
  it.skipIf(skipReason !== null)('launches with a tray; the status page loads with no console or CSP error and shows both databases; quitting leaves no helper process', async () => {
    freshAppState();
    const app = await launch();
    const status = await appPage(app.context, 'status');
    const errors = await reloadCollectingErrors(status);
    await expectBothCards(status, STATE_WORDS);
    expect(errors).toEqual([]); // kept collecting while the cards rendered
    // A fresh data folder: nothing configured yet, and the page says so.
    expect(await status.getByRole('region', { name: 'Neo4j' }).innerText()).toContain('Not configured');
    // The page sees only the contract API, not Node or ipcRenderer.
    expect(await status.evaluate(() => [typeof (globalThis as { require?: unknown }).require, typeof (globalThis as unknown as Partial<Api>).walltrack?.checkNow])).toEqual(['undefined', 'function']);
    if (!packaged) expect(await app.trayTooltip()).toMatch(/^WallTrack — .*Supabase .* · Neo4j /);
    await app.quit();
    running = null;
  }, 180_000);

  it.skipIf(skipReason !== null)('a secret saved through the settings window survives a restart and is read back through the keychain utility process', async () => {
    freshAppState();
    const first = await launch();
    const status = await appPage(first.context, 'status');
    await status.evaluate(() => (globalThis as unknown as Api).walltrack.openWindow('settings'));
    const settings = await appPage(first.context, 'settings');
    const view = await settings.evaluate(() => (globalThis as unknown as Api).walltrack.getSettings());
    expect(view.secrets).toEqual({ supabaseKey: 'not_set', neo4jPassword: 'not_set' });
    const saved = await settings.evaluate((draft) => (globalThis as unknown as Api).walltrack.saveSettings(draft), draftFor(view));
    expect(saved.secrets).toEqual({ supabaseKey: 'stored', neo4jPassword: 'stored' });
    await first.quit();
    running = null;

    // A new main process: the secrets can only come from the keychain, through its utility processes.
    const second = await launch();
    const statusAgain = await appPage(second.context, 'status');
    await expectBothCards(statusAgain, /Healthy/);
    const snapshot: Snapshot = await statusAgain.evaluate(() => (globalThis as unknown as Api).walltrack.getSnapshot());
    const services = testServices();
    expect(snapshot.environments[0]!.databases.supabase).toMatchObject({ status: 'healthy', healthy: true, target: services.supabase.url });
    expect(snapshot.environments[0]!.databases.neo4j).toMatchObject({ status: 'healthy', healthy: true, target: services.neo4j.uri });
    await statusAgain.evaluate(() => (globalThis as unknown as Api).walltrack.openWindow('settings'));
    const settingsAgain = await appPage(second.context, 'settings');
    expect((await settingsAgain.evaluate(() => (globalThis as unknown as Api).walltrack.getSettings())).secrets).toEqual({ supabaseKey: 'stored', neo4jPassword: 'stored' });
    await expect.poll(() => settingsAgain.getByText('Stored in keychain', { exact: true }).count(), { timeout: PAGE_TIMEOUT_MS }).toBe(2);
    // The window knows only that a secret is stored, never its value.
    expect(await settingsAgain.content()).not.toContain(services.neo4j.password);
    await second.quit();
    running = null;
  }, 300_000);

  it.skipIf(runAsNodeSkip !== null)('a packaged build started with ELECTRON_RUN_AS_NODE=1 runs the app, not Node (RunAsNode fuse off)', async () => {
    freshAppState();
    // As Node, the binary would reject --remote-debugging-port as a bad option and exit: no DevTools line, no window.
    const app = await launch({ ELECTRON_RUN_AS_NODE: '1' });
    const status = await appPage(app.context, 'status');
    await expectBothCards(status, STATE_WORDS);
    await app.quit();
    running = null;
  }, 180_000);
});
