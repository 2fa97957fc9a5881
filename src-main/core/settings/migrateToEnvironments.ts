/**
 * Moves a version-1 install (one unnamed pair of databases) into the environment "default": each
 * version-1 keychain account is copied to "default/<account>", then the settings file is rewritten as
 * version 2, then the version-1 accounts are deleted. Each step is safe to repeat and nothing is removed
 * before its copy exists, so a run that stops anywhere (crash, locked or hung keychain, unwritable file)
 * loses nothing, and the next run finishes the job. Until then the settings are version 2 in memory
 * (SettingsStore converts) and withLegacyAccounts still finds a secret under its version-1 account.
 */
import { DEFAULT_ENVIRONMENT_ID } from '../../common/settings-schema.js';
import { secretAccount, type SecretVault } from '../credentials/CredentialVault.js';
import { version1Accounts } from '../credentials/legacyAccounts.js';
import type { Logger } from '../logging.js';
import type { SettingsStore } from './SettingsStore.js';

export type MigrationStep = 'copy' | 'file' | 'delete';

export interface MigrationOutcome {
  /** "done": nothing left to do; "pending": stopped at `stoppedAt` (null when done), and the next run goes on from there. */
  status: 'done' | 'pending';
  stoppedAt: MigrationStep | null;
  /** Version-1 accounts copied to "default/…" by this run. */
  copied: string[];
  /** Whether this run rewrote the settings file as version 2. */
  fileWritten: boolean;
  /** Version-1 accounts deleted by this run (their secret is under "default/…"). */
  deleted: string[];
  /** Version-1 accounts left alone because "default/…" already holds a different secret, which wins. */
  kept: string[];
}

export interface MigrationOptions {
  store: SettingsStore;
  vault: SecretVault;
  logger: Logger;
}

const WHY_PENDING = 'nothing was lost, and the next start finishes the migration';

export async function migrateToEnvironments({ store, vault, logger }: MigrationOptions): Promise<MigrationOutcome> {
  const outcome: MigrationOutcome = { status: 'pending', stoppedAt: null, copied: [], fileWritten: false, deleted: [], kept: [] };
  const stop = (step: MigrationStep, error: unknown, what: string): MigrationOutcome => {
    logger.warn({ step, err: (error as Error).message }, `Migration to environments paused: ${what}; ${WHY_PENDING}`);
    return { ...outcome, stoppedAt: step };
  };

  // 1. Copy. Stops at the first keychain failure: a hung keychain costs one timeout, not one per account.
  const safe: string[] = [];
  try {
    for (const { name, account } of version1Accounts()) {
      const secret = await vault.readAccount(account);
      if (!secret) continue;
      const target = secretAccount(DEFAULT_ENVIRONMENT_ID, name);
      const present = await vault.readAccount(target);
      if (present && !present.equals(secret)) {
        outcome.kept.push(account);
        logger.warn(
          { account, target },
          `Keychain account "${target}" already holds a different secret, which is used; the version-1 account "${account}" was left as it is (delete it with your keychain tool once you no longer need it)`,
        );
        continue;
      }
      if (!present) {
        await vault.writeAccount(target, secret);
        outcome.copied.push(account);
        logger.info({ account, target }, `Copied keychain account "${account}" to "${target}"`);
      }
      safe.push(account);
    }
  } catch (error) {
    return stop('copy', error, 'could not copy the version-1 keychain accounts, so the settings file stays at version 1');
  }

  // 2. The file, only once every secret it will point at is under its new account.
  if (store.fileIsVersion1) {
    try {
      store.save(store.get());
    } catch (error) {
      return stop('file', error, `could not rewrite ${store.path} as version 2, so the version-1 keychain accounts stay`);
    }
    outcome.fileWritten = true;
    logger.info({ settingsFile: store.path }, `Rewrote ${store.path} as version 2: its databases are now the environment "default"`);
  }

  // 3. Delete what is safely copied.
  try {
    for (const account of safe) {
      await vault.deleteAccount(account);
      outcome.deleted.push(account);
      logger.info({ account }, `Deleted the version-1 keychain account "${account}"`);
    }
  } catch (error) {
    return stop('delete', error, 'could not delete a version-1 keychain account (its secret is already under "default/…")');
  }
  return { ...outcome, status: 'done' };
}
