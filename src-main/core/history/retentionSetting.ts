/**
 * How long raw checks are kept, as the operator configures it: WALLTRACK_HISTORY_DAYS (1–365, default 7).
 * The per-minute and per-hour aggregates, which uptime and the longer charts read, are kept 400 days regardless.
 */
import type { Logger } from '../logging.js';
import { DEFAULT_RAW_RETENTION_DAYS } from './retention.js';

export const HISTORY_DAYS_VARIABLE = 'WALLTRACK_HISTORY_DAYS';

/** A bad value is not fatal: the default is used and a warning names the variable and what it accepts. */
export function rawRetentionDays(env: NodeJS.ProcessEnv, logger: Pick<Logger, 'warn'>): number {
  const raw = env[HISTORY_DAYS_VARIABLE]?.trim();
  if (!raw) return DEFAULT_RAW_RETENTION_DAYS;
  const days = Number(raw);
  if (/^\d+$/.test(raw) && days >= 1 && days <= 365) return days;
  logger.warn(`${HISTORY_DAYS_VARIABLE} must be a whole number of days from 1 to 365; keeping raw checks ${DEFAULT_RAW_RETENTION_DAYS} days`);
  return DEFAULT_RAW_RETENTION_DAYS;
}
