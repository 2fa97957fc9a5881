/**
 * A MonitorCore v2 double whose snapshot each test sets, for renderer E2E runs through the REAL
 * browser-mode server: the test scripts what the core reports (several environments, any states,
 * fixed timestamps) and reads back which environment each button asked for.
 */
import { EventEmitter } from 'node:events';
import { databaseKind } from '../../../src-main/common/databases.js';
import type { HistoryRequest, HistoryView, Incident, IncidentsRequest } from '../../../src-main/common/history.js';
import { emptyHistoryView } from '../../support/historyViews.js';
import type { MonitorCore, MonitorCoreEvents } from '../../../src-main/core/MonitorCore.js';
import {
  SnapshotSchema,
  type DatabaseId,
  type DatabaseState,
  type DatabaseStatus,
  type EnvironmentId,
  type EnvironmentStatus,
  type OverallStatus,
  type Snapshot,
} from '../../../src-main/common/schemas.js';

/** Every timestamp the double reports; tests fix the page's clock relative to it. */
export const CHECKED_AT = '2026-01-01T12:00:00.000Z';
/** Where "Pause (1 h)" pauses to in this double. */
export const PAUSED_UNTIL = '2026-01-01T13:00:00.000Z';

const TARGETS: Partial<Record<DatabaseId, string>> = { supabase: 'https://abcd.supabase.co', neo4j: 'neo4j+s://db.example.com:7687' };

export function database(kind: DatabaseId, state: DatabaseState): DatabaseStatus {
  const failed = state === 'down' || state === 'retrying';
  const target = TARGETS[kind] ?? `${kind}://db.example.com`;
  return {
    database: kind,
    label: databaseKind(kind).label,
    status: state,
    healthy: state === 'healthy' || state === 'degraded',
    target,
    latencyMs: failed ? null : state === 'degraded' ? 1_480 : kind === 'neo4j' ? 8.4 : 23,
    ...(failed
      ? {
          kind: 'refused' as const,
          message: `${kind} (${target}): connection refused`,
          hint: 'Nothing is listening there: start the database, or correct the address in Settings.',
        }
      : {}),
    ...(kind === 'neo4j' && !failed ? { server: { agent: 'Neo4j/5.26.30', version: '5.26.30' } } : {}),
    checkedAt: CHECKED_AT,
    consecutiveFailures: failed ? 3 : 0,
    since: failed ? '2026-01-01T11:57:00.000Z' : '2026-01-01T09:00:00.000Z',
    p50Ms: 9,
    p95Ms: state === 'degraded' ? 1_600 : 31,
  };
}

const ENV_STATUS: Record<DatabaseState, OverallStatus> = {
  down: 'down',
  retrying: 'degraded',
  recovering: 'degraded',
  degraded: 'degraded',
  not_configured: 'unconfigured',
  unknown: 'unknown',
  healthy: 'ok',
};
/** The core's precedence: down > degraded > unconfigured > unknown > ok. */
const PRECEDENCE: OverallStatus[] = ['down', 'degraded', 'unconfigured', 'unknown', 'ok'];
const worst = (all: OverallStatus[]): OverallStatus => PRECEDENCE.find((s) => all.includes(s)) ?? 'ok';

export function environment(
  id: EnvironmentId,
  name: string,
  states: Partial<Record<DatabaseId, DatabaseState>>,
  colour: string | null = null,
): EnvironmentStatus {
  const given = Object.entries(states).filter((e): e is [DatabaseId, DatabaseState] => e[1] !== undefined);
  return {
    id,
    name,
    colour,
    status: worst(given.map(([, s]) => ENV_STATUS[s])),
    paused: null,
    databases: Object.fromEntries(given.map(([kind, state]) => [kind, database(kind, state)])),
  };
}

/** A snapshot that passes the contract's schema, so a scripted one cannot drift from it. */
export function snapshotOf(environments: EnvironmentStatus[]): Snapshot {
  const everyPaused = environments.length > 0 && environments.every((e) => e.paused);
  const untils = environments.map((e) => e.paused?.until ?? null);
  return SnapshotSchema.parse({
    status: worst(environments.map((e) => e.status)),
    version: '0.1.0',
    checkedAt: CHECKED_AT,
    paused: everyPaused ? { until: untils.includes(null) ? null : untils.sort().at(-1)! } : null,
    staleAfterMs: 65_000,
    lastIncident: null,
    environments,
  });
}

/** Thirty checks a minute apart ending at CHECKED_AT; the last three failed when the database is failing now. */
function historyOf(status: DatabaseStatus | undefined, env: EnvironmentId, kind: DatabaseId): HistoryView {
  const failing = status?.status === 'down' || status?.status === 'retrying';
  const end = Date.parse(CHECKED_AT);
  const points = Array.from({ length: 30 }, (_, i) => {
    const failed = failing && i >= 27;
    const base = status?.status === 'degraded' ? 900 : 10;
    return {
      at: new Date(end - (29 - i) * 60_000).toISOString(),
      checks: 1,
      failed: failed ? 1 : 0,
      degraded: 0,
      state: failed ? ('down' as const) : ('healthy' as const),
      latencyMs: failed ? null : base + ((i * 7) % 11) * (base / 10),
    };
  });
  return { ...emptyHistoryView(env, kind, end), endpoint: status?.target ?? null, points };
}

