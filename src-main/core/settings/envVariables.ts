/**
 * The original service's environment variable names and where each one lands: non-secrets in
 * settings, secrets in the keychain. Shared by the .env import and the headless CLI's env config.
 */
import type { Settings, SecretName } from '../../common/settings-schema.js';
import { SettingsSchema } from '../../common/settings-schema.js';
import { Secret } from '../credentials/Secret.js';
import { ValidationError } from '../errors.js';

type SettingPath = { section: 'supabase' | 'neo4j' | 'monitor'; field: string; numeric?: boolean };

export const SETTING_VARIABLES: Record<string, SettingPath> = {
  SUPABASE_URL: { section: 'supabase', field: 'url' },
  SUPABASE_PROBE_TABLE: { section: 'supabase', field: 'probeTable' },
  NEO4J_URI: { section: 'neo4j', field: 'uri' },
  NEO4J_USER: { section: 'neo4j', field: 'user' },
  NEO4J_DATABASE: { section: 'neo4j', field: 'database' },
  WALLTRACK_TIMEOUT_MS: { section: 'monitor', field: 'timeoutMs', numeric: true },
  // A one-shot check from a far-away script may want a looser "slow" line than the tray.
  WALLTRACK_SLOW_MS: { section: 'monitor', field: 'slowMs', numeric: true },
};

export const SECRET_VARIABLES: Record<string, SecretName> = {
  SUPABASE_KEY: 'supabaseKey',
  NEO4J_PASSWORD: 'neo4jPassword',
};

export const SECRET_VARIABLE_OF: Record<SecretName, string> = { supabaseKey: 'SUPABASE_KEY', neo4jPassword: 'NEO4J_PASSWORD' };

export const KNOWN_VARIABLES = [...Object.keys(SETTING_VARIABLES), ...Object.keys(SECRET_VARIABLES)];

const NOT_OURS = `not a WallTrack Monitor setting (known: ${KNOWN_VARIABLES.join(', ')})`;
/** A report, not a dump: past this many, unknown variables are counted. */
const REPORTED_UNKNOWN = 100;

export interface EnvApplication {
  settings: Settings;
  secrets: Partial<Record<SecretName, Secret>>;
  /** Non-secret variables applied, with their values. */
  applied: { name: string; value: string }[];
  /** Secret variables applied: names only. */
  secretNames: string[];
  ignored: { name: string; reason: string }[];
}

/**
 * Applies variables on top of `base`. Validates everything before returning, so callers can
 * save all or nothing; a bad value throws a ValidationError whose field is the variable name.
 */
export function applyEnvVariables(vars: Iterable<readonly [string, string | undefined]>, base: Settings): EnvApplication {
  const draft = structuredClone(base) as Record<string, Record<string, unknown>>;
  const result: EnvApplication = { settings: base, secrets: {}, applied: [], secretNames: [], ignored: [] };
  const fieldToVar = new Map<string, string>();
  let unknown = 0;
  for (const [name, raw] of vars) {
    if (raw === undefined) continue;
    const value = raw.trim();
    // Own keys only: "constructor" or "__proto__" in a .env file is just an unknown name.
    const setting = Object.hasOwn(SETTING_VARIABLES, name) ? SETTING_VARIABLES[name] : undefined;
    const secret = Object.hasOwn(SECRET_VARIABLES, name) ? SECRET_VARIABLES[name] : undefined;
    if (!setting && !secret) {
      if (unknown++ < REPORTED_UNKNOWN) result.ignored.push({ name, reason: NOT_OURS });
    } else if (value === '') {
      result.ignored.push({ name, reason: 'empty value; the current one is kept (an import never clears a setting or a secret)' });
    } else if (secret) {
      result.secrets[secret] = new Secret(value);
      result.secretNames.push(name);
    } else if (setting) {
      let parsed: unknown = value;
      if (setting.numeric) {
        if (!/^\d+$/.test(value)) throw new ValidationError(name, `must be a whole number of milliseconds, e.g. ${name}=5000`);
        parsed = Number(value);
      }
      draft[setting.section]![setting.field] = parsed;
      fieldToVar.set(`${setting.section}.${setting.field}`, name);
      result.applied.push({ name, value });
    }
  }
  if (unknown > REPORTED_UNKNOWN) result.ignored.push({ name: `${unknown - REPORTED_UNKNOWN} more variables`, reason: 'not WallTrack Monitor settings; skipped' });
  const parsed = SettingsSchema.safeParse(draft);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map(String).join('.');
    const variable = fieldToVar.get(field);
    throw new ValidationError(variable ?? field, `${issue.message}${variable ? ` (setting ${field})` : ''}`);
  }
  result.settings = parsed.data;
  return result;
}
