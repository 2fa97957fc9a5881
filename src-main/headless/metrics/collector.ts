/**
 * The monitor in Prometheus' vocabulary (blackbox_exporter's names where they fit). Labels are
 * environment ids, database kind ids, states and failure kinds only: bounded, and never a message,
 * URL or secret. Gauges are read from the core's snapshot at scrape time; the histogram and the
 * failure counter count every finished check (retries included) from the core's `check` events.
 * Uptime comes from the history store, read at most once a minute (see uptimeCache.ts).
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { FAILURE_KINDS } from '../../common/databases.js';
import { DatabaseStateSchema, isHealthyState, type DatabaseId, type DatabaseState, type DatabaseStatus, type EnvironmentId, type Snapshot } from '../../common/schemas.js';
import type { MonitorCore } from '../../core/MonitorCore.js';
import { createMetricTexts } from './metricTexts.js';
import { perSnapshot } from './snapshotMemo.js';
import { createUptimeCache, type UptimeCacheOptions } from './uptimeCache.js';

/**
 * Seconds. 1 ms covers a database on the same host (Neo4j answers RETURN 1 in about 1 ms), 25–250 ms a
 * region away, 1 s is the default slow threshold (so le="1" counts exactly the answers that were not
 * "degraded" under default settings) and 5 s the default timeout (no answer takes longer by default).
 */
export const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** A check that reached the database but got no usable answer; "unknown" and "not_configured" are not failures. */
const FAILED_STATES: ReadonlySet<DatabaseState> = new Set(['retrying', 'down']);

type Target = { environment: EnvironmentId; database: DatabaseId };

export interface MetricsCollector {
  /** The exposition text and its content type (Prometheus text format 0.0.4). */
  render(): Promise<{ contentType: string; body: string }>;
  /** Stops listening to the core. */
  close(): void;
}

/** Every database of every environment in the snapshot, in its order. */
function* databasesOf(snapshot: Snapshot): Generator<Target & { status: DatabaseStatus }> {
  for (const env of snapshot.environments) {
    for (const status of Object.values(env.databases)) if (status) yield { environment: env.id, database: status.database, status };
  }
}

/** States in which nothing was probed: before the first check, and a database without settings. */
const NOT_PROBED: ReadonlySet<DatabaseState> = new Set(['unknown', 'not_configured']);

/** Those whose last check probed the database: only they have a success and a duration to report. */
function* checkedDatabases(snapshot: Snapshot) {
  for (const entry of databasesOf(snapshot)) if (entry.status.checkedAt !== null && !NOT_PROBED.has(entry.status.status)) yield entry;
}

const keyOf = (t: Target) => `${t.environment}\u0000${t.database}`;

/** What walltrack_state and walltrack_probe_success show: each database's state and whether it was checked. */
function statesKey(snapshot: Snapshot): string {
  let key = '';
  for (const { environment, database, status } of databasesOf(snapshot)) key += `${environment}/${database}=${status.status}:${status.checkedAt === null ? 0 : 1};`;
  return key;
}

export type MetricsCore = Pick<MonitorCore, 'snapshot' | 'on' | 'getHistory'>;

