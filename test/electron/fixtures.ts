/** Snapshots and a fake MonitorCore for shell tests; the real core is tested under test/core. */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';
import {
  SnapshotSchema,
  type DatabaseStatus,
  type EnvironmentId,
  type EnvironmentStatus,
  type Snapshot,
} from '../../src-main/common/schemas.js';
import { SettingsSchema, defaultEnvironment, type ImportEnvRequest, type SettingsView } from '../../src-main/common/settings-schema.js';
import type { MonitorCore, MonitorCoreEvents, StateChange } from '../../src-main/core/MonitorCore.js';
import { emptyHistoryView } from '../support/historyViews.js';

const CHECKED_AT = '2026-01-01T12:00:00.000Z';

/**
 * Sets the clock (Date only, unless fake timers are on) to 30 s after the fixtures' results were taken, where
 * they are current (the tray shows a result older than staleAfterMs, 65 s here, as stale). Undo: vi.useRealTimers().
 */
/** Half a minute after the fixtures' checks: their results are current, not stale. */
export const FIXTURE_NOW = new Date('2026-01-01T12:00:30.000Z');

export function atFixtureTime(): void {
  vi.setSystemTime(FIXTURE_NOW);
}

export function makeStatus(over: Partial<DatabaseStatus> = {}): DatabaseStatus {
  return {
    database: 'supabase',
    label: 'Supabase',
    status: 'healthy',
    healthy: true,
    target: null,
    latencyMs: 42,
    checkedAt: CHECKED_AT,
    consecutiveFailures: 0,
    since: CHECKED_AT,
    p50Ms: 40,
    p95Ms: 50,
    ...over,
  };
}

/** Per kind: a change to its status, or null when the environment does not monitor that kind. */
export interface DatabaseOverrides {
  supabase?: Partial<DatabaseStatus> | null;
  neo4j?: Partial<DatabaseStatus> | null;
}

/** One environment as the snapshot carries it: Supabase ok 42 ms, Neo4j ok 7 ms unless overridden. */
export function makeEnvironment(over: Partial<Omit<EnvironmentStatus, 'databases'>> & DatabaseOverrides = {}): EnvironmentStatus {
  const { supabase, neo4j, ...rest } = over;
  const databases: EnvironmentStatus['databases'] = {};
  if (supabase !== null) databases.supabase = makeStatus({ target: 'https://abcd.supabase.co', ...supabase });
  if (neo4j !== null) databases.neo4j = makeStatus({ database: 'neo4j', label: 'Neo4j', target: 'bolt://127.0.0.1:7687', latencyMs: 7, ...neo4j });
  return { id: 'default', name: 'default', colour: null, status: 'ok', paused: null, databases, ...rest };
}

/** Today's one-environment snapshot ("default"); `status` and `paused` apply to the snapshot and its environment. */
export function makeSnapshot(over: Partial<Omit<Snapshot, 'environments'>> & DatabaseOverrides): Snapshot {
  const { supabase, neo4j, ...rest } = over;
  const environment = makeEnvironment({ supabase, neo4j, ...(rest.status ? { status: rest.status } : {}), paused: rest.paused ?? null });
  return makeSnapshotOf([environment], rest);
}

/** A snapshot of these environments, in this (settings) order. */
export function makeSnapshotOf(environments: EnvironmentStatus[], over: Partial<Omit<Snapshot, 'environments'>> = {}): Snapshot {
  return SnapshotSchema.parse({ status: 'ok', version: '0.1.0', checkedAt: CHECKED_AT, paused: null, staleAfterMs: 65_000, lastIncident: null, environments, ...over });
}

