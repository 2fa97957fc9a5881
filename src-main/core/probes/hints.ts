/** What an operator should do next, per database and failure kind: the registry's hints, as the windows say them. */
import { renderHint, WINDOW_HOST, type HintKey } from '../../common/hints.js';
import type { DatabaseId } from '../../common/schemas.js';

/** The window host's wording: the core's results (cards, notifications, /api/health, the log) carry it. */
export function hintFor(database: DatabaseId, key: HintKey, target: string | null): string {
  return renderHint(database, key, target, WINDOW_HOST);
}
