/** Contract between the HealthMonitor (./HealthMonitor.ts) and whoever composes it (../createMonitorCore.ts). */
import type { DatabaseId, EnvironmentStatus, ProbeResult } from '../../common/schemas.js';
import type { RecentChecks } from './History.js';
import type { Settings } from '../../common/settings-schema.js';
import type { Probe } from '../probes/Probe.js';
import type { StateChange } from '../MonitorCore.js';
import type { EnvironmentMeta } from './snapshot.js';

export type MonitorSettings = Settings['monitor'];

export interface HealthMonitorOptions {
  /** The environment's kinds (absent = not monitored here); null = not configured (state not_configured, never checked). */
  probes: Partial<Record<DatabaseId, Probe | null>>;
  settings: MonitorSettings;
  environment: EnvironmentMeta;
  /** Injected for tests; defaults to Date.now. */
  now?: () => number;
  /** Where in the interval each database's checks fall, a fraction in [0, 1) (monitor/spread.ts); 0 when absent. */
  phase?: (database: DatabaseId) => number;
}

export interface HealthMonitorEvents {
  /** Every finished check, including retries. */
  check: (result: ProbeResult) => void;
  stateChange: (change: StateChange) => void;
  /** This environment's status after any change. */
  snapshot: (status: EnvironmentStatus) => void;
}

export interface HealthMonitorApi {
  start(): void;
  /** Stops schedules, waits for in-flight checks (bounded), closes every probe. */
  stop(timeoutMs?: number): Promise<void>;
  checkNow(database?: DatabaseId): Promise<EnvironmentStatus>;
  pause(hours?: number): EnvironmentStatus;
  resume(): EnvironmentStatus;
  snapshot(): EnvironmentStatus;
  /** Throws a RangeError for a kind this environment does not monitor. */
  history(database: DatabaseId, limit?: number): RecentChecks;
  /**
   * Swaps a probe (settings saved): closes the old one, resets that database's state, checks at once.
   * A kind not monitored yet is added; `undefined` removes the kind from this environment.
   */
  replaceProbe(database: DatabaseId, probe: Probe | null | undefined): Promise<void>;
  updateSettings(settings: MonitorSettings): void;
  /** Name or colour changed. */
  updateEnvironment(environment: EnvironmentMeta): void;
  on<E extends keyof HealthMonitorEvents>(event: E, listener: HealthMonitorEvents[E]): () => void;
}
