/** Snapshots and a fake MonitorCore for shell tests; the real core is tested under test/core. */
import { EventEmitter } from 'node:events';
import { SnapshotSchema, type DatabaseId, type DatabaseStatus, type Snapshot } from '../../src-main/common/schemas.js';
import type { MonitorCore, MonitorCoreEvents, StateChange } from '../../src-main/core/MonitorCore.js';

const CHECKED_AT = '2026-01-01T12:00:00.000Z';

export function makeStatus(over: Partial<DatabaseStatus> = {}): DatabaseStatus {
  return {
    status: 'healthy',
    healthy: true,
    target: null,
    latencyMs: 42,
    checkedAt: CHECKED_AT,
    consecutiveFailures: 0,
    uptimePct: 100,
    p50Ms: 40,
    p95Ms: 50,
    ...over,
  };
}

export function makeSnapshot(
  over: Partial<Omit<Snapshot, 'databases'>> & { supabase?: Partial<DatabaseStatus>; neo4j?: Partial<DatabaseStatus> },
): Snapshot {
  const { supabase, neo4j, ...rest } = over;
  return SnapshotSchema.parse({
    status: 'ok',
    version: '0.1.0',
    checkedAt: CHECKED_AT,
    paused: null,
    databases: {
      supabase: makeStatus({ target: 'https://abcd.supabase.co', ...supabase }),
      neo4j: makeStatus({ target: 'bolt://127.0.0.1:7687', latencyMs: 7, ...neo4j }),
    },
    ...rest,
  });
}

/** Records every call; `stopDelayMs: Infinity` makes stop() hang like a stuck driver. */
export class FakeMonitorCore implements MonitorCore {
  readonly calls: { method: string; args: unknown[] }[] = [];
  current: Snapshot = makeSnapshot({});
  stopDelayMs = 0;
  started = false;
  stopped = false;
  private readonly events = new EventEmitter();

  private record(method: string, ...args: unknown[]): void {
    this.calls.push({ method, args });
  }
  async start(): Promise<void> {
    this.record('start');
    this.started = true;
  }
  async stop(timeoutMs?: number): Promise<void> {
    this.record('stop', timeoutMs);
    if (this.stopDelayMs === Infinity) return new Promise(() => {});
    await new Promise((r) => setTimeout(r, this.stopDelayMs));
    this.stopped = true;
  }
  snapshot(): Snapshot {
    this.record('snapshot');
    return this.current;
  }
  async checkNow(): Promise<Snapshot> {
    this.record('checkNow');
    return this.current;
  }
  pause(hours?: number): Snapshot {
    this.record('pause', hours);
    this.current = { ...this.current, paused: { until: hours ? new Date(Date.parse(CHECKED_AT) + hours * 3_600_000).toISOString() : null } };
    return this.current;
  }
  resume(): Snapshot {
    this.record('resume');
    this.current = { ...this.current, paused: null };
    return this.current;
  }
  history(database: DatabaseId, limit?: number) {
    this.record('history', database, limit);
    return { database, entries: [], uptimePct: null, p50Ms: null, p95Ms: null };
  }
  async getSettingsView() {
    this.record('getSettingsView');
    return settingsView();
  }
  async testConnection(draft: Parameters<MonitorCore['testConnection']>[0]) {
    this.record('testConnection', draft);
    return { database: draft.database, healthy: true, state: 'healthy' as const, latencyMs: 3, checkedAt: CHECKED_AT };
  }
  async saveSettings(draft: Parameters<MonitorCore['saveSettings']>[0]) {
    this.record('saveSettings', draft);
    return { ...settingsView(), settings: draft.settings };
  }
  async importEnv(content: string) {
    this.record('importEnv', content);
    return { settings: [], secrets: [], ignored: [] };
  }
  on<E extends keyof MonitorCoreEvents>(event: E, listener: MonitorCoreEvents[E]): () => void {
    this.events.on(event, listener);
    return () => this.events.off(event, listener);
  }
  /** Test helpers: what the real core emits. */
  emitSnapshot(snapshot: Snapshot): void {
    this.current = snapshot;
    this.events.emit('snapshot', snapshot);
  }
  emitStateChange(change: StateChange): void {
    this.events.emit('stateChange', change);
  }
  /** Calls that reached the core other than the snapshot reads the shell does itself. */
  businessCalls(): string[] {
    return this.calls.map((c) => c.method).filter((m) => m !== 'snapshot');
  }
}

export function settingsView() {
  return {
    settings: {
      supabase: { url: null, probeTable: null },
      neo4j: { uri: null, user: 'neo4j', database: null },
      monitor: { intervalSec: 30, timeoutMs: 5_000, retries: 2, backoffInitialMs: 1_000, backoffMaxMs: 4_000, slowMs: 1_000 },
      app: { notifications: true, startAtLogin: false },
    },
    secrets: { supabaseKey: 'not_set' as const, neo4jPassword: 'not_set' as const },
    paths: { settingsFile: '/tmp/walltrack/settings.json', logFile: '/tmp/walltrack/walltrack.log' },
  };
}
