/**
 * `walltrack-monitor check`: one check of every configured database, then exit
 * 0 = all configured databases healthy, 1 = one is degraded or down, 2 = configuration error.
 */
import type { DatabaseId, DatabaseStatus, Snapshot } from '../common/schemas.js';
import { DATABASE_IDS } from '../common/schemas.js';
import { endpointOf, secretOf } from '../core/buildProbes.js';
import type { SecretVault } from '../core/credentials/CredentialVault.js';
import { createMonitorCore } from '../core/createMonitorCore.js';
import { ConfigurationError } from '../core/errors.js';
import type { Logger } from '../core/logging.js';
import { NOTHING_CONFIGURED, readEnvConfig } from './envConfig.js';

export const EXIT_OK = 0;
export const EXIT_UNHEALTHY = 1;
export const EXIT_CONFIG = 2;

export interface CheckOutcome {
  exitCode: 0 | 1 | 2;
  snapshot: Snapshot;
}

export interface CheckOptions {
  env: NodeJS.ProcessEnv;
  dataDir: string;
  logger: Logger;
  vault?: SecretVault;
}

/** Throws ConfigurationError (exit 2) when there is nothing, or only half of something, to check. */
export async function runCheck(options: CheckOptions): Promise<CheckOutcome> {
  const override = readEnvConfig(options.env);
  const core = createMonitorCore({
    dataDir: options.dataDir,
    logger: options.logger,
    ...(options.vault ? { vault: options.vault } : {}),
    ...(override ? { env: override } : {}),
    // One check means one attempt: a failure is "down" at once, not "retrying".
    monitorOverrides: { retries: 0 },
  });
  try {
    await core.start();
    const snapshot = await core.checkNow();
    const view = await core.getSettingsView();
    const configured: DatabaseId[] = [];
    const problems: string[] = [];
    for (const db of DATABASE_IDS) {
      const endpoint = endpointOf(db, view.settings);
      const secret = view.secrets[secretOf(db)] === 'stored';
      if (endpoint && secret) configured.push(db);
      else if (endpoint || secret) {
        const status = snapshot.databases[db];
        problems.push([status.message ?? `${db} is only partly configured`, status.hint].filter(Boolean).join(' — '));
      }
    }
    if (problems.length) throw new ConfigurationError(problems.join('; '));
    if (configured.length === 0) throw new ConfigurationError(NOTHING_CONFIGURED);
    const allHealthy = configured.every((db) => snapshot.databases[db].status === 'healthy');
    return { exitCode: allHealthy ? EXIT_OK : EXIT_UNHEALTHY, snapshot };
  } finally {
    await core.stop();
  }
}

function cell(text: string, width: number): string {
  return text.length > width ? text.slice(0, width - 1) + '…' : text.padEnd(width);
}

/** A table for people: one row per database, then message and hint for each failure. */
export function formatSnapshot(snapshot: Snapshot): string {
  const lines = [`WallTrack Monitor ${snapshot.version}: ${snapshot.status.toUpperCase()} (checked ${snapshot.checkedAt})`, ''];
  lines.push(`${cell('DATABASE', 10)}${cell('STATE', 26)}${cell('LATENCY', 10)}TARGET`);
  const notes: string[] = [];
  for (const db of DATABASE_IDS) {
    const s: DatabaseStatus = snapshot.databases[db];
    const latency = s.latencyMs === null ? '-' : `${Math.round(s.latencyMs)} ms`;
    lines.push(`${cell(db, 10)}${cell(s.status + (s.kind && s.kind !== s.status ? ` (${s.kind})` : ''), 26)}${cell(latency, 10)}${s.target ?? '-'}`);
    if (s.message) notes.push(`  ${db}: ${s.message}`);
    if (s.hint) notes.push(`    hint: ${s.hint}`);
  }
  if (notes.length) lines.push('', ...notes);
  return lines.join('\n') + '\n';
}
