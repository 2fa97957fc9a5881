/**
 * A stored secret is used only with the endpoint it was stored for (the rule itself is in
 * common/endpointIdentity.ts, shared with the settings window). Saving, testing and importing
 * refuse to keep a stored secret for a changed endpoint, before anything is written or sent.
 * Works on one environment's database sections.
 */
import { databaseIds, databaseKind, type ExtraSecretField } from '../common/databases.js';
import {
  endpointChange,
  endpointChangeMessage,
  endpointIn,
  extraSecretChangeMessage,
  extraSecretMoved,
  extraSecretUrl,
  publicTarget,
  secretDestination,
  type EndpointField,
} from '../common/endpointIdentity.js';
import type { DatabaseId } from '../common/schemas.js';
import type { SecretName } from '../common/settings-schema.js';
import { secretOf } from './buildProbes.js';
import type { EnvironmentConfig, SecretErrors, SecretValues } from './environmentConfig.js';
import { EndpointChangedError } from './errors.js';
import { SECRET_VARIABLE_OF, variableOf } from './settings/envVariables.js';

export interface SecretUse {
  /** The saved sections: the endpoints the stored secrets belong to. */
  stored: EnvironmentConfig['databases'];
  /** The sections the secrets are about to be used with. */
  next: EnvironmentConfig['databases'];
  /** The stored secrets known so far (a database whose secret was never read has none here). */
  storedSecrets: SecretValues;
  /**
   * Secrets whose keychain read failed: one may be stored, and once the keychain answers it would be
   * read and sent to the new endpoint, so keeping it is refused like keeping a known one.
   */
  unreadable: SecretErrors;
  /** Secrets being replaced or removed: those are not kept, so they may go anywhere. */
  changes: SecretValues;
}

interface Moved {
  database: DatabaseId;
  secret: SecretName;
  change: EndpointField;
  /** Why the keychain could not be read, when it is not known whether a secret is stored at all. */
  unreadable: string | null;
}

function movedSecret(databases: readonly DatabaseId[], use: SecretUse): Moved | null {
  for (const database of databases) {
    const secret = secretOf(database);
    if (secret in use.changes || (!use.storedSecrets[secret] && !use.unreadable[secret])) continue;
    const change = endpointChange(database, use.stored, use.next);
    if (change) return { database, secret, change, unreadable: use.storedSecrets[secret] ? null : (use.unreadable[secret]?.message ?? null) };
  }
  return null;
}

/** Where the stored secret may go, e.g. "bolt://db:7687" or 'user "neo4j" at bolt://db:7687'. */
function storedFor(moved: Moved, stored: SecretUse['stored']): string {
  const endpoint = endpointIn(moved.database, stored);
  return secretDestination(moved.change, stored, endpoint === null ? 'no endpoint (none was saved with it)' : publicTarget(endpoint));
}

/** An extra secret (e.g. the Supabase access token) stored or unreadable whose URL option now points elsewhere. */
function movedExtra(databases: readonly DatabaseId[], use: SecretUse): { database: DatabaseId; extra: ExtraSecretField } | null {
  for (const database of databases) {
    for (const extra of databaseKind(database).extraSecrets ?? []) {
      if (extra.name in use.changes || (!use.storedSecrets[extra.name] && !use.unreadable[extra.name])) continue;
      if (extraSecretMoved(database, extra, use.stored, use.next)) return { database, extra };
    }
  }
  return null;
}

/** For a form's draft (save or test): `field` is the secret to enter again, e.g. "secrets.neo4jPassword". */
export function refuseMovedSecretInDraft(databases: readonly DatabaseId[], use: SecretUse): void {
  const extra = movedExtra(databases, use);
  if (extra) {
    const { database, extra: secret } = extra;
    throw new EndpointChangedError(
      `secrets.${secret.name}`,
      extraSecretChangeMessage(database, secret, use.next),
      { hint: `The stored ${secret.label} is only sent to ${publicTarget(extraSecretUrl(database, secret, use.stored))}; type it for the new URL, or undo the change` },
    );
  }
  const moved = movedSecret(databases, use);
  if (!moved) return;
  throw new EndpointChangedError(`secrets.${moved.secret}`, endpointChangeMessage(moved.change, use.next), {
    hint: moved.unreadable
      ? `The keychain could not be read (${moved.unreadable}), so a stored secret cannot be ruled out, and one is only sent to the endpoint it was stored for: unlock the keychain and try again, type the secret for the new endpoint, or undo the change`
      : `The stored secret is only sent to ${storedFor(moved, use.stored)}; type it for the new endpoint, or undo the change`,
  });
}

/** For a .env import: `field` is the variable the file must add (the kind's secret variable). */
export function refuseMovedSecretInEnv(use: SecretUse): void {
  const extra = movedExtra(databaseIds(), use);
  if (extra) {
    const { database, extra: secret } = extra;
    const variable = SECRET_VARIABLE_OF[secret.name]!;
    const changedVariable = variableOf(`${database}.${secret.sentTo.option}`)!;
    throw new EndpointChangedError(
      variable,
      `${changedVariable} changes where the stored ${secret.label} would be sent (${publicTarget(extraSecretUrl(database, secret, use.next))}), but the file has no ${variable}: add ${variable} to the file`,
      { hint: `Nothing was imported. The stored ${secret.label} is only sent to ${publicTarget(extraSecretUrl(database, secret, use.stored))}; add ${variable}=… to the .env file and import it again` },
    );
  }
  const moved = movedSecret(databaseIds(), use);
  if (!moved) return;
  const secretVariable = SECRET_VARIABLE_OF[moved.secret]!;
  const changedVariable = variableOf(moved.change)!;
  const target = publicTarget(endpointIn(moved.database, use.next) ?? '');
  throw new EndpointChangedError(
    secretVariable,
    `${changedVariable} changes where the stored secret would be sent (${target}), but the file has no ${secretVariable}: add ${secretVariable} to the file`,
    { hint: `Nothing was imported. The stored secret is only sent to ${storedFor(moved, use.stored)}; add ${secretVariable}=… to the .env file and import it again` },
  );
}
