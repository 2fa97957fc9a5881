/**
 * Runs one independent schedule per database: each cycle is one check with a hard timeout and,
 * on a transient failure, retries with exponential backoff (cockatiel) before the database is
 * "down". Results feed a per-database history and the Snapshot every host shows.
 */
import {
  ExponentialBackoff,
  handleWhenResult,
  noJitterGenerator,
  retry,
  timeout,
  TimeoutStrategy,
  type TimeoutPolicy,
} from 'cockatiel';
import { DATABASE_KINDS } from '../../common/databases.js';
import { isHealthyState, type DatabaseId, type DatabaseState, type EnvironmentStatus, type FailureKind, type ProbeResult } from '../../common/schemas.js';
import type { StateChange } from '../MonitorCore.js';
import type { Probe } from '../probes/Probe.js';
import { abortable } from '../probes/abortable.js';
import { failureResult, resultFromError } from '../probes/result.js';
import { History, type RecentChecks } from './History.js';
import { buildEnvironmentStatus, type EnvironmentMeta } from './snapshot.js';
import type { HealthMonitorApi, HealthMonitorEvents, HealthMonitorOptions, MonitorSettings } from './types.js';

/** Retrying these cannot help, and repeated bad logins can lock the account (Neo4j rate-limits them). */
const NOT_RETRIED: ReadonlySet<FailureKind> = new Set(['auth_failed', 'invalid_config', 'not_configured']);

const DEFAULT_STOP_MS = 5_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Thrown inside a cycle whose results no longer matter (stopped, or the probe was replaced). */
class Abandoned extends Error {}

interface Runtime {
  readonly id: DatabaseId;
  probe: Probe | null;
  /** Bumped by replaceProbe so a late result from the old probe is dropped. */
  generation: number;
  state: DatabaseState;
  /** When `state` began (epoch ms), as seen by this monitor; null before the first result. */
  since: number | null;
  last: ProbeResult | null;
  consecutiveFailures: number;
  /** Successes in a row since the database was down (flap control); 0 when not recovering. */
  recoverySuccesses: number;
  readonly history: History;
  timer: NodeJS.Timeout | null;
  /** The running cycle (check + retries); at most one per database. */
  cycle: Promise<void> | null;
  cycleAbort: AbortController | null;
  /** The running attempt, already bounded by the timeout. */
  attempt: Promise<unknown> | null;
  lastStartedAt: number | null;
  /** The first cycle's start: the grid this database's checks keep to is anchored there. */
  anchoredAt: number | null;
  /** Fraction of the interval the grid is offset by (options.phase). */
  readonly phase: number;
}

type Listeners = { [E in keyof HealthMonitorEvents]: Set<HealthMonitorEvents[E]> };

export class HealthMonitor implements HealthMonitorApi {
  private settings: MonitorSettings;
  private environment: EnvironmentMeta;
  private readonly now: () => number;
  private readonly phase: (database: DatabaseId) => number;
  /** In registry order (see all()). */
  private readonly runtimes = new Map<DatabaseId, Runtime>();
  private readonly listeners: Listeners = { check: new Set(), stateChange: new Set(), snapshot: new Set() };
  private started = false;
  private stopping: Promise<void> | null = null;
  private paused: { until: number | null } | null = null;
  private resumeTimer: NodeJS.Timeout | null = null;
  private lastSnapshot: EnvironmentStatus | null = null;

  constructor(options: HealthMonitorOptions) {
    this.settings = options.settings;
    this.environment = options.environment;
    this.now = options.now ?? Date.now;
    this.phase = options.phase ?? (() => 0);
    for (const [id, probe] of Object.entries(options.probes)) {
      if (probe !== undefined) this.runtimes.set(id, newRuntime(id, probe, this.phase(id)));
    }
  }

  start(): void {
    if (this.started || this.stopping) return;
    this.started = true;
    for (const rt of this.all()) this.schedule(rt, 0);
  }

  stop(timeoutMs = DEFAULT_STOP_MS): Promise<void> {
    this.stopping ??= this.shutdown(timeoutMs);
    return this.stopping;
  }

  async checkNow(database?: DatabaseId): Promise<EnvironmentStatus> {
    const targets = database ? [this.runtime(database)] : this.all();
    await Promise.all(targets.map((rt) => this.runCycle(rt)));
    return this.snapshot();
  }

