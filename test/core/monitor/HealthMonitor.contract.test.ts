/**
 * The monitor against probes that break their contract (throw, answer nothing, close slowly or
 * with an error), on the fake clock: it keeps going, stays bounded and leaves no timer behind.
 */
import { describe, expect, it, vi } from 'vitest';
import type { DatabaseId, ProbeResult } from '../../../src-main/common/schemas.js';
import type { Probe } from '../../../src-main/core/probes/Probe.js';
import { ScriptedProbe } from './scriptedProbe.js';
import { advance, environmentMonitor, fakeMonitor, useFakeClock } from './fakeClock.js';

useFakeClock();

function probe(database: DatabaseId, check: () => Promise<ProbeResult>, close: () => Promise<void> = () => Promise.resolve()): Probe & { closes: number } {
  const p = {
    database,
    target: database === 'neo4j' ? 'bolt://127.0.0.1:7687' : 'http://127.0.0.1:54321',
    closes: 0,
    check,
    close: () => (p.closes++, close()),
  };
  return p;
}
const healthy = (): Promise<ProbeResult> => Promise.resolve({ database: 'neo4j', healthy: true, state: 'healthy', latencyMs: 1, checkedAt: new Date().toISOString() });
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('HealthMonitor with a misbehaving probe', () => {
  it.each([null, undefined])('a probe that rejects with %s gives an "unknown" result', async (nothing) => {
    const { monitor, checks } = fakeMonitor(null, null, { retries: 0 });
    await monitor.replaceProbe('neo4j', probe('neo4j', () => Promise.reject(nothing)));
    expect(checks.map((c) => [c.state, c.kind, c.message])).toEqual([['down', 'unknown', 'neo4j (bolt://127.0.0.1:7687): check failed (unknown error)']]);
  });

  it('a probe that answers nothing fails that cycle with a warning, and the schedule goes on', async () => {
    const warning = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      let calls = 0;
      const { monitor } = fakeMonitor(null, null, { intervalSec: 1 });
      const broken = probe('supabase', () => (calls++, Promise.resolve(undefined as unknown as ProbeResult)));
      await monitor.replaceProbe('supabase', broken);
      monitor.start();
      await advance(2_500);
      // replaceProbe's check and start()'s at 0 ms, then 1 s and 2 s
      expect(calls).toBe(4);
      expect(warning).toHaveBeenCalledWith(expect.stringMatching(/^HealthMonitor: supabase cycle failed: TypeError: /));
    } finally {
      warning.mockRestore();
    }
  });

  it('replaceProbe waits for the old probe to close, at most timeoutMs', async () => {
    const { monitor } = fakeMonitor(null, null, { timeoutMs: 1_000 });
    const slowClose = probe('neo4j', healthy, () => sleep(400));
    await monitor.replaceProbe('neo4j', slowClose);
    let replaced = false;
    const done = monitor.replaceProbe('neo4j', null).then(() => (replaced = true));
    await advance(399);
    expect(replaced).toBe(false);
    await advance(1);
    await done;
    expect(replaced).toBe(true);

    const hungClose = probe('neo4j', healthy, () => new Promise(() => undefined));
    await monitor.replaceProbe('neo4j', hungClose);
    replaced = false;
    const bounded = monitor.replaceProbe('neo4j', null).then(() => (replaced = true));
    await advance(999);
    expect(replaced).toBe(false);
    await advance(1);
    await bounded;
    expect(hungClose.closes).toBe(1);
  });

  it('replaceProbe in mid-cycle checks the new probe only once the old one has closed', async () => {
    const refused = (): Promise<ProbeResult> =>
      Promise.resolve({ database: 'neo4j', healthy: false, state: 'down', latencyMs: null, kind: 'refused', checkedAt: new Date().toISOString() });
    const old = probe('neo4j', refused, () => sleep(400));
    const { monitor } = environmentMonitor({ neo4j: old }, { backoffInitialMs: 5_000, backoffMaxMs: 5_000 });
    monitor.start();
    await advance(10); // old waits between retries
    const fresh = new ScriptedProbe('neo4j', () => ({ ok: 1 }));
    const replaced = monitor.replaceProbe('neo4j', fresh);
    await advance(399);
    expect(fresh.calls).toHaveLength(0);
    await advance(1);
    expect(old.closes).toBe(1);
    expect(fresh.calls).toHaveLength(1);
    await advance(1);
    await replaced;
    // then its own schedule, one check per interval
    await advance(10_000);
    expect(fresh.calls).toHaveLength(2);
  });

  it('replacing a probe by itself does not close it', async () => {
    const same = new ScriptedProbe('neo4j', () => ({ ok: 1 }));
    const { monitor } = fakeMonitor(same);
    const done = monitor.replaceProbe('neo4j', same);
    await advance(1);
    await done;
    expect(same.closed).toBe(0);
    expect(same.calls).toHaveLength(1);
  });

  it('stop() survives a probe whose close() rejects, and leaves no timer running', async () => {
    const { monitor } = fakeMonitor(null, null, { intervalSec: 1 });
    const failing = probe('neo4j', healthy, () => Promise.reject(new Error('close failed')));
    await monitor.replaceProbe('neo4j', failing);
    monitor.start();
    monitor.pause(1);
    await advance(10);
    await expect(Promise.all([monitor.stop(1_000), advance(0)])).resolves.toBeDefined();
    expect(failing.closes).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
