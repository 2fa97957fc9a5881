import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Snapshot } from '../../src-main/common/schemas.js';
import { SettingsSchema } from '../../src-main/common/settings-schema.js';
import { CredentialVault, type SecretVault } from '../../src-main/core/credentials/CredentialVault.js';
import { runKeychainCall } from '../../src-main/core/credentials/keychainProcess.js';
import { Secret } from '../../src-main/core/credentials/Secret.js';
import { createMonitorCore } from '../../src-main/core/createMonitorCore.js';
import { ConfigurationError, CredentialStoreError, ValidationError } from '../../src-main/core/errors.js';
import { createLogger } from '../../src-main/core/logging.js';
import type { MonitorCore } from '../../src-main/core/MonitorCore.js';
import { testServices, type TestServices } from '../support/services.js';
import { draftOf, testRequest, type EnvironmentInput } from './drafts.js';
import { vaultWith } from './vaults.js';
import { warmUpServices } from './warmUp.js';

let services: TestServices;
let dataDir: string;
let vault: CredentialVault;
const cores: MonitorCore[] = [];

beforeAll(async () => {
  services = testServices();
  await warmUpServices(services);
});
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.stop()));
  for (const env of ['default', 'production', 'staging']) {
    await vault?.delete(env, 'supabaseKey');
    await vault?.delete(env, 'neo4jPassword');
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});
afterAll(() => undefined);

function newCore(extra: Parameters<typeof createMonitorCore>[0] = {}) {
  dataDir = mkdtempSync(join(tmpdir(), 'wt-core-'));
  vault = new CredentialVault({ service: `walltrack-monitor-test-${randomUUID()}` });
  const core = createMonitorCore({ dataDir, vault, version: '9.9.9-test', ...extra });
  cores.push(core);
  return core;
}

/** The Supabase and Neo4j pair of the services, as the "default" environment (or another id). */
const pair = (neo4jUri = services.neo4j.uri, id = 'default'): EnvironmentInput => ({
  id,
  supabase: { url: services.supabase.url, probeTable: 'wallets' },
  neo4j: { uri: neo4jUri, user: services.neo4j.user },
});

/** A settings window's draft of the "default" environment; a secret left out is kept. */
function draft(overrides: Partial<{ supabaseKey: string | null; neo4jPassword: string | null; neo4jUri: string }> = {}) {
  return draftOf([pair(overrides.neo4jUri)], { default: { supabaseKey: overrides.supabaseKey, neo4jPassword: overrides.neo4jPassword } });
}

/** The "default" environment's databases in a snapshot. */
const dbs = (s: Snapshot) => s.environments[0]!.databases;
const intoDefault = (content: string) => ({ content, into: { kind: 'existing' as const, id: 'default' } });
const test = (d: ReturnType<typeof draft>, database: string) => testRequest(d, 'default', database);

