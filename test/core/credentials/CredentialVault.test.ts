import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { AsyncEntry } from '@napi-rs/keyring';
import { CredentialVault, secretAccount } from '../../../src-main/core/credentials/CredentialVault.js';
import { runKeychainCall, type KeychainRunner } from '../../../src-main/core/credentials/keychainProcess.js';
import { KeychainThread } from '../../../src-main/core/credentials/keychainThread.js';
import { Secret } from '../../../src-main/core/credentials/Secret.js';
import { CredentialStoreError } from '../../../src-main/core/errors.js';
import { silentBus, startPrivateKeyring } from '../../support/keyring.js';

const run = promisify(execFile);

/** Runs a child until it prints its first line, then kills it. */
function firstLine(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no answer from the fixture within 30 s: ${out}`));
    }, 30_000);
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      if (out.includes('\n')) {
        clearTimeout(timer);
        child.kill('SIGKILL');
        resolve(out.split('\n')[0]!);
      }
    });
  });
}
const FIXTURE = fileURLToPath(new URL('./fixtures/useVault.ts', import.meta.url));
// A service of our own on the test run's private keyring, so nothing real is touched.
const service = `walltrack-monitor-test-${randomUUID()}`;
const vault = new CredentialVault({ service });

afterAll(async () => {
  for (const environment of ['default', 'production', 'staging']) {
    await vault.delete(environment, 'supabaseKey');
    await vault.delete(environment, 'neo4jPassword');
  }
  await vault.deleteAccount('neo4j-password');
});

describe('CredentialVault on the Secret Service', () => {
  it('needs the private session bus the test command provides', () => {
    expect(process.env.DBUS_SESSION_BUS_ADDRESS, 'run tests with `npm test` (private D-Bus + gnome-keyring)').toBeTruthy();
  });

  it('round-trips each secret under its own account, and deletes it', async () => {
    expect(await vault.get('default', 'neo4jPassword')).toBeNull();
    expect(await vault.has('default', 'neo4jPassword')).toBe(false);
    await vault.set('default', 'neo4jPassword', new Secret('n3o-pass-ü'));
    await vault.set('default', 'supabaseKey', new Secret('sb_secret_abc'));
    const got = await vault.get('default', 'neo4jPassword');
    expect(got).toBeInstanceOf(Secret);
    expect(got!.reveal()).toBe('n3o-pass-ü');
    expect(String(got)).toBe('[redacted]');
    expect((await vault.get('default', 'supabaseKey'))!.reveal()).toBe('sb_secret_abc');
    // Replace, then delete.
    await vault.set('default', 'neo4jPassword', new Secret('second'));
    expect((await vault.get('default', 'neo4jPassword'))!.reveal()).toBe('second');
    await vault.delete('default', 'neo4jPassword');
    expect(await vault.has('default', 'neo4jPassword')).toBe(false);
    await vault.delete('default', 'neo4jPassword'); // deleting nothing is fine
    expect(await vault.has('default', 'supabaseKey')).toBe(true);
  });

  it('keeps each environment\'s secrets under "<environment>/<account>" in the keychain', async () => {
    expect(secretAccount('production', 'neo4jPassword')).toBe('production/neo4j-password');
    expect(secretAccount('eu-staging', 'supabaseKey')).toBe('eu-staging/supabase-api-key');
    expect(() => secretAccount('production', 'mysqlPassword')).toThrow('Unknown secret "mysqlPassword"');
    await vault.set('production', 'neo4jPassword', new Secret('prod-pw'));
    await vault.set('staging', 'neo4jPassword', new Secret('staging-pw'));
    await vault.set('production', 'supabaseKey', new Secret('prod-key'));
    // Really in the keychain, under the documented account names.
    expect(await new AsyncEntry(service, 'production/neo4j-password').getPassword()).toBe('prod-pw');
    expect(await new AsyncEntry(service, 'staging/neo4j-password').getPassword()).toBe('staging-pw');
    expect(await new AsyncEntry(service, 'production/supabase-api-key').getPassword()).toBe('prod-key');
    expect((await vault.get('staging', 'neo4jPassword'))!.reveal()).toBe('staging-pw');
    await vault.delete('staging', 'neo4jPassword');
    expect(await new AsyncEntry(service, 'staging/neo4j-password').getPassword()).toBeNull();
    expect((await vault.get('production', 'neo4jPassword'))!.reveal()).toBe('prod-pw');
  });

  it('reads, writes and deletes raw accounts (the version-1 ones, for their migration)', async () => {
    await new AsyncEntry(service, 'neo4j-password').setPassword('v1-pw');
    expect((await vault.readAccount('neo4j-password'))!.reveal()).toBe('v1-pw');
    await vault.writeAccount('default/neo4j-password', new Secret('moved-pw'));
    expect((await vault.get('default', 'neo4jPassword'))!.reveal()).toBe('moved-pw');
    await vault.deleteAccount('neo4j-password');
    expect(await vault.readAccount('neo4j-password')).toBeNull();
    expect(await new AsyncEntry(service, 'neo4j-password').getPassword()).toBeNull();
    await expect(vault.writeAccount('neo4j-password', new Secret(''))).rejects.toThrow('Refusing to store an empty neo4j-password in the keychain');
  });

  it('round-trips through the worker-thread runner Electron uses', async () => {
    const thread = new KeychainThread();
    const threaded = new CredentialVault({ service, runner: (request, timeoutMs) => thread.call(request, timeoutMs) });
    await threaded.set('default', 'supabaseKey', new Secret('via-thread'));
    expect((await vault.get('default', 'supabaseKey'))!.reveal()).toBe('via-thread');
    await threaded.delete('default', 'supabaseKey');
    expect(await threaded.has('default', 'supabaseKey')).toBe(false);
  });

  it('refuses to store an empty secret', async () => {
    await expect(vault.set('default', 'neo4jPassword', new Secret(''))).rejects.toBeInstanceOf(CredentialStoreError);
  });
});

describe('CredentialVault without a keychain', () => {
  it.each(['get', 'set'])('%s fails with a CredentialStoreError and an operator hint when D-Bus is unreachable', async (action) => {
    const secret = `never-stored-${randomUUID()}`;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', FIXTURE, action, service], {
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent', FIXTURE_SECRET: secret },
      timeout: 30_000,
    });
    const outcome = JSON.parse(stdout) as { ok: boolean; name: string; message: string; hint: string; cause: string };
    expect(outcome.ok).toBe(false);
    expect(outcome.name).toBe('CredentialStoreError');
    expect(outcome.message).toMatch(/OS keychain \(service "walltrack-monitor-test-.*", account "default\/neo4j-password"\)/);
    expect(outcome.hint).toMatch(/start a Secret Service such as gnome-keyring.*unlock it/i);
    expect(outcome.cause).toMatch(/DBus|D-Bus|nonexistent/i);
    expect(stdout).not.toContain(secret);
  });

  it('fails with a CredentialStoreError and the unlock hint when the keyring is locked', async () => {
    // A keyring of our own, locked over D-Bus after a secret was stored: the shared one stays unlocked.
    const keyring = await startPrivateKeyring();
    try {
      const env = { ...process.env, ...keyring.env };
      expect(JSON.parse((await run(process.execPath, ['--import', 'tsx', FIXTURE, 'set', service], { env })).stdout)).toEqual({ ok: true });
      await run('dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.secrets', '/org/freedesktop/secrets', 'org.freedesktop.Secret.Service.Lock', 'array:objpath:/org/freedesktop/secrets/collection/login'], { env });
      const outcome = JSON.parse((await run(process.execPath, ['--import', 'tsx', FIXTURE, 'get', service], { env, timeout: 30_000 })).stdout);
      expect(outcome).toMatchObject({ ok: false, name: 'CredentialStoreError' });
      expect(outcome.message).toMatch(/Could not read neo4jPassword in the OS keychain.*(locked|unlock|prompt)/i);
      expect(outcome.hint).toMatch(/unlock it/);
      expect(outcome.message).not.toContain('fixture-secret');
    } finally {
      await keyring.stop();
    }
  });

  it.each(['process', 'thread'])('gives up on a keychain that never answers, within its timeout (%s runner)', async (runner) => {
    const bus = await silentBus();
    try {
      const started = Date.now();
      // The event loop stays free while the call hangs: the answer comes from our own timeout.
      // (A thread stuck in native code cannot be joined, so that child is killed once it has answered.)
      const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: bus.address, FIXTURE_TIMEOUT_MS: '1500', FIXTURE_RUNNER: runner };
      const args = ['--import', 'tsx', FIXTURE, 'get', service];
      // The process runner kills its helper, so the fixture also exits by itself.
      const stdout = runner === 'process' ? (await run(process.execPath, args, { env, timeout: 30_000 })).stdout : await firstLine(args, env);
      const outcome = JSON.parse(stdout) as { ok: boolean; name: string; message: string; hint: string };
      expect(outcome).toMatchObject({ ok: false, name: 'CredentialStoreError' });
      expect(outcome.message).toMatch(/no answer within 1500 ms/);
      expect(outcome.hint).toMatch(/gnome-keyring/);
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      bus.close();
    }
  });
});

/** The real helper-process runner, counted: calls started, and the most running at once for one account. */
function countedRunner() {
  const stats = { started: 0, maxRunning: 0 };
  const running = new Map<string, number>();
  const runner: KeychainRunner = async (request, timeoutMs) => {
    stats.started++;
    const now = (running.get(request.account) ?? 0) + 1;
    running.set(request.account, now);
    stats.maxRunning = Math.max(stats.maxRunning, now);
    try {
      return await runKeychainCall(request, timeoutMs);
    } finally {
      running.set(request.account, running.get(request.account)! - 1);
    }
  };
  return { stats, runner };
}

describe('CredentialVault: one keychain call per account at a time', () => {
  it('200 simultaneous reads of one secret start at most a handful of helper processes, and all get the value', async () => {
    await vault.set('default', 'neo4jPassword', new Secret('joined-read'));
    const { stats, runner } = countedRunner();
    const counting = new CredentialVault({ service, runner });
    const values = await Promise.all(Array.from({ length: 200 }, () => counting.get('default', 'neo4jPassword')));
    expect(values.map((v) => v?.reveal())).toEqual(Array<string>(200).fill('joined-read'));
    expect(stats.started).toBeLessThanOrEqual(3);
    expect(stats.maxRunning).toBe(1);
    await vault.delete('default', 'neo4jPassword');
  });

  it('200 simultaneous reads while D-Bus is unreachable share one failed call', async () => {
    vi.stubEnv('DBUS_SESSION_BUS_ADDRESS', 'unix:path=/nonexistent');
    try {
      const { stats, runner } = countedRunner();
      const counting = new CredentialVault({ service, runner });
      const outcomes = await Promise.all(Array.from({ length: 200 }, () => counting.get('default', 'supabaseKey').then(() => null, (e: unknown) => e)));
      for (const e of outcomes) expect(e).toBeInstanceOf(CredentialStoreError);
      expect((outcomes[0] as Error).message).toMatch(/Could not read supabaseKey in the OS keychain/);
      expect(stats.started).toBeLessThanOrEqual(3);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('a read asked for after a write sees the written value, and calls for one account never overlap', async () => {
    const { stats, runner } = countedRunner();
    const counting = new CredentialVault({ service, runner });
    await counting.set('default', 'supabaseKey', new Secret('before'));
    const first = counting.get('default', 'supabaseKey');
    const write = counting.set('default', 'supabaseKey', new Secret('after'));
    const second = counting.get('default', 'supabaseKey');
    const removal = counting.delete('default', 'supabaseKey');
    const third = counting.get('default', 'supabaseKey');
    expect((await first)?.reveal()).toBe('before');
    await write;
    expect((await second)?.reveal()).toBe('after');
    await removal;
    expect(await third).toBeNull();
    expect(stats.maxRunning).toBe(1);
  });
});
