/** Keychain doubles for core tests: the run's real keyring with some calls replaced. */
import type { CredentialVault, SecretVault } from '../../src-main/core/credentials/CredentialVault.js';

/** Every call goes to `real` except those in `change`. */
export function vaultWith(real: CredentialVault, change: Partial<SecretVault> = {}): SecretVault {
  return {
    get: (environment, name) => real.get(environment, name),
    set: (environment, name, secret) => real.set(environment, name, secret),
    delete: (environment, name) => real.delete(environment, name),
    has: (environment, name) => real.has(environment, name),
    readAccount: (account) => real.readAccount(account),
    writeAccount: (account, secret) => real.writeAccount(account, secret),
    deleteAccount: (account) => real.deleteAccount(account),
    ...change,
  };
}
