/**
 * The built Electron main bundle run in plain Node under the electron fake, with the real core. Shared by the
 * tests that start the whole app this way (bundle, full log folder, packaged app), so each says only what differs.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { join } from 'node:path';
import { vi } from 'vitest';
import * as electron from '../mocks/electron.js';
import { startPrivateKeyring, type PrivateKeyring } from '../support/keyring.js';

export const root = join(import.meta.dirname, '..', '..');

type Load = (...args: unknown[]) => unknown;
const moduleWithLoad = Module as unknown as { _load: Load };

/**
 * Builds the main, preload and keychain-host bundles into a fresh folder under node_modules/.cache: inside the
 * checkout, so the built keychain host resolves @napi-rs/keyring (see keychainHostBundle.test.ts). Returns the folder.
 */
export function buildMainInCheckout(name: string): string {
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const out = mkdtempSync(join(cache, `walltrack-${name}-build-`));
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--out', out, '--skip-renderer', '--skip-icons'], { stdio: 'pipe' });
  return out;
}

/**
 * A Secret Service of the test's own, stubbed into the environment the app and its keychain helpers inherit:
 * the app uses the keychain service "walltrack-monitor", which other test files would share.
 */
export async function useOwnKeyring(): Promise<PrivateKeyring> {
  const keyring = await startPrivateKeyring();
  for (const [name, value] of Object.entries(keyring.env)) vi.stubEnv(name, value);
  return keyring;
}

/**
 * Loads a built main.cjs with its require('electron') answered by the fake (everything else loads for real).
 * Returns an undo that restores the module loader and removes the SIGINT/SIGTERM listeners the app added,
 * so the test worker still exits on SIGTERM.
 */
export function loadMainUnderFake(mainPath: string): () => void {
  const originalLoad = moduleWithLoad._load;
  const signalListenersBefore = new Map(['SIGINT', 'SIGTERM'].map((s) => [s, process.listeners(s as NodeJS.Signals)]));
  moduleWithLoad._load = function (this: unknown, request: unknown, ...rest: unknown[]) {
    if (request === 'electron') return electron;
    return originalLoad.call(this, request, ...rest);
  };
  createRequire(import.meta.url)(mainPath);
  return () => {
    moduleWithLoad._load = originalLoad;
    for (const [signal, before] of signalListenersBefore) {
      for (const l of process.listeners(signal as NodeJS.Signals)) if (!before.includes(l)) process.off(signal, l);
    }
  };
}
