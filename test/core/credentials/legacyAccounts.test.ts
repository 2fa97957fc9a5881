/** withLegacyAccounts: the environment "default" reads a secret still under its version-1 account; fast (in memory). */
import { describe, expect, it } from 'vitest';
import { legacyAccount, withLegacyAccounts } from '../../../src-main/core/credentials/legacyAccounts.js';
import { Secret } from '../../../src-main/core/credentials/Secret.js';
import { CredentialStoreError } from '../../../src-main/core/errors.js';
import { MemoryVault } from '../../support/memoryVault.js';

describe('legacyAccount', () => {
  it('names the version-1 account of each secret of the environment "default", and none for other environments', () => {
    expect(legacyAccount('default', 'supabaseKey')).toBe('supabase-api-key');
    expect(legacyAccount('default', 'neo4jPassword')).toBe('neo4j-password');
    expect(legacyAccount('production', 'neo4jPassword')).toBeNull();
    expect(legacyAccount('default', 'nonsense')).toBeNull();
  });
});

describe('withLegacyAccounts', () => {
  it('reads the version-1 account when "default/…" is absent, without copying it (reads never write)', async () => {
    const raw = new MemoryVault({ 'neo4j-password': 'old-pass' });
    const vault = withLegacyAccounts(raw);
    expect((await vault.get('default', 'neo4jPassword'))?.reveal()).toBe('old-pass');
    expect(await vault.has('default', 'neo4jPassword')).toBe(true);
    expect(raw.calls).toEqual(['read default/neo4j-password', 'read neo4j-password', 'read default/neo4j-password', 'read neo4j-password']);
    expect(raw.contents()).toEqual({ 'neo4j-password': 'old-pass' });
  });

  it('prefers "default/…" and then does not read the version-1 account at all', async () => {
    const raw = new MemoryVault({ 'neo4j-password': 'old-pass', 'default/neo4j-password': 'new-pass' });
    expect((await withLegacyAccounts(raw).get('default', 'neo4jPassword'))?.reveal()).toBe('new-pass');
    expect(raw.calls).toEqual(['read default/neo4j-password']);
  });

  it('reports "not set" only when neither account holds the secret', async () => {
    const raw = new MemoryVault({ 'supabase-api-key': 'sb_old' });
    const vault = withLegacyAccounts(raw);
    expect(await vault.get('default', 'neo4jPassword')).toBeNull();
    expect(await vault.has('default', 'neo4jPassword')).toBe(false);
  });

  it('other environments never fall back to a version-1 account', async () => {
    const raw = new MemoryVault({ 'neo4j-password': 'old-pass' });
    const vault = withLegacyAccounts(raw);
    expect(await vault.get('production', 'neo4jPassword')).toBeNull();
    expect(await vault.has('production', 'neo4jPassword')).toBe(false);
    expect(raw.calls).toEqual(['read production/neo4j-password', 'read production/neo4j-password']);
  });

  it('a failed read of the version-1 account is an error, never "not set"', async () => {
    const raw = new MemoryVault({ 'neo4j-password': 'old-pass' });
    raw.failWhen = (op, account) => op === 'read' && account === 'neo4j-password';
    await expect(withLegacyAccounts(raw).get('default', 'neo4jPassword')).rejects.toBeInstanceOf(CredentialStoreError);
    await expect(withLegacyAccounts(raw).has('default', 'neo4jPassword')).rejects.toThrow(/neo4j-password.*locked/);
  });

  it('a secret written for "default" supersedes the version-1 account, which is removed', async () => {
    const raw = new MemoryVault({ 'neo4j-password': 'old-pass', 'supabase-api-key': 'sb_old' });
    const vault = withLegacyAccounts(raw);
    await vault.set('default', 'neo4jPassword', new Secret('typed-anew'));
    expect(raw.contents()).toEqual({ 'default/neo4j-password': 'typed-anew', 'supabase-api-key': 'sb_old' });
    expect((await vault.get('default', 'neo4jPassword'))?.reveal()).toBe('typed-anew');
  });

  it('a secret removed from "default" does not come back from the version-1 account', async () => {
    const raw = new MemoryVault({ 'neo4j-password': 'old-pass', 'default/neo4j-password': 'new-pass', 'supabase-api-key': 'sb_old' });
    const vault = withLegacyAccounts(raw);
    await vault.delete('default', 'neo4jPassword');
    expect(await vault.has('default', 'neo4jPassword')).toBe(false);
    expect(raw.contents()).toEqual({ 'supabase-api-key': 'sb_old' });
  });

  it('other environments write and remove only their own account', async () => {
    const raw = new MemoryVault({ 'neo4j-password': 'old-pass' });
    const vault = withLegacyAccounts(raw);
    await vault.set('staging', 'neo4jPassword', new Secret('staging-pass'));
    expect(raw.contents()).toEqual({ 'neo4j-password': 'old-pass', 'staging/neo4j-password': 'staging-pass' });
    await vault.delete('staging', 'neo4jPassword');
    expect(raw.contents()).toEqual({ 'neo4j-password': 'old-pass' });
    expect(raw.calls).toEqual(['write staging/neo4j-password', 'delete staging/neo4j-password']);
  });

  it('passes raw account calls through unchanged', async () => {
    const raw = new MemoryVault();
    const vault = withLegacyAccounts(raw);
    await vault.writeAccount('neo4j-password', new Secret('v1'));
    expect((await vault.readAccount('neo4j-password'))?.reveal()).toBe('v1');
    await vault.deleteAccount('neo4j-password');
    expect(raw.calls).toEqual(['write neo4j-password', 'read neo4j-password', 'delete neo4j-password']);
    expect(raw.contents()).toEqual({});
  });
});
