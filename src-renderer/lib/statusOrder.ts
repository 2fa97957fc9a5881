/**
 * Problems first: the order of environments and cards in the status window, and which sections start
 * open. Pure, so the rules are unit-tested with literal orders.
 */
import type { DatabaseState, DatabaseStatus, EnvironmentStatus } from '../../src-main/common/schemas.js';

/** Worst first. A database that answers slowly still needs a look before one that was never set up. */
const STATE_RANK: Record<DatabaseState, number> = {
  down: 0,
  retrying: 1,
  recovering: 2,
  degraded: 3,
  not_configured: 4,
  unknown: 5,
  healthy: 6,
};

/** From this many environments on, healthy sections start collapsed so the problems fit a tray popover. */
export const COLLAPSE_HEALTHY_FROM = 3;

/** The environment's worst database state; an environment without databases has nothing set up. */
export function worstState(env: EnvironmentStatus): DatabaseState {
  let worst: DatabaseState | null = null;
  for (const db of Object.values(env.databases)) {
    if (db && (worst === null || STATE_RANK[db.status] < STATE_RANK[worst])) worst = db.status;
  }
  return worst ?? 'not_configured';
}

/** Worst environment first; equally bad ones keep the settings' order (Array.prototype.sort is stable). */
export function orderEnvironments(environments: readonly EnvironmentStatus[]): EnvironmentStatus[] {
  return [...environments].sort((a, b) => STATE_RANK[worstState(a)] - STATE_RANK[worstState(b)]);
}

/** One environment's cards, worst first; equally bad ones keep the snapshot's (registry) order. */
export function orderDatabases(env: EnvironmentStatus): DatabaseStatus[] {
  return Object.values(env.databases)
    .filter((db): db is DatabaseStatus => db !== undefined)
    .sort((a, b) => STATE_RANK[a.status] - STATE_RANK[b.status]);
}

/** Open unless there are many environments and this one is entirely healthy; the user's own choice wins. */
export function isExpanded(env: EnvironmentStatus, environmentCount: number, choice: boolean | undefined): boolean {
  if (choice !== undefined) return choice;
  return environmentCount < COLLAPSE_HEALTHY_FROM || worstState(env) !== 'healthy';
}