export interface ScriptedCall {
  method: 'checkNow' | 'pause' | 'resume' | 'acknowledge' | 'mute' | 'unmute';
  environment: EnvironmentId | undefined;
  hours?: number | undefined;
  database?: string;
}

export type ScriptedCore = MonitorCore & {
  /** Replaces the snapshot and pushes it to every window, as the real core does after a check. */
  set(snapshot: Snapshot): void;
  readonly current: Snapshot;
  /** Every check/pause/resume the windows asked for, in order. */
  readonly calls: ScriptedCall[];
  /** What getHistory answers from now on; null = thirty checks a minute apart (historyOf). */
  scriptHistory(answer: ((request: HistoryRequest) => HistoryView) | null): void;
  /** What getIncidents answers from now on (filtered by environment, newest first as given). */
  scriptIncidents(incidents: Incident[]): void;
  /** Every getHistory / getIncidents request the windows made, in order. */
  readonly historyCalls: HistoryRequest[];
  readonly incidentCalls: IncidentsRequest[];
  /** Emits the contract's `stopped` event, as the real core does when stop() begins. */
  emitStopped(at: string): void;
};

export function createScriptedCore(initial: Snapshot): ScriptedCore {
  const events = new EventEmitter();
  let current = SnapshotSchema.parse(initial);
  const calls: ScriptedCall[] = [];
  const historyCalls: HistoryRequest[] = [];
  const incidentCalls: IncidentsRequest[] = [];
  let history: ((request: HistoryRequest) => HistoryView) | null = null;
  let incidents: Incident[] = [];
  const set = (s: Snapshot) => {
    current = SnapshotSchema.parse(s);
    events.emit('snapshot', current);
  };
  const known = (env: EnvironmentId | undefined) => {
    if (env !== undefined && !current.environments.some((e) => e.id === env)) throw new Error(`scripted core: no environment "${env}"`);
  };
  const setPaused = (env: EnvironmentId | undefined, paused: EnvironmentStatus['paused']) => {
    set(snapshotOf(current.environments.map((e) => (env === undefined || e.id === env ? { ...e, paused } : e))));
    return current;
  };
  const setAttention = (env: EnvironmentId, database: string, change: (a: NonNullable<DatabaseStatus['attention']>) => NonNullable<DatabaseStatus['attention']>) => {
    known(env);
    const environments = current.environments.map((e) => {
      const db = e.databases[database];
      if (e.id !== env || !db) return e;
      const attention = change(db.attention ?? {});
      const { attention: _old, ...rest } = db;
      return { ...e, databases: { ...e.databases, [database]: Object.keys(attention).length ? { ...rest, attention } : rest } };
    });
    set({ ...current, environments });
    return current;
  };
  const notScripted = async (): Promise<never> => {
    throw new Error('scripted core: settings are not part of the status-window tests');
  };
  return {
    set,
    get current() {
      return current;
    },
    calls,
    historyCalls,
    incidentCalls,
    scriptHistory: (answer) => void (history = answer),
    scriptIncidents: (list) => void (incidents = list),
    emitStopped: (at) => void events.emit('stopped', { at }),
    start: async () => undefined,
    stop: async () => undefined,
    snapshot: () => current,
    getSnapshot: () => current,
    checkNow: async ({ environment: env } = {}) => {
      known(env);
      calls.push({ method: 'checkNow', environment: env });
      return current;
    },
    pause: ({ hours, environment: env } = {}) => {
      known(env);
      calls.push({ method: 'pause', environment: env, hours });
      return setPaused(env, { until: hours ? PAUSED_UNTIL : null });
    },
    resume: ({ environment: env } = {}) => {
      known(env);
      calls.push({ method: 'resume', environment: env });
      return setPaused(env, null);
    },
    // As the real core: the operator's word lands in the database's attention (at the scripted clock's time).
    acknowledge: ({ environment: env, database }) => {
      calls.push({ method: 'acknowledge', environment: env, database });
      return setAttention(env, database, (a) => ({ ...a, acknowledged: { at: CHECKED_AT } }));
    },
    mute: ({ environment: env, database, hours }) => {
      calls.push({ method: 'mute', environment: env, database, hours });
      return setAttention(env, database, (a) => ({ ...a, muted: { until: new Date(Date.parse(CHECKED_AT) + hours * 3_600_000).toISOString() } }));
    },
    unmute: ({ environment: env, database }) => {
      calls.push({ method: 'unmute', environment: env, database });
      return setAttention(env, database, ({ muted: _, ...a }) => a);
    },
    getHistory: (request) => {
      historyCalls.push(request);
      if (history) return history(request);
      const { environment: env, database: kind } = request;
      return historyOf(current.environments.find((e) => e.id === env)?.databases[kind], env, kind);
    },
    getIncidents: (request) => {
      incidentCalls.push(request ?? {});
      const env = request?.environment;
      return { incidents: incidents.filter((i) => env === undefined || i.environment === env).slice(0, request?.limit ?? 500) };
    },
    getSettings: notScripted,
    testConnection: notScripted,
    saveSettings: notScripted,
    previewImportEnv: notScripted,
    importEnv: notScripted,
    getDiagnostics: notScripted,
    setHostConnectivity: notScripted,
    on<E extends keyof MonitorCoreEvents>(event: E, listener: MonitorCoreEvents[E]) {
      events.on(event, listener);
      return () => void events.off(event, listener);
    },
  };
}
