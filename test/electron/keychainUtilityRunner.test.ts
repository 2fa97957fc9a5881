/**
 * The Electron keychain runner with the real host module (src-main/electron/keychainHost.ts)
 * against the test run's private gnome-keyring. The electron fake's utilityProcess.fork runs the
 * host in a real Node child whose IPC channel stands in for process.parentPort.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { AsyncEntry } from '@napi-rs/keyring';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as electron from '../mocks/electron.js';
import { CredentialVault, secretAccount } from '../../src-main/core/credentials/CredentialVault.js';
import { KeychainTimeoutError } from '../../src-main/core/credentials/keychainProcess.js';
import { Secret } from '../../src-main/core/credentials/Secret.js';
import { CredentialStoreError } from '../../src-main/core/errors.js';
import { createKeychainUtilityRunner } from '../../src-main/electron/keychainUtilityRunner.js';
import { silentBus } from '../support/keyring.js';

const run = promisify(execFile);
const HOST = fileURLToPath(new URL('../../src-main/electron/keychainHost.ts', import.meta.url));
const HUNG_CALL = fileURLToPath(new URL('./fixtures/hungKeychainCall.ts', import.meta.url));
const EXITING_HOST = fileURLToPath(new URL('./fixtures/exitingKeychainHost.mjs', import.meta.url));
const GARBLED_HOST = fileURLToPath(new URL('./fixtures/garbledKeychainHost.mjs', import.meta.url));
// A service of our own on the private keyring: nothing real, and no other test's entries, are touched.
const service = `walltrack-monitor-test-${randomUUID()}`;

const vaultWith = (options: { hostPath?: string; timeoutMs?: number } = {}) =>
  new CredentialVault({
    service,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    runner: createKeychainUtilityRunner({ fork: electron.utilityProcess.fork, hostPath: options.hostPath ?? HOST }),
  });

/** True while a process with this pid exists (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

beforeEach(() => {
  electron.resetElectronFake();
  electron.app.fakeReady();
});

afterAll(async () => {
  vi.unstubAllEnvs();
  for (const account of [secretAccount('default', 'neo4jPassword'), secretAccount('default', 'supabaseKey')]) await new AsyncEntry(service, account).deleteCredential().catch(() => undefined);
  electron.resetElectronFake();
});

describe('keychain calls in a utility process', () => {
  it('needs the private session bus the test command provides', () => {
    expect(process.env.DBUS_SESSION_BUS_ADDRESS, 'run tests with `npm test` (private D-Bus + gnome-keyring)').toBeTruthy();
  });

  it('round-trips set / get / delete through the real host, one process per call, each gone afterwards', async () => {
    const vault = vaultWith();
    expect(await vault.get('default', 'neo4jPassword')).toBeNull();
    await vault.set('default', 'neo4jPassword', new Secret('utility-pass-ü'));
    // Really in the keychain, under the documented account.
    expect(await new AsyncEntry(service, 'default/neo4j-password').getPassword()).toBe('utility-pass-ü');
    expect((await vault.get('default', 'neo4jPassword'))!.reveal()).toBe('utility-pass-ü');
    await vault.delete('default', 'neo4jPassword');
    expect(await vault.has('default', 'neo4jPassword')).toBe(false);

    const forks = electron.utilityProcess.fakeForks;
    expect(forks).toHaveLength(5);
    for (const f of forks) expect(f.modulePath).toBe(HOST);
    await vi.waitFor(() => expect(forks.every((f) => f.process.exited)).toBe(true));
    for (const f of forks) expect(alive(f.process.child.pid!)).toBe(false);
  });

  it('sends the secret only over the message channel: never in the fork arguments, argv or environment', async () => {
    const secret = `never-in-argv-${randomUUID()}`;
    await vaultWith().set('default', 'supabaseKey', new Secret(secret));
    const [fork] = electron.utilityProcess.fakeForks;
    expect(fork).toBeDefined();
    expect(JSON.stringify([fork!.modulePath, fork!.args, fork!.options])).not.toContain(secret);
    expect(fork!.options.env).toBeUndefined(); // the default environment, nothing added
    // What the OS shows of the running child (read from /proc once it had spawned).
    expect(fork!.cmdline, 'no /proc cmdline: these checks need Linux').toBeTruthy();
    expect(fork!.environ).toBeTruthy();
    expect(fork!.cmdline).not.toContain(secret);
    expect(fork!.environ).not.toContain(secret);
    // ...and it did reach the keychain.
    expect(await new AsyncEntry(service, 'default/supabase-api-key').getPassword()).toBe(secret);
  });

  it.each(['get', 'set'] as const)('%s with D-Bus unreachable fails with a CredentialStoreError and the operator hint', async (op) => {
    vi.stubEnv('DBUS_SESSION_BUS_ADDRESS', 'unix:path=/nonexistent');
    const secret = `unreachable-${randomUUID()}`;
    const vault = vaultWith();
    const call = op === 'get' ? vault.get('default', 'neo4jPassword') : vault.set('default', 'neo4jPassword', new Secret(secret));
    const error = (await call.then(() => null, (e: unknown) => e)) as CredentialStoreError;
    vi.unstubAllEnvs();
    expect(error).toBeInstanceOf(CredentialStoreError);
    expect(error.message).toMatch(new RegExp(`Could not ${op === 'get' ? 'read' : 'write'} neo4jPassword in the OS keychain \\(service "${service}", account "default/neo4j-password"\\)`));
    expect(error.message).toMatch(/DBus|D-Bus|nonexistent/i);
    expect(error.hint).toMatch(/start a Secret Service such as gnome-keyring.*unlock it/i);
    expect(`${error.message} ${error.hint} ${String(error.cause)}`).not.toContain(secret);
  });

  it('kills a host stuck on a bus that never answers, at the timeout, with a KeychainTimeoutError', async () => {
    const bus = await silentBus();
    vi.stubEnv('DBUS_SESSION_BUS_ADDRESS', bus.address);
    try {
      const started = Date.now();
      const error = (await vaultWith({ timeoutMs: 1_500 }).get('default', 'neo4jPassword').then(() => null, (e: unknown) => e)) as CredentialStoreError;
      const elapsed = Date.now() - started;
      expect(error).toBeInstanceOf(CredentialStoreError);
      expect(error.cause).toBeInstanceOf(KeychainTimeoutError);
      expect(error.message).toMatch(/no answer within 1500 ms \(keychain locked or hung\?\)/);
      expect(error.hint).toMatch(/gnome-keyring/);
      expect(elapsed).toBeGreaterThanOrEqual(1_400);
      expect(elapsed).toBeLessThan(6_000);
      // The host got the request and was stuck inside the library, connected to the silent bus...
      expect(bus.connections()).toBeGreaterThan(0);
      const [fork] = electron.utilityProcess.fakeForks;
      expect(fork!.process.fakeMessages).toEqual([]);
      // ...and was ended by a signal (SIGTERM from kill(), or the SIGKILL follow-up), not by itself.
      await vi.waitFor(() => expect(fork!.process.exited).toBe(true));
      expect(['SIGTERM', 'SIGKILL']).toContain(fork!.process.child.signalCode);
      expect(alive(fork!.process.child.pid!)).toBe(false);
    } finally {
      vi.unstubAllEnvs();
      bus.close();
    }
  });

  it('lets its process exit by itself after a hung call timed out (nothing left to block quitting)', async () => {
    const bus = await silentBus();
    try {
      const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: bus.address, FIXTURE_TIMEOUT_MS: '1500' };
      // execFile's timeout would kill the fixture if it hung on; it must exit on its own well before.
      const started = Date.now();
      const { stdout } = await run(process.execPath, ['--import', 'tsx', HUNG_CALL, service], { env, timeout: 30_000 });
      expect(Date.now() - started).toBeLessThan(25_000);
      const outcome = JSON.parse(stdout) as { ok: boolean; name: string; message: string; hostPid: number };
      expect(outcome).toMatchObject({ ok: false, name: 'CredentialStoreError' });
      expect(outcome.message).toMatch(/no answer within 1500 ms/);
      expect(bus.connections()).toBeGreaterThan(0); // the host really was stuck on the bus
      expect(alive(outcome.hostPid)).toBe(false);
    } finally {
      bus.close();
    }
  });

  it('reports a host that exits without answering, with its exit code and last stderr line', async () => {
    const error = (await vaultWith({ hostPath: EXITING_HOST }).get('default', 'neo4jPassword').then(() => null, (e: unknown) => e)) as CredentialStoreError;
    expect(error).toBeInstanceOf(CredentialStoreError);
    expect(error.message).toMatch(/the keychain helper exited with code 3: keychain host fixture: giving up$/);
  });

  it('fails a call whose host answers with something that is not a reply, and ends that host', async () => {
    const error = (await vaultWith({ hostPath: GARBLED_HOST }).get('default', 'neo4jPassword').then(() => null, (e: unknown) => e)) as CredentialStoreError;
    expect(error).toBeInstanceOf(CredentialStoreError);
    expect(error.message).toMatch(/the keychain helper sent an unreadable reply$/);
    const [fork] = electron.utilityProcess.fakeForks;
    await vi.waitFor(() => expect(fork!.process.exited).toBe(true));
  });

  it('reports a fork that Electron refuses (before app ready) as a CredentialStoreError, not a crash', async () => {
    electron.resetElectronFake(); // not ready
    const error = (await vaultWith().get('default', 'neo4jPassword').then(() => null, (e: unknown) => e)) as CredentialStoreError;
    expect(error).toBeInstanceOf(CredentialStoreError);
    expect(error.message).toMatch(/could not start the keychain helper: utilityProcess cannot be created before app is ready/);
  });

  it('the host refuses to run outside a utility process, saying how it must be started', async () => {
    const outcome = await run(process.execPath, ['--import', 'tsx', HOST]).then(() => null, (e: { code: number; stderr: string }) => e);
    expect(outcome?.code).toBe(2);
    expect(outcome?.stderr).toMatch(/start this module with Electron's utilityProcess\.fork/);
  });
});
