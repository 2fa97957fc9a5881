/**
 * The host-agnostic heart of the app as the hosts (Electron shell, headless CLI/server) see it.
 * Hosts depend on this interface only; `createMonitorCore` in ./createMonitorCore.ts builds the real one.
 */
import type { DatabaseId, DatabaseState, HistoryView, ProbeResult, Snapshot } from '../common/schemas.js';
import type { ImportReport, SettingsDraft, SettingsView } from '../common/settings-schema.js';

export interface StateChange {
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
  /** Checks every database now (skips one already being checked, awaiting it instead). */
  checkNow(): Promise<Snapshot>;
  /** Pauses scheduled checks; `hours` omitted = until resume(). */
  pause(hours?: number): Snapshot;
  resume(): Snapshot;
  history(database: DatabaseId, limit?: number): HistoryView;
  getSettingsView(): Promise<SettingsView>;
  /** One-off probe with unsaved values; a "keep" secret edit uses the stored secret. Saves nothing. */
  testConnection(draft: SettingsDraft & { database: DatabaseId }): Promise<ProbeResult>;
  /** Validates, writes secrets to the keychain, persists settings and reconnects. */
  saveSettings(draft: SettingsDraft): Promise<SettingsView>;
  importEnv(content: string): Promise<ImportReport>;
  on<E extends keyof MonitorCoreEvents>(event: E, listener: MonitorCoreEvents[E]): () => void;
}
