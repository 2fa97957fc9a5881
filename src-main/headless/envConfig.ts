/**
 * Headless configuration from environment variables with the original service's names (the
 * registry's, e.g. the endpoint, secret and option variables of each kind). When any of them is
 * set they define ONE environment, whose id is WALLTRACK_ENV (default "default"), and they are the
 * whole configuration: saved settings and the keychain are not read. A kind none of whose variables
 * is set is not monitored; a kind with some of them needs its endpoint and its secret together.
 */
import { DATABASE_KINDS, emptySection, type DatabaseKind } from '../common/databases.js';
import { EnvironmentIdSchema } from '../common/schemas.js';
import { DEFAULT_ENVIRONMENT_ID, SettingsSchema } from '../common/settings-schema.js';
import type { ConfigOverride } from '../core/createMonitorCore.js';
import type { EnvironmentConfig } from '../core/environmentConfig.js';
import { ConfigurationError, ValidationError } from '../core/errors.js';
import { applyEnvVariables, type EnvApplication } from '../core/settings/envVariables.js';

/** applyEnvVariables' monitor variables, for --help (a test checks that it applies each). */
export const MONITOR_VARIABLES = ['WALLTRACK_TIMEOUT_MS', 'WALLTRACK_SLOW_MS', 'WALLTRACK_RECOVERY_SUCCESSES'];

/** Names the environment the variables define. */
export const ENVIRONMENT_ID_VARIABLE = 'WALLTRACK_ENV';
export const ENV_SOURCE = 'environment variables';

const list = (names: string[]) => names.join(', ');
const pairOf = (kind: DatabaseKind) => `${kind.endpoint.envVar} and ${kind.secret.envVar}`;

/** A kind's variables that are optional: its extra secrets (e.g. a token for a deeper check), then its options. */
const optionalVariablesOf = (kind: DatabaseKind): string[] => [...(kind.extraSecrets ?? []).map((s) => s.envVar), ...kind.options.map((o) => o.envVar)];

/** Every variable of one kind, endpoint and secret first. */
export const variablesOf = (kind: DatabaseKind): string[] => [kind.endpoint.envVar, kind.secret.envVar, ...optionalVariablesOf(kind)];

export const NOTHING_CONFIGURED =
  `Nothing to check: set ${DATABASE_KINDS.map(pairOf).join(' and/or ')} ` +
  `(optionally ${list(DATABASE_KINDS.flatMap(optionalVariablesOf))}), ` +
  'or pass --config FILE, or save the settings in the WallTrack Monitor app first.';

/** Each kind with every field at its default, plus the default monitor settings: what the variables are applied to. */
function baseConfig(): EnvironmentConfig {
  return {
    databases: Object.fromEntries(DATABASE_KINDS.map((k) => [k.id, emptySection(k)])),
    monitor: SettingsSchema.parse({}).monitor,
  };
}

/** Applies every variable of `env` it knows (the others are ignored); a bad value is a ConfigurationError naming the variable. */
export function applyVariables(env: NodeJS.ProcessEnv): EnvApplication {
  try {
    return applyEnvVariables(Object.entries(env), baseConfig());
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new ConfigurationError(`Invalid environment variable ${error.message}`, { cause: error, hint: `Fix or unset ${error.field}` });
    }
    throw error;
  }
}

/** The configuration variables that are set (non-empty), secrets by name only. */
export function variablesSet(applied: EnvApplication): string[] {
  return [...applied.applied.map((a) => a.name), ...applied.secretNames];
}

function environmentId(env: NodeJS.ProcessEnv): string {
  const raw = env[ENVIRONMENT_ID_VARIABLE]?.trim();
  if (!raw) return DEFAULT_ENVIRONMENT_ID;
  if (EnvironmentIdSchema.safeParse(raw).success) return raw;
  throw new ConfigurationError(
    `Invalid environment variable ${ENVIRONMENT_ID_VARIABLE}: it must be 1–32 lowercase letters, digits or "-" (starting and ending with a letter or digit), e.g. ${ENVIRONMENT_ID_VARIABLE}=production`,
    { hint: `Fix or unset ${ENVIRONMENT_ID_VARIABLE} (unset, the environment is called "${DEFAULT_ENVIRONMENT_ID}")` },
  );
}

/** "X is set but Y is not: set Y (or unset X)" for each kind that has some of its variables but not its endpoint and secret. */
function pairProblems(set: Set<string>): string[] {
  const problems: string[] = [];
  for (const kind of DATABASE_KINDS) {
    const given = variablesOf(kind).filter((name) => set.has(name));
    const missing = [kind.endpoint.envVar, kind.secret.envVar].filter((name) => !set.has(name));
    if (given.length === 0 || missing.length === 0) continue;
    const verb = given.length === 1 ? 'is' : 'are';
    const missingVerb = missing.length === 1 ? 'is' : 'are';
    problems.push(`${list(given)} ${verb} set but ${missing.join(' and ')} ${missingVerb} not: set ${missing.join(' and ')} (or unset ${list(given)})`);
  }
  return problems;
}

/** null when none of the variables is set (use --config or saved settings); otherwise a complete override. */
export function readEnvConfig(env: NodeJS.ProcessEnv = process.env): ConfigOverride | null {
  const applied = applyVariables(env);
  const set = new Set(variablesSet(applied));
  if (set.size === 0) return null;
  const id = environmentId(env);
  const configured = DATABASE_KINDS.filter((k) => set.has(k.endpoint.envVar) || set.has(k.secret.envVar));
  if (configured.length === 0) throw new ConfigurationError(NOTHING_CONFIGURED);
  const problems = pairProblems(set);
  if (problems.length) throw new ConfigurationError(problems.join('; '), { hint: 'Set both variables of each database you want checked' });
  // Only the kinds the variables configure are monitored: an unset kind is not "down".
  const databases = Object.fromEntries(configured.map((k) => [k.id, applied.config.databases[k.id]!]));
  const settings = SettingsSchema.parse({ environments: [{ id, name: id, colour: null, databases }], monitor: applied.config.monitor });
  return { settings, secrets: { [id]: applied.secrets }, source: ENV_SOURCE, readKeychain: false };
}
