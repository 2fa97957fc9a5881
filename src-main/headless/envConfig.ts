/**
 * Headless configuration from environment variables with the original service's names. When any
 * of them is set, they are the whole configuration (saved settings and the keychain are not read),
 * and every half-configured database is an error that says what to set.
 */
import { SettingsSchema } from '../common/settings-schema.js';
import type { ConfigOverride } from '../core/createMonitorCore.js';
import { ConfigurationError, ValidationError } from '../core/errors.js';
import { applyEnvVariables, KNOWN_VARIABLES } from '../core/settings/envVariables.js';

/** Each database needs its endpoint and its secret together. */
const PAIRS = [
  ['SUPABASE_URL', 'SUPABASE_KEY'],
  ['NEO4J_URI', 'NEO4J_PASSWORD'],
] as const;

export const ENV_VARIABLES = KNOWN_VARIABLES;

export const NOTHING_CONFIGURED =
  'Nothing to check: set SUPABASE_URL and SUPABASE_KEY and/or NEO4J_URI and NEO4J_PASSWORD ' +
  '(optionally NEO4J_USER, NEO4J_DATABASE, SUPABASE_PROBE_TABLE, WALLTRACK_TIMEOUT_MS, WALLTRACK_SLOW_MS), ' +
  'or save the settings in the WallTrack Monitor app first.';

/** null when none of the variables is set (use saved settings); otherwise a complete override. */
export function readEnvConfig(env: NodeJS.ProcessEnv = process.env): ConfigOverride | null {
  const present = Object.fromEntries(ENV_VARIABLES.filter((n) => env[n] !== undefined && env[n] !== '').map((n) => [n, env[n]!]));
  if (Object.keys(present).length === 0) return null;
  let applied;
  try {
    applied = applyEnvVariables(Object.entries(present), SettingsSchema.parse({}));
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new ConfigurationError(`Invalid environment variable ${error.message}`, {
        cause: error,
        hint: `Fix or unset ${error.field}`,
      });
    }
    throw error;
  }
  const problems: string[] = [];
  for (const [endpoint, secret] of PAIRS) {
    if (present[endpoint] && !present[secret]) problems.push(`${endpoint} is set but ${secret} is not: set ${secret} (or unset ${endpoint})`);
    if (present[secret] && !present[endpoint]) problems.push(`${secret} is set but ${endpoint} is not: set ${endpoint} (or unset ${secret})`);
  }
  if (problems.length) throw new ConfigurationError(problems.join('; '), { hint: 'Set both variables of each database you want checked' });
  if (!PAIRS.some(([endpoint]) => present[endpoint])) throw new ConfigurationError(NOTHING_CONFIGURED);
  return { settings: applied.settings, secrets: applied.secrets, source: 'environment variables' };
}
