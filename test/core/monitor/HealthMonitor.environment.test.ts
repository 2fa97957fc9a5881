/**
 * One HealthMonitor per environment, on the fake clock: it monitors exactly the kinds it was given,
 * kinds come and go with replaceProbe(), its status and events name the environment, and two
 * environments' schedules never wait for each other.
 */
import { describe, expect, it, vi } from 'vitest';
import { EnvironmentStatusSchema, type EnvironmentStatus } from '../../../src-main/common/schemas.js';
import { ScriptedProbe, type Step } from './scriptedProbe.js';
import { advance, environmentMonitor, startOffsets, useFakeClock } from './fakeClock.js';

useFakeClock();
const always = (step: Step) => () => step;
const staging = { id: 'staging', name: 'Staging', colour: '#ffa000' };
const healthy = (database: 'neo4j' | 'supabase') => new ScriptedProbe(database, always({ ok: 1 }));

/** The kinds a status lists, in its order. */
const kinds = (status: EnvironmentStatus) => Object.keys(status.databases);

describe('HealthMonitor kinds: exactly those it was given', () => {
  it('a monitor given only neo4j lists only neo4j, is judged by it alone and checks only it', async () => {
    const neo4j = healthy('neo4j');
    const { monitor, checks } = environmentMonitor({ neo4j }, {}, staging);
    expect(monitor.snapshot()).toEqual({
      id: 'staging',
      name: 'Staging',
      colour: '#ffa000',
      status: 'unknown',
      paused: null,
      databases: {
        neo4j: {
          database: 'neo4j',
          label: 'Neo4j',
          status: 'unknown',
          healthy: false,
          target: 'bolt://127.0.0.1:7687',
          latencyMs: null,
          checkedAt: null,
          since: null,
          consecutiveFailures: 0,
          p50Ms: null,
          p95Ms: null,
        },
      },
    });
    monitor.start();
    await advance(1);
    // no supabase listed as not_configured: "ok", not "unconfigured"
    expect(monitor.snapshot()).toMatchObject({ status: 'ok', databases: { neo4j: { status: 'healthy' } } });
    expect(kinds(monitor.snapshot())).toEqual(['neo4j']);
    expect(checks.map((c) => c.database)).toEqual(['neo4j']);
    expect(EnvironmentStatusSchema.parse(monitor.snapshot())).toEqual(monitor.snapshot());
  });

  it('a kind given as undefined is not monitored; one given as null is, as not_configured', () => {
    const { monitor } = environmentMonitor({ supabase: undefined, neo4j: null });
    expect(kinds(monitor.snapshot())).toEqual(['neo4j']);
    expect(monitor.snapshot()).toMatchObject({ status: 'unconfigured', databases: { neo4j: { status: 'not_configured', target: null } } });
  });

  it('with no kinds at all: nothing listed, status ok, start() schedules nothing', async () => {
    const { monitor } = environmentMonitor({});
    monitor.start();
    await advance(0);
    expect(monitor.snapshot()).toMatchObject({ status: 'ok', databases: {} });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('history() and checkNow() of a kind not monitored are RangeErrors naming the environment', async () => {
    const { monitor } = environmentMonitor({ neo4j: healthy('neo4j') }, {}, staging);
    expect(() => monitor.history('supabase')).toThrow(new RangeError('supabase is not monitored in environment "staging"'));
    await expect(monitor.checkNow('supabase')).rejects.toThrow(new RangeError('supabase is not monitored in environment "staging"'));
  });

  it('history() names the environment and the kind', async () => {
    const { monitor } = environmentMonitor({ neo4j: healthy('neo4j') }, {}, staging);
    const done = monitor.checkNow();
    await advance(1);
    await done;
    expect(monitor.history('neo4j')).toEqual({
      environment: 'staging',
      database: 'neo4j',
      entries: [{ checkedAt: '2026-01-01T00:00:00.001Z', state: 'healthy', latencyMs: 1 }],
      uptimePct: 100,
      p50Ms: 1,
      p95Ms: 1,
    });
  });
});

describe('HealthMonitor replaceProbe adds and removes kinds', () => {
  it('replaceProbe(kind, probe) adds a kind: checked at once, listed in registry order, then on its schedule', async () => {
    const neo4j = healthy('neo4j');
    const { monitor, checks } = environmentMonitor({ neo4j }, { intervalSec: 10 });
    monitor.start();
    await advance(5_000);
    const supabase = healthy('supabase');
    const published: string[][] = [];
    monitor.on('snapshot', (s) => published.push(Object.entries(s.databases).map(([id, d]) => `${id}:${d!.status}`)));
    const added = monitor.replaceProbe('supabase', supabase);
    await advance(1);
    await added;
    expect(supabase.calls).toHaveLength(1);
    expect(published).toEqual([
      ['supabase:unknown', 'neo4j:healthy'],
      ['supabase:healthy', 'neo4j:healthy'],
    ]);
    expect(kinds(monitor.snapshot())).toEqual(['supabase', 'neo4j']);
    expect(monitor.history('supabase').entries).toHaveLength(1);
    await advance(20_000);
    // its own fixed rate from its first check at 5 s; neo4j's unchanged
    expect(startOffsets(supabase)).toEqual([0, 10_000, 20_000]);
    expect(startOffsets(neo4j)).toEqual([0, 10_000, 20_000]);
    expect(checks.filter((c) => c.database === 'supabase')).toHaveLength(3);
  });

  it('replaceProbe(kind, null) adds a kind as not_configured, never checked', async () => {
    const { monitor } = environmentMonitor({ neo4j: healthy('neo4j') });
    await monitor.replaceProbe('supabase', null);
    expect(kinds(monitor.snapshot())).toEqual(['supabase', 'neo4j']);
    expect(monitor.snapshot()).toMatchObject({ status: 'unconfigured', databases: { supabase: { status: 'not_configured', target: null } } });
  });

  it('replaceProbe(kind, undefined) removes the kind: its probe closed, unlisted, no timer and no check left', async () => {
    const neo4j = healthy('neo4j');
    const { monitor } = environmentMonitor({ neo4j }, { intervalSec: 10 }, staging);
    monitor.start();
    await advance(1);
    const published: string[][] = [];
    monitor.on('snapshot', (s) => published.push(kinds(s)));
    await monitor.replaceProbe('neo4j', undefined);
    expect(neo4j.closed).toBe(1);
    expect(published).toEqual([[]]);
    expect(monitor.snapshot()).toMatchObject({ status: 'ok', databases: {} });
    expect(vi.getTimerCount()).toBe(0);
    await advance(60_000);
    expect(neo4j.calls).toHaveLength(1);
    expect(() => monitor.history('neo4j')).toThrow(new RangeError('neo4j is not monitored in environment "staging"'));
    // stop() has nothing of it left to close
    const stopped = monitor.stop(1_000);
    await advance(0);
    await stopped;
    expect(neo4j.closed).toBe(1);
  });

  it('removing a kind in mid-check drops its late result; the other kind goes on', async () => {
    const neo4j = new ScriptedProbe('neo4j', always({ ok: 400 }));
    const supabase = healthy('supabase');
    const { monitor, checks, changes } = environmentMonitor({ neo4j, supabase }, { intervalSec: 1, slowMs: 1_000 });
    monitor.start();
    await advance(100);
    await monitor.replaceProbe('neo4j', undefined);
    await advance(2_000);
    expect(checks.filter((c) => c.database === 'neo4j')).toEqual([]);
    expect(changes.map((c) => c.database)).toEqual(['supabase']);
    expect(kinds(monitor.snapshot())).toEqual(['supabase']);
    expect(startOffsets(supabase)).toEqual([0, 1_000, 2_000]);
  });

  it('removing a kind that is not monitored changes and publishes nothing', async () => {
    const { monitor } = environmentMonitor({ neo4j: healthy('neo4j') });
    const before = monitor.snapshot();
    let published = 0;
    monitor.on('snapshot', () => published++);
    await monitor.replaceProbe('supabase', undefined);
    expect(published).toBe(0);
    expect(monitor.snapshot()).toBe(before);
    expect(kinds(monitor.snapshot())).toEqual(['neo4j']);
  });

  it('a kind removed and added again starts afresh', async () => {
    const old = new ScriptedProbe('neo4j', always({ fail: 'refused' }));
    const { monitor } = environmentMonitor({ neo4j: old }, { retries: 0 });
    const checked = monitor.checkNow();
    await advance(0);
    await checked;
    await monitor.replaceProbe('neo4j', undefined);
    const fresh = healthy('neo4j');
    const added = monitor.replaceProbe('neo4j', fresh);
    await advance(1);
    await added;
    expect(monitor.snapshot().databases.neo4j).toMatchObject({ status: 'healthy', consecutiveFailures: 0 });
    expect(monitor.history('neo4j').uptimePct).toBe(100);
    expect(monitor.history('neo4j').entries.map((e) => e.state)).toEqual(['healthy']);
  });
});

describe('HealthMonitor environment in its status and events', () => {
  it('updateEnvironment renames (and recolours) in the next status, and publishes it at once', () => {
    const { monitor } = environmentMonitor({ neo4j: healthy('neo4j') }, {}, staging);
    const published: EnvironmentStatus[] = [];
    monitor.on('snapshot', (s) => published.push(s));
    monitor.updateEnvironment({ id: 'staging', name: 'Staging EU', colour: null });
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ id: 'staging', name: 'Staging EU', colour: null, status: 'unknown' });
    expect(monitor.snapshot()).toBe(published[0]);
  });

  it('stateChange carries the environment id and current name', async () => {
    const neo4j = new ScriptedProbe('neo4j', (n) => (n === 0 ? { ok: 1 } : { fail: 'auth_failed' }));
    const { monitor, changes } = environmentMonitor({ neo4j }, {}, staging);
    let done = monitor.checkNow();
    await advance(1);
    await done;
    monitor.updateEnvironment({ ...staging, name: 'Staging EU' });
    done = monitor.checkNow();
    await advance(1);
    await done;
    expect(changes.map(({ result, ...change }) => ({ ...change, checkedAt: result.checkedAt }))).toEqual([
      { environment: { id: 'staging', name: 'Staging' }, database: 'neo4j', from: 'unknown', to: 'healthy', checkedAt: '2026-01-01T00:00:00.001Z' },
      { environment: { id: 'staging', name: 'Staging EU' }, database: 'neo4j', from: 'healthy', to: 'down', checkedAt: '2026-01-01T00:00:00.001Z' },
    ]);
  });
});

