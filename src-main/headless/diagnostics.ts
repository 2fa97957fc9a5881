/**
 * `walltrack-monitor diagnostics [--config FILE] [--env ID]...`: the redacted diagnostics report on stdout.
 * The same configuration sources as `check`; nothing is checked: each database is shown as the data folder's
 * history last recorded it, read without writing (a running app keeps its file). Secrets are read only to
 * say whether each is stored.
 */
import type { SecretVault } from '../core/credentials/CredentialVault.js';
import { createMonitorCore } from '../core/createMonitorCore.js';
import type { Logger } from '../core/logging.js';
import { hintHostFor, selectEnvironments, type CoreFactory } from './check.js';
import { chooseConfig } from './configSource.js';

export interface DiagnosticsOptions {
  env: NodeJS.ProcessEnv;
  dataDir: string;
  logger: Logger;
  vault?: SecretVault;
  configFile?: string | undefined;
  /** --env IDs; empty = every environment. */
  environments: string[];
  createCore?: CoreFactory;
}

/** The report; a ConfigurationError (exit 2) for a bad source or an unknown --env. */
export async function runDiagnostics(options: DiagnosticsOptions): Promise<string> {
  const chosen = chooseConfig({ env: options.env, configFile: options.configFile });
  const core = (options.createCore ?? createMonitorCore)({
    dataDir: options.dataDir,
    logger: options.logger,
    host: 'cli',
    hintHost: hintHostFor(chosen),
    readOnlyHistory: true,
    ...(options.vault ? { vault: options.vault } : {}),
    ...(chosen ? { env: chosen } : {}),
  });
  try {
    const known = core.snapshot().environments.map((e) => e.id);
    return await core.getDiagnostics({ environments: selectEnvironments(known, options.environments) });
  } finally {
    await core.stop();
  }
}
