/**
 * The app as electron-builder packages it (`npm run package:check`: electron-builder.yml, a stand-in
 * Electron folder, no fuses), built inside `unshare -n` so it provably needs no network. Then the
 * extracted app.asar is run the way Electron would run it — main.cjs under Node with the electron
 * fake — against the real test services. That step runs outside the network namespace: the services
 * listen on the root namespace's loopback. Needs root (unshare), as tests have here and in CI.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as electron from '../mocks/electron.js';
import { methodChannel } from '../../src-main/common/contract.js';
import type { Snapshot } from '../../src-main/common/schemas.js';
import type { IpcReply } from '../../src-main/electron/ipc.js';
import { testServices } from '../support/services.js';
import type { PrivateKeyring } from '../support/keyring.js';
import { loadMainUnderFake, useOwnKeyring } from './builtApp.js';

const root = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as { listPackage(archive: string): string[] };

interface Report {
  failures: string[];
  warnings: string[];
  asarBytes: number;
  asarEntries: number;
  packageJson: { main: string; version: string; productName: string; name: string };
  requiredPackages: string[];
  desktopEntry: { Name: string; StartupWMClass: string; Exec: string; Icon: string; Categories: string };
}

let out: string;
let run: { status: number | null; output: string };
let report: Report;
const unpacked = () => join(out, 'release/linux-unpacked');

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'walltrack-package-check-'));
  const reportFile = join(out, 'report.json');
  // No network at all in this namespace; loopback up in case a tool wants it.
  const r = spawnSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up && exec "$0" scripts/packageCheck.mjs --out "$1" --report "$2"', process.execPath, join(out, 'pkg'), reportFile], {
    cwd: root,
    encoding: 'utf8',
    timeout: 300_000,
  });
  run = { status: r.status, output: `${r.stdout}${r.stderr}${r.error ? String(r.error) : ''}` };
  out = join(out, 'pkg');
  report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report;
}, 320_000);

afterAll(() => rmSync(join(out, '..'), { recursive: true, force: true }));

describe('npm run package:check, offline', () => {
  it('packages with electron-builder inside a network namespace and every check passes', () => {
    expect(run.status, run.output).toBe(0);
    expect(report.failures).toEqual([]);
    expect(run.output).toMatch(/package:check: app\.asar \d+ bytes \(\d\.\d\d MB\), \d+ entries/);
    expect(run.output).toContain('package:check: all checks passed');
  });

  it('app.asar holds the three bundles, the renderer and the native addons (keyring, libsql), and nothing else, in at most 5 MB', () => {
    expect(report.asarBytes).toBeLessThanOrEqual(5_000_000);
    const entries = asar.listPackage(join(unpacked(), 'resources/app.asar'));
    const libsql = ['/node_modules/libsql/', '/node_modules/@libsql/', '/node_modules/@neon-rs/', '/node_modules/detect-libc/'];
    // libsql's loader and what it requires; its addons (.node) are listed in app.asar but stored unpacked (next test).
    expect(entries.filter((e) => libsql.some((p) => e.startsWith(p)) && e.endsWith('.js')).sort()).toEqual([
      '/node_modules/@neon-rs/load/dist/index.js',
      '/node_modules/detect-libc/lib/detect-libc.js',
      '/node_modules/detect-libc/lib/filesystem.js',
      '/node_modules/detect-libc/lib/process.js',
      '/node_modules/libsql/auth.js',
      '/node_modules/libsql/index.js',
      '/node_modules/libsql/promise.js',
      '/node_modules/libsql/sqlite-error.js',
    ]);
    const packageFolders = ['/node_modules/@napi-rs', '/node_modules/@libsql', '/node_modules/@neon-rs', '/node_modules/detect-libc', '/node_modules/libsql'];
    expect(entries.filter((e) => !e.startsWith('/dist/renderer/') && !packageFolders.some((p) => e.startsWith(`${p}/`))).sort()).toEqual([
      '/dist',
      '/dist/electron',
      '/dist/electron/keychainHost.cjs',
      '/dist/electron/main.cjs',
      '/dist/electron/preload.cjs',
      '/dist/renderer',
      '/node_modules',
      '/node_modules/@libsql',
      '/node_modules/@napi-rs',
      '/node_modules/@neon-rs',
      '/node_modules/detect-libc',
      '/node_modules/libsql',
      '/package.json',
    ]);
    for (const page of ['/dist/renderer/status.html', '/dist/renderer/settings.html']) expect(entries).toContain(page);
    expect(entries.filter((e) => e.endsWith('.map') || e.includes('/headless') || e.includes('test'))).toEqual([]);
    // libsql's platform package (@libsql/linux-x64-gnu) is required by a computed name: the addon checks cover it.
    expect(report.requiredPackages).toEqual(['@napi-rs/keyring', '@napi-rs/keyring-linux-x64-gnu', '@neon-rs/load', 'detect-libc', 'libsql']);
  });

  it('the keyring addon is unpacked beside app.asar and loads from there under Node', () => {
    const addon = join(unpacked(), 'resources/app.asar.unpacked/node_modules/@napi-rs/keyring-linux-x64-gnu/keyring.linux-x64-gnu.node');
    const module = { exports: {} as Record<string, unknown> };
    process.dlopen(module, addon);
    expect(typeof module.exports.Entry).toBe('function');
    // The keychain host's require('@napi-rs/keyring') from the extracted app stays inside it.
    const fromHost = createRequire(join(out, 'app/dist/electron/keychainHost.cjs'));
    expect(fromHost.resolve('@napi-rs/keyring')).toBe(join(out, 'app/node_modules/@napi-rs/keyring/index.js'));
  });

  it('the libsql addon (history.sqlite) is unpacked beside app.asar, not inside it, and loads from there under Node', () => {
    const archive = join(unpacked(), 'resources/app.asar');
    const inArchive = (asar as unknown as { statFile(archive: string, file: string): { unpacked?: boolean } }).statFile(archive, 'node_modules/@libsql/linux-x64-gnu/index.node');
    expect(inArchive.unpacked).toBe(true);
    const module = { exports: {} as Record<string, unknown> };
    process.dlopen(module, join(unpacked(), 'resources/app.asar.unpacked/node_modules/@libsql/linux-x64-gnu/index.node'));
    expect(typeof module.exports.databaseOpen).toBe('function');
    // The main bundle's require('libsql') from the extracted app stays inside it.
    expect(createRequire(join(out, 'app/dist/electron/main.cjs')).resolve('libsql')).toBe(join(out, 'app/node_modules/libsql/index.js'));
    expect(report.failures).toEqual([]);
  });

  it('package.json names the main bundle, version and product name; the deb starts the app from its menu entry', () => {
    const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
    expect(report.packageJson).toEqual({ main: 'dist/electron/main.cjs', version, productName: 'WallTrack Monitor', name: 'walltrack-monitor' });
    expect(report.desktopEntry).toEqual({
      Name: 'WallTrack Monitor',
      StartupWMClass: 'WallTrack Monitor',
      Exec: '"/opt/WallTrack Monitor/walltrack-monitor" %U',
      Icon: 'walltrack-monitor',
      Categories: 'Utility;',
    });
  });
});

describe('the packaged app, extracted, with the real core against the real services', () => {
  let keyring: PrivateKeyring;
  let unload: () => void = () => {};

  beforeAll(async () => {
    keyring = await useOwnKeyring();
    electron.resetElectronFake();
    electron.app.appPath = join(out, 'app');
    vi.stubEnv('WALLTRACK_DATA_DIR', join(out, 'data'));
    vi.stubEnv('XDG_CONFIG_HOME', join(out, 'config'));
    unload = loadMainUnderFake(join(out, 'app/dist/electron/main.cjs'));
  }, 60_000);

  afterAll(async () => {
    unload();
    electron.resetElectronFake();
    vi.unstubAllEnvs();
    await keyring?.stop();
  });

  const call = (method: Parameters<typeof methodChannel>[0], input?: unknown) =>
    electron.ipcMain.fakeInvoke(methodChannel(method), { sender: electron.BrowserWindow.getAllWindows()[0]!.webContents }, input) as Promise<IpcReply>;

  it('reports both databases healthy, with the secrets in the keychain through the packaged addon', async () => {
    const services = testServices();
    electron.app.fakeReady();
    await vi.waitFor(() => expect(electron.BrowserWindow.getAllWindows()).toHaveLength(1), { timeout: 15_000 });
    expect(electron.BrowserWindow.getAllWindows()[0]!.options.webPreferences?.preload).toBe(join(out, 'app/dist/electron/preload.cjs'));
    const view = await call('getSettings');
    if (!view.ok) throw new Error(JSON.stringify(view));
    const settings = (view.value as { settings: { monitor: Record<string, unknown> } }).settings;
    const saved = await call('saveSettings', {
      settings: {
        ...settings,
        environments: [
          {
            id: 'default',
            name: 'default',
            databases: {
              supabase: { url: services.supabase.url, probeTable: 'wallets' },
              neo4j: { uri: services.neo4j.uri, user: services.neo4j.user, database: null },
            },
          },
        ],
        // A loaded 2-core box can take over 1 s for a request; "slow" is tested in the monitor's own suite.
        monitor: { ...settings.monitor, slowMs: 30_000 },
      },
      secrets: {
        default: { supabaseKey: { action: 'replace', value: services.supabase.serviceRoleKey }, neo4jPassword: { action: 'replace', value: services.neo4j.password } },
      },
    });
    expect(saved.ok, JSON.stringify(saved)).toBe(true);
    await vi.waitFor(
      async () => {
        const reply = await call('getSnapshot');
        if (!reply.ok) throw new Error(JSON.stringify(reply));
        const snapshot = reply.value as Snapshot;
        expect(snapshot.environments[0]!.databases.supabase, JSON.stringify(snapshot)).toMatchObject({ status: 'healthy', healthy: true, target: services.supabase.url });
        expect(snapshot.environments[0]!.databases.neo4j, JSON.stringify(snapshot)).toMatchObject({ status: 'healthy', healthy: true, target: services.neo4j.uri });
        expect(snapshot.status).toBe('ok');
      },
      { timeout: 30_000, interval: 500 },
    );
    // The keychain host ran from the extracted app and loaded the addon from its node_modules.
    expect(electron.utilityProcess.fakeForks.map((f) => f.modulePath)).toContain(join(out, 'app/dist/electron/keychainHost.cjs'));
    const willQuit = new Promise((resolve) => electron.app.once('will-quit', resolve));
    electron.app.quit();
    await willQuit;
  }, 60_000);
});

describe('the headless CLI bundle', () => {
  it('runs `check` from bin/ and dist/headless with only the production dependencies (npm ci --omit=dev)', () => {
    const services = testServices();
    const install = mkdtempSync(join(tmpdir(), 'walltrack-headless-only-'));
    try {
      mkdirSync(join(install, 'dist'));
      cpSync(join(root, 'bin'), join(install, 'bin'), { recursive: true });
      cpSync(join(root, 'dist/headless'), join(install, 'dist/headless'), { recursive: true });
      // What npm ci --omit=dev installs: the lock file's packages not marked dev (the native addons and their loaders).
      const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
      const production = Object.entries(lock.packages).filter(([path, meta]) => path.startsWith('node_modules/') && !meta.dev && existsSync(join(root, path)));
      expect(production.map(([path]) => path)).toContain('node_modules/libsql');
      for (const [path] of production) cpSync(join(root, path), join(install, path), { recursive: true });
      const r = spawnSync(process.execPath, [join(install, 'bin/walltrack-monitor.mjs'), 'check', '--json'], {
        encoding: 'utf8',
        timeout: 60_000,
        env: {
          PATH: process.env.PATH,
          WALLTRACK_DATA_DIR: join(install, 'data'),
          SUPABASE_URL: services.supabase.url,
          SUPABASE_KEY: services.supabase.serviceRoleKey,
          SUPABASE_PROBE_TABLE: 'wallets',
          NEO4J_URI: services.neo4j.uri,
          NEO4J_USER: services.neo4j.user,
          NEO4J_PASSWORD: services.neo4j.password,
          WALLTRACK_SLOW_MS: '30000',
        },
      });
      expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
      expect((JSON.parse(r.stdout) as Snapshot).status).toBe('ok');
    } finally {
      rmSync(install, { recursive: true, force: true });
    }
  });
});
