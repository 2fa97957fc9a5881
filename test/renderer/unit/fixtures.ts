import {
  DatabaseStateSchema,
  SnapshotSchema,
  type DatabaseState,
  type DatabaseStatus,
  type EnvironmentStatus,
  type OverallStatus,
  type Snapshot,
} from '../../../src-main/common/schemas.js';

export const DATABASE_STATES_FOR_TEST = DatabaseStateSchema.options;

export function status(state: DatabaseState, extra: Partial<DatabaseStatus> = {}): DatabaseStatus {
  return {
    database: 'neo4j',
    label: 'Neo4j',
    status: state,
    healthy: state === 'healthy' || state === 'degraded',
    target: 'bolt://127.0.0.1:7687',
    latencyMs: state === 'down' ? null : 12.3,
    checkedAt: '2026-01-01T12:00:00.000Z',
    consecutiveFailures: state === 'down' ? 3 : 0,
    since: '2026-01-01T11:00:00.000Z',
    p50Ms: 10,
    p95Ms: 20,
    ...extra,
  };
}

/** One environment; `states` in the order given (the snapshot's registry order). */
export function env(id: string, states: Record<string, DatabaseState>, overall: OverallStatus = 'ok', name = id): EnvironmentStatus {
  const label = (kind: string) => ({ supabase: 'Supabase', neo4j: 'Neo4j' })[kind] ?? kind;
  return {
    id,
    name,
    colour: null,
    status: overall,
    paused: null,
    databases: Object.fromEntries(Object.entries(states).map(([kind, s]) => [kind, status(s, { database: kind, label: label(kind) })])),
  };
}

/** A one-environment snapshot that passes the contract's schema, so fixtures cannot drift from it. */
export function overallFor(overall: OverallStatus, supabase: DatabaseState, neo4j: DatabaseState): Snapshot {
  return SnapshotSchema.parse({
    status: overall,
    version: '0.1.0',
    checkedAt: '2026-01-01T12:00:00.000Z',
    paused: null,
    staleAfterMs: 65_000,
    lastIncident: null,
    environments: [env('default', { supabase, neo4j }, overall)],
  });
}
