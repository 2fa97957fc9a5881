/**
 * The built Electron main bundle (as in bundle.test.ts: plain Node under the electron fake, REAL
 * core) with <userData>/logs on a full 64 KiB tmpfs (a real ENOSPC): the app must start, check,
 * notify and save settings; the log writer only warns, once.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as electron from '../mocks/electron.js';
import { methodChannel } from '../../src-main/common/contract.js';
import type { IpcReply } from '../../src-main/electron/ipc.js';
import { closedPort } from '../support/faults.js';
import type { PrivateKeyring } from '../support/keyring.js';
import { testServices } from '../support/services.js';
import { fill, mountTmpfs, tmpfsProblem, unmount } from '../support/tmpfs.js';
import { buildMainInCheckout, loadMainUnderFake, root, useOwnKeyring } from './builtApp.js';

const mountProblem = tmpfsProblem();
if (mountProblem) console.warn(`Skipping the Electron full log folder test: ${mountProblem}`);

let work: string;
let out: string;
let dataDir: string;
let logs: string;
let keyring: PrivateKeyring;
const stderr: string[] = [];
let unload: () => void = () => {};

beforeAll(async () => {
  if (mountProblem) return;
  work = mkdtempSync(join(tmpdir(), 'walltrack-logfull-'));
  dataDir = join(work, 'data');
  logs = join(dataDir, 'logs');
  mkdirSync(logs, { recursive: true });
  mountTmpfs(logs);
  fill(logs);
  out = buildMainInCheckout('logfull');
  keyring = await useOwnKeyring();
  electron.resetElectronFake();
  electron.app.appPath = root;
  vi.stubEnv('WALLTRACK_DATA_DIR', dataDir);
  vi.stubEnv('XDG_CONFIG_HOME', join(work, 'config'));
  vi.stubEnv('WALLTRACK_E2E', '1');
  // The warning and the lines the file could not take go to fd 2; record them.
  const fs = createRequire(import.meta.url)('node:fs') as typeof import('node:fs');
  const writeSync = fs.writeSync;
  vi.spyOn(fs, 'writeSync').mockImplementation(((fd: number, data: string | Uint8Array, ...rest: unknown[]) => {
    if (fd === 2 && typeof data === 'string') stderr.push(data);
    return (writeSync as (...a: unknown[]) => number)(fd, data, ...rest);
  }) as typeof fs.writeSync);
  // Unpackaged, the app also echoes its log to the console (process.stderr).
  const stderrWrite = process.stderr.write.bind(process.stderr);
  vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
    if (typeof chunk === 'string') stderr.push(chunk);
    return (stderrWrite as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stderr.write);
  unload = loadMainUnderFake(join(out, 'electron/main.cjs'));
}, 120_000);

afterAll(async () => {
  if (mountProblem) return;
  unload();
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  await keyring?.stop();
  unmount(logs);
  rmSync(work, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

const statusWindow = () => electron.BrowserWindow.getAllWindows()[0]!;
const call = (method: Parameters<typeof methodChannel>[0], input?: unknown) =>
  electron.ipcMain.fakeInvoke(methodChannel(method), { sender: statusWindow().webContents }, input) as Promise<IpcReply>;

async function save(neo4j: { uri: string; password: string }) {
  const view = await call('getSettings');
  if (!view.ok) throw new Error(JSON.stringify(view));
  const settings = (view.value as { settings: Record<string, unknown> }).settings;
  const saved = await call('saveSettings', {
    settings: {
      ...settings,
      environments: [{ id: 'default', name: 'default', colour: null, databases: { neo4j: { uri: neo4j.uri, user: 'neo4j', database: null } } }],
      monitor: { ...(settings.monitor as object), retries: 0, intervalSec: 1 },
    },
    secrets: { default: { neo4jPassword: { action: 'replace', value: neo4j.password } } },
  });
  expect(saved.ok, JSON.stringify(saved)).toBe(true);
}

describe.skipIf(mountProblem)('the app with a full log folder', () => {
  it('starts: tray, status window and core', async () => {
    electron.app.fakeReady();
    await vi.waitFor(() => expect(electron.BrowserWindow.getAllWindows()).toHaveLength(1), { timeout: 15_000 });
    await vi.waitFor(() => expect(electron.Tray.fakeAll[0]?.tooltip).toBe('WallTrack — Supabase not configured · Neo4j not configured'));
  });

  it('saves settings, checks, and notifies when Neo4j is down, then checks the real one healthy', async () => {
    await save({ uri: `bolt://127.0.0.1:${await closedPort()}`, password: 'not-the-password' });
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')).monitor.retries).toBe(0);
    await vi.waitFor(() => expect(electron.Notification.fakeShown.map((n) => n.title)).toContain('Neo4j is down'), { timeout: 20_000 });
    const neo4j = testServices().neo4j;
    await save({ uri: neo4j.uri, password: neo4j.password });
    await vi.waitFor(() => expect(electron.Tray.fakeAll[0]!.tooltip).toMatch(/Neo4j ok \d+ ms/), { timeout: 30_000 });
  }, 90_000);

  it('warned once that the log file cannot be written, and quits cleanly', async () => {
    const willQuit = new Promise((resolve) => electron.app.once('will-quit', resolve));
    electron.app.quit();
    await willQuit;
    const warnings = stderr.join('').split('\n').filter((l) => l.includes('Cannot write the log file'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/ENOSPC/);
    expect(stderr.join('')).toMatch(/Settings saved/);
  });
});
