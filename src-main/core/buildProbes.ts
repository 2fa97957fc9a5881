/**
 * Turns settings + secrets into probes. A database is either fully configured (a real probe),
 * not configured at all (null: the monitor shows not_configured), or half configured, e.g. a
 * URL without its key. The last case gets a probe that never connects and reports
 * not_configured with a message saying exactly what is missing, so the operator sees why.
 */
import type { DatabaseId, ProbeResult } from '../common/schemas.js';
import type { SecretName, Settings } from '../common/settings-schema.js';
import type { Secret } from './credentials/Secret.js';
import { DatabaseConnectionError } from './errors.js';
import { Neo4jProbe } from './probes/Neo4jProbe.js';
import type { Probe } from './probes/Probe.js';
import { SupabaseProbe } from './probes/SupabaseProbe.js';

export type SecretValues = Partial<Record<SecretName, Secret | null>>;

export interface ConfigGap {
  database: DatabaseId;
  /** What is missing and what to set, e.g. "Neo4j URI is set but the password is missing: set NEO4J_PASSWORD". */
  message: string;
  hint: string;
  /** Set when the gap is a secret the keychain did not give: a check of the database may retry the read. */
  unreadSecret?: SecretName;
}

/** Why a secret could not be read (keychain unavailable), per secret. */
export type SecretErrors = Partial<Record<SecretName, { message: string; hint?: string }>>;

const LABEL: Record<DatabaseId, { name: string; endpoint: string; endpointVar: string; secret: SecretName; secretLabel: string; secretVar: string }> = {
  supabase: { name: 'Supabase', endpoint: 'URL', endpointVar: 'SUPABASE_URL', secret: 'supabaseKey', secretLabel: 'API key', secretVar: 'SUPABASE_KEY' },
  neo4j: { name: 'Neo4j', endpoint: 'URI', endpointVar: 'NEO4J_URI', secret: 'neo4jPassword', secretLabel: 'password', secretVar: 'NEO4J_PASSWORD' },
};

/** The keychain secret a database needs beside its endpoint. */
export function secretOf(database: DatabaseId): SecretName {
  return LABEL[database].secret;
}

export function endpointOf(database: DatabaseId, settings: Settings): string | null {
  return database === 'supabase' ? settings.supabase.url : settings.neo4j.uri;
}

/** null = fully configured or not configured at all; otherwise what is missing. */
export function configGap(database: DatabaseId, settings: Settings, secrets: SecretValues, errors: SecretErrors = {}): ConfigGap | null {
  const l = LABEL[database];
  const endpoint = endpointOf(database, settings);
  const secret = secrets[l.secret] ?? null;
  const secretError = errors[l.secret];
  if (endpoint && !secret && secretError) {
    return {
      database,
      message: `not configured — keychain unavailable: ${secretError.message}`,
      hint: secretError.hint ?? `Unlock the OS keychain; the ${l.name} ${l.secretLabel} is read again by itself`,
      unreadSecret: l.secret,
    };
  }
  if (endpoint && !secret) {
    return {
      database,
      message: `${l.name} ${l.endpoint} is set but the ${l.secretLabel} is missing`,
      hint: `Enter the ${l.name} ${l.secretLabel} in Settings (${l.secretVar}), or import a .env file that has it`,
    };
  }
  if (!endpoint && secret) {
    return {
      database,
      message: `A ${l.name} ${l.secretLabel} is stored but the ${l.endpoint} is missing`,
      hint: `Enter the ${l.name} ${l.endpoint} in Settings (${l.endpointVar})`,
    };
  }
  return null;
}

export function isConfigured(database: DatabaseId, settings: Settings, secrets: SecretValues): boolean {
  return Boolean(endpointOf(database, settings) && secrets[LABEL[database].secret]);
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
      checkedAt: new Date().toISOString(),
    };
  }
  async close(): Promise<void> {}
}

export function buildProbe(database: DatabaseId, settings: Settings, secrets: SecretValues, errors: SecretErrors = {}, retryRead?: RetryRead): Probe | null {
  const gap = configGap(database, settings, secrets, errors);
  if (gap) return new MissingConfigProbe(database, gap, endpointOf(database, settings), retryRead);
  if (!isConfigured(database, settings, secrets)) return null;
  const timeoutMs = settings.monitor.timeoutMs;
  if (database === 'supabase') {
    return new SupabaseProbe({ url: settings.supabase.url!, key: secrets.supabaseKey!, probeTable: settings.supabase.probeTable, timeoutMs });
  }
  return new Neo4jProbe({
    uri: settings.neo4j.uri!,
    user: settings.neo4j.user,
    password: secrets.neo4jPassword!,
    database: settings.neo4j.database,
    timeoutMs,
  });
}

export interface ProbeInputs {
  settings: Settings;
  secrets: SecretValues;
  errors: SecretErrors;
}

/** Whether a database's probe must be rebuilt: its section, the timeout, its secret or the secret's read error changed. */
export function probeInputsChanged(database: DatabaseId, before: ProbeInputs, after: ProbeInputs): boolean {
  const name = LABEL[database].secret;
  const a = before.secrets[name] ?? null;
  const b = after.secrets[name] ?? null;
  const secretChanged = a === null || b === null ? a !== b : !a.equals(b);
  return (
    secretChanged ||
    JSON.stringify(before.settings[database]) !== JSON.stringify(after.settings[database]) ||
    before.settings.monitor.timeoutMs !== after.settings.monitor.timeoutMs ||
    (before.errors[name]?.message ?? null) !== (after.errors[name]?.message ?? null)
  );
}