  pause(hours?: number): EnvironmentStatus {
    // setTimeout cannot wait longer than 2^31-1 ms (24.8 days); the contract allows at most 7 days.
    if (hours !== undefined && !(Number.isFinite(hours) && hours > 0 && hours * 3_600_000 <= MAX_TIMER_MS)) {
      throw new RangeError(`pause hours must be a positive number of at most ${Math.floor(MAX_TIMER_MS / 3_600_000)}, got ${hours}`);
    }
    this.clearResumeTimer();
    const ms = hours === undefined ? null : hours * 3_600_000;
    this.paused = { until: ms === null ? null : this.now() + ms };
    for (const rt of this.all()) this.clearTimer(rt);
    if (ms !== null) this.resumeTimer = setTimeout(() => this.resume(), ms);
    return this.publishSnapshot();
  }

  resume(): EnvironmentStatus {
    this.clearResumeTimer();
    this.paused = null;
    for (const rt of this.all()) this.scheduleNext(rt);
    return this.publishSnapshot();
  }

  /** The same object until the next change: callers treat it as read-only. */
  snapshot(): EnvironmentStatus {
    this.lastSnapshot ??= this.buildSnapshot();
    return this.lastSnapshot;
  }

  private buildSnapshot(): EnvironmentStatus {
    const view = (rt: Runtime) => ({
      state: rt.state,
      target: rt.probe?.target ?? null,
      last: rt.last,
      since: rt.since,
      consecutiveFailures: rt.consecutiveFailures,
      recovery: rt.state === 'recovering' ? { successes: rt.recoverySuccesses, needed: this.settings.recoverySuccesses } : null,
      stats: rt.history.stats(),
    });
    return buildEnvironmentStatus({
      environment: this.environment,
      paused: this.paused,
      databases: this.all().map((rt) => [rt.id, view(rt)] as const),
    });
  }

  history(database: DatabaseId, limit?: number): RecentChecks {
    return this.runtime(database).history.view(this.environment.id, database, limit);
  }

  updateEnvironment(environment: EnvironmentMeta): void {
    this.environment = environment;
    this.publishSnapshot();
  }

  async replaceProbe(database: DatabaseId, probe: Probe | null | undefined): Promise<void> {
    let rt = this.runtimes.get(database);
    if (!rt) {
      if (probe === undefined) return;
      this.runtimes.set(database, (rt = newRuntime(database, null, this.phase(database))));
    }
    const old = rt.probe;
    // Stryker disable next-line UpdateOperator: any change of the number tells the old cycle it was replaced
    rt.generation++;
    rt.cycleAbort?.abort();
    this.clearTimer(rt);
    Object.assign(rt, { probe, cycle: null, cycleAbort: null, attempt: null, last: null, since: null, lastStartedAt: null });
    rt.consecutiveFailures = 0;
    rt.recoverySuccesses = 0;
    rt.history.clear();
    rt.state = probe ? 'unknown' : 'not_configured';
    if (probe === undefined) this.runtimes.delete(database);
    this.publishSnapshot();
    if (old && old !== probe) await withDeadline(old.close(), performance.now() + this.settings.timeoutMs);
    if (this.stopping) {
      await probe?.close();
      return;
    }
    // Stryker disable next-line ConditionalExpression: runCycle without a probe does nothing either
    if (probe) await this.runCycle(rt);
  }

  updateSettings(settings: MonitorSettings): void {
    this.settings = settings;
    for (const rt of this.all()) if (!rt.cycle) this.scheduleNext(rt);
  }

  on<E extends keyof HealthMonitorEvents>(event: E, listener: HealthMonitorEvents[E]): () => void {
    const set = this.listeners[event] as Set<HealthMonitorEvents[E]>;
    set.add(listener);
    return () => void set.delete(listener);
  }

  // --- scheduling -------------------------------------------------------------------------

  /** The monitored kinds in registry order, so every view lists them alike. */
  private all(): Runtime[] {
    return DATABASE_KINDS.flatMap((k) => this.runtimes.get(k.id) ?? []);
  }

  private runtime(database: DatabaseId): Runtime {
    const rt = this.runtimes.get(database);
    if (!rt) throw new RangeError(`${database} is not monitored in environment "${this.environment.id}"`);
    return rt;
  }

  private schedule(rt: Runtime, delayMs: number): void {
    this.clearTimer(rt);
    if (!this.started || this.stopping || this.paused || !rt.probe || rt.cycle) return;
    rt.timer = setTimeout(() => {
      rt.timer = null;
      void this.runCycle(rt);
    }, Math.max(0, delayMs));
  }

  /**
   * Fixed rate on a grid per database: one interval apart, offset by its phase from its first check,
   * at least half an interval after the last start (at once if overdue). A late timer or a check on
   * demand does not move the grid, so targets spread over the interval stay spread.
   */
  private scheduleNext(rt: Runtime): void {
    if (rt.lastStartedAt === null || rt.anchoredAt === null) return this.schedule(rt, 0);
    const intervalMs = this.settings.intervalSec * 1_000;
    const origin = rt.anchoredAt + rt.phase * intervalMs;
    const next = origin + Math.ceil((rt.lastStartedAt + intervalMs / 2 - origin) / intervalMs) * intervalMs;
    this.schedule(rt, next - performance.now());
  }

