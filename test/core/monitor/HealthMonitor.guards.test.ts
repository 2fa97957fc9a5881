/**
 * The monitor's guards on the fake clock: what a second start(), a pause with a check already
 * scheduled, an idle updateSettings, a probe set after stop() and the pause bounds do, and that
 * abandoned or unconfigured work raises no warning.
 */
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import type { ProbeResult } from '../../../src-main/common/schemas.js';
import type { Probe } from '../../../src-main/core/probes/Probe.js';
import { ScriptedProbe, type Step } from './scriptedProbe.js';
import { advance, fakeMonitor, SETTINGS, startOffsets, useFakeClock } from './fakeClock.js';

useFakeClock();
const always = (step: Step) => () => step;
let warnings: MockInstance<typeof process.emitWarning>;
beforeEach(() => {
  warnings = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
});
afterEach(() => warnings.mockRestore());

/** A probe that answers `result` (time and database filled in) and counts its calls. */
function answering(result: Omit<ProbeResult, 'database' | 'checkedAt'>): Probe & { calls: number } {
  const p = {
    database: 'neo4j' as const,
    target: 'bolt://127.0.0.1:7687',
    calls: 0,
    check: async (): Promise<ProbeResult> => (p.calls++, { ...result, database: 'neo4j', checkedAt: new Date().toISOString() }),
    close: async () => undefined,
  };
  return p;
}

describe('HealthMonitor guards', () => {
  it('a second start() in mid-interval adds no check', async () => {
    const neo4j = new ScriptedProbe('neo4j', always({ ok: 1 }));
    const { monitor } = fakeMonitor(neo4j);
    monitor.start();
    await advance(5_000);
    monitor.start();
    await advance(10_000);
    expect(startOffsets(neo4j)).toEqual([0, 10_000]);
  });

  it('pause() cancels a check already scheduled', async () => {
    const neo4j = new ScriptedProbe('neo4j', always({ ok: 1 }));
    const { monitor } = fakeMonitor(neo4j);
    monitor.start();
    await advance(5_000);
    monitor.pause();
    await advance(60_000);
    expect(neo4j.calls).toHaveLength(1);
  });

  it('updateSettings on an idle schedule moves the next check at once', async () => {
    const neo4j = new ScriptedProbe('neo4j', always({ ok: 1 }));
    const { monitor } = fakeMonitor(neo4j);
    monitor.start();
    await advance(2_000);
    monitor.updateSettings({ ...SETTINGS, intervalSec: 3 });
    await advance(5_000);
    expect(startOffsets(neo4j)).toEqual([0, 3_000, 6_000]);
  });

  it('pause(hours) allows up to the longest timer, 2^31-1 ms, and not a fraction more', () => {
    const { monitor } = fakeMonitor(null);
    expect(() => monitor.pause((2 ** 31 - 1) / 3_600_000)).not.toThrow();
    expect(() => monitor.pause(2 ** 31 / 3_600_000)).toThrow(RangeError);
  });

  it('a probe set after stop() is closed at once, never checked; removing one after stop() is fine', async () => {
    const { monitor } = fakeMonitor(null);
    const stopped = monitor.stop(1_000);
    await advance(0);
    await stopped;
    const late = new ScriptedProbe('neo4j', always({ ok: 1 }));
    await monitor.replaceProbe('neo4j', late);
    expect(late.closed).toBe(1);
    await advance(60_000);
    expect(late.calls).toHaveLength(0);
    await expect(monitor.replaceProbe('supabase', null)).resolves.toBeUndefined();
  });

  it('checkNow() skips an unconfigured database without a warning', async () => {
    const neo4j = new ScriptedProbe('neo4j', always({ ok: 1 }));
    const { monitor, checks } = fakeMonitor(neo4j, null);
    const done = monitor.checkNow();
    await advance(1);
    expect((await done).databases.supabase!.status).toBe('not_configured');
    expect(checks.map((c) => c.database)).toEqual(['neo4j']);
    expect(warnings).not.toHaveBeenCalled();
  });

  it('stop() between retries abandons the cycle quietly', async () => {
    const neo4j = new ScriptedProbe('neo4j', always({ fail: 'refused' }));
    const { monitor } = fakeMonitor(neo4j, null, { backoffInitialMs: 5_000, backoffMaxMs: 5_000 });
    monitor.start();
    await advance(10);
    const stopped = monitor.stop(1_000);
    await advance(0);
    await stopped;
    await advance(20_000);
    expect(neo4j.calls).toHaveLength(1);
    expect(warnings).not.toHaveBeenCalled();
  });

  it('replaceProbe between retries: the old probe is not tried again', async () => {
    const old = new ScriptedProbe('neo4j', always({ fail: 'refused' }));
    const { monitor } = fakeMonitor(old, null, { backoffInitialMs: 5_000, backoffMaxMs: 5_000 });
    monitor.start();
    await advance(10);
    const fresh = new ScriptedProbe('neo4j', always({ ok: 1 }), 'bolt://10.0.0.9:7687');
    const replaced = monitor.replaceProbe('neo4j', fresh);
    await advance(1);
    await replaced;
    await advance(6_000);
    expect(old.calls).toHaveLength(1);
    expect(fresh.calls).toHaveLength(1);
    expect(warnings).not.toHaveBeenCalled();
  });

  it.each([
    ['state not_configured without a kind', { healthy: false, state: 'not_configured', latencyMs: null }],
    ['kind not_configured', { healthy: false, state: 'down', latencyMs: null, kind: 'not_configured' }],
  ] as const)('a result with %s is not retried', async (_what, result) => {
    const p = answering(result);
    const { monitor } = fakeMonitor(null);
    await monitor.replaceProbe('neo4j', p);
    await advance(10_000);
    expect(p.calls).toBe(1);
  });

  it('a failure without a kind is retried', async () => {
    const p = answering({ healthy: false, state: 'down', latencyMs: null });
    const { monitor } = fakeMonitor(null);
    const replaced = monitor.replaceProbe('neo4j', p);
    await advance(1_000);
    await replaced;
    expect(p.calls).toBe(3);
  });
});