export function createMetricsCollector(core: MetricsCore, options: UptimeCacheOptions = {}): MetricsCollector {
  const registry = new Registry();
  const uptime = createUptimeCache(core, options);
  let shownRatios: unknown = null;
  const labelNames = ['environment', 'database'] as const;
  // Targets the event-fed series exist for; series of a removed environment or kind are dropped at the next scrape.
  const counted = new Map<string, Target>();
  /** Bumped whenever the event-fed series (histogram, failure counter) change. */
  let eventVersion = 0;
  const shownStates = perSnapshot(() => core.snapshot(), statesKey);

  new Gauge({
    name: 'walltrack_build_info',
    help: 'Always 1; the running WallTrack Monitor version as a label.',
    labelNames: ['version'] as const,
    registers: [registry],
    collect() {
      this.reset();
      this.set({ version: core.snapshot().version }, 1);
    },
  });

  new Gauge({
    name: 'walltrack_probe_success',
    help: '1 when the last check of the database got an answer (healthy or degraded), else 0; absent before the first check and when not configured.',
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const { environment, database, status } of checkedDatabases(core.snapshot())) {
        this.set({ environment, database }, isHealthyState(status.status) ? 1 : 0);
      }
    },
  });

  new Gauge({
    name: 'walltrack_probe_last_duration_seconds',
    help: 'How long the last check took to get its answer; absent while the last check got none.',
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const { environment, database, status } of checkedDatabases(core.snapshot())) {
        if (status.latencyMs !== null && isHealthyState(status.status)) this.set({ environment, database }, status.latencyMs / 1_000);
      }
    },
  });

  new Gauge({
    name: 'walltrack_state',
    help: 'The state of each database, one-hot: 1 for the current state, 0 for every other.',
    labelNames: ['environment', 'database', 'state'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const { environment, database, status } of databasesOf(core.snapshot())) {
        for (const state of DatabaseStateSchema.options) this.set({ environment, database, state }, status.status === state ? 1 : 0);
      }
    },
  });

  new Gauge({
    name: 'walltrack_uptime_ratio',
    help: 'Answered checks (healthy or degraded) / checks, 0-1, over the window, from the history; absent when nothing was checked in it. Up to a minute old.',
    labelNames: ['environment', 'database', 'window'] as const,
    registers: [registry],
    collect() {
      // Set only when the cache was read again: between refreshes a scrape costs nothing here.
      const ratios = uptime.ratios();
      if (ratios === shownRatios) return;
      shownRatios = ratios;
      this.reset();
      for (const { environment, database, window, ratio } of ratios) this.set({ environment, database, window }, ratio);
    },
  });

  const durations = new Histogram({
    name: 'walltrack_probe_duration_seconds',
    help: 'Time to answer of every answered check (retries included).',
    labelNames,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });

  const failures = new Counter({
    name: 'walltrack_probe_failures_total',
    help: 'Checks that got no usable answer (retries included), by failure kind.',
    labelNames: ['environment', 'database', 'kind'] as const,
    registers: [registry],
  });

  /**
   * The histogram exists from a target's first check on, so rate() sees its first answer. Failure
   * counters appear with their first failure: ten zero series per target would be a third of every
   * scrape, and alerts use walltrack_state and walltrack_probe_success, which are always there.
   */
  function ensureCounted(target: Target): void {
    const key = keyOf(target);
    if (counted.has(key)) return;
    counted.set(key, target);
    durations.zero(target);
  }

  function forgetRemovedTargets(snapshot: Snapshot): void {
    const present = new Set(Array.from(databasesOf(snapshot), keyOf));
    for (const [key, target] of counted) {
      if (present.has(key)) continue;
      counted.delete(key);
      eventVersion++;
      durations.remove(target);
      for (const kind of FAILURE_KINDS) failures.remove({ ...target, kind });
    }
  }

  const off = core.on('check', ({ environment, result }) => {
    const target = { environment, database: result.database };
    eventVersion++;
    ensureCounted(target);
    if (isHealthyState(result.state) && result.latencyMs !== null) durations.observe(target, result.latencyMs / 1_000);
    else if (FAILED_STATES.has(result.state)) failures.inc({ ...target, kind: result.kind ?? 'unknown' });
  });

  const texts = createMetricTexts(registry, {
    walltrack_build_info: () => core.snapshot().version,
    walltrack_probe_success: shownStates,
    walltrack_probe_last_duration_seconds: () => core.snapshot(),
    walltrack_state: shownStates,
    walltrack_uptime_ratio: () => uptime.ratios(),
    walltrack_probe_duration_seconds: () => eventVersion,
    walltrack_probe_failures_total: () => eventVersion,
  });

  return {
    async render() {
      forgetRemovedTargets(core.snapshot());
      return { contentType: registry.contentType, body: await texts.body() };
    },
    close: off,
  };
}
