/**
 * Checks that are recorded but do not count for uptime (as Uptime Kuma leaves out maintenance and Gatus
 * checks made while its own connectivity failed): the one place that decides it. Maintenance windows
 * are left out by time instead (queries.ts Exclusions: a window added later also applies to earlier weeks).
 */
import { isAnswered, type RecordedState } from './states.js';

/** What the core knew about the moment of a check, besides its result. */
export interface CheckContext {
  /** This computer was offline (see core/connectivity.ts). */
  offline?: boolean;
}

/** A failure while offline says nothing about the database; an answer while "offline" still proves it up, so it counts. */
export function excludedFromUptime(context: CheckContext, state: RecordedState): boolean {
  return context.offline === true && !isAnswered(state);
}