describe('Two environments, two HealthMonitors', () => {
  it('a hung probe in one never delays the other’s schedule', async () => {
    const hung = new ScriptedProbe('neo4j', always({ hang: true }));
    const fine = healthy('neo4j');
    const production = environmentMonitor({ neo4j: hung }, { retries: 0, intervalSec: 1, timeoutMs: 3_000 }, { id: 'production', name: 'Production', colour: null });
    const other = environmentMonitor({ neo4j: fine }, { retries: 0, intervalSec: 1, timeoutMs: 3_000 }, staging);
    production.monitor.start();
    other.monitor.start();
    await advance(2_500);
    expect(startOffsets(fine)).toEqual([0, 1_000, 2_000]);
    expect(production.checks).toHaveLength(0);
    expect(other.monitor.snapshot()).toMatchObject({ id: 'staging', status: 'ok' });
    expect(production.monitor.snapshot()).toMatchObject({ id: 'production', status: 'unknown' });
    await advance(500);
    expect(production.checks.map((c) => c.kind)).toEqual(['timeout']);
    expect(production.changes.map((c) => c.environment.id)).toEqual(['production']);
    expect(other.changes.map((c) => c.environment.id)).toEqual(['staging']);
    await advance(1_000);
    expect(startOffsets(fine)).toEqual([0, 1_000, 2_000, 3_000, 4_000]);
  });
});

