/**
 * A small MonitorCore double for the metrics tests: environments of Supabase + Neo4j whose states a
 * test sets; each `finishCheck` updates the snapshot and emits the core's `check` event like the real
 * core does (see MonitorCore.ts). `setUptime` states what the history answers for a database's
 * uptime windows, and `historyReads` counts the getHistory calls. The real core's wiring is covered by
 * prometheus.serve.test.ts.
 */
import { EventEmitter } from 'node:events';
import type { MonitorCore, MonitorCoreEvents } from '../../../src-main/core/MonitorCore.js';
import type { DatabaseId, DatabaseState, DatabaseStatus, FailureKind, ProbeResult, Snapshot } from '../../../src-main/common/schemas.js';
import type { Uptime } from '../../../src-main/common/history.js';
import { emptyHistoryView } from '../../support/historyViews.js';

const LABELS: Record<string, string> = { supabase: 'Supabase', neo4j: 'Neo4j' };

function status(database: DatabaseId, state: DatabaseState): DatabaseStatus {
  return {
    database,
    label: LABELS[database]!,
    status: state,
    healthy: state === 'healthy' || state === 'degraded',
    target: 'http://127.0.0.1:1',
    latencyMs: null,
    checkedAt: null,
    consecutiveFailures: 0,
    since: null,
    p50Ms: null,
    p95Ms: null,
  };
}

export type CoreDouble = Pick<MonitorCore, 'snapshot' | 'on' | 'getHistory'> & {
  /** What getHistory answers as the database's uptime from now on (by default: nothing checked). */
  setUptime(environment: string, database: DatabaseId, uptime: Uptime[]): void;
  /** getHistory calls so far. */
  historyReads(): number;
  /** Points a database at another server (a settings change), like a save does. */
  moveTarget(environment: string, database: DatabaseId, target: string): void;
  /** One finished check: the snapshot shows it, and listeners of `check` hear it. */
  finishCheck(environment: string, database: DatabaseId, state: DatabaseState, latencyMs: number | null, kind?: FailureKind): void;
  removeEnvironment(id: string): void;
  listeners(): number;
};

export function createCoreDouble(environmentIds: string[], version = '9.8.7'): CoreDouble {
  const events = new EventEmitter();
  const uptimes = new Map<string, Uptime[]>();
  let reads = 0;
  let current: Snapshot = {
    status: 'unknown',
    version,
    checkedAt: '2026-12-01T00:00:00.000Z',
    paused: null,
    staleAfterMs: 25_000,
    lastIncident: null,
    environments: environmentIds.map((id) => ({
      id,
      name: id,
      colour: null,
      status: 'unknown',
      paused: null,
      databases: { supabase: status('supabase', 'unknown'), neo4j: status('neo4j', 'unknown') },
    })),
  };
  return {
    snapshot: () => current,
    on<E extends keyof MonitorCoreEvents>(event: E, listener: MonitorCoreEvents[E]) {
      events.on(event, listener);
      return () => void events.off(event, listener);
    },
    getHistory({ environment, database }) {
      reads++;
      const env = current.environments.find((e) => e.id === environment);
      if (!env?.databases[database]) throw new Error(`no ${environment}/${database}`);
      const view = emptyHistoryView(environment, database);
      return { ...view, uptime: uptimes.get(`${environment}/${database}`) ?? view.uptime };
    },
    setUptime(environment, database, uptime) {
      uptimes.set(`${environment}/${database}`, uptime);
    },
    historyReads: () => reads,
    moveTarget(environment, database, target) {
      current = {
        ...current,
        environments: current.environments.map((env) =>
          env.id !== environment ? env : { ...env, databases: { ...env.databases, [database]: { ...env.databases[database]!, target } } },
        ),
      };
      events.emit('snapshot', current);
    },
    finishCheck(environment, database, state, latencyMs, kind) {
      const checkedAt = new Date().toISOString();
      const result: ProbeResult = {
        database,
        healthy: state === 'healthy' || state === 'degraded',
        state,
        latencyMs,
        checkedAt,
        ...(kind ? { kind, message: `a message with http://secret.example/path?key=${'k'.repeat(8)}` } : {}),
      };
      current = {
        ...current,
        environments: current.environments.map((env) =>
          env.id !== environment
            ? env
            : { ...env, databases: { ...env.databases, [database]: { ...status(database, state), latencyMs, checkedAt, ...(kind ? { kind } : {}) } } },
        ),
      };
      events.emit('check', { environment, result });
      events.emit('snapshot', current);
    },
    removeEnvironment(id) {
      current = { ...current, environments: current.environments.filter((e) => e.id !== id) };
      events.emit('snapshot', current);
    },
    listeners: () => events.listenerCount('check'),
  };
}
