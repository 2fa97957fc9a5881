/**
 * Schedules, overlap, stop(), replaceProbe() and listeners on the fake clock, to the millisecond.
 * HealthMonitor.test.ts checks the same on the real clock; this file is the one mutation testing runs.
 */
import { describe, expect, it, vi } from 'vitest';
import { EnvironmentStatusSchema } from '../../../src-main/common/schemas.js';
import { ScriptedProbe, type Step } from './scriptedProbe.js';
import { advance, fakeMonitor, startOffsets, useFakeClock } from './fakeClock.js';

useFakeClock();
const always = (step: Step) => () => step;

describe('HealthMonitor schedule', () => {
  it('checks every configured database at once, then at a fixed rate; an unconfigured one never', async () => {
    const neo4j = new ScriptedProbe('neo4j', always({ ok: 300 }));
    const { monitor, changes } = fakeMonitor(neo4j, null, { intervalSec: 2 });
    expect(monitor.snapshot()).toMatchObject({
      id: 'default',
      name: 'default',
      colour: null,
      status: 'unconfigured',
      paused: null,
      databases: { neo4j: { status: 'unknown', target: 'bolt://127.0.0.1:7687' }, supabase: { status: 'not_configured', target: null } },
    });
    monitor.start();
    await advance(5_000);
    // fixed rate: one interval from start to start, whatever a check takes
    expect(startOffsets(neo4j)).toEqual([0, 2_000, 4_000]);
    expect(changes.map((c) => `${c.database}:${c.from}>${c.to}`)).toEqual(['neo4j:unknown>healthy']);
    const snap = monitor.snapshot();
    expect(EnvironmentStatusSchema.parse(snap)).toEqual(snap);
    expect(snap.databases.neo4j).toMatchObject({ status: 'healthy', healthy: true, consecutiveFailures: 0 });
    expect(monitor.history('neo4j').uptimePct).toBe(100);
  });

  it('a check longer than the interval delays the next one; checks of one database never overlap', async () => {
    const neo4j = new ScriptedProbe('neo4j', always({ ok: 1_500 }));
    const { monitor } = fakeMonitor(neo4j, null, { intervalSec: 1, slowMs: 5_000, timeoutMs: 5_000 });
    monitor.start();
    await advance(100);
    const joined = [monitor.checkNow('neo4j'), monitor.checkNow()];
    await advance(4_500);
    await Promise.all(joined);
    expect(neo4j.maxActive).toBe(1);
    // each overdue check starts at once: on Node's shortest timer, 1 ms
    expect(startOffsets(neo4j)).toEqual([0, 1_501, 3_002, 4_503]);
  });

  it('a hung database never delays the other', async () => {
    const neo4j = new ScriptedProbe('neo4j', always({ hang: true }));
    const supabase = new ScriptedProbe('supabase', always({ ok: 1 }));
    const { monitor, checks } = fakeMonitor(neo4j, supabase, { retries: 0, intervalSec: 1, timeoutMs: 3_000 });
    monitor.start();
    await advance(2_500);
    expect(startOffsets(supabase)).toEqual([0, 1_000, 2_000]);
    expect(checks.filter((c) => c.database === 'neo4j')).toHaveLength(0);
    await advance(500);
    expect(checks.filter((c) => c.database === 'neo4j').map((c) => c.kind)).toEqual(['timeout']);
  });

  it('a listener that throws does not stop monitoring, and the bug is reported as a warning', async () => {
    const neo4j = new ScriptedProbe('neo4j', always({ ok: 1 }));
    const { monitor, checks } = fakeMonitor(neo4j, null, { intervalSec: 1 });
    const warning = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const off = monitor.on('snapshot', () => {
        throw new Error('listener bug');
      });
      monitor.start();
      await advance(2_500);
      expect(checks).toHaveLength(3);
      expect(warning).toHaveBeenCalledWith('HealthMonitor snapshot listener threw: Error: listener bug');
      off();
      warning.mockClear();
      await advance(1_000);
      expect(checks).toHaveLength(4);
      expect(warning).not.toHaveBeenCalled();
    } finally {
      warning.mockRestore();
    }
  });

  it('on() returns an unsubscribe for that listener only', async () => {
    const neo4j = new ScriptedProbe('neo4j', always({ ok: 1 }));
    const { monitor, checks } = fakeMonitor(neo4j, null, { intervalSec: 1 });
    const mine: string[] = [];
    const off = monitor.on('check', (r) => mine.push(r.state));
    monitor.start();
    await advance(1_500);
    off();
    await advance(1_000);
    expect(mine).toEqual(['healthy', 'healthy']);
    expect(checks).toHaveLength(3);
  });
});

