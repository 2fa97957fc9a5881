/**
 * The original service's environment variable names and where each one lands: non-secrets in one
 * environment's settings, secrets in its keychain entries. Every kind's names come from the registry
 * (common/databases.ts); the monitor's are ours. Shared by the .env import and the headless CLI.
 */
import { DATABASE_KINDS, databaseKind, kindSecrets, emptySection, kindSettingsSchema, type DatabaseId, type SecretName } from '../../common/databases.js';
import { MonitorSettingsSchema } from '../../common/settings-schema.js';
import { Secret } from '../credentials/Secret.js';
import type { EnvironmentConfig } from '../environmentConfig.js';
import { ValidationError } from '../errors.js';
import { placeOf } from './validation.js';

export interface SettingVariable {
  /** The kind whose section the variable sets; null for the (global) monitor settings. */
  database: DatabaseId | null;
  field: string;
  /** The settings path messages name, e.g. "neo4j.uri" or "monitor.timeoutMs". */
  path: string;
  numeric: boolean;
}

const MONITOR_VARIABLES: Record<string, string> = {
  WALLTRACK_TIMEOUT_MS: 'timeoutMs',
  // A one-shot check from a far-away script may want a looser "slow" line than the tray.
  WALLTRACK_SLOW_MS: 'slowMs',
  WALLTRACK_RECOVERY_SUCCESSES: 'recoverySuccesses',
};

/** Each kind's endpoint and options in registry order, then the monitor's. */
export const SETTING_VARIABLES: Record<string, SettingVariable> = {};
export const SECRET_VARIABLES: Record<string, SecretName> = {};
export const SECRET_VARIABLE_OF: Record<SecretName, string> = {};
// Loops, not map callbacks: a mutant that empties a callback would make this module fail to load,
// which the mutation run cannot tell from a survivor.
for (const kind of DATABASE_KINDS) {
  for (const f of [kind.endpoint, ...kind.options]) SETTING_VARIABLES[f.envVar] = { database: kind.id, field: f.key, path: `${kind.id}.${f.key}`, numeric: false };
  for (const secret of kindSecrets(kind)) {
    SECRET_VARIABLES[secret.envVar] = secret.name;
    SECRET_VARIABLE_OF[secret.name] = secret.envVar;
  }
}
for (const [name, field] of Object.entries(MONITOR_VARIABLES)) SETTING_VARIABLES[name] = { database: null, field, path: `monitor.${field}`, numeric: true };

export const KNOWN_VARIABLES = [...Object.keys(SETTING_VARIABLES), ...Object.keys(SECRET_VARIABLES)];

/** The variable that sets a settings path, e.g. "NEO4J_USER" for "neo4j.user". */
export function variableOf(path: string): string | undefined {
  return Object.keys(SETTING_VARIABLES).find((name) => SETTING_VARIABLES[name]!.path === path);
}

const NOT_OURS = `not a WallTrack Monitor setting (known: ${KNOWN_VARIABLES.join(', ')})`;
/** A report, not a dump: past this many, unknown variables are counted. */
const REPORTED_UNKNOWN = 100;

export interface EnvApplication {
  config: EnvironmentConfig;
  secrets: Partial<Record<SecretName, Secret>>;
  /** Non-secret variables applied, with their values. */
  applied: { name: string; value: string }[];
  /** Secret variables applied: names only. */
  secretNames: string[];
  ignored: { name: string; reason: string }[];
  /** Variables that are not ours, in order: the first REPORTED_UNKNOWN names and how many there were in all. */
  unknown: { names: string[]; count: number };
}

/**
 * Applies variables on top of one environment's `base`; a variable of a kind the environment does
 * not have adds that kind (empty, then the variable). Validates everything before returning, so
 * callers can save all or nothing; a bad value throws a ValidationError whose field is the variable name.
 */
export function applyEnvVariables(vars: Iterable<readonly [string, string | undefined]>, base: EnvironmentConfig): EnvApplication {
  const databases = structuredClone(base.databases);
  const monitor: Record<string, unknown> = { ...base.monitor };
  const result: EnvApplication = { config: base, secrets: {}, applied: [], secretNames: [], ignored: [], unknown: { names: [], count: 0 } };
  /** Settings path → the variable that set it, so a bad value is named by its variable. */
  const setBy = new Map<string, string>();
  for (const [name, raw] of vars) {
    if (raw === undefined) continue;
    const value = raw.trim();
    // Own keys only: "constructor" or "__proto__" in a .env file is just an unknown name.
    const setting = Object.hasOwn(SETTING_VARIABLES, name) ? SETTING_VARIABLES[name] : undefined;
    const secret = Object.hasOwn(SECRET_VARIABLES, name) ? SECRET_VARIABLES[name] : undefined;
    if (!setting && !secret) {
      if (result.unknown.count++ < REPORTED_UNKNOWN) {
        result.ignored.push({ name, reason: NOT_OURS });
        result.unknown.names.push(name);
      }
    } else if (value === '') {
      result.ignored.push({ name, reason: 'empty value; the current one is kept (an import never clears a setting or a secret)' });
    } else if (secret) {
      result.secrets[secret] = new Secret(value);
      result.secretNames.push(name);
    } else {
      // Neither unknown nor a secret: a setting.
      const { database, field, path } = setting!;
      if (database === null) {
        if (!/^\d+$/.test(value)) throw new ValidationError(name, `must be a whole number of milliseconds, e.g. ${name}=5000`);
        monitor[field] = Number(value);
      } else {
        (databases[database] ??= emptySection(databaseKind(database)))[field] = value;
      }
      setBy.set(path, name);
      result.applied.push({ name, value });
    }
  }
  const unreported = result.unknown.count - REPORTED_UNKNOWN;
  if (unreported > 0) result.ignored.push({ name: `${unreported} more variables`, reason: 'not WallTrack Monitor settings; skipped' });
  result.config = validated(databases, monitor, setBy);
  return result;
}

/** The environment's sections (registry order) and monitor settings parsed, or the first problem named by its variable. */
function validated(databases: EnvironmentConfig['databases'], monitor: unknown, setBy: ReadonlyMap<string, string>): EnvironmentConfig {
  const parsed: EnvironmentConfig['databases'] = {};
  for (const kind of DATABASE_KINDS) {
    if (!databases[kind.id]) continue;
    const r = kindSettingsSchema(kind).safeParse(databases[kind.id]);
    if (!r.success) throw problem(kind.id, r.error.issues[0]!, setBy);
    parsed[kind.id] = r.data;
  }
  const m = MonitorSettingsSchema.safeParse(monitor);
  if (!m.success) throw problem('monitor', m.error.issues[0]!, setBy);
  return { databases: parsed, monitor: m.data };
}

function problem(section: string, issue: { path: PropertyKey[]; message: string }, setBy: ReadonlyMap<string, string>): ValidationError {
  const field = [section, ...issue.path.map(String)].join('.');
  const variable = setBy.get(field);
  // People set the variable: its name says where; the settings path is for code (`field`).
  return new ValidationError(variable ?? field, issue.message, { place: variable ?? placeOf(field.split('.')) });
}
