/**
 * The host-agnostic heart of the app as the hosts (Electron shell, headless CLI/server) see it.
 * Hosts depend on this interface only; `createMonitorCore` in ./createMonitorCore.ts builds the real one.
 */
import type { DatabaseId, DatabaseState, EnvironmentId, HistoryView, ProbeResult, Snapshot } from '../common/schemas.js';
import type { ImportEnvRequest, ImportReport, SettingsDraftInput, SettingsView, TestConnectionRequest } from '../common/settings-schema.js';

export interface StateChange {
  environment: { id: EnvironmentId; name: string };
  database: DatabaseId;
  from: DatabaseState;
  to: DatabaseState;
  result: ProbeResult;
}

export interface MonitorCoreEvents {
  /** Any change to the snapshot (a check finished, pause, settings saved). */
  snapshot: (snapshot: Snapshot) => void;
  /** A database moved between states; one event per change. */
  stateChange: (change: StateChange) => void;
}

export interface MonitorCore {
  /** Loads settings and secrets, opens clients and starts the schedules; never throws because a database is down. */
  start(): Promise<void>;
  /** Stops schedules, waits for in-flight checks (bounded by timeoutMs) and closes clients. Idempotent. */
  stop(timeoutMs?: number): Promise<void>;
  snapshot(): Snapshot;
  /**
   * Checks every database of `environment` (default: of every environment) now; one already being
   * checked is awaited instead. An unknown environment id throws a ValidationError naming the known ones.
   */
  checkNow(environment?: EnvironmentId): Promise<Snapshot>;
  /** Pauses scheduled checks of one environment (default: all); `hours` omitted = until resume(). */
  pause(hours?: number, environment?: EnvironmentId): Snapshot;
  resume(environment?: EnvironmentId): Snapshot;
  history(environment: EnvironmentId, database: DatabaseId, limit?: number): HistoryView;
  getSettingsView(): Promise<SettingsView>;
  /** One-off probe with unsaved values; a "keep" secret edit uses that environment's stored secret. Saves nothing. */
  testConnection(request: TestConnectionRequest): Promise<ProbeResult>;
  /**
   * Validates, writes secrets to the keychain, persists settings and reconnects only what changed.
   * Environments missing from the draft must be listed in removeEnvironments; their secrets are deleted.
   */
  saveSettings(draft: SettingsDraftInput): Promise<SettingsView>;
  importEnv(request: ImportEnvRequest): Promise<ImportReport>;
  on<E extends keyof MonitorCoreEvents>(event: E, listener: MonitorCoreEvents[E]): () => void;
}
