/**
 * Turns one environment's config + secrets into probes. A database is either fully configured (a
 * real probe from its kind's factory), not configured at all (null: the monitor shows
 * not_configured), or half configured, e.g. a URL without its key. The last case gets a probe that
 * never connects and reports not_configured with a message saying exactly what is missing, so the
 * operator sees why. Every word about a kind comes from the registry (common/databases.ts).
 */
import { databaseIds, databaseKind, kindSecrets, secretLabel } from '../common/databases.js';
import { endpointIn, fieldWord } from '../common/endpointIdentity.js';
import type { DatabaseId, ProbeResult } from '../common/schemas.js';
import type { SecretName } from '../common/settings-schema.js';
import type { EnvironmentConfig, SecretErrors, SecretValues } from './environmentConfig.js';
import { DatabaseConnectionError } from './errors.js';
import type { Probe } from './probes/Probe.js';
import { hintFor } from './probes/hints.js';
import type { HintKey } from '../common/hints.js';
import { PROBE_FACTORIES } from './probes/probeFactories.js';

export type { SecretErrors, SecretValues };

export interface ConfigGap {
  database: DatabaseId;
  /** What is missing, e.g. "Neo4j URI is set but the password is missing". */
  message: string;
  hint: string;
  /** The registry hint `hint` is, when it is one (a keychain error's hint is the same for every host). */
  hintKey?: HintKey;
  /** Set when the gap is a secret the keychain did not give: a check of the database may retry the read. */
  unreadSecret?: SecretName;
}

/** The keychain secret a database needs beside its endpoint. */
export function secretOf(database: DatabaseId): SecretName {
  return databaseKind(database).secret.name;
}

/** null when the environment does not have the kind, or has it without an endpoint. */
export function endpointOf(database: DatabaseId, config: EnvironmentConfig): string | null {
  return endpointIn(database, config.databases);
}

/** null = fully configured or not configured at all; otherwise what is missing. */
export function configGap(database: DatabaseId, config: EnvironmentConfig, secrets: SecretValues, errors: SecretErrors = {}): ConfigGap | null {
  const kind = databaseKind(database);
  const name = kind.secret.name;
  const endpoint = endpointOf(database, config);
  const secret = secrets[name] ?? null;
  const secretError = errors[name];
  if (endpoint && !secret && secretError) {
    return {
      database,
      message: `not configured — keychain unavailable: ${secretError.message}`,
      hint: secretError.hint ?? `Unlock the OS keychain; the ${secretLabel(kind)} is read again by itself`,
      unreadSecret: name,
    };
  }
  if (endpoint && !secret) {
    return {
      database,
      message: `${kind.endpoint.label} is set but the ${kind.secret.label} is missing`,
      hint: hintFor(database, 'secret_missing', endpoint),
      hintKey: 'secret_missing',
    };
  }
  if (!endpoint && secret && config.databases[database]) {
    return {
      database,
      message: `A ${secretLabel(kind)} is stored but the ${fieldWord(kind, kind.endpoint.label)} is missing`,
      hint: hintFor(database, 'endpoint_missing', endpoint),
      hintKey: 'endpoint_missing',
    };
  }
  return null;
}

export function isConfigured(database: DatabaseId, config: EnvironmentConfig, secrets: SecretValues): boolean {
  return Boolean(endpointOf(database, config) && secrets[secretOf(database)]);
}

/** The secrets (each kind's own and extra ones) of the kinds whose endpoint is set: what the keychain must be asked for. */
export function neededSecrets(config: EnvironmentConfig): SecretName[] {
  return databaseIds()
    .filter((database) => endpointOf(database, config) !== null)
    .flatMap((database) => kindSecrets(databaseKind(database)).map((s) => s.name));
}

/** Asks for another keychain read of a secret (the core's cache decides whether one is due). */
export type RetryRead = (name: SecretName) => void;

/** A probe for a half-configured database: never connects, always says what is missing. */
export class MissingConfigProbe implements Probe {
  readonly target: string;
  constructor(
    readonly database: DatabaseId,
    private readonly gap: ConfigGap,
    endpoint: string | null,
    private readonly retryRead?: RetryRead,
  ) {
    this.target = endpoint ?? '(not set)';
  }
  async check(): Promise<ProbeResult> {
    if (this.gap.unreadSecret) this.retryRead?.(this.gap.unreadSecret);
    const error = new DatabaseConnectionError(this.database, 'not_configured', null, this.gap.message);
    return {
      database: this.database,
      healthy: false,
      state: 'not_configured',
      latencyMs: null,
      kind: 'not_configured',
      message: error.message,
      hint: this.gap.hint,
      ...(this.gap.hintKey ? { hintKey: this.gap.hintKey } : {}),
      checkedAt: new Date().toISOString(),
    };
  }
  async close(): Promise<void> {}
}

export function buildProbe(database: DatabaseId, config: EnvironmentConfig, secrets: SecretValues, errors: SecretErrors = {}, retryRead?: RetryRead): Probe | null {
  const gap = configGap(database, config, secrets, errors);
  if (gap) return new MissingConfigProbe(database, gap, endpointOf(database, config), retryRead);
  if (!isConfigured(database, config, secrets)) return null;
  const extras = Object.fromEntries((databaseKind(database).extraSecrets ?? []).map((s) => [s.name, secrets[s.name] ?? null]));
  return PROBE_FACTORIES[database]!(config.databases[database]!, secrets[secretOf(database)]!, config.monitor.timeoutMs, extras);
}

export interface ProbeInputs {
  config: EnvironmentConfig;
  secrets: SecretValues;
  errors: SecretErrors;
}

/** The kind added or removed, or one of its fields changed (whatever the order of the section's keys). */
function sectionChanged(database: DatabaseId, before: EnvironmentConfig, after: EnvironmentConfig): boolean {
  const [a, b] = [before.databases[database], after.databases[database]];
  if (!a || !b) return a !== b;
  const kind = databaseKind(database);
  return [kind.endpoint, ...kind.options].some(({ key }) => (a[key] ?? null) !== (b[key] ?? null));
}

/** Whether a database's probe must be rebuilt: its section, the timeout, its secret or the secret's read error changed. */
export function probeInputsChanged(database: DatabaseId, before: ProbeInputs, after: ProbeInputs): boolean {
  const name = secretOf(database);
  const secretChanged = kindSecrets(databaseKind(database)).some(({ name: each }) => {
    const a = before.secrets[each] ?? null;
    const b = after.secrets[each] ?? null;
    return a === null || b === null ? a !== b : !a.equals(b);
  });
  return (
    secretChanged ||
    sectionChanged(database, before.config, after.config) ||
    before.config.monitor.timeoutMs !== after.config.monitor.timeoutMs ||
    (before.errors[name]?.message ?? null) !== (after.errors[name]?.message ?? null)
  );
}
