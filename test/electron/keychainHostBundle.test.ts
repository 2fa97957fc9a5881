/**
 * The keychain utility process as shipped: scripts/build.mjs bundles the host next to the main
 * bundle, the built app forks it (under the electron fake, whose fork runs it in a real Node
 * child) for its keychain reads, and electron-builder unpacks the native addon it loads.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as electron from '../mocks/electron.js';
import { CredentialVault } from '../../src-main/core/credentials/CredentialVault.js';
import { Secret } from '../../src-main/core/credentials/Secret.js';
import { createKeychainUtilityRunner } from '../../src-main/electron/keychainUtilityRunner.js';

const root = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
type ModuleLoad = (...args: unknown[]) => unknown;
const moduleWithLoad = Module as unknown as { _load: ModuleLoad };
const originalLoad = moduleWithLoad._load;
const signalListenersBefore = new Map(['SIGINT', 'SIGTERM'].map((s) => [s, process.listeners(s as NodeJS.Signals)]));
let out: string;
let work: string;
const hostPath = () => join(out, 'electron', 'keychainHost.cjs');

beforeAll(() => {
  // Inside the checkout, so the built host resolves @napi-rs/keyring from node_modules as the packaged app does.
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  out = mkdtempSync(join(cache, 'walltrack-keychain-build-'));
  work = mkdtempSync(join(tmpdir(), 'walltrack-keychain-app-'));
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--out', out, '--skip-renderer', '--skip-icons'], { stdio: 'pipe' });
}, 120_000);

afterAll(() => {
  moduleWithLoad._load = originalLoad;
  for (const [signal, before] of signalListenersBefore) {
    for (const l of process.listeners(signal as NodeJS.Signals)) if (!before.includes(l)) process.off(signal, l);
  }
  vi.unstubAllEnvs();
  electron.resetElectronFake();
  rmSync(out, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

describe('the bundled keychain host', () => {
  it('is built next to the main bundle, which points at it; the keyring addon stays external', () => {
    expect(existsSync(hostPath())).toBe(true);
    const main = readFileSync(join(out, 'electron', 'main.cjs'), 'utf8');
    expect(main).toMatch(/new URL\("\.\/keychainHost\.cjs",\s*__walltrack_import_meta_url\)/);
    const host = readFileSync(hostPath(), 'utf8');
    expect(host).toContain('require("@napi-rs/keyring")');
    expect(host).not.toContain('require("electron")');
  });

  it('round-trips a secret through the built host on the private keyring', async () => {
    electron.resetElectronFake();
    electron.app.fakeReady();
    const vault = new CredentialVault({
      service: `walltrack-monitor-test-${randomUUID()}`,
      runner: createKeychainUtilityRunner({ fork: electron.utilityProcess.fork, hostPath: hostPath() }),
    });
    await vault.set('default', 'neo4jPassword', new Secret('bundled-host-pass'));
    expect((await vault.get('default', 'neo4jPassword'))!.reveal()).toBe('bundled-host-pass');
    await vault.delete('default', 'neo4jPassword');
    expect(await vault.get('default', 'neo4jPassword')).toBeNull();
    expect(electron.utilityProcess.fakeForks.map((f) => f.modulePath)).toEqual(Array(4).fill(hostPath()));
  });

  it('is what the built app forks for its keychain reads at start, and the app still quits', async () => {
    electron.resetElectronFake();
    electron.app.appPath = root;
    vi.stubEnv('WALLTRACK_DATA_DIR', join(work, 'data'));
    vi.stubEnv('XDG_CONFIG_HOME', join(work, 'config'));
    // Both databases configured, so the app reads both secrets at start (with nothing configured it reads none).
    mkdirSync(join(work, 'data'), { recursive: true });
    writeFileSync(
      join(work, 'data', 'settings.json'),
      JSON.stringify({
        version: 2,
        environments: [
          {
            id: 'default',
            name: 'default',
            databases: { supabase: { url: 'http://127.0.0.1:9', probeTable: null }, neo4j: { uri: 'bolt://127.0.0.1:9', user: 'neo4j', database: null } },
          },
        ],
      }),
    );
    moduleWithLoad._load = function (this: unknown, request: unknown, ...rest: unknown[]) {
      return request === 'electron' ? electron : originalLoad.call(this, request, ...rest);
    };
    require(join(out, 'electron', 'main.cjs'));
    electron.app.fakeReady();
    // At start the version-1 migration looks for the two old accounts, then both secrets are read (each also
    // falling back to its version-1 account while none is stored): every call in its own utility process running the built host.
    await vi.waitFor(
      () => {
        const forks = electron.utilityProcess.fakeForks;
        expect(forks.length).toBeGreaterThanOrEqual(4);
        expect(forks.every((f) => f.process.fakeMessages.length > 0)).toBe(true);
      },
      { timeout: 20_000 },
    );
    for (const f of electron.utilityProcess.fakeForks) {
      expect(f.modulePath).toBe(hostPath());
      expect(f.process.fakeMessages).toEqual([{ ok: true, value: expect.toSatisfy((v) => v === null || typeof v === 'string') }]);
    }
    const willQuit = new Promise((resolve) => electron.app.once('will-quit', resolve));
    electron.app.quit();
    await willQuit;
    await vi.waitFor(() => expect(electron.utilityProcess.fakeForks.every((f) => f.process.exited)).toBe(true));
  });
});

describe('electron-builder packaging of the keyring addon', () => {
  it('ships dist/electron/** (the host) and unpacks native .node files from the asar, where the keyring addon is one', async () => {
    const { getConfig } = require('app-builder-lib/out/util/config/config') as {
      getConfig(dir: string, file: string, extra: null): Promise<{ asarUnpack?: string[]; files?: { filter: string[] }[] }>;
    };
    const config = await getConfig(root, 'electron-builder.yml', null);
    expect(config.files?.[0]?.filter).toContain('dist/electron/**');
    expect(config.asarUnpack).toContain('**/*.node');
    // The addon @napi-rs/keyring loads here (its per-platform package) really is a .node file.
    const scope = dirname(dirname(require.resolve('@napi-rs/keyring/package.json')));
    const platformPackages = readdirSync(scope).filter((d) => d.startsWith(`keyring-${process.platform}-${process.arch}`));
    expect(platformPackages.flatMap((d) => readdirSync(join(scope, d))).some((f) => f.endsWith('.node'))).toBe(true);
  });
});
