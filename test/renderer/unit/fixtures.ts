import { DatabaseStateSchema, SnapshotSchema, type DatabaseState, type DatabaseStatus, type OverallStatus, type Snapshot } from '../../../src-main/common/schemas.js';

export const DATABASE_STATES_FOR_TEST = DatabaseStateSchema.options;

export function status(state: DatabaseState, extra: Partial<DatabaseStatus> = {}): DatabaseStatus {
  return {
    status: state,
    healthy: state === 'healthy' || state === 'degraded',
    target: 'bolt://127.0.0.1:7687',
    latencyMs: state === 'down' ? null : 12.3,
    checkedAt: '2026-01-01T12:00:00.000Z',
    consecutiveFailures: state === 'down' ? 3 : 0,
    uptimePct: 99.5,
    p50Ms: 10,
    p95Ms: 20,
    ...extra,
  };
}

/** A snapshot that passes the contract's schema, so fixtures cannot drift from it. */
export function overallFor(overall: OverallStatus, supabase: DatabaseState, neo4j: DatabaseState): Snapshot {
  return SnapshotSchema.parse({
    status: overall,
    version: '0.1.0',
    checkedAt: '2026-01-01T12:00:00.000Z',
    paused: null,
    databases: { supabase: status(supabase), neo4j: status(neo4j) },
  });
}
