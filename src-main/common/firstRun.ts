import type { Snapshot } from './schemas.js';

/**
 * First run: nothing to monitor anywhere yet, every database of every environment is not configured
 * (or there are none). The status window then shows where to start, and `serve` says the page will guide.
 */
export function nothingConfigured(snapshot: Pick<Snapshot, 'environments'>): boolean {
  return snapshot.environments.every((env) => Object.values(env.databases).every((d) => d === undefined || d.status === 'not_configured'));
}
