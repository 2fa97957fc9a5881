/** Builds probe results; the only place a failure becomes a message, so every message is scrubbed here. */
import type { DatabaseId, FailureKind, ProbeResult } from '../../common/schemas.js';
import { DatabaseConnectionError } from '../errors.js';
import type { Secret } from '../credentials/Secret.js';
import { classifyError, errorDetail } from './classify.js';
import { FAILURE_SUMMARY, type HintKey } from '../../common/hints.js';
import { hintFor } from './hints.js';
import { oneLine, scrub } from './redact.js';

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
 * (the kind's own, unless the caller names a more precise one of the registry).
 */
export function failureResult(ctx: FailureContext, kind: FailureKind, detail?: string, hintKey: HintKey = kind): ProbeResult {
  const summary = detail ? `${FAILURE_SUMMARY[kind]} (${detail})` : FAILURE_SUMMARY[kind];
  const error = new DatabaseConnectionError(ctx.database, kind, ctx.target, summary);
  return {
    database: ctx.database,
    healthy: false,
    state: kind === 'not_configured' ? 'not_configured' : 'down',
    latencyMs: null,
    kind,
    message: oneLine(scrub(error.message, ctx.secrets)),
    hint: hintFor(ctx.database, hintKey, ctx.target),
    hintKey,
    ...(ctx.server ? { server: ctx.server } : {}),
    ...(ctx.details ? { details: ctx.details } : {}),
    checkedAt: new Date().toISOString(),
  };
}

/** A failed check from whatever the client library threw. */
export function resultFromError(ctx: FailureContext, error: unknown, kind = classifyError(error)): ProbeResult {
  return failureResult(ctx, kind, oneLine(scrub(errorDetail(error), ctx.secrets), 160));
}