  private clearTimer(rt: Runtime): void {
    // Stryker disable next-line ConditionalExpression: clearTimeout(null) is a no-op
    if (rt.timer) clearTimeout(rt.timer);
    rt.timer = null;
  }

  private clearResumeTimer(): void {
    // Stryker disable next-line ConditionalExpression: clearTimeout(null) is a no-op
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    this.resumeTimer = null;
  }

  // --- one cycle: check, retries with backoff -----------------------------------------------

  /** Starts a cycle, or joins the one already running: checks of one database never overlap. */
  private runCycle(rt: Runtime): Promise<void> {
    if (rt.cycle) return rt.cycle;
    const probe = rt.probe;
    if (!probe || this.stopping) return Promise.resolve();
    this.clearTimer(rt);
    const generation = rt.generation;
    const abort = new AbortController();
    rt.cycleAbort = abort;
    rt.lastStartedAt = performance.now();
    rt.anchoredAt ??= rt.lastStartedAt;
    const cycle = this.checkWithRetries(rt, probe, generation, abort.signal)
      .catch((error: unknown) => {
        if (!(error instanceof Abandoned)) process.emitWarning(`HealthMonitor: ${rt.id} cycle failed: ${String(error)}`);
      })
      .finally(() => {
        if (rt.generation !== generation) return;
        rt.cycle = null;
        rt.cycleAbort = null;
        rt.attempt = null;
        this.scheduleNext(rt);
      });
    rt.cycle = cycle;
    return cycle;
  }

  private async checkWithRetries(rt: Runtime, probe: Probe, generation: number, signal: AbortSignal): Promise<void> {
    const s = this.settings;
    // Once down (or recovering from it), one attempt per interval: a failure is down again at once.
    const retries = rt.state === 'down' || rt.state === 'recovering' ? 0 : s.retries;
    const policy = retry(
      handleWhenResult((r) => isRetryable(r as ProbeResult)),
      {
        maxAttempts: retries,
        backoff: new ExponentialBackoff({ generator: noJitterGenerator, initialDelay: s.backoffInitialMs, maxDelay: s.backoffMaxMs }),
      },
    ).dangerouslyUnref();
    // abortOnReturn off: aborting every finished attempt's signal only wakes listeners for nothing.
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: without options cockatiel also races (Aggressive); abortOnReturn only costs wake-ups
    const attemptTimeout = timeout(s.timeoutMs, { strategy: TimeoutStrategy.Aggressive, abortOnReturn: false }).dangerouslyUnref();
    const run = policy.execute(async ({ attempt }) => {
      if (signal.aborted || this.stopping) throw new Abandoned();
      const result = await this.attempt(rt, probe, attemptTimeout, signal);
      // Stryker disable next-line ConditionalExpression,LogicalOperator: attempt() already drops an aborted attempt; replaceProbe always aborts
      if (signal.aborted || rt.generation !== generation) throw new Abandoned();
      this.apply(rt, result, isRetryable(result) && attempt < retries);
      return result;
    });
    try {
      // The backoff wait is not abortable inside cockatiel; abandoning it here keeps stop() prompt.
      await abortable(run, signal);
    } catch (error) {
      run.catch(() => undefined);
      if (signal.aborted) throw new Abandoned();
      throw error;
    }
  }

  private async attempt(rt: Runtime, probe: Probe, policy: TimeoutPolicy, signal: AbortSignal): Promise<ProbeResult> {
    const run = policy.execute(({ signal: attemptSignal }) => probe.check(attemptSignal), signal);
    rt.attempt = run.catch(() => undefined);
    const ctx = { database: rt.id, target: probe.target, secrets: [] };
    try {
      return await run;
    } catch (error) {
      if (signal.aborted) throw new Abandoned();
      if (isTaskCancelled(error)) return failureResult(ctx, 'timeout', `no answer within ${this.settings.timeoutMs} ms`);
      // A probe broke its never-throw contract; still a result, never a crash.
      return resultFromError(ctx, error);
    }
  }

