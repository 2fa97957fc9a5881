/** Builds the Snapshot (the original /api/health response, extended) from the monitor's per-database view. */
import type {
  DatabaseId,
  DatabaseState,
  DatabaseStatus,
  OverallStatus,
  ProbeResult,
  Snapshot,
} from '../../common/schemas.js';
import { publicTarget } from '../probes/redact.js';
import type { HistoryStats } from './History.js';

export interface DatabaseView {
  state: DatabaseState;
  /** The probe's endpoint; null when not configured. */
  target: string | null;
  last: ProbeResult | null;
  consecutiveFailures: number;
  stats: HistoryStats;
}

/** Precedence down > degraded > unconfigured > unknown > ok: "ok" only when every database is healthy. */
export function overallStatus(states: readonly DatabaseState[]): OverallStatus {
  if (states.includes('down')) return 'down';
  if (states.some((s) => s === 'degraded' || s === 'retrying')) return 'degraded';
  if (states.includes('not_configured')) return 'unconfigured';
  if (states.includes('unknown')) return 'unknown';
  return 'ok';
}

export function databaseStatus(view: DatabaseView): DatabaseStatus {
  const last = view.last;
  const failed = last !== null && !last.healthy;
  return {
    status: view.state,
    healthy: view.state === 'healthy' || view.state === 'degraded',
    target: view.target === null ? null : publicTarget(view.target),
    latencyMs: last?.latencyMs ?? null,
    ...(failed && last.kind ? { kind: last.kind } : {}),
    ...(failed && last.message ? { message: last.message } : {}),
    ...(failed && last.hint ? { hint: last.hint } : {}),
    ...(last?.server ? { server: last.server } : {}),
    checkedAt: last?.checkedAt ?? null,
    consecutiveFailures: view.consecutiveFailures,
    ...view.stats,
  };
}

export function buildSnapshot(input: {
  version: string;
  now: number;
  /** null = running; `until` null = paused until resumed. */
  paused: { until: number | null } | null;
  databases: Record<DatabaseId, DatabaseView>;
}): Snapshot {
  const { supabase, neo4j } = input.databases;
  return {
    status: overallStatus([supabase.state, neo4j.state]),
    version: input.version,
    checkedAt: new Date(input.now).toISOString(),
    paused: input.paused && {
      until: input.paused.until === null ? null : new Date(input.paused.until).toISOString(),
    },
    databases: { supabase: databaseStatus(supabase), neo4j: databaseStatus(neo4j) },
  };
}
