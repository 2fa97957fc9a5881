/**
 * Whether a database's last result may still be shown as current. The one place that decides it, for the
 * status window, the banner and the tray alike: a paused, stale or disconnected view is never shown green.
 */
import type { DatabaseState, DatabaseStatus } from './schemas.js';

export type Freshness =
  /** The last result is current. */
  | { kind: 'live' }
  /** Checks are paused; `at` is when the last known result was taken (null if never checked). */
  | { kind: 'paused'; lastKnown: DatabaseState; at: string | null }
  /** No result for longer than the snapshot's staleAfterMs: checks stopped happening. */
  | { kind: 'stale'; lastKnown: DatabaseState; at: string }
  /** The viewer lost its host (socket closed, core stopped) at `since`. */
  | { kind: 'lost'; lastKnown: DatabaseState; since: string };

export function freshness(input: {
  database: Pick<DatabaseStatus, 'status' | 'checkedAt'>;
  /** The database's environment is paused. */
  paused: boolean;
  staleAfterMs: number;
  now: number;
  /** When the viewer lost its host; null while connected. */
  connectionLostSince: string | null;
}): Freshness {
  const { status: lastKnown, checkedAt } = input.database;
  if (input.connectionLostSince !== null) return { kind: 'lost', lastKnown, since: input.connectionLostSince };
  if (lastKnown === 'not_configured') return { kind: 'live' };
  if (input.paused) return { kind: 'paused', lastKnown, at: checkedAt };
  // Stryker disable next-line ConditionalExpression: without the guard a null time parses to NaN, which is never stale either
  if (checkedAt !== null && input.now - Date.parse(checkedAt) > input.staleAfterMs) return { kind: 'stale', lastKnown, at: checkedAt };
  return { kind: 'live' };
}

/** 2 × interval + timeout: one late cycle is not stale, a missed one is. */
export function staleAfterMs(settings: { intervalSec: number; timeoutMs: number }): number {
  return 2 * settings.intervalSec * 1_000 + settings.timeoutMs;
}
