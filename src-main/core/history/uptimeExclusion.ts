/**
 * Checks that are recorded but do not count for uptime (as Uptime Kuma leaves out maintenance and Gatus
 * checks made while its own connectivity failed): the one place that decides it. Maintenance windows
 * (issue 11 item 4) add their reason to CheckContext and here.
 */

/** What the core knew about the moment of a check, besides its result. */
export interface CheckContext {
  /** This computer was offline (see core/connectivity.ts). */
  offline?: boolean;
}

export function excludedFromUptime(context: CheckContext): boolean {
  return context.offline === true;
}
