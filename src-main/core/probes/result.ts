/** Builds probe results; the only place a failure becomes a message, so every message is scrubbed here. */
import type { DatabaseId, FailureKind, ProbeResult } from '../../common/schemas.js';
import { DatabaseConnectionError } from '../errors.js';
import type { Secret } from '../credentials/Secret.js';
import { classifyError, errorDetail } from './classify.js';
import { hintFor } from './hints.js';
import { oneLine, scrub } from './redact.js';

const SUMMARY: Record<FailureKind, string> = {
  not_configured: 'not configured',
  invalid_config: 'invalid configuration',
  dns: 'host name could not be resolved',
  no_route: 'no route to the host',
  refused: 'connection refused',
  tls: 'TLS handshake failed',
  timeout: 'no answer in time',
  reset: 'connection reset',
  auth_failed: 'authentication failed',
  server_error: 'server error',
  paused: 'project paused',
  unreachable_origin: 'origin unreachable',
  database_offline: 'database offline',
  unknown: 'check failed',
};

export function healthyResult(
  database: DatabaseId,
  latencyMs: number,
  server?: ProbeResult['server'],
  details?: ProbeResult['details'],
): ProbeResult {
  return {
    database,
    healthy: true,
    state: 'healthy',
    latencyMs: Math.max(0, latencyMs),
    ...(server ? { server } : {}),
    ...(details ? { details } : {}),
    checkedAt: new Date().toISOString(),
  };
}

export interface FailureContext {
  database: DatabaseId;
  target: string | null;
  /** Every secret the probe holds: their values are cut out of the message. */
  secrets: ReadonlyArray<Secret | null | undefined>;
  server?: ProbeResult['server'];
  details?: ProbeResult['details'];
}

/**
 * A failed check with a one-line message "neo4j (bolt://h:7687): connection refused (…)" and a hint
 * (the kind's own, unless the caller knows a more precise one).
 */
export function failureResult(ctx: FailureContext, kind: FailureKind, detail?: string, hint = hintFor(ctx.database, kind, ctx.target)): ProbeResult {
  const summary = detail ? `${SUMMARY[kind]} (${detail})` : SUMMARY[kind];
  const error = new DatabaseConnectionError(ctx.database, kind, ctx.target, summary);
  return {
    database: ctx.database,
    healthy: false,
    state: kind === 'not_configured' ? 'not_configured' : 'down',
    latencyMs: null,
    kind,
    message: oneLine(scrub(error.message, ctx.secrets)),
    hint,
    ...(ctx.server ? { server: ctx.server } : {}),
    ...(ctx.details ? { details: ctx.details } : {}),
    checkedAt: new Date().toISOString(),
  };
}

/** A failed check from whatever the client library threw. */
export function resultFromError(ctx: FailureContext, error: unknown, kind = classifyError(error)): ProbeResult {
  return failureResult(ctx, kind, oneLine(scrub(errorDetail(error), ctx.secrets), 160));
}
