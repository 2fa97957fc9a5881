/**
 * Smoke tests for the private Secret Service through the real @napi-rs/keyring: a round trip on
 * the private keyring, and a process without D-Bus failing instead of finding some other keyring.
 * Entries pin the Secret Service store: unpinned, @napi-rs/keyring silently falls back to the
 * kernel keyutils keyring when no Secret Service answers, which would hide a broken set-up.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Entry } from '@napi-rs/keyring';
import { describe, expect, it } from 'vitest';
import { assertPrivateKeyring, noDbusEnv, TEST_KEYCHAIN_SERVICE, usingPrivateKeyring } from './keyring.js';

const execFileAsync = promisify(execFile);
const SECRET_SERVICE = { linux: { store: 'secret-service' } } as const;

describe('private Secret Service (gnome-keyring on a private D-Bus)', () => {
  it('is what this worker talks to', () => {
    expect(usingPrivateKeyring()).toBe(true);
    expect(() => assertPrivateKeyring()).not.toThrow();
  });

  it('stores, reads and deletes a secret', () => {
    assertPrivateKeyring();
    const entry = new Entry(TEST_KEYCHAIN_SERVICE, `smoke-${process.pid}`, SECRET_SERVICE);
    entry.setPassword('s3cret-value');
    try {
      expect(entry.getPassword()).toBe('s3cret-value');
    } finally {
      expect(entry.deletePassword()).toBe(true);
    }
    expect(entry.getPassword()).toBeNull();
  });

  it('noDbusEnv gives a process in which the keychain is unavailable', async () => {
    const script = `
      const { Entry } = require('@napi-rs/keyring');
      try { new Entry('${TEST_KEYCHAIN_SERVICE}', 'x', ${JSON.stringify(SECRET_SERVICE)}).getPassword(); console.log('REACHABLE'); }
      catch (e) { console.log('UNAVAILABLE ' + e.message); }`;
    const { stdout } = await execFileAsync(process.execPath, ['-e', script], { env: noDbusEnv(), timeout: 20_000 });
    expect(stdout).toMatch(/^UNAVAILABLE /);
  });
});
