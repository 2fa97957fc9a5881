/**
 * What one environment's probes are built from: its database sections and the (global) monitor
 * settings, plus the secrets read for it. Everything below the composer works on one environment.
 */
import type { DatabaseId, SecretName } from '../common/databases.js';
import type { DatabaseSection, EnvironmentSettings, Settings } from '../common/settings-schema.js';
import type { Secret } from './credentials/Secret.js';

export interface EnvironmentConfig {
  /** Absent kind = not monitored in this environment. */
  databases: Partial<Record<DatabaseId, DatabaseSection>>;
  monitor: Settings['monitor'];
}

/** One environment's secrets: a Secret, null = removed/none, absent = not read (or unchanged). */
export type SecretValues = Partial<Record<SecretName, Secret | null>>;

/** Why a secret could not be read (keychain unavailable), per secret. */
export type SecretErrors = Partial<Record<SecretName, { message: string; hint?: string }>>;

export function environmentConfig(environment: EnvironmentSettings, monitor: Settings['monitor']): EnvironmentConfig {
  return { databases: environment.databases, monitor };
}
