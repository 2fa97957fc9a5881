/**
 * migrateToEnvironments on real files with an in-memory keychain (fast; the mutation run has no keyring):
 * the order copy → file → delete, repeated runs, a stop after each step, a keychain that fails.
 * migrateToEnvironments.real.test.ts runs the same migration on the real Secret Service.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src-main/core/logging.js';
import { migrateToEnvironments } from '../../../src-main/core/settings/migrateToEnvironments.js';
import { JsonSettingsFile } from '../../../src-main/core/settings/JsonSettingsFile.js';
import { SettingsStore, type ConfFactory } from '../../../src-main/core/settings/SettingsStore.js';
import { MemoryVault } from '../../support/memoryVault.js';

// Written by the released SettingsStore (main at 4bd58d4); fixtures/v1/README.md says how.
const V1_FILE = fileURLToPath(new URL('./fixtures/v1/configured.settings.json', import.meta.url));
const V1_TEXT = readFileSync(V1_FILE, 'utf8');
/** What the version-1 fixture becomes, written out (tab-indented, as conf and JsonSettingsFile write). */
const V2_TEXT = `{
\t"version": 2,
\t"environments": [
\t\t{
\t\t\t"id": "default",
\t\t\t"name": "default",
\t\t\t"colour": null,
\t\t\t"databases": {
\t\t\t\t"supabase": {
\t\t\t\t\t"url": "https://abcd.supabase.co",
\t\t\t\t\t"probeTable": "wallets"
\t\t\t\t},
\t\t\t\t"neo4j": {
\t\t\t\t\t"uri": "neo4j+s://graph.example.com:7687",
\t\t\t\t\t"user": "walltrack",
\t\t\t\t\t"database": "ledger"
\t\t\t\t}
\t\t\t}
\t\t}
\t],
\t"monitor": {
\t\t"intervalSec": 45,
\t\t"timeoutMs": 7000,
\t\t"retries": 3,
\t\t"backoffInitialMs": 500,
\t\t"backoffMaxMs": 8000,
\t\t"slowMs": 1500,
\t\t"recoverySuccesses": 2
\t},
\t"app": {
\t\t"notifications": false,
\t\t"startAtLogin": true
\t}
}`;
const V1_ACCOUNTS = { 'neo4j-password': 'n3o-pass-ü', 'supabase-api-key': 'sb_secret_abc' };
const MIGRATED_ACCOUNTS = { 'default/neo4j-password': 'n3o-pass-ü', 'default/supabase-api-key': 'sb_secret_abc' };

let dir: string;
let file: string;
let lines: Record<string, unknown>[];
let logger: ReturnType<typeof createLogger>['logger'];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wt-migrate-'));
  file = join(dir, 'settings.json');
  lines = [];
  const stream = { write: (l: string) => void lines.push(JSON.parse(l) as Record<string, unknown>) };
  ({ logger } = createLogger({ console: { stream: stream as unknown as NodeJS.WritableStream, pretty: false }, level: 'debug' }));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The real settings file, whose next `failures` writes fail, as on a full disk. */
function failingWrites(failures: number): ConfFactory {
  let left = failures;
  return (options) => {
    const file = new JsonSettingsFile(options);
    return {
      path: file.path,
      get store() {
        return file.store;
      },
      set store(value) {
        if (left-- > 0) throw new Error('ENOSPC: no space left on device');
        file.store = value;
      },
    };
  };
}

/** A fresh start: a new store reads the file as it is now. */
function migrate(vault: MemoryVault, createStore?: ConfFactory) {
  return migrateToEnvironments({ store: new SettingsStore({ dir, logger, createStore }), vault, logger });
}

const messages = () => lines.map((l) => `${l.level} ${l.msg as string}`);
const secretsLogged = () => lines.filter((l) => Object.values(V1_ACCOUNTS).some((s) => JSON.stringify(l).includes(s)));

