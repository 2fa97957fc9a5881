/** Contract between the HealthMonitor (./HealthMonitor.ts) and whoever composes it (../createMonitorCore.ts). */
import type { DatabaseId, HistoryView, ProbeResult, Snapshot } from '../../common/schemas.js';
import type { Settings } from '../../common/settings-schema.js';
import type { Probe } from '../probes/Probe.js';
import type { StateChange } from '../MonitorCore.js';

export type MonitorSettings = Settings['monitor'];

export interface HealthMonitorOptions {
  /** null = that database is not configured (state not_configured, never checked). */
  probes: Record<DatabaseId, Probe | null>;
  settings: MonitorSettings;
  version: string;
  /** Injected for tests; defaults to Date.now. */
  now?: () => number;
}

export interface HealthMonitorEvents {
  /** Every finished check, including retries. */
  check: (result: ProbeResult) => void;
  stateChange: (change: StateChange) => void;
  snapshot: (snapshot: Snapshot) => void;
}

export interface HealthMonitorApi {
  start(): void;
  /** Stops schedules, waits for in-flight checks (bounded), closes every probe. */
  stop(timeoutMs?: number): Promise<void>;
  checkNow(database?: DatabaseId): Promise<Snapshot>;
  pause(hours?: number): Snapshot;
  resume(): Snapshot;
  snapshot(): Snapshot;
  history(database: DatabaseId, limit?: number): HistoryView;
  /** Swaps a probe (settings saved): closes the old one, resets that database's state, checks at once. */
  replaceProbe(database: DatabaseId, probe: Probe | null): Promise<void>;
  updateSettings(settings: MonitorSettings): void;
  on<E extends keyof HealthMonitorEvents>(event: E, listener: HealthMonitorEvents[E]): () => void;
}
