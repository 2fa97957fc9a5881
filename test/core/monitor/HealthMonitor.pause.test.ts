/** pause(), pause(hours) and resume() on the fake clock: what runs, what does not, and when. */
import { describe, expect, it } from 'vitest';
import { ScriptedProbe } from './scriptedProbe.js';
import { advance, fakeMonitor, startOffsets, T0, useFakeClock } from './fakeClock.js';

useFakeClock();
const HOUR = 3_600_000;
const healthy = () => new ScriptedProbe('neo4j', () => ({ ok: 1 }));

describe('HealthMonitor pause', () => {
  it('pause() stops the schedule until resume(), which checks at once when a check is overdue', async () => {
    const neo4j = healthy();
    const { monitor } = fakeMonitor(neo4j);
    monitor.start();
    await advance(10_000);
    expect(startOffsets(neo4j)).toEqual([0, 10_000]);
    expect(monitor.pause()).toMatchObject({ paused: { until: null } });
    await advance(HOUR);
    expect(neo4j.calls).toHaveLength(2);
    expect(monitor.resume().paused).toBeNull();
    await advance(0);
    expect(startOffsets(neo4j)).toEqual([0, 10_000, 10_000 + HOUR]);
    await advance(10_000);
    expect(startOffsets(neo4j)).toEqual([0, 10_000, 10_000 + HOUR, 20_000 + HOUR]);
  });

  it('resume() keeps the fixed rate when the next check is not due yet', async () => {
    const neo4j = healthy();
    const { monitor } = fakeMonitor(neo4j);
    monitor.start();
    await advance(3_000);
    monitor.pause();
    await advance(2_000);
    monitor.resume();
    await advance(4_999);
    expect(neo4j.calls).toHaveLength(1);
    await advance(1);
    expect(startOffsets(neo4j)).toEqual([0, 10_000]);
  });

  it('pause(hours) says until when, and resumes on its own exactly then', async () => {
    const neo4j = healthy();
    const { monitor } = fakeMonitor(neo4j);
    monitor.start();
    await advance(0);
    expect(monitor.pause(2).paused).toEqual({ until: '2026-01-01T02:00:00.000Z' });
    expect(monitor.snapshot().paused).toEqual({ until: '2026-01-01T02:00:00.000Z' });
    await advance(2 * HOUR - 1);
    expect(neo4j.calls).toHaveLength(1);
    expect(monitor.snapshot().paused).not.toBeNull();
    await advance(1);
    expect(monitor.snapshot().paused).toBeNull();
    await advance(1); // the overdue check is queued at once (Node's shortest timer: 1 ms)
    expect(startOffsets(neo4j)).toEqual([0, 2 * HOUR + 1]);
  });

  it('a later pause() cancels the automatic resume of an earlier pause(hours)', async () => {
    const neo4j = healthy();
    const { monitor } = fakeMonitor(neo4j);
    monitor.start();
    await advance(0);
    monitor.pause(1);
    await advance(HOUR / 2);
    monitor.pause();
    await advance(3 * HOUR);
    expect(monitor.snapshot().paused).toEqual({ until: null });
    expect(neo4j.calls).toHaveLength(1);
  });

  it('a later pause(hours) replaces the earlier one: resumes at the new time only', async () => {
    const neo4j = healthy();
    const { monitor } = fakeMonitor(neo4j);
    monitor.start();
    await advance(0);
    monitor.pause(1);
    await advance(HOUR / 2);
    expect(monitor.pause(2).paused).toEqual({ until: '2026-01-01T02:30:00.000Z' });
    await advance(HOUR);
    expect(monitor.snapshot().paused).not.toBeNull();
    expect(neo4j.calls).toHaveLength(1);
    await advance(HOUR + 1);
    expect(monitor.snapshot().paused).toBeNull();
    expect(neo4j.calls).toHaveLength(2);
  });

  it('resume() cancels the automatic resume: a pause() after it stays paused', async () => {
    const neo4j = healthy();
    const { monitor } = fakeMonitor(neo4j, null, { intervalSec: 600 });
    const snapshots: unknown[] = [];
    monitor.on('snapshot', (s) => snapshots.push(s.paused));
    monitor.start();
    await advance(0);
    monitor.pause(1);
    monitor.resume();
    snapshots.length = 0;
    await advance(2 * HOUR);
    // only the checks' own snapshots: no second, timer-driven resume
    expect(snapshots.every((p) => p === null)).toBe(true);
    expect(snapshots).toHaveLength(2 * 6);
  });

  it('stop() cancels the automatic resume', async () => {
    const neo4j = healthy();
    const { monitor } = fakeMonitor(neo4j);
    monitor.start();
    await advance(0);
    monitor.pause(1);
    const stopped = monitor.stop(1_000);
    await advance(1_000);
    await stopped;
    await advance(2 * HOUR);
    expect(neo4j.calls).toHaveLength(1);
    expect(monitor.snapshot().paused).toEqual({ until: '2026-01-01T01:00:00.000Z' });
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, 597])('pause(%s) is a RangeError naming the limit', (hours) => {
    const { monitor } = fakeMonitor(healthy());
    expect(() => monitor.pause(hours)).toThrow(new RangeError(`pause hours must be a positive number of at most 596, got ${hours}`));
    expect(monitor.snapshot().paused).toBeNull();
  });

  it('pause(596.5) is allowed: under the longest timer (2^31-1 ms)', () => {
    const { monitor } = fakeMonitor(healthy());
    expect(monitor.pause(596.5).paused).toEqual({ until: new Date(T0 + 596.5 * HOUR).toISOString() });
    expect(() => monitor.pause(596.6)).toThrow(RangeError);
  });
});
