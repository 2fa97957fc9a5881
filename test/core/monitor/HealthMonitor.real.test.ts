/** The HealthMonitor with the real probes against real servers and real faults. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EnvironmentStatusSchema, type DatabaseId, type ProbeResult } from '../../../src-main/common/schemas.js';
import type { StateChange } from '../../../src-main/core/MonitorCore.js';
import { Secret } from '../../../src-main/core/credentials/Secret.js';
import { HealthMonitor } from '../../../src-main/core/monitor/HealthMonitor.js';
import type { MonitorSettings } from '../../../src-main/core/monitor/types.js';
import { Neo4jProbe } from '../../../src-main/core/probes/Neo4jProbe.js';
import { SupabaseProbe } from '../../../src-main/core/probes/SupabaseProbe.js';
import { closedPort, startBlackHole, UNRESOLVABLE_HOST } from '../../support/faults.js';
import { startNeo4j } from '../../support/neo4j.js';
import { testServices, type TestServices } from '../../support/services.js';
import { sleep, waitFor } from './scriptedProbe.js';

// Timeout 2 s: generous for a loaded 2-core CI box, short enough for the timing assertions. Slowness
// (degraded) is tested with scripted probes; here a slow first answer from a fresh JVM must not count.
const SETTINGS: MonitorSettings = { intervalSec: 1, timeoutMs: 2_000, retries: 2, backoffInitialMs: 200, backoffMaxMs: 400, slowMs: 30_000, recoverySuccesses: 1 };

let neo4j: TestServices['neo4j'];
let supabase: TestServices['supabase'];
beforeAll(() => {
  ({ neo4j, supabase } = testServices());
});

const monitors: HealthMonitor[] = [];
afterEach(async () => {
  await Promise.all(monitors.splice(0).map((m) => m.stop(2_000)));
});

const neo4jProbe = (o: Partial<{ uri: string; password: string; timeoutMs: number }> = {}) =>
  new Neo4jProbe({ uri: o.uri ?? neo4j.uri, user: neo4j.user, password: new Secret(o.password ?? neo4j.password), database: null, timeoutMs: o.timeoutMs ?? SETTINGS.timeoutMs });
const supabaseProbe = (o: Partial<{ url: string; key: string }> = {}) =>
  new SupabaseProbe({ url: o.url ?? supabase.url, key: new Secret(o.key ?? supabase.serviceRoleKey), probeTable: 'wallets', timeoutMs: SETTINGS.timeoutMs });

function run(probes: { neo4j?: Neo4jProbe | null; supabase?: SupabaseProbe | null }, settings: Partial<MonitorSettings> = {}) {
  const monitor = new HealthMonitor({
    probes: { neo4j: probes.neo4j ?? null, supabase: probes.supabase ?? null },
    settings: { ...SETTINGS, ...settings },
    environment: { id: 'real', name: 'Real servers', colour: null },
  });
  monitors.push(monitor);
  const checks: (ProbeResult & { at: number })[] = [];
  const changes: StateChange[] = [];
  const snapshots: string[] = [];
  monitor.on('check', (r) => checks.push({ ...r, at: performance.now() }));
  monitor.on('stateChange', (c) => changes.push(c));
  monitor.on('snapshot', (s) => snapshots.push(JSON.stringify(s)));
  const stateOf = (db: DatabaseId) => monitor.snapshot().databases[db]!.status;
  return { monitor, checks, changes, snapshots, stateOf };
}

describe('HealthMonitor against real servers', () => {
  it('both healthy: snapshot ok with server info, history and stats', async () => {
    const { monitor, stateOf } = run({ neo4j: neo4jProbe(), supabase: supabaseProbe() });
    monitor.start();
    await waitFor(() => stateOf('neo4j') === 'healthy' && stateOf('supabase') === 'healthy', 'both healthy', 10_000);
    const snap = monitor.snapshot();
    expect(EnvironmentStatusSchema.parse(snap)).toEqual(snap);
    expect(snap.status).toBe('ok');
    expect(snap.databases.neo4j!.server?.agent).toMatch(/^Neo4j\//);
    expect(snap.databases.neo4j!.target).toBe(neo4j.uri);
    expect(snap.databases.supabase!.target).toBe(supabase.url);
    expect(snap.databases.supabase!.since).toBe(monitor.history('supabase').entries[0]!.checkedAt);
    expect(snap.databases.neo4j!.p50Ms).toBeGreaterThan(0);
    expect(monitor.history('neo4j').entries.at(-1)).toMatchObject({ state: 'healthy' });
  });

  it('wrong Neo4j password → auth_failed within one check; the password is in no event, snapshot or history', async () => {
    const wrong = 'Not-the-password-41d7';
    const { monitor, checks, changes, snapshots } = run({ neo4j: neo4jProbe({ password: wrong }), supabase: supabaseProbe() });
    await monitor.checkNow();
    const neoChecks = checks.filter((c) => c.database === 'neo4j');
    expect(neoChecks).toHaveLength(1);
    expect(neoChecks[0]).toMatchObject({ state: 'down', kind: 'auth_failed', hint: 'Check Settings → Neo4j → User and Password' });
    expect(neoChecks[0]!.message).toMatch(/^neo4j \(bolt:\/\/127\.0\.0\.1:\d+\): authentication failed/);
    const everything = [JSON.stringify(checks), JSON.stringify(changes), ...snapshots, JSON.stringify(monitor.history('neo4j'))].join('\n');
    expect(everything).not.toContain(wrong);
    expect(everything).not.toContain(neo4j.password);
  });

  it('an invalid Supabase key → auth_failed on the first check', async () => {
    const { monitor, stateOf } = run({ supabase: supabaseProbe({ key: 'sb_publishable_wrong-key-0000' }) });
    const snap = await monitor.checkNow('supabase');
    expect(stateOf('supabase')).toBe('down');
    expect(snap.databases.supabase).toMatchObject({ kind: 'auth_failed', hint: 'Check Settings → Supabase → API key (anon, service_role or sb_ key)' });
    expect(JSON.stringify(snap)).not.toContain('sb_publishable_wrong-key-0000');
  });

  it('starts fine with databases down (refused, dns): retrying, then down, and keeps checking', async () => {
    const port = await closedPort();
    const { monitor, changes, checks } = run(
      { neo4j: neo4jProbe({ uri: `bolt://127.0.0.1:${port}` }), supabase: supabaseProbe({ url: `https://${UNRESOLVABLE_HOST}` }) },
      { intervalSec: 0.5 },
    );
    monitor.start();
    await waitFor(() => checks.filter((c) => c.database === 'neo4j' && c.state === 'down').length >= 2, 'two down checks', 10_000);
    const neoChanges = changes.filter((c) => c.database === 'neo4j').map((c) => `${c.from}>${c.to}`);
    expect(neoChanges).toEqual(['unknown>retrying', 'retrying>down']);
    const snap = monitor.snapshot();
    expect(snap.status).toBe('down');
    expect(snap.databases.neo4j).toMatchObject({ kind: 'refused', hint: `Is Neo4j running on 127.0.0.1:${port}? Start it, or correct Settings → Neo4j → URI` });
    expect(snap.databases.supabase!.kind).toBe('dns');
    expect(snap.databases.neo4j!.consecutiveFailures).toBeGreaterThanOrEqual(4);
  });

  it('a black-holed Neo4j times out within timeout + 0.5 s while Supabase keeps its schedule', async () => {
    const hole = await startBlackHole();
    try {
      const { monitor, checks } = run(
        { neo4j: neo4jProbe({ uri: `bolt://127.0.0.1:${hole.port}` }), supabase: supabaseProbe() },
        { intervalSec: 0.25, retries: 0 },
      );
      const started = performance.now();
      monitor.start();
      await waitFor(() => checks.some((c) => c.database === 'neo4j'), 'the neo4j timeout', 5_000);
      const first = checks.find((c) => c.database === 'neo4j')!;
      expect(first).toMatchObject({ state: 'down', kind: 'timeout' });
      expect(first.at - started).toBeLessThan(SETTINGS.timeoutMs + 500);
      await sleep(1_500);
      const sb = checks.filter((c) => c.database === 'supabase');
      expect(sb.every((c) => c.state === 'healthy')).toBe(true);
      // ≈ 3.5 s at 250 ms: Supabase never waited for a hung Neo4j check (each holds 2 s).
      expect(sb.length).toBeGreaterThanOrEqual(8);
      const gaps = sb.slice(1).map((c, i) => c.at - sb[i]!.at);
      expect(Math.max(...gaps)).toBeLessThan(SETTINGS.timeoutMs / 2);
    } finally {
      await hole.close();
    }
  });

  it('stop() is bounded while a real check hangs on a black hole (driver close included)', async () => {
    const hole = await startBlackHole();
    try {
      const { monitor } = run({ neo4j: neo4jProbe({ uri: `bolt://127.0.0.1:${hole.port}`, timeoutMs: 30_000 }), supabase: supabaseProbe() }, { timeoutMs: 30_000 });
      monitor.start();
      await sleep(300); // the Neo4j check is now waiting on the black hole
      const started = performance.now();
      await monitor.stop(500);
      expect(performance.now() - started).toBeLessThan(500 + 300);
      expect(monitor.snapshot().databases.neo4j!.status).toBe('unknown');
    } finally {
      await hole.close();
    }
  });
});

describe('HealthMonitor through a real Neo4j outage', () => {
  it('Neo4j stopped mid-run → retrying, then down; started again → healthy within one interval', async () => {
    const server = await startNeo4j();
    try {
      const { monitor, changes, stateOf } = run({ neo4j: new Neo4jProbe({ uri: server.uri, user: server.user, password: new Secret(server.password), database: null, timeoutMs: SETTINGS.timeoutMs }) });
      monitor.start();
      await waitFor(() => stateOf('neo4j') === 'healthy', 'healthy', 10_000);
      await server.stop();
      await waitFor(() => stateOf('neo4j') === 'down', 'down after the outage', 10_000);
      const sequence = changes.map((c) => c.to);
      expect(sequence).toEqual(['healthy', 'retrying', 'down']);
      const down = monitor.snapshot().databases.neo4j!;
      expect(['refused', 'server_error']).toContain(down.kind);
      expect(down.hint).toBeTruthy();
      expect(down.message).toMatch(/^neo4j \(bolt:\/\/127\.0\.0\.1:\d+\): /);

      await server.start();
      const restarted = performance.now();
      await waitFor(() => stateOf('neo4j') === 'healthy', 'healthy after restart', 10_000);
      // The next check starts within one interval; allow it its own time to answer (a fresh JVM is slow).
      expect(performance.now() - restarted).toBeLessThan(SETTINGS.intervalSec * 1_000 + SETTINGS.timeoutMs);
      expect(changes.at(-1)).toMatchObject({ from: 'down', to: 'healthy' });
    } finally {
      await server.dispose();
    }
  });
});
