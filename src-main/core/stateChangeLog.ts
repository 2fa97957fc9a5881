/** One log line per state change of a database; healthy checks are not logged above debug. */
import type { Logger } from './logging.js';
import type { StateChange } from './MonitorCore.js';

export function logStateChange(logger: Logger, change: StateChange): void {
  const { environment, database, from, to, result } = change;
  const fields = {
    environment: environment.id,
    database,
    from,
    to,
    latencyMs: result.latencyMs,
    ...(result.kind ? { kind: result.kind } : {}),
    ...(result.message ? { reason: result.message } : {}),
    ...(result.hint ? { hint: result.hint } : {}),
  };
  const line = `${environment.id}/${database}: ${from} -> ${to}`;
  if (to === 'down') logger.error(fields, line);
  else if (to === 'retrying' || to === 'degraded' || to === 'not_configured') logger.warn(fields, line);
  else logger.info(fields, line);
}
