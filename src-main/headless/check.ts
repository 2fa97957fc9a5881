/**
 * `walltrack-monitor check [--env ID]...`: one check of every database of the selected environments
 * (default: all), then exit: 0 = every configured database of them is healthy (isHealthyState: a slow
 * answer counts), 1 = one is not, 2 = configuration or usage error.
 */
import { DATABASE_KINDS } from '../common/databases.js';
import { hintText, type HintHost } from '../common/hints.js';
import type { DatabaseStatus, OverallStatus, Snapshot } from '../common/schemas.js';
import { isHealthyState } from '../common/schemas.js';
import type { SettingsView } from '../common/settings-schema.js';
import type { SecretVault } from '../core/credentials/CredentialVault.js';
import { createMonitorCore, type ConfigOverride, type CreateMonitorCoreOptions } from '../core/createMonitorCore.js';
import { ConfigurationError } from '../core/errors.js';
import type { Logger } from '../core/logging.js';
import type { MonitorCore } from '../core/MonitorCore.js';
import { secretVariableName } from './configFile.js';
import { chooseConfig } from './configSource.js';
import { ENV_SOURCE, NOTHING_CONFIGURED } from './envConfig.js';

export const EXIT_OK = 0;
export const EXIT_UNHEALTHY = 1;
export const EXIT_CONFIG = 2;

export type CoreFactory = (options: CreateMonitorCoreOptions) => MonitorCore;

export interface CheckOutcome {
  exitCode: 0 | 1;
  /** The core's snapshot restricted to the selected environments (see `onlyEnvironments`). */
  snapshot: Snapshot;
}

export interface CheckOptions {
  env: NodeJS.ProcessEnv;
  dataDir: string;
  logger: Logger;
  vault?: SecretVault;
  /** --config FILE */
  configFile?: string | undefined;
  /** --env IDs; empty = every environment. */
  environments?: string[];
  /** Tests pass a double; the CLI the real composer. */
  createCore?: CoreFactory;
}

/** The ids asked for, each known, in the order given; a ConfigurationError naming the known ids otherwise. */
export function selectEnvironments(known: string[], wanted: string[]): string[] {
  const selected = [...new Set(wanted)];
  const unknown = selected.filter((id) => !known.includes(id));
  if (unknown.length) {
    throw new ConfigurationError(`Unknown environment ${unknown.map((id) => `"${id}"`).join(', ')} for --env; known environments: ${known.join(', ')}`, {
      hint: 'Pass one of the known ids, or leave --env out to check every environment',
    });
  }
  return selected.length ? selected : known;
}

/** Only the selected environments (and their secrets) reach the core: the others are not even contacted. */
function restrict(override: ConfigOverride, wanted: string[]): ConfigOverride {
  const ids = selectEnvironments(
    override.settings.environments.map((e) => e.id),
    wanted,
  );
  return {
    ...override,
    settings: { ...override.settings, environments: override.settings.environments.filter((e) => ids.includes(e.id)) },
    secrets: Object.fromEntries(Object.entries(override.secrets).filter(([id]) => ids.includes(id))),
  };
}

/** Precedence as in OverallStatusSchema's contract: down > degraded > unconfigured > unknown > ok. */
const WORST_FIRST: OverallStatus[] = ['down', 'degraded', 'unconfigured', 'unknown', 'ok'];

/** The snapshot of `ids` only, its status and pause recomputed over them (the core's cover every environment). */
export function onlyEnvironments(snapshot: Snapshot, ids: string[]): Snapshot {
  const environments = snapshot.environments.filter((e) => ids.includes(e.id));
  const status = WORST_FIRST.find((s) => environments.some((e) => e.status === s)) ?? 'unknown';
  const pauses = environments.map((e) => e.paused);
  const paused =
    environments.length > 0 && pauses.every((p) => p !== null)
      ? { until: pauses.some((p) => p!.until === null) ? null : pauses.map((p) => p!.until!).sort().at(-1)! }
      : null;
  return { ...snapshot, status, paused, environments };
}

