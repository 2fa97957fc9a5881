import type { Snapshot } from '../../src-main/common/schemas.js';

/** Nothing to monitor anywhere yet: every database of every environment is not configured (or there are none). */
export function isFirstRun(snapshot: Pick<Snapshot, 'environments'>): boolean {
  return snapshot.environments.every((env) => Object.values(env.databases).every((d) => d === undefined || d.status === 'not_configured'));
}
