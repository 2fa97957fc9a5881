/**
 * The built main bundle (dist/electron/main.cjs as `npm run build` makes it) started in plain Node
 * under the electron fake, with the REAL core: electron-store settings file, OS keychain,
 * pino log file. Catches what unit tests over the sources cannot: CommonJS interop of ESM-only
 * dependencies, import.meta in the bundle, and the wiring of the whole app.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as electron from '../mocks/electron.js';
import type { PrivateKeyring } from '../support/keyring.js';
import { eventChannel, methodChannel } from '../../src-main/common/contract.js';
import type { IpcReply } from '../../src-main/electron/ipc.js';
import { buildMainInCheckout, loadMainUnderFake, root, useOwnKeyring } from './builtApp.js';

let work: string;
let dataDir: string;
let out: string;
let keyring: PrivateKeyring;
let unload: () => void = () => {};

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'walltrack-bundle-'));
  dataDir = join(work, 'data');
  // The real keychain: the app reads it before it lets a save keep a secret for a new endpoint.
  out = buildMainInCheckout('bundle');
  keyring = await useOwnKeyring();
  electron.resetElectronFake();
  electron.app.appPath = root;
  vi.stubEnv('WALLTRACK_DATA_DIR', dataDir);
  vi.stubEnv('XDG_CONFIG_HOME', join(work, 'config'));
  vi.stubEnv('WALLTRACK_E2E', '1');
  unload = loadMainUnderFake(join(out, 'electron/main.cjs'));
}, 120_000);

afterAll(async () => {
  unload();
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
    expect(view.secrets).toEqual({ default: { supabaseKey: 'not_set', neo4jPassword: 'not_set' } });
  });

  it('saves settings through electron-store and pushes what changed to the window', async () => {
    const view = await call('getSettings');
    if (!view.ok) throw new Error('getSettings failed');
    const settings = (view.value as { settings: Record<string, unknown> }).settings;
    const neo4j = { uri: 'bolt://127.0.0.1:1', user: 'neo4j', database: null };
    const saved = await call('saveSettings', {
      settings: { ...settings, environments: [{ id: 'default', name: 'default', colour: null, databases: { neo4j } }] },
      secrets: {},
    });
    expect(saved.ok, JSON.stringify(saved)).toBe(true);
    const file = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as { environments: { databases: { neo4j: { uri: string } } }[] };
    expect(file.environments[0]!.databases.neo4j.uri).toBe('bolt://127.0.0.1:1');
    await vi.waitFor(() => expect(statusWindow().webContents.sent.some((m) => m.channel === eventChannel('snapshotPatch'))).toBe(true));
    expect(existsSync(join(dataDir, 'logs', 'walltrack-monitor.log'))).toBe(true);
    // electron-store's own renderer channel was removed: only contract channels are answered.
    expect(electron.ipcMain.listenerCount('electron-store-get-data')).toBe(0);
  });

  it('quits only after the core stopped, telling the window it stopped before closing it', async () => {
    const window = statusWindow();
    const willQuit = new Promise((resolve) => electron.app.once('will-quit', resolve));
    electron.app.quit();
    await willQuit;
    expect(window.isDestroyed()).toBe(true);
    expect(window.webContents.sent.filter((m) => m.channel === 'walltrack:event:stopped')).toHaveLength(1);
    expect(electron.Tray.fakeAll[0]!.isDestroyed()).toBe(true);
    const log = readFileSync(join(dataDir, 'logs', 'walltrack-monitor.log'), 'utf8');
    expect(log).toContain('WallTrack Monitor started');
  });
});
