/**
 * One check of one database with throwaway settings (the Settings window's "Test" button):
 * a fresh probe, one attempt bounded by the configured timeout, then the probe is closed before
 * the result is returned, so a caller that runs one test at a time holds at most one probe's sockets.
 */
import { databaseKind } from '../common/databases.js';
import type { DatabaseId, ProbeResult } from '../common/schemas.js';
import { buildProbe, type SecretErrors, type SecretValues } from './buildProbes.js';
import type { EnvironmentConfig } from './environmentConfig.js';

const CLOSE_BOUND_MS = 5_000;

export async function checkOnce(database: DatabaseId, config: EnvironmentConfig, secrets: SecretValues, errors: SecretErrors): Promise<ProbeResult> {
  const probe = buildProbe(database, config, secrets, errors);
  if (!probe) {
    const kind = databaseKind(database);
    // e.g. "Supabase URL and API key"
    const missing = `${kind.endpoint.label} and ${kind.secret.label}`;
    return {
      database,
      healthy: false,
      state: 'not_configured',
      latencyMs: null,
      kind: 'not_configured',
      message: `${database}: nothing to test; enter the ${missing} first`,
      hint: `Fill in the ${missing}, then press Test again`,
      checkedAt: new Date().toISOString(),
    };
  }
  const timeoutMs = config.monitor.timeoutMs;
  try {
    // The probe honours the signal; the outer bound also covers a probe that does not.
    return await withDeadline(probe.check(AbortSignal.timeout(timeoutMs)), timeoutMs + 1_000, () => ({
      database,
      healthy: false,
      state: 'down',
      latencyMs: null,
      kind: 'timeout',
      message: `${database} (${probe.target}): no answer within ${timeoutMs} ms`,
      hint: 'Check the network path to the server, or raise the timeout',
      checkedAt: new Date().toISOString(),
    }));
  } finally {
    await withDeadline(probe.close().catch(() => undefined), CLOSE_BOUND_MS, () => undefined);
  }
}

/** Resolves with `fallback()` if `promise` has not settled within `ms`. */
async function withDeadline<T>(promise: Promise<T>, ms: number, fallback: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback()), ms);
    timer.unref?.();
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