describe('createMonitorCore against the real services', () => {
  it('starts unconfigured, then saveSettings stores secrets in the keychain, persists settings and checks both', async () => {
    const core = newCore();
    await core.start();
    expect(core.snapshot().status).toBe('unconfigured');
    const snapshots: Snapshot[] = [];
    core.on('snapshot', (s) => void snapshots.push(s));

    const view = await core.saveSettings(draft({ supabaseKey: services.supabase.serviceRoleKey, neo4jPassword: services.neo4j.password }));
    expect(view.secrets).toEqual({ default: { supabaseKey: 'stored', neo4jPassword: 'stored' } });
    expect(view.paths).toEqual({ settingsFile: join(dataDir, 'settings.json'), logFile: join(dataDir, 'logs', 'walltrack-monitor.log') });
    expect((await vault.get('default', 'neo4jPassword'))!.reveal()).toBe(services.neo4j.password);
    const file = readFileSync(join(dataDir, 'settings.json'), 'utf8');
    expect(file).toContain(services.neo4j.uri);
    expect(file).not.toContain(services.neo4j.password);

    const snapshot = await core.checkNow();
    expect(snapshot.status).toBe('ok');
    expect(snapshot.version).toBe('9.9.9-test');
    expect(dbs(snapshot).neo4j!).toMatchObject({ status: 'healthy', target: services.neo4j.uri });
    expect(dbs(snapshot).supabase!.status).toBe('healthy');
    expect(snapshots.length).toBeGreaterThan(0);
    expect(existsSync(join(dataDir, 'logs', 'walltrack-monitor.log'))).toBe(true);
  });

  it('a fresh core picks up saved settings and keychain secrets on start', async () => {
    const first = newCore();
    await first.start();
    await first.saveSettings(draft({ supabaseKey: services.supabase.publishableKey, neo4jPassword: services.neo4j.password }));
    await first.stop();
    const second = createMonitorCore({ dataDir, vault });
    cores.push(second);
    await second.start();
    expect((await second.checkNow()).status).toBe('ok');
    expect((await second.getSettings()).secrets).toEqual({ default: { supabaseKey: 'stored', neo4jPassword: 'stored' } });
  });

  it('testConnection probes a draft once (keep = stored secret) and saves nothing', async () => {
    const core = newCore();
    await core.start();
    await core.saveSettings(draft({ neo4jPassword: services.neo4j.password }));
    const before = readFileSync(join(dataDir, 'settings.json'), 'utf8');

    const kept = await core.testConnection(test(draft(), 'neo4j'));
    expect(kept).toMatchObject({ database: 'neo4j', healthy: true, state: 'healthy' });
    const wrong = await core.testConnection(test(draft({ neo4jPassword: 'not-the-password' }), 'neo4j'));
    expect(wrong).toMatchObject({ healthy: false, kind: 'auth_failed' });
    expect(wrong.message).toMatch(/neo4j/);
    expect(JSON.stringify(wrong)).not.toContain('not-the-password');
    const removed = await core.testConnection(test(draft({ neo4jPassword: null }), 'neo4j'));
    expect(removed).toMatchObject({ state: 'not_configured', kind: 'not_configured' });
    expect(removed.message).toMatch(/password is missing/);

    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).toBe(before);
    expect((await vault.get('default', 'neo4jPassword'))!.reveal()).toBe(services.neo4j.password);
    expect(dbs(await core.checkNow()).neo4j!.status).toBe('healthy');
  });

  it('a half-configured database is not_configured with a message saying what is missing', async () => {
    const core = newCore();
    await core.start();
    await core.saveSettings(draft({ neo4jPassword: services.neo4j.password }));
    const s = await core.checkNow();
    expect(dbs(s).supabase!).toMatchObject({ status: 'not_configured', kind: 'not_configured' });
    expect(dbs(s).supabase!.message).toMatch(/Supabase URL is set but the API key is missing/);
    expect(dbs(s).supabase!.hint).toBe('Enter Settings → Supabase → API key, or import a .env file that has it');
    expect(dbs(s).neo4j!.status).toBe('healthy');
    expect(s.status).toBe('unconfigured');
  });

  it('saveSettings validates everything first: a bad value changes neither the keychain nor the file', async () => {
    const core = newCore();
    await core.start();
    await core.saveSettings(draft({ neo4jPassword: services.neo4j.password }));
    const before = readFileSync(join(dataDir, 'settings.json'), 'utf8');
    const bad = draft({ neo4jPassword: 'new-password-never-saved' });
    (bad.settings.monitor as { intervalSec: number }).intervalSec = 0;
    const error = await core.saveSettings(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    // Named from the draft's root, like the binding errors' "secrets.default.neo4jPassword".
    expect((error as ValidationError).field).toBe('settings.monitor.intervalSec');
    expect((await vault.get('default', 'neo4jPassword'))!.reveal()).toBe(services.neo4j.password);
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).toBe(before);
  });

  it('saving a wrong password reconnects Neo4j only, and it goes auth_failed; removing the secret makes it not_configured', async () => {
    const core = newCore();
    await core.start();
    await core.saveSettings(draft({ supabaseKey: services.supabase.secretKey, neo4jPassword: services.neo4j.password }));
    expect((await core.checkNow()).status).toBe('ok');
    const supabaseHistory = core.getHistory({ environment: 'default', database: 'supabase' }).points.length;
    await core.saveSettings(draft({ neo4jPassword: 'wrong-password-1' }));
    const s = await core.checkNow();
    expect(dbs(s).neo4j!).toMatchObject({ status: 'down', kind: 'auth_failed' });
    expect(dbs(s).neo4j!.hint).toMatch(/Settings → Neo4j → User and Password/);
    // Supabase kept its probe and its history.
    expect(core.getHistory({ environment: 'default', database: 'supabase' }).points.length).toBeGreaterThan(supabaseHistory);
    await core.saveSettings(draft({ neo4jPassword: null }));
    expect(await vault.has('default', 'neo4jPassword')).toBe(false);
    expect(dbs(await core.checkNow()).neo4j!.status).toBe('not_configured');
  });

  it('importEnv stores secrets in the keychain, settings in the file, reports no secret values, and reconnects', async () => {
    const core = newCore();
    await core.start();
    const env = [
      `SUPABASE_URL=${services.supabase.url}`,
      `SUPABASE_KEY="${services.supabase.serviceRoleKey}"`,
      `NEO4J_URI=${services.neo4j.uri}`,
      `NEO4J_USER=${services.neo4j.user}`,
      `export NEO4J_PASSWORD='${services.neo4j.password}'`,
      'SUPABASE_PROBE_TABLE=wallets',
      'OPENAI_API_KEY=sk-unrelated-secret',
    ].join('\n');
    const report = await core.importEnv(intoDefault(env));
    expect(report.secrets).toEqual([
      { name: 'SUPABASE_KEY', stored: true },
      { name: 'NEO4J_PASSWORD', stored: true },
    ]);
    expect(report.settings.map((s) => s.name)).toEqual(['SUPABASE_URL', 'NEO4J_URI', 'NEO4J_USER', 'SUPABASE_PROBE_TABLE']);
    expect(report.ignored).toEqual([{ name: 'OPENAI_API_KEY', reason: expect.stringMatching(/not a WallTrack Monitor setting/) }]);
    const text = JSON.stringify(report);
    for (const s of [services.supabase.serviceRoleKey, services.neo4j.password, 'sk-unrelated-secret']) expect(text).not.toContain(s);
    expect((await vault.get('default', 'supabaseKey'))!.reveal()).toBe(services.supabase.serviceRoleKey);
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).not.toContain('sk-unrelated-secret');
    expect((await core.checkNow()).status).toBe('ok');
  });

  it('importEnv with an invalid value saves nothing and names the variable', async () => {
    const core = newCore();
    await core.start();
    const error = await core.importEnv(intoDefault(`NEO4J_PASSWORD=would-be-stored\nNEO4J_URI=http://wrong:7474\n`)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe('NEO4J_URI');
    expect(await vault.has('default', 'neo4jPassword')).toBe(false);
    expect(existsSync(join(dataDir, 'settings.json')) ? readFileSync(join(dataDir, 'settings.json'), 'utf8') : '').not.toContain('wrong:7474');
  });

  it('a save that fails halfway through the keychain puts back the secrets already written', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'wt-core-'));
    vault = new CredentialVault({ service: `walltrack-monitor-test-${randomUUID()}` });
    const real = vault;
    const flaky = vaultWith(real, {
      set: async (e, n, v) => {
        if (n === 'neo4jPassword') throw new CredentialStoreError('Could not write neo4jPassword in the OS keychain: locked');
        await real.set(e, n, v);
      },
    });
    await real.set('default', 'supabaseKey', new Secret('old-key'));
    const core = createMonitorCore({ dataDir, vault: flaky });
    cores.push(core);
    await core.start();
    const error = await core.saveSettings(draft({ supabaseKey: 'new-key', neo4jPassword: 'new-password' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialStoreError);
    expect((await real.get('default', 'supabaseKey'))!.reveal()).toBe('old-key');
    expect(existsSync(join(dataDir, 'settings.json')) ? readFileSync(join(dataDir, 'settings.json'), 'utf8') : '').not.toContain(services.neo4j.uri);
    const importError = await core.importEnv(intoDefault('SUPABASE_KEY=imported-key\nNEO4J_PASSWORD=imported-password\n')).catch((e: unknown) => e);
    expect(importError).toBeInstanceOf(CredentialStoreError);
    expect((await real.get('default', 'supabaseKey'))!.reveal()).toBe('old-key');
  });

  it('a save across two environments that fails at the second puts back the first environment’s secrets', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'wt-core-'));
    vault = new CredentialVault({ service: `walltrack-monitor-test-${randomUUID()}` });
    const real = vault;
    const flaky = vaultWith(real, {
      set: async (e, n, v) => {
        if (e === 'staging') throw new CredentialStoreError(`Could not write ${n} in the OS keychain: locked`);
        await real.set(e, n, v);
      },
    });
    const core = createMonitorCore({ dataDir, vault: flaky });
    cores.push(core);
    await core.saveSettings(draftOf([pair(services.neo4j.uri, 'production')], { production: { neo4jPassword: 'old-production-password' } }));
    const before = readFileSync(join(dataDir, 'settings.json'), 'utf8');
    const both = draftOf([pair(services.neo4j.uri, 'production'), pair(services.neo4j.uri, 'staging')], {
      production: { neo4jPassword: 'new-production-password', supabaseKey: 'new-production-key' },
      staging: { neo4jPassword: 'staging-password' },
    });
    await expect(core.saveSettings(both)).rejects.toBeInstanceOf(CredentialStoreError);
    expect((await real.get('production', 'neo4jPassword'))!.reveal()).toBe('old-production-password');
    expect(await real.get('production', 'supabaseKey')).toBeNull();
    expect(await real.get('staging', 'neo4jPassword')).toBeNull();
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).toBe(before);
    expect(core.snapshot().environments.map((e) => e.id)).toEqual(['production']);
  });

  it('removing an environment deletes every secret stored for it, also one of a kind it stopped monitoring earlier', async () => {
    const core = newCore();
    await core.saveSettings(draftOf([pair(services.neo4j.uri, 'production'), pair(services.neo4j.uri, 'staging')], { staging: { neo4jPassword: 'staging-password' } }));
    // Staging stops monitoring Neo4j; its password stays stored (the kind may come back to the same endpoint).
    await core.saveSettings(draftOf([pair(services.neo4j.uri, 'production'), { id: 'staging', supabase: { url: services.supabase.url, probeTable: 'wallets' } }]));
    expect((await vault.readAccount('staging/neo4j-password'))!.reveal()).toBe('staging-password');
    await core.saveSettings(draftOf([pair(services.neo4j.uri, 'production')], {}, { removeEnvironments: ['staging'] }));
    expect(await vault.readAccount('staging/neo4j-password')).toBeNull();
  });

  it('leaves the keychain alone while nothing is configured; a secret stored earlier without an endpoint must be entered again', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'wt-core-'));
    vault = new CredentialVault({ service: `walltrack-monitor-test-${randomUUID()}` });
    const real = vault;
    await real.set('default', 'neo4jPassword', new Secret(services.neo4j.password));
    const reads: string[] = [];
    const counting = vaultWith(real, { get: (e, n) => (reads.push(`${e}/${n}`), real.get(e, n)) });
    const core = createMonitorCore({ dataDir, vault: counting });
    cores.push(core);
    await core.start();
    expect(reads).toEqual([]);
    // "keep" for both: the Neo4j password stored before start is found, and refused: it was stored for no endpoint.
    await expect(core.saveSettings(draft())).rejects.toMatchObject({
      name: 'EndpointChangedError',
      field: 'secrets.default.neo4jPassword',
      message: `default: The Neo4j URI changed: enter the password for ${services.neo4j.uri}`,
    });
    // The Supabase access token too: it is optional, and read (found absent) like the kind's own secret.
    expect(reads.sort()).toEqual(['default/neo4jPassword', 'default/supabaseAccessToken', 'default/supabaseKey']);
    await core.saveSettings(draft({ neo4jPassword: services.neo4j.password }));
    const s = await core.checkNow();
    expect(dbs(s).neo4j!.healthy, dbs(s).neo4j!.message).toBe(true);
    expect(dbs(s).supabase!.status).toBe('not_configured');
    expect((await real.get('default', 'neo4jPassword'))!.reveal()).toBe(services.neo4j.password);
  });

  it('starts even when the keychain fails, showing why per database, and never falls back to a file', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'wt-core-'));
    vault = new CredentialVault({ service: `walltrack-monitor-test-${randomUUID()}` });
    const unreadable = async () => {
      throw new CredentialStoreError('Could not read secret in the OS keychain: locked', { hint: 'Unlock gnome-keyring' });
    };
    const unwritable = async () => {
      throw new CredentialStoreError('Could not write secret in the OS keychain: locked', { hint: 'Unlock gnome-keyring' });
    };
    const failing: SecretVault = {
      get: unreadable,
      set: unwritable,
      delete: async () => undefined,
      has: async () => false,
      readAccount: unreadable,
      writeAccount: unwritable,
      deleteAccount: async () => undefined,
    };
    const lines: string[] = [];
    const { logger } = createLogger({ console: { stream: { write: (l: string) => void lines.push(l) } as never, pretty: false } });
    const core = createMonitorCore({ dataDir, vault: failing, logger });
    cores.push(core);
    await core.start();
    const error = await core.saveSettings(draft({ supabaseKey: 'key-never-written-anywhere', neo4jPassword: 'pw-never-written-anywhere' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialStoreError);
    expect(existsSync(join(dataDir, 'settings.json')) ? readFileSync(join(dataDir, 'settings.json'), 'utf8') : '').not.toContain('never-written');
    // Endpoints without their secrets: the keychain cannot tell whether one is stored (it would be sent there once readable).
    const unsure = await core.saveSettings(draft()).catch((e: unknown) => e);
    expect(unsure).toMatchObject({ field: 'secrets.default.supabaseKey', message: `default: The Supabase URL changed: enter the API key for ${services.supabase.url}` });
    expect((unsure as CredentialStoreError).hint).toBe(
      'The keychain could not be read (Could not read secret in the OS keychain: locked), so a stored secret cannot be ruled out, and one is only sent to the endpoint it was stored for: unlock the keychain and try again, type the secret for the new endpoint, or undo the change',
    );
    // Settings saved while the keychain worked, then read with it locked: Neo4j shows the keychain problem.
    const seeding = createMonitorCore({ dataDir, vault });
    await seeding.saveSettings(draft());
    await seeding.stop();
    await core.stop();
    const relocked = createMonitorCore({ dataDir, vault: failing, logger });
    cores.push(relocked);
    await relocked.start();
    const s = await relocked.checkNow();
    expect(dbs(s).neo4j!.status).toBe('not_configured');
    expect(dbs(s).neo4j!.message).toBe('neo4j: not configured — keychain unavailable: Could not read secret in the OS keychain: locked');
    expect(dbs(s).neo4j!.hint).toBe('Unlock gnome-keyring');
    expect(lines.join('')).toMatch(/Could not read a secret from the OS keychain/);
  });

  it('with an environment override, uses it without the keychain and refuses to save', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'wt-core-'));
    const untouchable: SecretVault = {
      get: async () => expect.fail('keychain must not be read'),
      set: async () => expect.fail('keychain must not be written'),
      delete: async () => expect.fail('keychain must not be written'),
      has: async () => expect.fail('keychain must not be read'),
      readAccount: async () => expect.fail('keychain must not be read'),
      writeAccount: async () => expect.fail('keychain must not be written'),
      deleteAccount: async () => expect.fail('keychain must not be written'),
    };
    const core = createMonitorCore({
      dataDir,
      vault: untouchable,
      env: {
        settings: SettingsSchema.parse(draft().settings),
        secrets: { default: { neo4jPassword: new Secret(services.neo4j.password) } },
        source: 'environment variables',
        readKeychain: false,
      },
    });
    cores.push(core);
    await core.start();
    expect(dbs(await core.checkNow()).neo4j!.status).toBe('healthy');
    await expect(core.saveSettings(draft())).rejects.toBeInstanceOf(ConfigurationError);
    await expect(core.importEnv(intoDefault('NEO4J_USER=x'))).rejects.toThrow(/environment variables/);
  });

  it('logs one line per state change, none per healthy check', async () => {
    const core = newCore();
    await core.start();
    await core.saveSettings(draft({ neo4jPassword: services.neo4j.password }));
    for (let i = 0; i < 4; i++) await core.checkNow();
    await core.saveSettings(draft({ neo4jPassword: 'wrong-for-the-log-test' }));
    for (let i = 0; i < 3; i++) await core.checkNow();
    await core.stop();
    const lines = readFileSync(join(dataDir, 'logs', 'walltrack-monitor.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg: string; level: number; kind?: string });
    const neo4jLines = lines.filter((l) => l.msg.startsWith('default/neo4j: '));
    expect(neo4jLines.map((l) => l.msg)).toEqual([
      'default/neo4j: settings changed, reconnecting',
      'default/neo4j: unknown -> healthy',
      'default/neo4j: settings changed, reconnecting',
      'default/neo4j: unknown -> down',
    ]);
    expect(neo4jLines[3]).toMatchObject({ level: 50, kind: 'auth_failed' });
    expect(lines.some((l) => l.msg === 'check')).toBe(false);
  });

  it('stop() is bounded and idempotent', async () => {
    const core = newCore();
    await core.start();
    await core.saveSettings(draft({ neo4jPassword: services.neo4j.password }));
    const order: string[] = [];
    core.on('stopped', ({ at }) => order.push(`stopped ${typeof at}`));
    const started = Date.now();
    const stops = Promise.all([core.stop(2_000), core.stop(2_000)]);
    order.push('stop() returned');
    await stops;
    expect(Date.now() - started).toBeLessThan(3_000);
    // Told once, as soon as stopping begins, so windows stop showing the last snapshot as live.
    expect(order).toEqual(['stopped string', 'stop() returned']);
  });
});