describe('HealthMonitor since: when the current state began', () => {
  it('null before the first result; the first result of a state sets it and repeats keep it; a change moves it', async () => {
    // Checks start at 0 s, 10 s, 20 s, 30 s; each answers after 1 ms. Calls 2 and 3 are refused logins (never retried).
    const script = (call: number): Step => (call < 2 ? { ok: 1 } : { fail: 'auth_failed' });
    const { monitor } = environmentMonitor({ neo4j: new ScriptedProbe('neo4j', script) });
    expect(monitor.snapshot().databases.neo4j!.since).toBeNull();
    monitor.start();
    await advance(1);
    expect(monitor.snapshot().databases.neo4j).toMatchObject({ status: 'healthy', since: '2026-01-01T00:00:00.001Z' });
    await advance(10_000);
    expect(monitor.snapshot().databases.neo4j).toMatchObject({ status: 'healthy', since: '2026-01-01T00:00:00.001Z', checkedAt: '2026-01-01T00:00:10.001Z' });
    await advance(10_000);
    expect(monitor.snapshot().databases.neo4j).toMatchObject({ status: 'down', since: '2026-01-01T00:00:20.000Z' });
    await advance(10_000);
    expect(monitor.snapshot().databases.neo4j).toMatchObject({ status: 'down', since: '2026-01-01T00:00:20.000Z', checkedAt: '2026-01-01T00:00:30.000Z' });
  });
});
