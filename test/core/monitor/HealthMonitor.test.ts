/** The scheduler with scripted probes and real timers at short intervals. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EnvironmentStatusSchema, type DatabaseState, type ProbeResult } from '../../../src-main/common/schemas.js';
import { HealthMonitor } from '../../../src-main/core/monitor/HealthMonitor.js';
import type { MonitorSettings } from '../../../src-main/core/monitor/types.js';
import type { StateChange } from '../../../src-main/core/MonitorCore.js';
import { ScriptedProbe, sleep, waitFor, type Step } from './scriptedProbe.js';

const FAST: MonitorSettings = {
  intervalSec: 0.2,
  timeoutMs: 150,
  retries: 2,
  backoffInitialMs: 60,
  backoffMaxMs: 100,
  slowMs: 80,
  recoverySuccesses: 1,
};

const monitors: HealthMonitor[] = [];
afterEach(async () => {
  await Promise.all(monitors.splice(0).map((m) => m.stop(1_000)));
});

function setup(neo4j: ScriptedProbe | null, supabase: ScriptedProbe | null = null, settings: Partial<MonitorSettings> = {}) {
  const monitor = new HealthMonitor({ probes: { neo4j, supabase }, settings: { ...FAST, ...settings }, environment: { id: 'fast', name: 'Fast', colour: null } });
  monitors.push(monitor);
  const checks: ProbeResult[] = [];
  const changes: StateChange[] = [];
  monitor.on('check', (r) => checks.push(r));
  monitor.on('stateChange', (c) => changes.push(c));
  return { monitor, checks, changes };
}

const always = (step: Step) => () => step;
const transitions = (changes: StateChange[]) => changes.map((c) => `${c.database}:${c.from}>${c.to}`);

describe('HealthMonitor', () => {
  it('checks every configured database at once and on its interval; unconfigured ones never', async () => {
    const neo4j = new ScriptedProbe('neo4j', always({ ok: 2 }));
    const { monitor, changes } = setup(neo4j, null);
    expect(monitor.snapshot()).toMatchObject({ id: 'fast', name: 'Fast', status: 'unconfigured', databases: { neo4j: { status: 'unknown' }, supabase: { status: 'not_configured', target: null } } });
    monitor.start();
    await waitFor(() => neo4j.calls.length >= 3, '3 scheduled checks');
    const gaps = neo4j.calls.slice(1).map((c, i) => c.startedAt - neo4j.calls[i]!.startedAt);
    // Fixed rate: about one interval between starts (measured at the probe, so load can shift either end a little).
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(150);
    for (const gap of gaps) expect(gap).toBeLessThan(400);
    expect(transitions(changes)).toEqual(['neo4j:unknown>healthy']);
    const snap = monitor.snapshot();
    expect(EnvironmentStatusSchema.parse(snap)).toEqual(snap);
    expect(snap.databases.neo4j).toMatchObject({ status: 'healthy', healthy: true, target: 'bolt://127.0.0.1:7687', consecutiveFailures: 0 });
    expect(monitor.history('neo4j').uptimePct).toBe(100);
  });

  it('retries with exponential backoff (shown as retrying) before down, one stateChange per change', async () => {
    const neo4j = new ScriptedProbe('neo4j', always({ fail: 'refused' }));
    const { monitor, checks, changes } = setup(neo4j, null, { intervalSec: 60 });
    const snapshots: string[] = [];
    monitor.on('snapshot', (s) => snapshots.push(s.databases.neo4j!.status));
    await monitor.checkNow('neo4j');
    expect(neo4j.calls).toHaveLength(3);
    const [a, b, c] = neo4j.calls.map((x) => x.startedAt);
    expect(b! - a!).toBeGreaterThanOrEqual(58); // backoff 60 ms
    expect(c! - b!).toBeGreaterThanOrEqual(98); // 120 ms capped at backoffMaxMs 100
    expect(c! - b!).toBeLessThan(180);
    expect(checks.map((r) => r.state)).toEqual(['retrying', 'retrying', 'down']);
    expect(checks.every((r) => r.kind === 'refused' && r.hint?.includes('127.0.0.1:7687'))).toBe(true);
    expect(transitions(changes)).toEqual(['neo4j:unknown>retrying', 'neo4j:retrying>down']);
    expect(snapshots).toEqual(['retrying', 'retrying', 'down']);
    expect(monitor.snapshot().databases.neo4j!.consecutiveFailures).toBe(3);
    expect(monitor.snapshot().status).toBe('down');

    // Once down: one attempt per cycle, and the first success is healthy at once.
    await monitor.checkNow('neo4j');
    expect(neo4j.calls).toHaveLength(4);
  });

  it('a success after down needs no extra wait', async () => {
    const neo4j = new ScriptedProbe('neo4j', (n) => (n < 3 ? { fail: 'refused' } : { ok: 1 }));
    const { monitor, changes } = setup(neo4j, null, { intervalSec: 60 });
    await monitor.checkNow();
    expect(monitor.snapshot().databases.neo4j!.status).toBe('down');
    await monitor.checkNow();
    expect(neo4j.calls).toHaveLength(4);
    expect(monitor.snapshot().databases.neo4j).toMatchObject({ status: 'healthy', consecutiveFailures: 0 });
    expect(transitions(changes).at(-1)).toBe('neo4j:down>healthy');
  });

  it('auth_failed and invalid_config go down on the first check: retrying cannot help', async () => {
    const neo4j = new ScriptedProbe('neo4j', always({ fail: 'auth_failed' }));
    const supabase = new ScriptedProbe('supabase', always({ fail: 'invalid_config' }));
    const { monitor, changes } = setup(neo4j, supabase, { intervalSec: 60 });
    await monitor.checkNow();
    expect(neo4j.calls).toHaveLength(1);
    expect(supabase.calls).toHaveLength(1);
    expect(transitions(changes).sort()).toEqual(['neo4j:unknown>down', 'supabase:unknown>down']);
  });

  it('a slow answer is degraded, a recovered retry is healthy', async () => {
    const neo4j = new ScriptedProbe('neo4j', (n) => (n === 0 ? { ok: 100 } : n === 1 ? { fail: 'timeout' } : { ok: 1 }));
    const { monitor, checks } = setup(neo4j, null, { intervalSec: 60 });
    await monitor.checkNow();
    expect(monitor.snapshot()).toMatchObject({ status: 'degraded', databases: { neo4j: { status: 'degraded', healthy: true } } });
    await monitor.checkNow();
    expect(checks.map((c) => c.state)).toEqual(['degraded', 'retrying', 'healthy']);
  });

  it('the timeout holds when a probe hangs, and a hung database never delays the other', async () => {
    const neo4j = new ScriptedProbe('neo4j', always({ hang: true }));
    const supabase = new ScriptedProbe('supabase', always({ ok: 1 }));
    const { monitor, checks } = setup(neo4j, supabase, { retries: 0, intervalSec: 0.1 });
    monitor.start();
    await waitFor(() => checks.some((c) => c.database === 'neo4j'), 'the neo4j timeout');
    const first = checks.find((c) => c.database === 'neo4j')!;
    expect(first).toMatchObject({ state: 'down', kind: 'timeout', latencyMs: null });
    expect(first.message).toBe('neo4j (bolt://127.0.0.1:7687): no answer in time (no answer within 150 ms)');
    const elapsed = performance.now() - neo4j.calls[0]!.startedAt;
    expect(elapsed).toBeLessThan(150 + 100);
    await sleep(500);
    // Supabase kept its 100 ms schedule meanwhile (≈6 checks in 650 ms).
    expect(supabase.calls.length).toBeGreaterThanOrEqual(4);
    expect(neo4j.maxActive).toBeGreaterThanOrEqual(1);
  });

  it('never overlaps checks of one database; checkNow joins the running one', async () => {
    const neo4j = new ScriptedProbe('neo4j', always({ ok: 120 })); // longer than the 50 ms interval
    const { monitor } = setup(neo4j, null, { intervalSec: 0.05, slowMs: 1_000 });
    monitor.start();
    await waitFor(() => neo4j.active === 1, 'a running check');
    await Promise.all([monitor.checkNow('neo4j'), monitor.checkNow()]);
    await sleep(400);
    expect(neo4j.maxActive).toBe(1);
    for (let i = 1; i < neo4j.calls.length; i++) expect(neo4j.calls[i]!.startedAt).toBeGreaterThanOrEqual(neo4j.calls[i - 1]!.endedAt!);
  });

  it('pause stops scheduled checks, resume restarts them, pause for N hours resumes on its own', async () => {
    const neo4j = new ScriptedProbe('neo4j', always({ ok: 1 }));
    const { monitor } = setup(neo4j, null, { intervalSec: 0.05 });
    monitor.start();
    await waitFor(() => neo4j.calls.length >= 2, 'two checks');
    const paused = monitor.pause();
    expect(paused.paused).toEqual({ until: null });
    await sleep(20);
    const count = neo4j.calls.length;
    await sleep(250);
    expect(neo4j.calls.length).toBe(count);
    expect(monitor.resume().paused).toBeNull();
    await waitFor(() => neo4j.calls.length >= count + 2, 'checks after resume');

    const hours = 0.3 / 3600; // 300 ms
    const timed = monitor.pause(hours);
    expect(Date.parse(timed.paused!.until!) - Date.now()).toBeGreaterThan(200);
    await sleep(20);
    const before = neo4j.calls.length;
    await sleep(150);
    expect(neo4j.calls.length).toBe(before);
    await waitFor(() => monitor.snapshot().paused === null && neo4j.calls.length > before, 'the automatic resume', 2_000);
    expect(() => monitor.pause(0)).toThrow(RangeError);
    expect(() => monitor.pause(24 * 30)).toThrow(/at most 596/);
  });

  it('stop() is bounded with a hung check, closes every probe and is idempotent', async () => {
    const neo4j = new ScriptedProbe('neo4j', always({ hang: true }));
    const supabase = new ScriptedProbe('supabase', always({ ok: 1 }));
    const { monitor } = setup(neo4j, supabase, { timeoutMs: 10_000, intervalSec: 0.05 });
    monitor.start();
    await waitFor(() => neo4j.active === 1, 'the hung check');
    const started = performance.now();
    await monitor.stop(300);
    expect(performance.now() - started).toBeLessThan(450);
    expect(neo4j.closed).toBe(1);
    expect(supabase.closed).toBe(1);
    await monitor.stop(300);
    expect(neo4j.closed).toBe(1);
    const calls = supabase.calls.length;
    await sleep(150);
    expect(supabase.calls.length).toBe(calls);
  });

  it('stop() lets an in-flight check finish and record its result', async () => {
    const neo4j = new ScriptedProbe('neo4j', always({ ok: 100 }));
    const { monitor, checks } = setup(neo4j, null, { slowMs: 1_000 });
    monitor.start();
    await waitFor(() => neo4j.active === 1, 'the running check');
    await monitor.stop(1_000);
    expect(checks).toHaveLength(1);
    expect(checks[0]!.state).toBe('healthy');
  });

  it('replaceProbe closes the old probe, resets state and history, and checks the new one at once', async () => {
    const old = new ScriptedProbe('neo4j', always({ fail: 'refused' }));
    const { monitor } = setup(old, null, { intervalSec: 60, retries: 0 });
    await monitor.checkNow();
    expect(monitor.snapshot().databases.neo4j!.status).toBe('down');
    const fresh = new ScriptedProbe('neo4j', always({ ok: 1 }), 'bolt://10.0.0.9:7687');
    const states: DatabaseState[] = [];
    monitor.on('snapshot', (s) => states.push(s.databases.neo4j!.status));
    await monitor.replaceProbe('neo4j', fresh);
    expect(old.closed).toBe(1);
    expect(fresh.calls).toHaveLength(1);
    expect(states).toEqual(['unknown', 'healthy']);
    expect(monitor.history('neo4j').entries).toHaveLength(1);
    expect(monitor.snapshot().databases.neo4j).toMatchObject({ target: 'bolt://10.0.0.9:7687' });
    expect(monitor.snapshot().databases.neo4j!.since).toBe(monitor.snapshot().databases.neo4j!.checkedAt);
    expect(monitor.history('neo4j').uptimePct).toBe(100);
    await monitor.replaceProbe('neo4j', null);
    expect(fresh.closed).toBe(1);
    expect(monitor.snapshot().databases.neo4j!.status).toBe('not_configured');
  });

  it('a listener that throws does not stop monitoring', async () => {
    const neo4j = new ScriptedProbe('neo4j', always({ ok: 1 }));
    const { monitor, checks } = setup(neo4j, null, { intervalSec: 0.05 });
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    monitor.on('check', () => {
      throw new Error('listener bug');
    });
    monitor.start();
    await waitFor(() => checks.length >= 3, 'three checks despite the faulty listener');
    process.off('warning', onWarning);
    expect(warnings.some((w) => w.includes('listener bug'))).toBe(true);
  });

  it('updateSettings changes the interval of the running schedule', async () => {
    vi.useFakeTimers();
    try {
      const neo4j = new ScriptedProbe('neo4j', always({ ok: 1 }));
      const { monitor } = setup(neo4j, null, { intervalSec: 60 });
      monitor.start();
      await vi.advanceTimersByTimeAsync(10_000);
      expect(neo4j.calls).toHaveLength(1);
      monitor.updateSettings({ ...FAST, intervalSec: 20 }); // the running schedule: next check 20 s after the first
      await vi.advanceTimersByTimeAsync(9_999);
      expect(neo4j.calls).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      await vi.advanceTimersByTimeAsync(20_000);
      const first = neo4j.calls[0]!.startedAt;
      expect(neo4j.calls.map((c) => c.startedAt - first)).toEqual([0, 20_000, 40_000]);
      const stopped = monitor.stop(1_000);
      await vi.advanceTimersByTimeAsync(1_000);
      await stopped;
    } finally {
      vi.useRealTimers();
    }
  });
});
