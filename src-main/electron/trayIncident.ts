/**
 * The tray's one line about the newest incident (snapshot.lastIncident): "last incident: Neo4j down 4 min, 02:13",
 * or "… down since 02:13 (ongoing)" while it is open; the environment is named when there are several.
 */
import { DATABASE_KINDS } from '../common/databases.js';
import type { Snapshot } from '../common/schemas.js';
import { formatDuration } from '../common/duration.js';

/** Names and labels come from a settings file: a line break or control character must not add lines to the tooltip or menu. */
export const oneLine = (text: string): string => text.replace(/[\s\p{Cc}]+/gu, ' ').trim();

/** null when there has been no incident. An environment or kind no longer in the snapshot is named by its id. */
export function incidentSummary(snapshot: Snapshot, formatTime: (iso: string) => string): string | null {
  const incident = snapshot.lastIncident;
  if (!incident) return null;
  const environment = snapshot.environments.find((e) => e.id === incident.environment);
  const label = environment?.databases[incident.database]?.label ?? DATABASE_KINDS.find((k) => k.id === incident.database)?.label ?? incident.database;
  const subject = snapshot.environments.length > 1 ? `${environment?.name ?? incident.environment}: ${label}` : label;
  const what =
    incident.endedAt === null || incident.durationMs === null
      ? `down since ${formatTime(incident.startedAt)} (ongoing)`
      : `down ${formatDuration(incident.durationMs)}, ${formatTime(incident.startedAt)}`;
  return oneLine(`last incident: ${subject} ${what}`);
}
