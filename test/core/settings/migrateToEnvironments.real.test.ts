/**
 * migrateToEnvironments on the real Secret Service (the test run's private gnome-keyring) and real files:
 * a version-1 install as the released version left it, then the keychain unreachable or hung.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AsyncEntry } from '@napi-rs/keyring';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CredentialVault } from '../../../src-main/core/credentials/CredentialVault.js';
import { withLegacyAccounts } from '../../../src-main/core/credentials/legacyAccounts.js';
import { Secret } from '../../../src-main/core/credentials/Secret.js';
import { createLogger } from '../../../src-main/core/logging.js';
import { migrateToEnvironments } from '../../../src-main/core/settings/migrateToEnvironments.js';
import { SettingsStore } from '../../../src-main/core/settings/SettingsStore.js';
import { assertPrivateKeyring, silentBus } from '../../support/keyring.js';

// Written by the released SettingsStore (main at 4bd58d4); fixtures/v1/README.md says how.
const V1_FILE = fileURLToPath(new URL('./fixtures/v1/configured.settings.json', import.meta.url));
const V1_TEXT = readFileSync(V1_FILE, 'utf8');
const V2 = {
  version: 2,
  environments: [
    {
      id: 'default',
      name: 'default',
      colour: null,
      databases: {
        supabase: { url: 'https://abcd.supabase.co', probeTable: 'wallets' },
        neo4j: { uri: 'neo4j+s://graph.example.com:7687', user: 'walltrack', database: 'ledger' },
      },
    },
  ],
  monitor: { intervalSec: 45, timeoutMs: 7_000, retries: 3, backoffInitialMs: 500, backoffMaxMs: 8_000, slowMs: 1_500, recoverySuccesses: 2 },
  app: { notifications: false, startAtLogin: true },
};
const ACCOUNTS = ['supabase-api-key', 'neo4j-password', 'default/supabase-api-key', 'default/neo4j-password'];

let dir: string;
let service: string;
let vault: CredentialVault;
let logText: string;
let logger: ReturnType<typeof createLogger>['logger'];

beforeAll(() => assertPrivateKeyring());
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wt-migrate-real-'));
  copyFileSync(V1_FILE, join(dir, 'settings.json'));
  // A service of our own on the private keyring, per test, so tests cannot see each other's accounts.
  service = `walltrack-monitor-test-${randomUUID()}`;
  vault = new CredentialVault({ service });
  // What the released version's vault.set('neo4jPassword' | 'supabaseKey', …) left: the bare account names.
  await vault.writeAccount('neo4j-password', new Secret('n3o-pass-ü'));
  await vault.writeAccount('supabase-api-key', new Secret('sb_secret_abc'));
  logText = '';
  ({ logger } = createLogger({ console: { stream: { write: (l: string) => void (logText += l) } as unknown as NodeJS.WritableStream, pretty: false } }));
});
afterEach(async () => {
  for (const account of ACCOUNTS) await vault.deleteAccount(account);
  rmSync(dir, { recursive: true, force: true });
});

/** Every account of the test's service, read straight from the Secret Service (null = absent). */
async function keychain(): Promise<Record<string, string | null>> {
  const entries = await Promise.all(ACCOUNTS.map(async (a) => [a, (await new AsyncEntry(service, a).getPassword()) ?? null] as const));
  return Object.fromEntries(entries);
}

const migrate = (v = vault) => migrateToEnvironments({ store: new SettingsStore({ dir, logger }), vault: v, logger });
const fileText = () => readFileSync(join(dir, 'settings.json'), 'utf8');

/** Runs `fn` while keychain helpers started by this process see another D-Bus session. */
async function onBus<T>(address: string, fn: () => Promise<T>): Promise<T> {
  const saved = process.env.DBUS_SESSION_BUS_ADDRESS;
  process.env.DBUS_SESSION_BUS_ADDRESS = address;
  try {
    return await fn();
  } finally {
    process.env.DBUS_SESSION_BUS_ADDRESS = saved;
  }
}

