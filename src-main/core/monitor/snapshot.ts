/** Builds what hosts show: per environment its databases' status, and the Snapshot of all environments. */
import { databaseKind } from '../../common/databases.js';
import {
  isHealthyState,
  type Connectivity,
  type DatabaseId,
  type DatabaseState,
  type DatabaseStatus,
  type EnvironmentStatus,
  type Incident,
  type OverallStatus,
  type ProbeResult,
  type Snapshot,
} from '../../common/schemas.js';
import { publicTarget } from '../probes/redact.js';
import type { HistoryStats } from './History.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export interface DatabaseView {
  state: DatabaseState;
  /** The probe's endpoint; null when not configured. */
  target: string | null;
  last: ProbeResult | null;
  /** When `state` began (epoch ms); null before the first result. */
  since: number | null;
  consecutiveFailures: number;
  /** While recovering: successes in a row so far and how many are needed; null otherwise. */
  recovery?: { successes: number; needed: number } | null;
  stats: HistoryStats;
}

/** Worst first; "ok" only when every database is healthy. */
const PRECEDENCE: readonly OverallStatus[] = ['down', 'degraded', 'unconfigured', 'unknown', 'ok'];

/** Precedence down > degraded > unconfigured > unknown > ok: "ok" only when every database is healthy. */
export function overallStatus(states: readonly DatabaseState[]): OverallStatus {
  if (states.includes('down')) return 'down';
  if (states.some((s) => s === 'degraded' || s === 'retrying' || s === 'recovering')) return 'degraded';
  if (states.includes('not_configured')) return 'unconfigured';
  if (states.includes('unknown')) return 'unknown';
  return 'ok';
}

/** The worst of several environments' statuses ("ok" for none). */
export function worstStatus(statuses: readonly OverallStatus[]): OverallStatus {
  return PRECEDENCE.find((s) => statuses.includes(s)) ?? 'ok';
}

export function databaseStatus(database: DatabaseId, view: DatabaseView): DatabaseStatus {
  const last = view.last;
  const failed = last !== null && !last.healthy;
  return {
    database,
    label: databaseKind(database).label,
    status: view.state,
    healthy: isHealthyState(view.state),
    target: view.target === null ? null : publicTarget(view.target),
    latencyMs: last?.latencyMs ?? null,
    ...(failed && last.kind ? { kind: last.kind } : {}),
    ...(failed && last.message ? { message: last.message } : {}),
    ...(failed && last.hint ? { hint: last.hint } : {}),
    ...(failed && last.hintKey ? { hintKey: last.hintKey } : {}),
    ...(last?.server ? { server: last.server } : {}),
    ...(last?.details ? { details: last.details } : {}),
    checkedAt: last?.checkedAt ?? null,
    since: iso(view.since),
    consecutiveFailures: view.consecutiveFailures,
    ...(view.recovery ? { recovery: view.recovery } : {}),
    p50Ms: view.stats.p50Ms,
    p95Ms: view.stats.p95Ms,
  };
}

export interface EnvironmentMeta {
  id: string;
  name: string;
  colour: string | null;
}


export function buildEnvironmentStatus(input: {
  environment: EnvironmentMeta;
  /** null = running; `until` null = paused until resumed. */
  paused: { until: number | null } | null;
  /** In registry order. */
  databases: ReadonlyArray<readonly [DatabaseId, DatabaseView]>;
}): EnvironmentStatus {
  const { id, name, colour } = input.environment;
  return {
    id,
    name,
    colour,
    status: overallStatus(input.databases.map(([, view]) => view.state)),
    paused: input.paused && { until: iso(input.paused.until) },
    databases: Object.fromEntries(input.databases.map(([database, view]) => [database, databaseStatus(database, view)])),
  };
}

/** Every environment, in settings order; paused only when all are (until the latest resume). */
export function buildSnapshot(input: {
  version: string;
  now: number;
  staleAfterMs: number;
  lastIncident: Incident | null;
  environments: readonly EnvironmentStatus[];
  connectivity?: Connectivity;
}): Snapshot {
  const envs = input.environments;
  const pauses = envs.map((e) => e.paused);
  let paused: Snapshot['paused'] = null;
  if (envs.length > 0 && pauses.every((p) => p !== null)) {
    const untils = pauses.map((p) => p!.until);
    paused = { until: untils.includes(null) ? null : untils.reduce((a, b) => (a! > b! ? a : b)) };
  }
  return {
    status: worstStatus(envs.map((e) => e.status)),
    version: input.version,
    checkedAt: new Date(input.now).toISOString(),
    paused,
    staleAfterMs: input.staleAfterMs,
    lastIncident: input.lastIncident,
    environments: [...envs],
    ...(input.connectivity ? { connectivity: input.connectivity } : {}),
  };
}