  /** Relabels a probe result with the monitor's state and publishes check, stateChange and snapshot. */
  private apply(rt: Runtime, result: ProbeResult, willRetry: boolean): void {
    const from = rt.state;
    const state = this.flapControlled(rt, monitorState(result, willRetry, this.settings.slowMs));
    const labelled: ProbeResult = { ...result, state, healthy: isHealthyState(state) };
    rt.state = state;
    if (from !== state || rt.since === null) rt.since = Date.parse(labelled.checkedAt);
    rt.last = labelled;
    rt.consecutiveFailures = labelled.healthy ? 0 : rt.consecutiveFailures + 1;
    rt.history.push(labelled);
    this.emit('check', labelled);
    if (from !== state) {
      const environment = { id: this.environment.id, name: this.environment.name };
      this.emit('stateChange', { environment, database: rt.id, from, to: state, result: labelled } satisfies StateChange);
    }
    this.publishSnapshot();
  }

  /**
   * A database that was down is shown healthy again only after `recoverySuccesses` answers in a row
   * (until then `recovering`); anything else passes as it is. The first check after start needs one.
   */
  private flapControlled(rt: Runtime, state: DatabaseState): DatabaseState {
    const answered = isHealthyState(state);
    const wasDown = rt.state === 'down' || rt.state === 'recovering';
    rt.recoverySuccesses = answered && wasDown ? rt.recoverySuccesses + 1 : 0;
    if (rt.recoverySuccesses === 0 || rt.recoverySuccesses >= this.settings.recoverySuccesses) {
      rt.recoverySuccesses = 0;
      return state;
    }
    return 'recovering';
  }

  /** Every change goes through here, so snapshot() can hand out the latest one without rebuilding it. */
  private publishSnapshot(): EnvironmentStatus {
    const snapshot = (this.lastSnapshot = this.buildSnapshot());
    this.emit('snapshot', snapshot);
    return snapshot;
  }

  private emit<E extends keyof HealthMonitorEvents>(event: E, payload: Parameters<HealthMonitorEvents[E]>[0]): void {
    for (const listener of this.listeners[event]) {
      try {
        (listener as (p: typeof payload) => void)(payload);
      } catch (error) {
        // A faulty listener must not stop monitoring; make the bug visible instead.
        process.emitWarning(`HealthMonitor ${event} listener threw: ${String(error)}`);
      }
    }
  }

  // --- shutdown -----------------------------------------------------------------------------

  private async shutdown(boundMs: number): Promise<void> {
    const deadline = performance.now() + boundMs;
    this.clearResumeTimer();
    for (const rt of this.all()) this.clearTimer(rt);
    // Let running attempts finish (each is bounded by the check timeout), then abandon the rest.
    await withDeadline(Promise.allSettled(this.all().map((rt) => rt.attempt)), deadline);
    for (const rt of this.all()) rt.cycleAbort?.abort();
    // Stryker disable next-line ArrowFunction: the cycles were just aborted and settle within microtasks anyway
    await withDeadline(Promise.allSettled(this.all().map((rt) => rt.cycle)), deadline);
    const closes = this.all().map((rt) => rt.probe?.close().catch(() => undefined));
    await withDeadline(Promise.allSettled(closes), deadline);
  }
}

function newRuntime(id: DatabaseId, probe: Probe | null, phase: number): Runtime {
  return {
    id,
    probe,
    generation: 0,
    state: probe ? 'unknown' : 'not_configured',
    since: null,
    last: null,
    consecutiveFailures: 0,
    recoverySuccesses: 0,
    history: new History(),
    timer: null,
    cycle: null,
    cycleAbort: null,
    attempt: null,
    lastStartedAt: null,
    anchoredAt: null,
    // Anything else than a fraction (NaN, 1, -0.5) would put the grid outside the interval.
    phase: phase >= 0 && phase < 1 ? phase : 0,
  };
}

function isRetryable(result: ProbeResult): boolean {
  return !result.healthy && result.state !== 'not_configured' && !NOT_RETRIED.has(result.kind ?? 'unknown');
}

function isTaskCancelled(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { isTaskCancelledError?: unknown }).isTaskCancelledError === true;
}

export function monitorState(result: ProbeResult, willRetry: boolean, slowMs: number): DatabaseState {
  if (result.state === 'not_configured') return 'not_configured';
  // Stryker disable next-line ConditionalExpression: null > slowMs is false as well
  if (result.healthy) return result.latencyMs !== null && result.latencyMs > slowMs ? 'degraded' : 'healthy';
  return willRetry ? 'retrying' : 'down';
}

/** Waits for work until the deadline (performance.now() based), never longer. */
async function withDeadline(work: Promise<unknown>, deadline: number): Promise<void> {
  const remaining = deadline - performance.now();
  work.catch(() => undefined);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a timer of 0 or less fires after 1 ms, bounded all the same
  if (remaining <= 0) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work.catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, remaining)))]);
  clearTimeout(timer);
}
