/**
 * GET /api/health in the original service's shape (story 1.2's "Extended Health Response"):
 * `{status: "ok"|"degraded", version, databases: {<kind>: {status: "connected"|"disconnected"|"error", healthy}}}`
 * for one environment, with everything else this monitor knows under other keys, so a client of
 * the original service reads it unchanged. /api/health/all answers the same for every environment.
 */
import type { DatabaseState, DatabaseStatus, EnvironmentStatus, OverallStatus, Snapshot } from '../common/schemas.js';
import { isHealthyState } from '../common/schemas.js';

/** The original service's per-database status. */
export type ConnectionStatus = 'connected' | 'disconnected' | 'error';
/** The original service's top-level status: "ok" only when every database answered. */
export type ServiceStatus = 'ok' | 'degraded';

const CONNECTION: Record<DatabaseState, ConnectionStatus> = {
  healthy: 'connected',
  degraded: 'connected',
  unknown: 'disconnected',
  not_configured: 'disconnected',
  retrying: 'error',
  // Answers again, but not yet trusted (flap control): not "connected" until shown healthy.
  recovering: 'error',
  down: 'error',
};

export interface DatabaseHealth {
  status: ConnectionStatus;
  healthy: boolean;
  state: DatabaseState;
  label: string;
  target: string | null;
  latencyMs: number | null;
  checkedAt: string | null;
  /** When the database entered its current state (ISO); null before its first result. */
  since: string | null;
  /** Why the last check failed (FailureKind), with the message and the operator hint. */
  kind?: DatabaseStatus['kind'];
  message?: string;
  hint?: string;
}

export interface EnvironmentHealth {
  status: ServiceStatus;
  version: string;
  databases: Record<string, DatabaseHealth>;
  state: OverallStatus;
  environment: { id: string; name: string };
  checkedAt: string;
  paused: EnvironmentStatus['paused'];
}

export interface AllHealth {
  status: ServiceStatus;
  version: string;
  state: OverallStatus;
  checkedAt: string;
  paused: Snapshot['paused'];
  environments: {
    id: string;
    name: string;
    status: ServiceStatus;
    state: OverallStatus;
    paused: EnvironmentStatus['paused'];
    databases: Record<string, DatabaseHealth>;
  }[];
}

function databaseHealth(db: DatabaseStatus): DatabaseHealth {
  return {
    status: CONNECTION[db.status],
    healthy: isHealthyState(db.status),
    state: db.status,
    label: db.label,
    target: db.target,
    latencyMs: db.latencyMs,
    checkedAt: db.checkedAt,
    since: db.since,
    ...(db.kind ? { kind: db.kind } : {}),
    ...(db.message ? { message: db.message } : {}),
    ...(db.hint ? { hint: db.hint } : {}),
  };
}

/** In registry order, as the snapshot lists them. */
function databasesOf(env: EnvironmentStatus): DatabaseStatus[] {
  return Object.values(env.databases).filter((db): db is DatabaseStatus => db !== undefined);
}

/** "ok" when every database of the scope is healthy; a scope with no database at all checks nothing, so it is not ok. */
function serviceStatus(databases: DatabaseStatus[]): ServiceStatus {
  return databases.length > 0 && databases.every((db) => isHealthyState(db.status)) ? 'ok' : 'degraded';
}

export function environmentHealth(snapshot: Snapshot, env: EnvironmentStatus): EnvironmentHealth {
  const databases = databasesOf(env);
  return {
    status: serviceStatus(databases),
    version: snapshot.version,
    databases: Object.fromEntries(databases.map((db) => [db.database, databaseHealth(db)])),
    state: env.status,
    environment: { id: env.id, name: env.name },
    checkedAt: snapshot.checkedAt,
    paused: env.paused,
  };
}

export function allHealth(snapshot: Snapshot): AllHealth {
  const environments = snapshot.environments.map((env) => {
    const { status, state, paused, databases } = environmentHealth(snapshot, env);
    return { id: env.id, name: env.name, status, state, paused, databases };
  });
  return {
    status: environments.length > 0 && environments.every((env) => env.status === 'ok') ? 'ok' : 'degraded',
    version: snapshot.version,
    state: snapshot.status,
    checkedAt: snapshot.checkedAt,
    paused: snapshot.paused,
    environments,
  };
}

/** HTTP status of an answer: 200 only when its scope is "ok", so a plain HTTP check sees trouble. */
export const httpStatusOf = (body: { status: ServiceStatus }): 200 | 503 => (body.status === 'ok' ? 200 : 503);
