/**
 * The host-agnostic heart of the app as the hosts (Electron shell, headless CLI/server) see it.
 * Hosts depend on this interface only; `createMonitorCore` in ./createMonitorCore.ts builds the real one.
 */
import type { HistoryRequest, HistoryView, IncidentList, IncidentsRequest } from '../common/history.js';
import type { DatabaseId, DatabaseState, EnvironmentId, ProbeResult, Snapshot } from '../common/schemas.js';
import type { CoreMethodName, RendererApiHandlers } from '../common/contract.js';
import type { ImportEnvRequest, ImportPreview, ImportReport, SettingsDraftInput, SettingsView, TestConnectionRequest } from '../common/settings-schema.js';

export interface StateChange {
  environment: { id: EnvironmentId; name: string };
  database: DatabaseId;
  from: DatabaseState;
  to: DatabaseState;
  result: ProbeResult;
  /** Set by the core when the change happened while this computer was offline: not the database's fault. */
  offline?: true;
}

export interface MonitorCoreEvents {
  /** Any change to the snapshot (a check finished, pause, settings saved). */
  snapshot: (snapshot: Snapshot) => void;
  /** A database moved between states; one event per change. */
  stateChange: (change: StateChange) => void;
  /** Every finished check (retries included), e.g. for metrics. */
  check: (check: { environment: EnvironmentId; result: ProbeResult }) => void;
  /** stop() began: nothing will be checked or pushed any more. */
  stopped: (event: { at: string }) => void;
}

/**
 * The renderer contract's methods the core implements itself, with the contract's names and inputs,
 * so the hosts' handlers are derived from the contract (see rendererHandlers.ts). Omitted environment = all.
 * An unknown environment id is a ValidationError naming the known ones.
 */
export type CoreMethods = { [K in CoreMethodName]: RendererApiHandlers[K] };

export interface MonitorCore extends CoreMethods {
  /** Loads settings and secrets, opens clients and starts the schedules; never throws because a database is down. */
  start(): Promise<void>;
  /** Stops schedules, waits for in-flight checks (bounded by timeoutMs) and closes clients. Idempotent. */
  stop(timeoutMs?: number): Promise<void>;
  /** The latest snapshot (the same object until the next change). */
  snapshot(): Snapshot;
  getSnapshot(): Snapshot;
  checkNow(scope?: { environment?: EnvironmentId }): Promise<Snapshot>;
  /** `hours` omitted = until resume. */
  pause(request?: { hours?: number; environment?: EnvironmentId }): Snapshot;
  resume(scope?: { environment?: EnvironmentId }): Snapshot;
  /** From the durable history; an unknown environment or database is a ValidationError. */
  getHistory(request: HistoryRequest): HistoryView;
  getIncidents(request?: IncidentsRequest): IncidentList;
  /**
   * Only a down or retrying database; ends when it answers again or fails with another kind. A core that has not
   * checked it yet (the CLI's) goes by the recorded state. `by` is who, as the host knows it (the CLI: the OS user).
   */
  acknowledge(request: { environment: EnvironmentId; database: DatabaseId }, by?: string): Snapshot;
  mute(request: { environment: EnvironmentId; database: DatabaseId; hours: 1 | 4 | 8 }): Snapshot;
  unmute(request: { environment: EnvironmentId; database: DatabaseId }): Snapshot;
  getSettings(): Promise<SettingsView>;
  /** One-off probe with unsaved values; a "keep" secret edit uses that environment's stored secret. Saves nothing. */
  testConnection(request: TestConnectionRequest): Promise<ProbeResult>;
  /**
   * Validates, writes secrets to the keychain, persists settings and reconnects only what changed.
   * Environments missing from the draft must be listed in removeEnvironments; their secrets are deleted.
   */
  saveSettings(draft: SettingsDraftInput): Promise<SettingsView>;
  /** What importEnv would change (settings old → new, secrets by name, skipped lines); reads the keychain, writes nothing. */
  previewImportEnv(request: ImportEnvRequest): Promise<ImportPreview>;
  /** Writes the file's settings and secrets; with `previewed`, only if that preview still holds. */
  importEnv(request: ImportEnvRequest): Promise<ImportReport>;
  /**
   * The redacted diagnostics report (see ./diagnostics/formatDiagnostics.ts). A core that has not checked a
   * database (the CLI's) reports its last recorded check; secrets are read only to say whether each is stored.
   */
  getDiagnostics(scope?: { environments?: readonly EnvironmentId[] }): Promise<string>;
  /** The host's own view of the network (Electron's net.isOnline()); offline shows "This computer is offline". */
  setHostConnectivity(online: boolean): void;
  on<E extends keyof MonitorCoreEvents>(event: E, listener: MonitorCoreEvents[E]): () => void;
}
