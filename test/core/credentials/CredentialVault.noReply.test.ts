import { describe, expect, it } from 'vitest';
import { CredentialVault } from '../../../src-main/core/credentials/CredentialVault.js';
import type { KeychainRequest, KeychainRunner } from '../../../src-main/core/credentials/keychainProcess.js';
import { Secret } from '../../../src-main/core/credentials/Secret.js';
import { CredentialStoreError } from '../../../src-main/core/errors.js';

// What @napi-rs/keyring reports when gnome-keyring takes longer than its 2 s D-Bus method timeout (seen on a loaded CI machine).
const NO_REPLY =
  'Platform failure: DBus error: Did not receive a reply. Possible causes include: the remote application did not send a reply, ' +
  'the message bus security policy blocked the reply, the reply timeout expired, or the network connection was broken.';

/** A runner that fails with `failures` in turn, then answers `value`; it records each call's time budget. */
function scripted(failures: string[], value: string | null = 'stored') {
  const budgets: number[] = [];
  const ops: KeychainRequest['op'][] = [];
  const runner: KeychainRunner = async (request, timeoutMs) => {
    budgets.push(timeoutMs);
    ops.push(request.op);
    const failure = failures.shift();
    if (failure !== undefined) throw new Error(failure);
    return request.op === 'get' ? value : null;
  };
  return { runner, budgets, ops };
}

describe('CredentialVault when the keychain answers too late for the library (D-Bus "Did not receive a reply")', () => {
  it.each(['get', 'set', 'delete'] as const)('%s asks again and succeeds when the second call is answered', async (op) => {
    const { runner, ops } = scripted([NO_REPLY]);
    const vault = new CredentialVault({ service: 'svc', runner, platform: 'linux', timeoutMs: 10_000 });
    if (op === 'get') expect((await vault.get('default', 'neo4jPassword'))!.reveal()).toBe('stored');
    if (op === 'set') await vault.set('default', 'neo4jPassword', new Secret('x'));
    if (op === 'delete') await vault.delete('default', 'neo4jPassword');
    expect(ops).toEqual([op, op]);
  });

  it('each retry gets only what is left of the one deadline, and the last failure is reported when it runs out', async () => {
    const { runner, budgets } = scripted(Array.from({ length: 50 }, () => NO_REPLY));
    const vault = new CredentialVault({ service: 'svc', runner, platform: 'linux', timeoutMs: 1_000 });
    const started = Date.now();
    const error = await vault.get('default', 'supabaseKey').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialStoreError);
    expect((error as Error).message).toContain('Could not read supabaseKey');
    expect((error as Error).message).toContain('Did not receive a reply');
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(budgets.length).toBeGreaterThan(1);
    expect(budgets[0]).toBe(1_000);
    for (let i = 1; i < budgets.length; i++) expect(budgets[i]).toBeLessThan(budgets[i - 1]!);
  });

  it('does not retry other failures (a locked collection, a missing bus): the first one is the answer', async () => {
    const { runner, ops } = scripted(['Platform failure: the collection is locked', 'never reached']);
    const vault = new CredentialVault({ service: 'svc', runner, platform: 'linux' });
    await expect(vault.get('default', 'supabaseKey')).rejects.toThrow(/the collection is locked/);
    expect(ops).toEqual(['get']);
  });
});
