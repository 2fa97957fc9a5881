/**
 * Version-1 keychain accounts (before environments) had no environment prefix: "neo4j-password"
 * instead of "default/neo4j-password". migrateToEnvironments moves them; until it has, the secret
 * of the environment "default" may still sit only under the old account.
 */
import { DATABASE_KINDS, type SecretName } from '../../common/databases.js';
import type { EnvironmentId } from '../../common/schemas.js';
import { DEFAULT_ENVIRONMENT_ID } from '../../common/settings-schema.js';
import type { SecretVault } from './CredentialVault.js';

/** Each secret's version-1 account: the registry's account suffix alone, e.g. neo4jPassword → "neo4j-password". */
export function version1Accounts(): { name: SecretName; account: string }[] {
  return DATABASE_KINDS.map((kind) => ({ name: kind.secret.name, account: kind.secret.account }));
}

/** The version-1 account a secret of `environment` replaces, e.g. "neo4j-password"; null for every environment but "default". */
export function legacyAccount(environment: EnvironmentId, name: SecretName): string | null {
  if (environment !== DEFAULT_ENVIRONMENT_ID) return null;
  return version1Accounts().find((a) => a.name === name)?.account ?? null;
}

/**
 * `vault`, except that for the environment "default" a secret absent from its own account is read from
 * the version-1 account, so nothing reports "not set" while the migration is pending (e.g. the keychain
 * was locked when it ran). Reads never write: copying stays the migration's job (no lazy copy), so a read
 * cannot race it. Writing or removing the secret also removes the version-1 account, which the new value
 * supersedes; otherwise a removed secret would come back from it, and a replaced one look like a conflict.
 */
export function withLegacyAccounts(vault: SecretVault): SecretVault {
  const removeLegacy = async (environment: EnvironmentId, name: SecretName) => {
    const account = legacyAccount(environment, name);
    if (account) await vault.deleteAccount(account);
  };
  const get = async (environment: EnvironmentId, name: SecretName) => {
    const secret = await vault.get(environment, name);
    const account = legacyAccount(environment, name);
    return secret ?? (account ? vault.readAccount(account) : null);
  };
  return {
    get,
    has: async (environment, name) => (await get(environment, name)) !== null,
    async set(environment, name, secret) {
      await vault.set(environment, name, secret);
      await removeLegacy(environment, name);
    },
    async delete(environment, name) {
      await vault.delete(environment, name);
      await removeLegacy(environment, name);
    },
    readAccount: (account) => vault.readAccount(account),
    writeAccount: (account, secret) => vault.writeAccount(account, secret),
    deleteAccount: (account) => vault.deleteAccount(account),
  };
}