describe('createMonitorCore: keychain failures heal themselves', () => {
  const UNREACHABLE = 'unix:path=/nonexistent';
  afterEach(() => vi.unstubAllEnvs());

  /** Neo4j configured and its password in the keychain (saved by a first core), then D-Bus made unreachable. */
  async function savedThenKeyringGone(): Promise<void> {
    const setup = newCore();
    await setup.saveSettings(draft({ neo4jPassword: services.neo4j.password }));
    await setup.stop();
    vi.stubEnv('DBUS_SESSION_BUS_ADDRESS', UNREACHABLE);
  }

  it('a database whose password could not be read is checked and healthy on its own once the keyring answers', async () => {
    await savedThenKeyringGone();
    const core = createMonitorCore({ dataDir, vault });
    cores.push(core);
    await core.start();
    await vi.waitFor(() => expect(dbs(core.snapshot()).neo4j!.message).toBeTruthy(), { timeout: 10_000 });
    const waiting = dbs(core.snapshot()).neo4j!;
    expect(waiting.status).toBe('not_configured');
    expect(waiting.hint).toMatch(/Start a Secret Service such as gnome-keyring/);
    vi.unstubAllEnvs();
    // No checkNow, no save, no restart.
    await vi.waitFor(() => expect(dbs(core.snapshot()).neo4j!.status).toBe('healthy'), { timeout: 30_000, interval: 200 });
    expect(dbs(core.snapshot()).neo4j!.target).toBe(services.neo4j.uri);
    expect((await core.getSettings()).secrets.default!.neo4jPassword).toBe('stored');
    expect(waiting.message).toMatch(/^neo4j: not configured — keychain unavailable: Could not read neo4jPassword in the OS keychain \(service "walltrack-monitor-test-/);
  });

  it('Check now reads the keychain again at once, and so does resume', async () => {
    await savedThenKeyringGone();
    // Scheduled retries an hour apart: only Check now / resume can heal within this test.
    const keychainRetry = { firstRetryMs: 3_600_000 };
    const first = createMonitorCore({ dataDir, vault, keychainRetry });
    const second = createMonitorCore({ dataDir, vault, keychainRetry });
    cores.push(first, second);
    await first.start();
    await second.start();
    expect(dbs(await first.checkNow()).neo4j!.status).toBe('not_configured');
    second.pause({});
    vi.unstubAllEnvs();
    expect(dbs(await first.checkNow()).neo4j!.status).toBe('healthy');
    second.resume({});
    await vi.waitFor(() => expect(dbs(second.snapshot()).neo4j!.status).toBe('healthy'), { timeout: 30_000, interval: 200 });
  });

  it('a password whose keychain read failed cannot be kept for a new endpoint: once the keychain answered, it would be read and sent there', async () => {
    await savedThenKeyringGone();
    const core = createMonitorCore({ dataDir, vault, keychainRetry: { firstRetryMs: 3_600_000 } });
    cores.push(core);
    await core.start();
    const before = readFileSync(join(dataDir, 'settings.json'), 'utf8');
    const moved = draft({ neo4jUri: 'bolt://127.0.0.1:1' });
    await expect(core.saveSettings(moved)).rejects.toMatchObject({
      field: 'secrets.default.neo4jPassword',
      message: 'default: The Neo4j URI changed: enter the password for bolt://127.0.0.1:1',
    });
    await expect(core.testConnection(test(moved, 'neo4j'))).rejects.toMatchObject({ field: 'secrets.default.neo4jPassword' });
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).toBe(before);
  });

  it('200 simultaneous testConnection calls share one keychain read per secret, before and after it failed', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'wt-core-'));
    vault = new CredentialVault({ service: `walltrack-monitor-test-${randomUUID()}` });
    const started: string[] = [];
    const counting = new CredentialVault({ service: vault.service, runner: (request, timeoutMs) => (started.push(request.account), runKeychainCall(request, timeoutMs)) });
    const core = createMonitorCore({ dataDir, vault: counting });
    cores.push(core);
    await core.start();
    vi.stubEnv('DBUS_SESSION_BUS_ADDRESS', UNREACHABLE);
    const burst = () => Promise.all(Array.from({ length: 200 }, () => core.testConnection(test(draft(), 'neo4j')).catch((e: unknown) => e)));
    for (const round of ['not read yet', 'after it failed']) {
      started.length = 0;
      const results = await burst();
      // Both configured databases' secrets, once each (a retry may add one).
      expect(started.length, round).toBeLessThanOrEqual(4);
      // Nothing saved yet and the keychain unreadable: a stored password cannot be ruled out, so it is not kept for this URI.
      for (const r of results) {
        expect(r).toMatchObject({ field: 'secrets.default.neo4jPassword', message: `default: The Neo4j URI changed: enter the password for ${services.neo4j.uri}` });
      }
      expect((results[0] as { hint: string }).hint).toMatch(/^The keychain could not be read \(Could not read neo4jPassword in the OS keychain/);
    }
  });
});
