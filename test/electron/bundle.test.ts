/**
 * The built main bundle (dist/electron/main.cjs as `npm run build` makes it) started in plain Node
 * under the electron fake, with the REAL core: electron-store settings file, OS keychain,
 * pino log file. Catches what unit tests over the sources cannot: CommonJS interop of ESM-only
 * dependencies, import.meta in the bundle, and the wiring of the whole app.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as electron from '../mocks/electron.js';
import { PRIVATE_KEYRING_ENV, startPrivateKeyring, type PrivateKeyring } from '../support/keyring.js';
import { eventChannel, methodChannel } from '../../src-main/common/contract.js';
import type { IpcReply } from '../../src-main/electron/ipc.js';

const root = join(import.meta.dirname, '..', '..');
let work: string;
let dataDir: string;
let out: string;
let keyring: PrivateKeyring;
const originalLoad = (Module as unknown as { _load: (...args: unknown[]) => unknown })._load;
const signalListenersBefore = new Map(['SIGINT', 'SIGTERM'].map((s) => [s, process.listeners(s as NodeJS.Signals)]));

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'walltrack-bundle-'));
  dataDir = join(work, 'data');
  // Inside the checkout, so the built keychain host resolves @napi-rs/keyring (see keychainHostBundle.test.ts):
  // the app reads the keychain before it lets a save keep a secret for a new endpoint.
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  out = mkdtempSync(join(cache, 'walltrack-bundle-build-'));
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--out', out, '--skip-renderer', '--skip-icons'], { stdio: 'pipe' });
  // Its own keyring: the app uses the default service name, which other test files may share.
  keyring = await startPrivateKeyring();
  vi.stubEnv('DBUS_SESSION_BUS_ADDRESS', keyring.env.DBUS_SESSION_BUS_ADDRESS);
  vi.stubEnv(PRIVATE_KEYRING_ENV, keyring.env[PRIVATE_KEYRING_ENV]);
  electron.resetElectronFake();
  electron.app.appPath = root;
  vi.stubEnv('WALLTRACK_DATA_DIR', dataDir);
  vi.stubEnv('XDG_CONFIG_HOME', join(work, 'config'));
  vi.stubEnv('WALLTRACK_E2E', '1');
  // The bundle's require('electron') gets the fake; everything else loads for real.
  (Module as unknown as { _load: (...args: unknown[]) => unknown })._load = function (request: unknown, ...rest: unknown[]) {
    if (request === 'electron') return electron;
    return originalLoad.call(this, request, ...rest);
  };
  createRequire(import.meta.url)(join(out, 'electron/main.cjs'));
}, 120_000);

afterAll(async () => {
  (Module as unknown as { _load: unknown })._load = originalLoad;
  // The app turned SIGINT/SIGTERM into app.quit(); give the test worker its default back.
  for (const [signal, before] of signalListenersBefore) {
    for (const l of process.listeners(signal as NodeJS.Signals)) if (!before.includes(l)) process.off(signal, l);
  }
  vi.unstubAllEnvs();
  await keyring?.stop();
  rmSync(work, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

const statusWindow = () => electron.BrowserWindow.getAllWindows()[0]!;
const call = (method: Parameters<typeof methodChannel>[0], input?: unknown) =>
  electron.ipcMain.fakeInvoke(methodChannel(method), { sender: statusWindow().webContents }, input) as Promise<IpcReply>;

describe('the built main bundle with the real core', () => {
  it('registers app:// before ready and starts tray, status window and core once ready', async () => {
    expect(electron.protocol.privileged.map((s) => s.scheme)).toEqual(['app']);
    expect(electron.app.getPath('userData')).toBe(dataDir);
    electron.app.fakeReady();
    await vi.waitFor(() => expect(electron.BrowserWindow.getAllWindows()).toHaveLength(1), { timeout: 15_000 });
    expect(electron.Tray.fakeAll).toHaveLength(1);
    expect(statusWindow().webContents.getURL()).toBe('app://walltrack/status.html');
    expect(statusWindow().options.webPreferences?.preload).toBe(join(root, 'dist/electron/preload.cjs'));
    // Fresh install: nothing configured yet, and the tray says so.
    await vi.waitFor(() => expect(electron.Tray.fakeAll[0]!.tooltip).toBe('WallTrack — Supabase not configured · Neo4j not configured'));
  });

  it('answers the renderer API from the real core, with settings in <userData>/settings.json', async () => {
    const reply = await call('getSettings');
    expect(reply.ok, JSON.stringify(reply)).toBe(true);
    if (!reply.ok) return;
    const view = reply.value as { paths: { settingsFile: string }; secrets: Record<string, string> };
    expect(view.paths.settingsFile).toBe(join(dataDir, 'settings.json'));
    expect(view.secrets).toEqual({ supabaseKey: 'not_set', neo4jPassword: 'not_set' });
  });

  it('saves settings through electron-store and pushes the new snapshot to the window', async () => {
    const view = await call('getSettings');
    if (!view.ok) throw new Error('getSettings failed');
    const settings = (view.value as { settings: Record<string, unknown> }).settings;
    const saved = await call('saveSettings', {
      settings: { ...settings, neo4j: { uri: 'bolt://127.0.0.1:1', user: 'neo4j', database: null } },
      secrets: { supabaseKey: { action: 'keep' }, neo4jPassword: { action: 'keep' } },
    });
    expect(saved.ok, JSON.stringify(saved)).toBe(true);
    const file = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as { neo4j: { uri: string } };
    expect(file.neo4j.uri).toBe('bolt://127.0.0.1:1');
    await vi.waitFor(() => expect(statusWindow().webContents.sent.some((m) => m.channel === eventChannel('snapshot'))).toBe(true));
    expect(existsSync(join(dataDir, 'logs', 'walltrack-monitor.log'))).toBe(true);
    // electron-store's own renderer channel was removed: only contract channels are answered.
    expect(electron.ipcMain.listenerCount('electron-store-get-data')).toBe(0);
  });

  it('quits only after the core stopped', async () => {
    const willQuit = new Promise((resolve) => electron.app.once('will-quit', resolve));
    electron.app.quit();
    await willQuit;
    expect(electron.Tray.fakeAll[0]!.isDestroyed()).toBe(true);
    const log = readFileSync(join(dataDir, 'logs', 'walltrack-monitor.log'), 'utf8');
    expect(log).toContain('WallTrack Monitor started');
  });
});
