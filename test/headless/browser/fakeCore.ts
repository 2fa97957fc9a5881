/** A MonitorCore double (v2: environments) for host-level tests; the E2E tests use the real core. */
import { EventEmitter } from 'node:events';
import type { MonitorCore, MonitorCoreEvents } from '../../../src-main/core/MonitorCore.js';
import type { DatabaseState, DatabaseStatus, EnvironmentStatus, OverallStatus, Snapshot } from '../../../src-main/common/schemas.js';
import type { SettingsView } from '../../../src-main/common/settings-schema.js';
import { ValidationError } from '../../../src-main/core/errors.js';
import { emptyHistoryView } from '../../support/historyViews.js';

const LABELS: Record<string, string> = { supabase: 'Supabase', neo4j: 'Neo4j' };
const TARGETS: Record<string, string> = { supabase: 'http://127.0.0.1:54321', neo4j: 'bolt://127.0.0.1:7687' };

/** One database's status; failures carry a kind, message and hint like the real monitor's. */
export function databaseStatus(database: string, status: DatabaseState): DatabaseStatus {
  const failed = status === 'down' || status === 'retrying';
  return {
    database,
    label: LABELS[database] ?? database,
    status,
    healthy: status === 'healthy' || status === 'degraded',
    target: status === 'not_configured' ? null : (TARGETS[database] ?? null),
    latencyMs: failed || status === 'unknown' || status === 'not_configured' ? null : 3,
    ...(failed ? { kind: 'refused' as const, message: `${database}: connection refused`, hint: `Start ${database}` } : {}),
    checkedAt: status === 'unknown' ? null : '2026-01-01T00:00:00.000Z',
    consecutiveFailures: failed ? 1 : 0,
    since: '2026-01-01T00:00:00.000Z',
    p50Ms: 3,
    p95Ms: 4,
  };
}

/** An environment with the given database states (registry order: supabase, neo4j); `status` is stated, not computed. */
export function environmentStatus(
  id: string,
  states: Partial<Record<string, DatabaseState>>,
  status: OverallStatus,
  name = id,
): EnvironmentStatus {
  const databases: Record<string, DatabaseStatus> = {};
  for (const [db, state] of Object.entries(states)) if (state) databases[db] = databaseStatus(db, state);
  return { id, name, colour: null, status, paused: null, databases };
}

export function snapshotOf(environments: EnvironmentStatus[], status: OverallStatus): Snapshot {
  return { status, version: '0.1.0', checkedAt: '2026-01-01T00:00:00.000Z', paused: null, staleAfterMs: 65_000, lastIncident: null, environments };
}

/** One environment "default": Supabase healthy, Neo4j in `neo4j`. */
export function snapshotWith(neo4j: DatabaseState): Snapshot {
  const status = neo4j === 'healthy' ? 'ok' : 'down';
  return snapshotOf([environmentStatus('default', { supabase: 'healthy', neo4j }, status)], status);
}

export interface FakeCoreOptions {
  snapshot?: Snapshot;
  /** What getSettings answers; without it, it throws an internal error (hidden from pages). */
  settingsView?: SettingsView;
}

export function createFakeCore(options: FakeCoreOptions = {}): MonitorCore & {
  emitSnapshot(s: Snapshot): void;
  current: Snapshot;
  /** Every call, in order, e.g. "start", "checkNow:staging", "checkNow:*", "stop". */
  calls: string[];
} {
  const events = new EventEmitter();
  const known = (environment: string | undefined) => {
    if (environment !== undefined && !core.current.environments.some((e) => e.id === environment)) {
      throw new ValidationError('environment', `Unknown environment "${environment}" (known: ${core.current.environments.map((e) => e.id).join(', ')})`);
    }
  };
  const core = {
    current: options.snapshot ?? snapshotWith('healthy'),
    calls: [] as string[],
    emitSnapshot(s: Snapshot) {
      core.current = s;
      events.emit('snapshot', s);
    },
    start: async () => void core.calls.push('start'),
    stop: async () => void core.calls.push('stop'),
    snapshot: () => core.current,
    getSnapshot: () => core.current,
    checkNow: async ({ environment }: { environment?: string } = {}) => {
      known(environment);
      core.calls.push(`checkNow:${environment ?? '*'}`);
      return core.current;
    },
    pause: ({ environment }: { hours?: number; environment?: string } = {}) => {
      known(environment);
      return { ...core.current, paused: { until: null } };
    },
    resume: ({ environment }: { environment?: string } = {}) => {
      known(environment);
      return core.current;
    },
    getHistory: ({ environment, database }: { environment: string; database: string }) => emptyHistoryView(environment, database),
    acknowledge: ({ environment, database }: { environment: string; database: string }) => {
      known(environment);
      core.calls.push(`acknowledge:${environment}/${database}`);
      return core.current;
    },
    mute: ({ environment, database, hours }: { environment: string; database: string; hours: number }) => {
      known(environment);
      core.calls.push(`mute:${environment}/${database}:${hours}`);
      return core.current;
    },
    unmute: ({ environment, database }: { environment: string; database: string }) => {
      known(environment);
      core.calls.push(`unmute:${environment}/${database}`);
      return core.current;
    },
    getIncidents: () => ({ incidents: [] }),
    getSettings: async () => {
      if (options.settingsView) return structuredClone(options.settingsView);
      throw new Error('internal detail that must not reach the page');
    },
    testConnection: async () => {
      throw new Error('unused');
    },
    saveSettings: async () => {
      throw new ValidationError('neo4j.uri', 'Neo4j URI must use bolt://');
    },
    previewImportEnv: async () => ({
      ...{ environment: 'default', environmentName: 'Default', newEnvironment: false, settings: [], secrets: [] },
      ...{ unused: { names: [], more: 0 }, ignored: [], fingerprint: '0'.repeat(64) },
    }),
    importEnv: async () => ({ environment: 'default', settings: [], secrets: [], ignored: [] }),
    getDiagnostics: async () => 'WallTrack Monitor diagnostics\n(fake core)\n',
    setHostConnectivity: () => undefined,
    on<E extends keyof MonitorCoreEvents>(event: E, listener: MonitorCoreEvents[E]) {
      events.on(event, listener);
      return () => void events.off(event, listener);
    },
  };
  return core;
}
