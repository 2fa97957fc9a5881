/**
 * What an operator has said about a database (acknowledged, muted) and what the settings say (maintenance),
 * and the ONE place that decides what follows from it for every view: the word shown, whether it may
 * notify, and whether it still counts as an alarm (makes the tray red). Browser-safe.
 */
import * as z from 'zod';
import type { DatabaseStatus } from './schemas.js';

export const MUTE_HOURS = [1, 4, 8] as const;

export const AttentionSchema = z.object({
  /** Set by acknowledge() on a down or retrying database; cleared when it recovers or fails differently. */
  acknowledged: z.object({ at: z.iso.datetime(), by: z.string().max(64).optional() }).optional(),
  /** The database is in a maintenance window (from the settings) until `until`; `window` is its name. */
  maintenance: z.object({ until: z.iso.datetime(), window: z.string().max(60) }).optional(),
  /** No notifications, and no red tray for it, until `until`. */
  muted: z.object({ until: z.iso.datetime() }).optional(),
});
export type Attention = z.infer<typeof AttentionSchema>;

/** How a database's attention changes what is shown; null = as its state says. Maintenance wins over the rest. */
export type ShownAttention = 'maintenance' | 'acknowledged' | 'muted' | null;

export function shownAttention(database: Pick<DatabaseStatus, 'attention'>): ShownAttention {
  const a = database.attention;
  if (a?.maintenance) return 'maintenance';
  if (a?.acknowledged) return 'acknowledged';
  if (a?.muted) return 'muted';
  return null;
}

/** Whether a change of this database may become a desktop notification. */
export function mayNotify(database: Pick<DatabaseStatus, 'attention'>): boolean {
  return shownAttention(database) === null;
}

/** Whether its failure still counts toward the worst state (the red tray): not when acknowledged, muted or in maintenance. */
export function countsAsAlarm(database: Pick<DatabaseStatus, 'attention'>): boolean {
  return shownAttention(database) === null;
}

/** The words for it, e.g. on a card or in the tray menu; `time` formats an ISO time for the reader. */
export function attentionText(database: Pick<DatabaseStatus, 'attention'>, time: (iso: string) => string): string | null {
  const a = database.attention;
  switch (shownAttention(database)) {
    case 'maintenance':
      return `Maintenance (${a!.maintenance!.window}) until ${time(a!.maintenance!.until)}`;
    case 'acknowledged':
      return `Acknowledged ${time(a!.acknowledged!.at)}${a!.acknowledged!.by ? ` by ${a!.acknowledged!.by}` : ''}`;
    case 'muted':
      return `Muted until ${time(a!.muted!.until)}`;
    default:
      return null;
  }
}
