/**
 * A small MonitorCore double for the metrics tests: environments of Supabase + Neo4j whose states a
 * test sets; each `finishCheck` updates the snapshot and emits the core's `check` event like the real
 * core does (see MonitorCore.ts). The real core's wiring is covered by prometheus.serve.test.ts.
 */
import { EventEmitter } from 'node:events';
import type { MonitorCore, MonitorCoreEvents } from '../../../src-main/core/MonitorCore.js';
import type { DatabaseId, DatabaseState, DatabaseStatus, FailureKind, ProbeResult, Snapshot } from '../../../src-main/common/schemas.js';

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

export type CoreDouble = Pick<MonitorCore, 'snapshot' | 'on'> & {
  /** One finished check: the snapshot shows it, and listeners of `check` hear it. */
  finishCheck(environment: string, database: DatabaseId, state: DatabaseState, latencyMs: number | null, kind?: FailureKind): void;
  removeEnvironment(id: string): void;
  listeners(): number;
};

export function createCoreDouble(environmentIds: string[], version = '9.8.7'): CoreDouble {
  const events = new EventEmitter();
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
