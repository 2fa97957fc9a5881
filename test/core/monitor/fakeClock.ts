/**
 * HealthMonitor tests on vitest's fake clock (timers, Date and performance.now): schedules, timeouts
 * and backoff run to exact milliseconds in no real time. For tests where the real clock is not the point.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import { HealthMonitor } from '../../../src-main/core/monitor/HealthMonitor.js';
import type { HealthMonitorOptions, MonitorSettings } from '../../../src-main/core/monitor/types.js';
import type { DatabaseId, ProbeResult } from '../../../src-main/common/schemas.js';
import type { EnvironmentMeta } from '../../../src-main/core/monitor/snapshot.js';
import type { Probe } from '../../../src-main/core/probes/Probe.js';
import type { StateChange } from '../../../src-main/core/MonitorCore.js';
import type { ScriptedProbe } from './scriptedProbe.js';

export const SETTINGS: MonitorSettings = {
  intervalSec: 10,
  timeoutMs: 1_000,
  retries: 2,
  backoffInitialMs: 100,
  backoffMaxMs: 1_000,
  slowMs: 500,
  recoverySuccesses: 1,
};

/** 2026-01-01T00:00:00.000Z: the fake clock's start, so snapshot times can be written out. */
export const T0 = Date.UTC(2026, 0, 1);

const monitors: HealthMonitor[] = [];

/** Installs the fake clock for every test of the file and stops the monitors each test made. */
export function useFakeClock(): void {
  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
  });
  afterEach(async () => {
    const stopped = Promise.all(monitors.splice(0).map((m) => m.stop(1_000)));
    await vi.advanceTimersByTimeAsync(1_000);
    await stopped;
    vi.useRealTimers();
  });
}

/** The environment every monitor of these tests watches unless a test names another. */
export const DEFAULT_ENVIRONMENT: EnvironmentMeta = { id: 'default', name: 'default', colour: null };

/** A monitor of both kinds (null = not configured). */
export function fakeMonitor(neo4j: ScriptedProbe | null, supabase: ScriptedProbe | null = null, settings: Partial<MonitorSettings> = {}) {
  return environmentMonitor({ neo4j, supabase }, settings);
}

/** A monitor of exactly the kinds in `probes`, for `environment`. */
export function environmentMonitor(
  probes: Partial<Record<DatabaseId, Probe | null>>,
  settings: Partial<MonitorSettings> = {},
  environment: EnvironmentMeta = DEFAULT_ENVIRONMENT,
  options: Pick<HealthMonitorOptions, 'phase'> = {},
) {
  const monitor = new HealthMonitor({ probes, settings: { ...SETTINGS, ...settings }, environment, ...options });
  monitors.push(monitor);
  const checks: ProbeResult[] = [];
  const changes: StateChange[] = [];
  monitor.on('check', (r) => checks.push(r));
  monitor.on('stateChange', (c) => changes.push(c));
  return { monitor, checks, changes };
}

/** Lets the fake clock run `ms` milliseconds, firing every timer due and the promises they settle. */
export const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);

/** Start times of a probe's calls, in ms since the first one. */
export function startOffsets(probe: ScriptedProbe): number[] {
  const first = probe.calls[0]?.startedAt ?? 0;
  return probe.calls.map((c) => Math.round(c.startedAt - first));
}