describe('migrateToEnvironments on the Secret Service', () => {
  it('moves a version-1 install into "default": version-2 file, same secrets under default/…, version-1 accounts gone, nothing to re-enter', async () => {
    expect(await migrate()).toEqual({
      status: 'done',
      stoppedAt: null,
      copied: ['supabase-api-key', 'neo4j-password'],
      fileWritten: true,
      deleted: ['supabase-api-key', 'neo4j-password'],
      kept: [],
    });
    expect(JSON.parse(fileText())).toEqual(V2);
    expect(await keychain()).toEqual({
      'supabase-api-key': null,
      'neo4j-password': null,
      'default/supabase-api-key': 'sb_secret_abc',
      'default/neo4j-password': 'n3o-pass-ü',
    });
    // What the app reads at start: both secrets stored, so nothing is asked again.
    expect((await vault.get('default', 'neo4jPassword'))?.reveal()).toBe('n3o-pass-ü');
    expect((await vault.get('default', 'supabaseKey'))?.reveal()).toBe('sb_secret_abc');
    expect(new SettingsStore({ dir }).get()).toEqual(V2);
    expect(logText).not.toMatch(/n3o-pass|sb_secret/);
  });

  it('run twice, the second run changes nothing', async () => {
    await migrate();
    const after = { file: fileText(), keychain: await keychain() };
    expect(await migrate()).toEqual({ status: 'done', stoppedAt: null, copied: [], fileWritten: false, deleted: [], kept: [] });
    expect({ file: fileText(), keychain: await keychain() }).toEqual(after);
  });

  it('before the migration has run, "default" already reads the version-1 secrets through withLegacyAccounts', async () => {
    const reading = withLegacyAccounts(vault);
    expect((await reading.get('default', 'neo4jPassword'))?.reveal()).toBe('n3o-pass-ü');
    expect(await reading.has('default', 'supabaseKey')).toBe(true);
    expect(await vault.has('default', 'neo4jPassword')).toBe(false);
  });

  it('with no Secret Service reachable: nothing changes, settings are version 2 in memory, and the next start finishes', async () => {
    const store = new SettingsStore({ dir, logger });
    const outcome = await onBus('unix:path=/nonexistent', () => migrateToEnvironments({ store, vault, logger }));
    expect(outcome).toEqual({ status: 'pending', stoppedAt: 'copy', copied: [], fileWritten: false, deleted: [], kept: [] });
    expect(store.get()).toEqual(V2);
    expect(fileText()).toBe(V1_TEXT);
    expect(logText).toMatch(/Migration to environments paused: could not copy the version-1 keychain accounts/);
    expect(await keychain()).toEqual({
      'supabase-api-key': 'sb_secret_abc',
      'neo4j-password': 'n3o-pass-ü',
      'default/supabase-api-key': null,
      'default/neo4j-password': null,
    });
    expect(await migrate()).toMatchObject({ status: 'done', copied: ['supabase-api-key', 'neo4j-password'], fileWritten: true });
    expect(JSON.parse(fileText())).toEqual(V2);
    expect((await vault.get('default', 'neo4jPassword'))?.reveal()).toBe('n3o-pass-ü');
  });

  it('with a keychain that never answers: gives up after one timeout, nothing changes, and the next start finishes', async () => {
    const bus = await silentBus();
    try {
      const hung = new CredentialVault({ service, timeoutMs: 1_500 });
      const outcome = await onBus(bus.address, () => migrate(hung));
      expect(outcome).toEqual({ status: 'pending', stoppedAt: 'copy', copied: [], fileWritten: false, deleted: [], kept: [] });
      expect(logText).toMatch(/no answer within 1500 ms/);
    } finally {
      bus.close();
    }
    expect(fileText()).toBe(V1_TEXT);
    expect(await migrate()).toMatchObject({ status: 'done', fileWritten: true, deleted: ['supabase-api-key', 'neo4j-password'] });
    expect(await keychain()).toEqual({
      'supabase-api-key': null,
      'neo4j-password': null,
      'default/supabase-api-key': 'sb_secret_abc',
      'default/neo4j-password': 'n3o-pass-ü',
    });
  });
});