/** Variables when they configure the check, the --config file (secrets from WALLTRACK_<ENV>_… variables), else the app's saved settings. */
export function hintHostFor(override: ConfigOverride | null): (environmentId: string) => HintHost {
  if (!override) return () => ({ kind: 'savedSettings' });
  if (override.source === ENV_SOURCE) return () => ({ kind: 'variables' });
  return (environment) => ({ kind: 'configFile', environment, secretVariable: (envVar) => secretVariableName(environment, envVar) });
}

/** Each registry hint said as this CLI's configuration source says it (the core's are the windows'). */
function inHostWords(snapshot: Snapshot, hostOf: (environmentId: string) => HintHost): Snapshot {
  const environments = snapshot.environments.map((env) => ({
    ...env,
    databases: Object.fromEntries(
      Object.entries(env.databases).map(([id, s]) => {
        const hint = hintText(s, hostOf(env.id));
        return [id, hint ? { ...s, hint } : s];
      }),
    ),
  }));
  return { ...snapshot, environments };
}

/** The databases of the selection that are configured (endpoint and secret), or the problems of half-configured ones. */
function configuredDatabases(snapshot: Snapshot, view: SettingsView): { configured: DatabaseStatus[]; problems: string[] } {
  const configured: DatabaseStatus[] = [];
  const problems: string[] = [];
  for (const env of snapshot.environments) {
    const settings = view.settings.environments.find((e) => e.id === env.id);
    for (const kind of DATABASE_KINDS) {
      const status = env.databases[kind.id];
      if (!status || !settings) continue;
      const endpoint = (settings.databases[kind.id]?.[kind.endpoint.key] ?? null) !== null;
      const secret = view.secrets[env.id]?.[kind.secret.name] === 'stored';
      if (endpoint && secret) configured.push(status);
      else if (endpoint || secret) {
        const message = status.message ?? `${kind.label} is only partly configured (${endpoint ? `the ${kind.secret.label} is missing` : `the ${kind.endpoint.label} is missing`})`;
        problems.push([`${env.id}: ${message}`, status.hint].filter(Boolean).join(' — '));
      }
    }
  }
  return { configured, problems };
}

/** Throws ConfigurationError (exit 2) for a bad source, an unknown --env, or nothing (or half of something) to check. */
export async function runCheck(options: CheckOptions): Promise<CheckOutcome> {
  const wanted = options.environments ?? [];
  const chosen = chooseConfig({ env: options.env, configFile: options.configFile });
  const override = chosen && restrict(chosen, wanted);
  const core = (options.createCore ?? createMonitorCore)({
    dataDir: options.dataDir,
    logger: options.logger,
    ...(options.vault ? { vault: options.vault } : {}),
    ...(override ? { env: override } : {}),
    // One check means one attempt: a failure is "down" at once, not "retrying".
    monitorOverrides: { retries: 0 },
  });
  try {
    const known = (await core.getSettings()).settings.environments.map((e) => e.id);
    const selected = selectEnvironments(known, wanted);
    await core.start();
    if (wanted.length === 0) await core.checkNow();
    else await Promise.all(selected.map((id) => core.checkNow({ environment: id })));
    const hostOf = hintHostFor(chosen);
    const snapshot = inHostWords(onlyEnvironments(core.snapshot(), selected), hostOf);
    const { configured, problems } = configuredDatabases(snapshot, await core.getSettings());
    if (problems.length) throw new ConfigurationError(problems.join('; '));
    if (configured.length === 0) throw new ConfigurationError(NOTHING_CONFIGURED);
    return { exitCode: configured.every((db) => isHealthyState(db.status)) ? EXIT_OK : EXIT_UNHEALTHY, snapshot };
  } finally {
    await core.stop();
  }
}
