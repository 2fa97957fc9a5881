/**
 * Writes secret changes to the keychain, then commits the settings file; if anything fails, the
 * secrets already written are put back, so a failed save leaves keychain and file as they were.
 */
import type { EnvironmentId } from '../common/schemas.js';
import type { SecretName } from '../common/settings-schema.js';
import type { SecretVault } from './credentials/CredentialVault.js';
import type { Secret } from './credentials/Secret.js';

/** One secret to write (a Secret) or delete (null). */
export interface SecretWrite {
  environment: EnvironmentId;
  name: SecretName;
  value: Secret | null;
}

export async function writeSecretsThen(vault: SecretVault, writes: readonly SecretWrite[], commit: () => void): Promise<void> {
  // Each previous value is read from the keychain itself, not a cache: a database configured after
  // start() never had its secret read, and putting back "nothing" would delete a stored secret.
  const written: (SecretWrite & { previous: Secret | null | undefined })[] = [];
  try {
    for (const write of writes) {
      const { environment, name, value } = write;
      const previous = await vault.get(environment, name).catch(() => undefined);
      if (value) await vault.set(environment, name, value);
      else await vault.delete(environment, name);
      written.push({ ...write, previous });
    }
    commit();
  } catch (error) {
    for (const { environment, name, previous } of written.reverse()) {
      // A secret whose previous value could not be read is left as written rather than deleted.
      if (previous === undefined) continue;
      await (previous ? vault.set(environment, name, previous) : vault.delete(environment, name)).catch(() => undefined);
    }
    throw error;
  }
}