describe('migrateToEnvironments', () => {
  it('copies each version-1 account to "default/…", rewrites the file as version 2, then deletes the version-1 accounts', async () => {
    copyFileSync(V1_FILE, file);
    const vault = new MemoryVault(V1_ACCOUNTS);
    expect(await migrate(vault)).toEqual({
      status: 'done',
      stoppedAt: null,
      copied: ['supabase-api-key', 'neo4j-password'],
      fileWritten: true,
      deleted: ['supabase-api-key', 'neo4j-password'],
      kept: [],
    });
    expect(readFileSync(file, 'utf8')).toBe(V2_TEXT);
    expect(vault.contents()).toEqual(MIGRATED_ACCOUNTS);
    // Crash-safe order: both copies exist before the file changes, the file before anything is deleted.
    expect(vault.calls.filter((c) => !c.startsWith('read'))).toEqual([
      'write default/supabase-api-key',
      'write default/neo4j-password',
      'delete supabase-api-key',
      'delete neo4j-password',
    ]);
    expect(messages()).toEqual([
      '30 Copied keychain account "supabase-api-key" to "default/supabase-api-key"',
      '30 Copied keychain account "neo4j-password" to "default/neo4j-password"',
      `30 Rewrote ${file} as version 2: its databases are now the environment "default"`,
      '30 Deleted the version-1 keychain account "supabase-api-key"',
      '30 Deleted the version-1 keychain account "neo4j-password"',
    ]);
    // Each line also carries what it names as fields, for log search.
    expect(lines.map(({ account, target, settingsFile }) => ({ account, target, settingsFile }))).toEqual([
      { account: 'supabase-api-key', target: 'default/supabase-api-key', settingsFile: undefined },
      { account: 'neo4j-password', target: 'default/neo4j-password', settingsFile: undefined },
      { account: undefined, target: undefined, settingsFile: file },
      { account: 'supabase-api-key', target: undefined, settingsFile: undefined },
      { account: 'neo4j-password', target: undefined, settingsFile: undefined },
    ]);
    expect(secretsLogged()).toEqual([]);
  });

  it('run again, it changes nothing and only looks', async () => {
    copyFileSync(V1_FILE, file);
    const vault = new MemoryVault(V1_ACCOUNTS);
    await migrate(vault);
    vault.calls.length = 0;
    lines.length = 0;
    expect(await migrate(vault)).toEqual({ status: 'done', stoppedAt: null, copied: [], fileWritten: false, deleted: [], kept: [] });
    expect(vault.calls).toEqual(['read supabase-api-key', 'read neo4j-password']);
    expect(readFileSync(file, 'utf8')).toBe(V2_TEXT);
    expect(vault.contents()).toEqual(MIGRATED_ACCOUNTS);
    expect(lines).toEqual([]);
  });

  it('a version-1 file without secrets is rewritten; a version-1 account without a file is moved', async () => {
    copyFileSync(V1_FILE, file);
    const none = new MemoryVault();
    expect(await migrate(none)).toMatchObject({ status: 'done', copied: [], fileWritten: true, deleted: [] });
    expect(readFileSync(file, 'utf8')).toBe(V2_TEXT);
    rmSync(file);
    const one = new MemoryVault({ 'neo4j-password': 'only-this' });
    expect(await migrate(one)).toMatchObject({ status: 'done', copied: ['neo4j-password'], fileWritten: false, deleted: ['neo4j-password'] });
    expect(one.contents()).toEqual({ 'default/neo4j-password': 'only-this' });
    expect(existsSync(file)).toBe(false);
  });

  it('stopped during the copy (second account): file and version-1 accounts stay; the next start finishes', async () => {
    copyFileSync(V1_FILE, file);
    const vault = new MemoryVault(V1_ACCOUNTS);
    vault.failWhen = (op, account) => op === 'write' && account === 'default/neo4j-password';
    expect(await migrate(vault)).toEqual({ status: 'pending', stoppedAt: 'copy', copied: ['supabase-api-key'], fileWritten: false, deleted: [], kept: [] });
    expect(readFileSync(file, 'utf8')).toBe(V1_TEXT);
    expect(vault.contents()).toEqual({ ...V1_ACCOUNTS, 'default/supabase-api-key': 'sb_secret_abc' });
    expect(messages().at(-1)).toBe(
      '40 Migration to environments paused: could not copy the version-1 keychain accounts, so the settings file stays at version 1; nothing was lost, and the next start finishes the migration',
    );
    expect(lines.at(-1)).toMatchObject({ step: 'copy', err: expect.stringMatching(/default\/neo4j-password.*locked/) });

    vault.failWhen = () => false;
    expect(await migrate(vault)).toEqual({
      status: 'done',
      stoppedAt: null,
      copied: ['neo4j-password'],
      fileWritten: true,
      deleted: ['supabase-api-key', 'neo4j-password'],
      kept: [],
    });
    expect(readFileSync(file, 'utf8')).toBe(V2_TEXT);
    expect(vault.contents()).toEqual(MIGRATED_ACCOUNTS);
  });

  it('stopped at the file write: the copies and the version-1 accounts both stay, the file stays version 1; the next start finishes', async () => {
    copyFileSync(V1_FILE, file);
    const vault = new MemoryVault(V1_ACCOUNTS);
    expect(await migrate(vault, failingWrites(1))).toEqual({
      status: 'pending',
      stoppedAt: 'file',
      copied: ['supabase-api-key', 'neo4j-password'],
      fileWritten: false,
      deleted: [],
      kept: [],
    });
    expect(readFileSync(file, 'utf8')).toBe(V1_TEXT);
    expect(vault.contents()).toEqual({ ...V1_ACCOUNTS, ...MIGRATED_ACCOUNTS });
    expect(messages().at(-1)).toBe(
      `40 Migration to environments paused: could not rewrite ${file} as version 2, so the version-1 keychain accounts stay; nothing was lost, and the next start finishes the migration`,
    );
    expect(lines.at(-1)).toMatchObject({ step: 'file', err: `Could not write the settings file ${file}: ENOSPC: no space left on device` });

    // Copies already equal are fine: nothing is written twice.
    vault.calls.length = 0;
    expect(await migrate(vault)).toEqual({ status: 'done', stoppedAt: null, copied: [], fileWritten: true, deleted: ['supabase-api-key', 'neo4j-password'], kept: [] });
    expect(vault.calls.filter((c) => c.startsWith('write'))).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe(V2_TEXT);
    expect(vault.contents()).toEqual(MIGRATED_ACCOUNTS);
  });

  it('stopped during the delete: the file is version 2, the copies are there; the next start deletes the rest', async () => {
    copyFileSync(V1_FILE, file);
    const vault = new MemoryVault(V1_ACCOUNTS);
    vault.failWhen = (op, account) => op === 'delete' && account === 'neo4j-password';
    expect(await migrate(vault)).toEqual({
      status: 'pending',
      stoppedAt: 'delete',
      copied: ['supabase-api-key', 'neo4j-password'],
      fileWritten: true,
      deleted: ['supabase-api-key'],
      kept: [],
    });
    expect(readFileSync(file, 'utf8')).toBe(V2_TEXT);
    expect(vault.contents()).toEqual({ ...MIGRATED_ACCOUNTS, 'neo4j-password': 'n3o-pass-ü' });
    expect(messages().at(-1)).toBe(
      '40 Migration to environments paused: could not delete a version-1 keychain account (its secret is already under "default/…"); nothing was lost, and the next start finishes the migration',
    );

    vault.failWhen = () => false;
    expect(await migrate(vault)).toEqual({ status: 'done', stoppedAt: null, copied: [], fileWritten: false, deleted: ['neo4j-password'], kept: [] });
    expect(vault.contents()).toEqual(MIGRATED_ACCOUNTS);
    expect(readFileSync(file, 'utf8')).toBe(V2_TEXT);
  });

  it('with the keychain unavailable: stops at the first call, nothing changes, settings are version 2 in memory; a later call finishes', async () => {
    copyFileSync(V1_FILE, file);
    const vault = new MemoryVault(V1_ACCOUNTS);
    vault.failWhen = () => true;
    const store = new SettingsStore({ dir, logger });
    expect(await migrateToEnvironments({ store, vault, logger })).toEqual({
      status: 'pending',
      stoppedAt: 'copy',
      copied: [],
      fileWritten: false,
      deleted: [],
      kept: [],
    });
    // One call only: a hung keychain costs one timeout, not one per account.
    expect(vault.calls).toEqual(['read supabase-api-key']);
    expect(readFileSync(file, 'utf8')).toBe(V1_TEXT);
    expect(vault.contents()).toEqual(V1_ACCOUNTS);
    expect(store.get()).toEqual(JSON.parse(V2_TEXT));
    expect(store.fileIsVersion1).toBe(true);

    vault.failWhen = () => false;
    expect(await migrateToEnvironments({ store, vault, logger })).toMatchObject({ status: 'done', fileWritten: true });
    expect(readFileSync(file, 'utf8')).toBe(V2_TEXT);
    expect(vault.contents()).toEqual(MIGRATED_ACCOUNTS);
  });

  it('never overwrites a different secret already under "default/…": it wins, the version-1 account is kept and named', async () => {
    copyFileSync(V1_FILE, file);
    const vault = new MemoryVault({ ...V1_ACCOUNTS, 'default/neo4j-password': 'typed-after-upgrade' });
    expect(await migrate(vault)).toEqual({
      status: 'done',
      stoppedAt: null,
      copied: ['supabase-api-key'],
      fileWritten: true,
      deleted: ['supabase-api-key'],
      kept: ['neo4j-password'],
    });
    expect(vault.contents()).toEqual({
      'default/neo4j-password': 'typed-after-upgrade',
      'default/supabase-api-key': 'sb_secret_abc',
      'neo4j-password': 'n3o-pass-ü',
    });
    expect(lines[1]).toMatchObject({ account: 'neo4j-password', target: 'default/neo4j-password' });
    expect(messages()[1]).toBe(
      '40 Keychain account "default/neo4j-password" already holds a different secret, which is used; the version-1 account "neo4j-password" was left as it is (delete it with your keychain tool once you no longer need it)',
    );
    expect(readFileSync(file, 'utf8')).toBe(V2_TEXT);
    expect(secretsLogged()).toEqual([]);
    expect(JSON.stringify(lines)).not.toContain('typed-after-upgrade');
  });

  it('leaves a version-2 file alone', async () => {
    writeFileSync(file, V2_TEXT.replace('"name": "default"', '"name": "Production"'));
    const before = readFileSync(file, 'utf8');
    const vault = new MemoryVault({ 'default/neo4j-password': 'n3o' });
    expect(await migrate(vault)).toEqual({ status: 'done', stoppedAt: null, copied: [], fileWritten: false, deleted: [], kept: [] });
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(vault.contents()).toEqual({ 'default/neo4j-password': 'n3o' });
    expect(lines).toEqual([]);
  });

  it('a corrupt version-1 file is moved aside as today, and its secrets still move to "default/…"', async () => {
    const corrupt = V1_TEXT.replace('neo4j+s://graph.example.com:7687', 'http://graph.example.com:7474');
    writeFileSync(file, corrupt);
    const vault = new MemoryVault(V1_ACCOUNTS);
    const store = new SettingsStore({ dir, logger, now: () => new Date('2026-01-02T03:04:05.678Z') });
    expect(await migrateToEnvironments({ store, vault, logger })).toEqual({
      status: 'done',
      stoppedAt: null,
      copied: ['supabase-api-key', 'neo4j-password'],
      fileWritten: false,
      deleted: ['supabase-api-key', 'neo4j-password'],
      kept: [],
    });
    expect(readdirSync(dir)).toEqual(['settings.json.corrupt-2026-01-02T03-04-05-678Z']);
    expect(readFileSync(join(dir, 'settings.json.corrupt-2026-01-02T03-04-05-678Z'), 'utf8')).toBe(corrupt);
    expect(lines[0]).toMatchObject({ level: 40, problem: expect.stringMatching(/^neo4j\.uri: Neo4j URI must use one of/) });
    expect(vault.contents()).toEqual(MIGRATED_ACCOUNTS);
  });
});
