/** A MonitorCore double for host-level tests of browser mode (the E2E tests use the real core). */
import { EventEmitter } from 'node:events';
import type { MonitorCore, MonitorCoreEvents } from '../../../src-main/core/MonitorCore.js';
import type { DatabaseStatus, Snapshot } from '../../../src-main/common/schemas.js';
import { ValidationError } from '../../../src-main/core/errors.js';

const db = (status: DatabaseStatus['status']): DatabaseStatus => ({
  status,
  healthy: status === 'healthy',
  target: 'bolt://127.0.0.1:7687',
  latencyMs: 3,
  checkedAt: '2026-01-01T00:00:00.000Z',
  consecutiveFailures: 0,
  uptimePct: 100,
  p50Ms: 3,
  p95Ms: 4,
});

export function snapshotWith(neo4j: DatabaseStatus['status']): Snapshot {
  return {
    status: neo4j === 'healthy' ? 'ok' : 'down',
    version: '0.1.0',
    checkedAt: '2026-01-01T00:00:00.000Z',
    paused: null,
    databases: { supabase: db('healthy'), neo4j: db(neo4j) },
  };
}

export function createFakeCore(): MonitorCore & { emitSnapshot(s: Snapshot): void; current: Snapshot } {
  const events = new EventEmitter();
  const core = {
    current: snapshotWith('healthy'),
    emitSnapshot(s: Snapshot) {
      core.current = s;
      events.emit('snapshot', s);
    },
    start: async () => undefined,
    stop: async () => undefined,
    snapshot: () => core.current,
    checkNow: async () => core.current,
    pause: () => ({ ...core.current, paused: { until: null } }),
    resume: () => core.current,
    history: (database: 'supabase' | 'neo4j') => ({ database, entries: [], uptimePct: null, p50Ms: null, p95Ms: null }),
    getSettingsView: async () => {
      throw new Error('internal detail that must not reach the page');
    },
    testConnection: async () => {
      throw new Error('unused');
    },
    saveSettings: async () => {
      throw new ValidationError('neo4j.uri', 'Neo4j URI must use bolt://');
    },
    importEnv: async () => ({ settings: [], secrets: [], ignored: [] }),
    on<E extends keyof MonitorCoreEvents>(event: E, listener: MonitorCoreEvents[E]) {
      events.on(event, listener);
      return () => void events.off(event, listener);
    },
  };
  return core;
}
