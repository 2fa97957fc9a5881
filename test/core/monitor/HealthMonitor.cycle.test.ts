/**
 * One cycle on the fake clock: retries and their backoff to the millisecond, the slow line, what
 * checkNow() does on a monitor that never started or has stopped, and the state a result leads to.
 */
import { describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../../src-main/common/schemas.js';
import { monitorState } from '../../../src-main/core/monitor/HealthMonitor.js';
import type { Probe } from '../../../src-main/core/probes/Probe.js';
import { ScriptedProbe, type Step } from './scriptedProbe.js';
import { advance, fakeMonitor, startOffsets, useFakeClock } from './fakeClock.js';

useFakeClock();
const always = (step: Step) => () => step;
const transitions = (changes: { database: string; from: string; to: string }[]) => changes.map((c) => `${c.database}:${c.from}>${c.to}`);

describe('HealthMonitor retries', () => {
  it('backs off exponentially from backoffInitialMs, capped at backoffMaxMs', async () => {
    const neo4j = new ScriptedProbe('neo4j', always({ fail: 'refused' }));
    const { monitor, checks, changes } = fakeMonitor(neo4j, null, { retries: 4, backoffInitialMs: 100, backoffMaxMs: 300 });
    const snapshots: string[] = [];
    monitor.on('snapshot', (s) => snapshots.push(s.databases.neo4j!.status));
    const done = monitor.checkNow('neo4j');
    await advance(5_000);
    await done;
    // 100, 200, then 400 capped at 300
    expect(startOffsets(neo4j)).toEqual([0, 100, 300, 600, 900]);
    expect(checks.map((c) => c.state)).toEqual(['retrying', 'retrying', 'retrying', 'retrying', 'down']);
    // one stateChange per change, one snapshot per check
    expect(transitions(changes)).toEqual(['neo4j:unknown>retrying', 'neo4j:retrying>down']);
    expect(snapshots).toEqual(['retrying', 'retrying', 'retrying', 'retrying', 'down']);
    expect(monitor.snapshot()).toMatchObject({ status: 'down', databases: { neo4j: { consecutiveFailures: 5, kind: 'refused' } } });
  });

  it('backoff max equal to the initial delay waits that long every time', async () => {
    const neo4j = new ScriptedProbe('neo4j', always({ fail: 'timeout' }));
    const { monitor } = fakeMonitor(neo4j, null, { retries: 3, backoffInitialMs: 250, backoffMaxMs: 250 });
    const done = monitor.checkNow();
    await advance(5_000);
    await done;
    expect(startOffsets(neo4j)).toEqual([0, 250, 500, 750]);
  });

  it('retries: 0 means one attempt, straight to down', async () => {
    const neo4j = new ScriptedProbe('neo4j', always({ fail: 'dns' }));
    const { monitor, changes } = fakeMonitor(neo4j, null, { retries: 0 });
    const done = monitor.checkNow();
    await advance(5_000);
    await done;
    expect(neo4j.calls).toHaveLength(1);
    expect(transitions(changes)).toEqual(['neo4j:unknown>down']);
  });

  it.each(['auth_failed', 'invalid_config'] as const)('%s is never retried (a rate-limited login would lock the account)', async (kind) => {
    const neo4j = new ScriptedProbe('neo4j', always({ fail: kind }));
    const { monitor, checks } = fakeMonitor(neo4j);
    const done = monitor.checkNow();
    await advance(5_000);
    await done;
    expect(checks.map((c) => `${c.state}:${c.kind}`)).toEqual([`down:${kind}`]);
  });

  it('a probe that reports not_configured is not retried and shows not_configured', async () => {
    const neo4j = new ScriptedProbe('neo4j', always({ fail: 'not_configured' }));
    const { monitor, checks } = fakeMonitor(neo4j);
    const done = monitor.checkNow();
    await advance(5_000);
    await done;
    expect(checks.map((c) => c.state)).toEqual(['not_configured']);
    expect(monitor.snapshot().databases.neo4j).toMatchObject({ status: 'not_configured', healthy: false, consecutiveFailures: 1 });
  });

  it('counts consecutive failures across cycles and resets on a success', async () => {
    const neo4j = new ScriptedProbe('neo4j', (n) => (n < 4 ? { fail: 'refused' } : { ok: 5 }));
    const { monitor } = fakeMonitor(neo4j, null, { retries: 2 });
    let done = monitor.checkNow();
    await advance(5_000);
    await done;
    expect(monitor.snapshot().databases.neo4j).toMatchObject({ status: 'down', consecutiveFailures: 3 });
    done = monitor.checkNow(); // once down: one attempt per cycle
    await advance(5_000);
    await done;
    expect(monitor.snapshot().databases.neo4j).toMatchObject({ status: 'down', consecutiveFailures: 4 });
    done = monitor.checkNow();
    await advance(5_000);
    await done;
    expect(monitor.snapshot().databases.neo4j).toMatchObject({ status: 'healthy', consecutiveFailures: 0 });
    expect(neo4j.calls).toHaveLength(5);
  });

  it('a hung check times out after timeoutMs with a message naming the limit', async () => {
    const neo4j = new ScriptedProbe('neo4j', always({ hang: true }));
    const { monitor, checks } = fakeMonitor(neo4j, null, { retries: 0, timeoutMs: 700 });
    monitor.start();
    await advance(699);
    expect(checks).toHaveLength(0);
    await advance(1);
    expect(checks).toEqual([
      {
        database: 'neo4j',
        healthy: false,
        state: 'down',
        latencyMs: null,
        kind: 'timeout',
        message: 'neo4j (bolt://127.0.0.1:7687): no answer in time (no answer within 700 ms)',
        hint: 'Neo4j at 127.0.0.1:7687 did not answer in time: check the server load, firewall or VPN, or raise Settings → Checks → Timeout',
        hintKey: 'timeout',
        checkedAt: '2026-01-01T00:00:00.700Z',
      },
    ]);
  });

  it('a probe that throws (breaking its contract) still gives a classified result', async () => {
    const broken: Probe = {
      database: 'supabase',
      target: 'http://127.0.0.1:54321',
      check: () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:54321'), { code: 'ECONNREFUSED' })),
      close: () => Promise.resolve(),
    };
    const { monitor, checks } = fakeMonitor(null, null, { retries: 0 });
    await monitor.replaceProbe('supabase', broken);
    expect(checks.map((c) => [c.state, c.kind, c.message])).toEqual([
      ['down', 'refused', 'supabase (http://127.0.0.1:54321): connection refused (connect ECONNREFUSED 127.0.0.1:54321)'],
    ]);
  });
});

describe('HealthMonitor slow line', () => {
  it.each([
    [499, 'healthy'],
    [500, 'healthy'], // exactly at slowMs is not slow
    [501, 'degraded'],
  ])('an answer in %i ms with slowMs 500 is %s', async (latency, state) => {
    const neo4j = new ScriptedProbe('neo4j', always({ ok: latency }));
    const { monitor, checks } = fakeMonitor(neo4j, null, { slowMs: 500 });
    const done = monitor.checkNow();
    await advance(latency);
    await done;
    expect(checks.map((c) => [c.state, c.healthy, c.latencyMs])).toEqual([[state, true, latency]]);
  });

  it('monitorState: the result, whether a retry follows, and the slow line', () => {
    const base = { database: 'neo4j', checkedAt: '2026-01-01T00:00:00.000Z' } as const;
    const ok = (latencyMs: number | null): ProbeResult => ({ ...base, healthy: true, state: 'healthy', latencyMs });
    const failed: ProbeResult = { ...base, healthy: false, state: 'down', latencyMs: null, kind: 'refused' };
    expect(monitorState(ok(100), false, 100)).toBe('healthy');
    expect(monitorState(ok(101), false, 100)).toBe('degraded');
    expect(monitorState(ok(null), false, 0)).toBe('healthy');
    expect(monitorState(ok(5), true, 100)).toBe('healthy');
    expect(monitorState(failed, true, 100)).toBe('retrying');
    expect(monitorState(failed, false, 100)).toBe('down');
    expect(monitorState({ ...failed, state: 'not_configured', kind: 'not_configured' }, true, 100)).toBe('not_configured');
  });
});

describe('HealthMonitor checkNow', () => {
  it('on a monitor never started: checks once, schedules nothing', async () => {
    const neo4j = new ScriptedProbe('neo4j', always({ ok: 1 }));
    const supabase = new ScriptedProbe('supabase', always({ ok: 1 }));
    const { monitor } = fakeMonitor(neo4j, supabase);
    const done = monitor.checkNow();
    await advance(1);
    const snapshot = await done;
    expect(snapshot.databases.neo4j!.status).toBe('healthy');
    expect(snapshot.databases.supabase!.status).toBe('healthy');
    await advance(60_000);
    expect([neo4j.calls.length, supabase.calls.length]).toEqual([1, 1]);
  });

  it('checkNow(database) checks only that one', async () => {
    const neo4j = new ScriptedProbe('neo4j', always({ ok: 1 }));
    const supabase = new ScriptedProbe('supabase', always({ ok: 1 }));
    const { monitor } = fakeMonitor(neo4j, supabase);
    const done = monitor.checkNow('supabase');
    await advance(1);
    expect((await done).databases).toMatchObject({ supabase: { status: 'healthy' }, neo4j: { status: 'unknown' } });
    expect([neo4j.calls.length, supabase.calls.length]).toEqual([0, 1]);
  });

  it('on a stopped monitor: checks nothing and answers the last snapshot', async () => {
    const neo4j = new ScriptedProbe('neo4j', always({ ok: 1 }));
    const { monitor } = fakeMonitor(neo4j);
    monitor.start();
    await advance(1);
    const stopped = monitor.stop(1_000);
    await advance(0);
    await stopped;
    const snapshot = await monitor.checkNow();
    expect(neo4j.calls).toHaveLength(1);
    expect(neo4j.closed).toBe(1);
    expect(snapshot.databases.neo4j!.status).toBe('healthy');
    monitor.start(); // a stopped monitor does not start again
    await advance(60_000);
    expect(neo4j.calls).toHaveLength(1);
  });

  it('start() twice keeps one schedule', async () => {
    const neo4j = new ScriptedProbe('neo4j', always({ ok: 1 }));
    const { monitor } = fakeMonitor(neo4j);
    monitor.start();
    monitor.start();
    await advance(25_000);
    expect(startOffsets(neo4j)).toEqual([0, 10_000, 20_000]);
  });

  it('updateSettings during a cycle applies from the next one', async () => {
    const neo4j = new ScriptedProbe('neo4j', always({ ok: 2_000 }));
    const { monitor } = fakeMonitor(neo4j, null, { slowMs: 5_000, timeoutMs: 5_000 });
    monitor.start();
    await advance(1_000);
    monitor.updateSettings({ intervalSec: 3, timeoutMs: 5_000, retries: 2, backoffInitialMs: 100, backoffMaxMs: 1_000, slowMs: 5_000, recoverySuccesses: 1 });
    await advance(5_000);
    expect(startOffsets(neo4j)).toEqual([0, 3_000, 6_000]);
  });
});
