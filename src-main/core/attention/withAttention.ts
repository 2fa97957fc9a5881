/** Puts each database's attention (acknowledged, muted, in maintenance now) into an environment's status. */
import type { Attention } from '../../common/attention.js';
import { activeMaintenance, type MaintenanceWindow } from '../../common/maintenance.js';
import type { EnvironmentStatus } from '../../common/schemas.js';
import type { AttentionStore } from './AttentionStore.js';

export function withAttention(status: EnvironmentStatus, windows: readonly MaintenanceWindow[] | undefined, store: Pick<AttentionStore, 'attentionOf'>, now: number): EnvironmentStatus {
  let databases: EnvironmentStatus['databases'] | null = null;
  for (const [database, db] of Object.entries(status.databases)) {
    if (!db) continue;
    const maintenance = activeMaintenance(windows, database, now);
    const attention: Attention = {
      ...store.attentionOf(status.id, database),
      ...(maintenance ? { maintenance: { until: new Date(maintenance.until).toISOString(), window: maintenance.window } } : {}),
    };
    if (Object.keys(attention).length === 0) continue;
    databases ??= { ...status.databases };
    databases[database] = { ...db, attention };
  }
  return databases ? { ...status, databases } : status;
}