describe('HealthMonitor stop', () => {
  it('is bounded with a hung check, closes every probe once and is idempotent', async () => {
    const neo4j = new ScriptedProbe('neo4j', always({ hang: true }));
    const supabase = new ScriptedProbe('supabase', always({ ok: 1 }));
    const { monitor } = fakeMonitor(neo4j, supabase, { timeoutMs: 10_000, intervalSec: 1 });
    monitor.start();
    await advance(10);
    let done = false;
    const stopped = monitor.stop(300).then(() => (done = true));
    await advance(299);
    expect(done).toBe(false);
    await advance(1);
    await stopped;
    expect([neo4j.closed, supabase.closed]).toEqual([1, 1]);
    expect(monitor.stop(300)).toBe(monitor.stop(5));
    await advance(300);
    expect([neo4j.closed, supabase.closed]).toEqual([1, 1]);
    await advance(5_000);
    expect(supabase.calls).toHaveLength(1);
  });

  it('lets an in-flight check finish and record its result', async () => {
    const neo4j = new ScriptedProbe('neo4j', always({ ok: 100 }));
    const { monitor, checks } = fakeMonitor(neo4j);
    monitor.start();
    await advance(10);
    const stopped = monitor.stop(1_000);
    await advance(90);
    await stopped;
    expect(checks.map((c) => [c.state, c.checkedAt])).toEqual([['healthy', '2026-01-01T00:00:00.100Z']]);
    expect(neo4j.closed).toBe(1);
  });

  it('abandons a cycle waiting between retries: no further attempt, prompt return', async () => {
    const neo4j = new ScriptedProbe('neo4j', always({ fail: 'refused' }));
    const { monitor, checks } = fakeMonitor(neo4j, null, { backoffInitialMs: 5_000, backoffMaxMs: 5_000 });
    monitor.start();
    await advance(10);
    expect(checks.map((c) => c.state)).toEqual(['retrying']);
    let done = false;
    const stopped = monitor.stop(1_000).then(() => (done = true));
    await advance(0);
    await stopped;
    expect(done).toBe(true);
    await advance(20_000);
    expect(neo4j.calls).toHaveLength(1);
  });
});

describe('HealthMonitor replaceProbe', () => {
  it('closes the old probe, resets state and history, and checks the new one at once', async () => {
    const old = new ScriptedProbe('neo4j', always({ fail: 'refused' }));
    const { monitor } = fakeMonitor(old, null, { retries: 0 });
    const checked = monitor.checkNow();
    await advance(1);
    await checked;
    expect(monitor.snapshot().databases.neo4j).toMatchObject({ status: 'down', consecutiveFailures: 1 });
    const fresh = new ScriptedProbe('neo4j', always({ ok: 1 }), 'bolt://10.0.0.9:7687');
    const states: string[] = [];
    monitor.on('snapshot', (s) => states.push(s.databases.neo4j!.status));
    const replaced = monitor.replaceProbe('neo4j', fresh);
    await advance(1);
    await replaced;
    expect(old.closed).toBe(1);
    expect(fresh.calls).toHaveLength(1);
    expect(states).toEqual(['unknown', 'healthy']);
    expect(monitor.history('neo4j').entries).toHaveLength(1);
    expect(monitor.snapshot().databases.neo4j).toMatchObject({ target: 'bolt://10.0.0.9:7687', consecutiveFailures: 0 });
    expect(monitor.history('neo4j').uptimePct).toBe(100);
    await monitor.replaceProbe('neo4j', null);
    expect(fresh.closed).toBe(1);
    expect(monitor.snapshot().databases.neo4j).toMatchObject({ status: 'not_configured', target: null, consecutiveFailures: 0 });
  });

  it('drops the late result of the replaced probe', async () => {
    const slow = new ScriptedProbe('neo4j', always({ ok: 400 }));
    const { monitor, checks } = fakeMonitor(slow);
    monitor.start();
    await advance(100);
    const fresh = new ScriptedProbe('neo4j', always({ fail: 'refused' }), 'bolt://10.0.0.9:7687');
    const replaced = monitor.replaceProbe('neo4j', fresh);
    await advance(1_000);
    await replaced;
    expect(checks.map((c) => c.kind ?? c.state)).toEqual(['refused', 'refused', 'refused']);
    expect(monitor.snapshot().databases.neo4j!.target).toBe('bolt://10.0.0.9:7687');
  });

  it('a probe set while stopping is closed, not checked', async () => {
    const { monitor } = fakeMonitor(null);
    const stopped = monitor.stop(1_000);
    const late = new ScriptedProbe('neo4j', always({ ok: 1 }));
    await monitor.replaceProbe('neo4j', late);
    await advance(1_000);
    await stopped;
    expect(late.calls).toHaveLength(0);
    expect(late.closed).toBeGreaterThanOrEqual(1); // close() is idempotent: stop() may close it again
  });

  it('history(database, limit) gives the newest entries', async () => {
    const neo4j = new ScriptedProbe('neo4j', (n) => ({ ok: n + 1 }));
    const { monitor } = fakeMonitor(neo4j, null, { intervalSec: 1 });
    monitor.start();
    await advance(3_500);
    expect(monitor.history('neo4j', 2).entries.map((e) => e.latencyMs)).toEqual([3, 4]);
  });
});
