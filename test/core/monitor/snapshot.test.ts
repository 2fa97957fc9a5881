import { describe, expect, it } from 'vitest';
import { SnapshotSchema, type DatabaseState, type ProbeResult } from '../../../src-main/common/schemas.js';
import { buildEnvironmentStatus, buildSnapshot, overallStatus, type DatabaseView } from '../../../src-main/core/monitor/snapshot.js';

describe('overallStatus precedence: down > degraded > unconfigured > unknown > ok', () => {
  it.each<[DatabaseState, DatabaseState, string]>([
    ['healthy', 'healthy', 'ok'],
    ['healthy', 'down', 'down'],
    ['degraded', 'down', 'down'],
    ['retrying', 'healthy', 'degraded'],
    ['degraded', 'not_configured', 'degraded'],
    ['not_configured', 'unknown', 'unconfigured'],
    ['healthy', 'not_configured', 'unconfigured'],
    ['unknown', 'healthy', 'unknown'],
    ['not_configured', 'not_configured', 'unconfigured'],
  ])('%s + %s → %s', (a, b, expected) => {
    expect(overallStatus([a, b])).toBe(expected);
    expect(overallStatus([b, a])).toBe(expected);
  });
});

const stats = { uptimePct: 50, p50Ms: 3, p95Ms: 9 };
const failed: ProbeResult = {
  database: 'neo4j',
  healthy: false,
  state: 'down',
  latencyMs: null,
  kind: 'refused',
  message: 'neo4j (bolt://127.0.0.1:7687): connection refused',
  hint: 'Is Neo4j running on 127.0.0.1:7687? Start it, or correct NEO4J_URI in Settings',
  checkedAt: new Date(0).toISOString(),
};

const production = { id: 'production', name: 'Production', colour: '#d32f2f' };

describe('buildEnvironmentStatus + buildSnapshot', () => {
  it('builds a schema-valid snapshot with non-secret targets and per-database detail', () => {
    const neo4j: DatabaseView = {
      state: 'down',
      target: 'bolt://neo4j:secret-pw@127.0.0.1:7687',
      last: failed,
      since: Date.UTC(2025, 11, 31, 23, 50),
      consecutiveFailures: 3,
      stats,
    };
    const supabase: DatabaseView = { state: 'not_configured', target: null, last: null, since: null, consecutiveFailures: 0, stats };
    const env = buildEnvironmentStatus({ environment: production, paused: { until: null }, databases: [['supabase', supabase], ['neo4j', neo4j]] });
    const snap = buildSnapshot({ version: '1.2.3', now: Date.UTC(2026, 0, 1), staleAfterMs: 25_000, lastIncident: null, environments: [env] });
    expect(SnapshotSchema.parse(snap)).toEqual(snap);
    expect(snap).toMatchObject({ status: 'down', version: '1.2.3', checkedAt: '2026-01-01T00:00:00.000Z', paused: { until: null } });
    expect(snap.environments).toEqual([env]);
    expect(env).toMatchObject({ id: 'production', name: 'Production', colour: '#d32f2f', status: 'down', paused: { until: null } });
    expect(Object.keys(env.databases)).toEqual(['supabase', 'neo4j']);
    expect(env.databases.neo4j).toMatchObject({
      database: 'neo4j',
      label: 'Neo4j',
      status: 'down',
      healthy: false,
      target: 'bolt://127.0.0.1:7687',
      kind: 'refused',
      hint: failed.hint,
      consecutiveFailures: 3,
      since: '2025-12-31T23:50:00.000Z',
    });
    expect(env.databases.neo4j).not.toHaveProperty('uptimePct');
    expect(JSON.stringify(snap)).not.toContain('secret-pw');
    expect(env.databases.supabase).toMatchObject({ status: 'not_configured', target: null, checkedAt: null, since: null, latencyMs: null });
  });

  it('a healthy database carries no stale failure fields; degraded still counts as answering', () => {
    const ok: ProbeResult = { database: 'supabase', healthy: true, state: 'degraded', latencyMs: 1500, checkedAt: new Date(0).toISOString() };
    const view: DatabaseView = { state: 'degraded', target: 'https://x.supabase.co', last: ok, since: 0, consecutiveFailures: 0, stats };
    const env = buildEnvironmentStatus({ environment: production, paused: { until: 3_600_000 }, databases: [['supabase', view], ['neo4j', view]] });
    expect(env.status).toBe('degraded');
    expect(env.paused).toEqual({ until: '1970-01-01T01:00:00.000Z' });
    expect(env.databases.supabase!.healthy).toBe(true);
    expect(env.databases.supabase!.since).toBe('1970-01-01T00:00:00.000Z');
    expect(env.databases.supabase).not.toHaveProperty('kind');
    expect(buildEnvironmentStatus({ environment: production, paused: null, databases: [['supabase', view]] }).paused).toBeNull();
  });
});
