/**
 * walltrack_uptime_ratio's values, read from the history store through core.getHistory at most once a
 * minute, so a scrape stays cheap however often it comes; read again at once when the monitored
 * targets change (a settings save: an environment, a database or an endpoint added or removed).
 */
import type { UptimeWindow } from '../../common/history.js';
import type { Snapshot } from '../../common/schemas.js';
import type { MonitorCore } from '../../core/MonitorCore.js';
import { perSnapshot } from './snapshotMemo.js';

/** The windows Prometheus gets; 365 d is left to the CLI and the windows (a year of rate() is not a scrape's job). */
export const METRIC_UPTIME_WINDOWS: readonly UptimeWindow[] = ['24h', '7d', '30d'];
export const UPTIME_REFRESH_MS = 60_000;

export interface UptimeRatio {
  environment: string;
  database: string;
  window: UptimeWindow;
  ratio: number;
}

export interface UptimeCacheOptions {
  /** Tests move time forward. */
  now?: () => number;
}

/** Environment, database and endpoint of every database the snapshot shows: the history series there are. */
function targetsKey(snapshot: Snapshot): string {
  return JSON.stringify(snapshot.environments.map((env) => [env.id, Object.values(env.databases).map((db) => db && [db.database, db.target])]));
}

function read(core: Pick<MonitorCore, 'getHistory'>, snapshot: Snapshot): UptimeRatio[] {
  const ratios: UptimeRatio[] = [];
  for (const env of snapshot.environments) {
    for (const status of Object.values(env.databases)) {
      if (!status) continue;
      let uptime;
      try {
        uptime = core.getHistory({ environment: env.id, database: status.database }).uptime;
      } catch {
        // A kind this build cannot probe, or one removed since the snapshot: no series, not a failed scrape.
        continue;
      }
      for (const { window, ratio } of uptime) {
        if (ratio !== null && METRIC_UPTIME_WINDOWS.includes(window)) ratios.push({ environment: env.id, database: status.database, window, ratio });
      }
    }
  }
  return ratios;
}

export function createUptimeCache(core: Pick<MonitorCore, 'snapshot' | 'getHistory'>, { now = Date.now }: UptimeCacheOptions = {}) {
  let cached: { at: number; key: string; ratios: UptimeRatio[] } | null = null;
  const keyOfTargets = perSnapshot(() => core.snapshot(), targetsKey);
  return {
    ratios(): UptimeRatio[] {
      const snapshot = core.snapshot();
      const key = keyOfTargets();
      if (!cached || cached.key !== key || now() - cached.at >= UPTIME_REFRESH_MS) cached = { at: now(), key, ratios: read(core, snapshot) };
      return cached.ratios;
    },
  };
}