/** Records every call with the arguments as passed; `stopDelayMs: Infinity` makes stop() hang like a stuck driver. */
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
  /** Like the real core: `stopped` once, as stop() begins. */
  async stop(timeoutMs?: number): Promise<void> {
    this.record('stop', timeoutMs);
    if (!this.calls.slice(0, -1).some((c) => c.method === 'stop')) this.events.emit('stopped', { at: new Date().toISOString() });
    if (this.stopDelayMs === Infinity) return new Promise(() => {});
    await new Promise((r) => setTimeout(r, this.stopDelayMs));
    this.stopped = true;
  }
  snapshot(): Snapshot {
    this.record('snapshot');
    return this.current;
  }
  getSnapshot(): Snapshot {
    this.record('getSnapshot');
    return this.current;
  }
  async checkNow(...args: [scope?: { environment?: EnvironmentId }]): Promise<Snapshot> {
    this.record('checkNow', ...args);
    return this.current;
  }
  pause(...args: [request?: { hours?: number; environment?: EnvironmentId }]): Snapshot {
    this.record('pause', ...args);
    const { hours, environment } = args[0] ?? {};
    const until = hours ? new Date(Date.parse(CHECKED_AT) + hours * 3_600_000).toISOString() : null;
    return this.setPaused(environment, { until });
  }
  resume(...args: [scope?: { environment?: EnvironmentId }]): Snapshot {
    this.record('resume', ...args);
    return this.setPaused(args[0]?.environment, null);
  }
  /** Like the core: the snapshot counts as paused only when every environment is. */
  private setPaused(environment: EnvironmentId | undefined, paused: EnvironmentStatus['paused']): Snapshot {
    const environments = this.current.environments.map((e) => (environment === undefined || e.id === environment ? { ...e, paused } : e));
    const all = environments.every((e) => e.paused) ? (environments[0]?.paused ?? null) : null;
    this.current = { ...this.current, environments, paused: all };
    return this.current;
  }

  acknowledge(request: { environment: EnvironmentId; database: string }): Snapshot {
    this.record('acknowledge', request);
    return this.current;
  }
  mute(request: { environment: EnvironmentId; database: string; hours: 1 | 4 | 8 }): Snapshot {
    this.record('mute', request);
    return this.current;
  }
  unmute(request: { environment: EnvironmentId; database: string }): Snapshot {
    this.record('unmute', request);
    return this.current;
  }

  getIncidents(request?: { environment?: EnvironmentId }) {
    this.record('getIncidents', request);
    return { incidents: [] };
  }

  getHistory(request: { environment: EnvironmentId; database: string; range?: '1h' | '24h' | '7d' }) {
    this.record('getHistory', request);
    const { environment, database } = request;
    return emptyHistoryView(environment, database);
  }
  async getSettings() {
    this.record('getSettings');
    return settingsView();
  }
  async testConnection(request: Parameters<MonitorCore['testConnection']>[0]) {
    this.record('testConnection', request);
    return { database: request.database, healthy: true, state: 'healthy' as const, latencyMs: 3, checkedAt: CHECKED_AT };
  }
  async saveSettings(draft: Parameters<MonitorCore['saveSettings']>[0]) {
    this.record('saveSettings', draft);
    return { ...settingsView(), settings: SettingsSchema.parse(draft.settings) };
  }
  async previewImportEnv(request: ImportEnvRequest) {
    this.record('previewImportEnv', request);
    const preview = { environment: request.into.id, environmentName: request.into.id, newEnvironment: request.into.kind === 'new', settings: [], secrets: [] };
    return { ...preview, unused: { names: [], more: 0 }, ignored: [], fingerprint: '0'.repeat(64) };
  }
  async importEnv(request: ImportEnvRequest) {
    this.record('importEnv', request);
    return { environment: request.into.id, settings: [], secrets: [], ignored: [] };
  }
  /** What getDiagnostics answers; an Error is thrown instead (a keychain that does not answer). */
  diagnostics: string | Error = 'WallTrack Monitor diagnostics\n(fake core)\n';
  async getDiagnostics() {
    this.record('getDiagnostics');
    if (this.diagnostics instanceof Error) throw this.diagnostics;
    return this.diagnostics;
  }
  setHostConnectivity(online: boolean): void {
    this.record('setHostConnectivity', online);
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
  /** Calls that reached the core other than what the shell does by itself (snapshot reads, net.isOnline() reports). */
  businessCalls(): string[] {
    return this.calls.map((c) => c.method).filter((m) => m !== 'snapshot' && m !== 'setHostConnectivity');
  }
}

export function settingsView(): SettingsView {
  return {
    settings: {
      version: 2,
      environments: [defaultEnvironment()],
      monitor: { intervalSec: 30, timeoutMs: 5_000, retries: 2, backoffInitialMs: 1_000, backoffMaxMs: 4_000, slowMs: 1_000, recoverySuccesses: 2 },
      app: { notifications: true, startAtLogin: false },
    },
    secrets: { default: { supabaseKey: 'not_set', neo4jPassword: 'not_set' } },
    paths: { settingsFile: '/tmp/walltrack/settings.json', logFile: '/tmp/walltrack/walltrack.log' },
  };
}
