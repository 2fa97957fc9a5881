/**
 * What a deeper check (DatabaseDetails) found that needs attention, in the words the CLI's table and
 * the tray both use: the parts that are not ok, and the check's own problem. Browser-safe.
 */
import type { DatabaseDetails } from './schemas.js';

/** "realtime UNHEALTHY, neo4j offline": each part that is not ok, or null when all are. */
export function partsNeedingAttention(details: DatabaseDetails | undefined): string | null {
  const bad = details?.parts.filter((p) => !p.ok) ?? [];
  return bad.length === 0 ? null : bad.map((p) => `${p.name} ${p.status}`).join(', ');
}

/** The whole finding on one line (status; each part not ok with its message; the problem), or null when nothing needs attention. */
export function detailsNote(details: DatabaseDetails | undefined): string | null {
  const bad = details?.parts.filter((p) => !p.ok) ?? [];
  if (!details || (bad.length === 0 && !details.problem)) return null;
  const said = [details.status, ...bad.map((p) => `${p.name} ${p.status}${p.message ? ` (${p.message})` : ''}`), details.problem];
  return said.filter(Boolean).join('; ');
}
