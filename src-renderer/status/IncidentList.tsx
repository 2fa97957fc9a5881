import type { Incident } from '../../src-main/common/history.js';
import type { EnvironmentStatus } from '../../src-main/common/schemas.js';
import { DATABASE_LABELS, formatDuration } from '../lib/format.js';

interface Props {
  env: Pick<EnvironmentStatus, 'id' | 'name' | 'databases'>;
  /** Newest first; null while loading. */
  incidents: Incident[] | null;
  error: string | null;
  now: number;
  headingLevel: 2 | 3;
}

const START = { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' } as const;

/** One environment's incidents, newest first: start, duration (or ongoing), database, kind, message. */
export function IncidentList({ env, incidents, error, now, headingLevel }: Props) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const headingId = `incidents-${env.id}-title`;
  const label = (database: string) => env.databases[database]?.label ?? DATABASE_LABELS[database as keyof typeof DATABASE_LABELS] ?? database;
  return (
    <section className="incidents" aria-labelledby={headingId} data-incidents={env.id} data-empty={incidents !== null && incidents.length === 0}>
      <Heading id={headingId} className="incidents-title">
        Incidents<span className="visually-hidden"> in {env.name}</span>
      </Heading>
      {error && (
        <p className="incidents-error" role="alert">
          Could not load the incidents: {error}
        </p>
      )}
      {incidents === null ? (
        !error && <p className="incidents-empty">Loading incidents…</p>
      ) : incidents.length === 0 ? (
        // Alone in the window the environment goes unnamed (it is often just "default").
        <p className="incidents-empty">No incidents recorded{headingLevel === 3 ? ` in ${env.name}` : ''}.</p>
      ) : (
        <ol className="incident-list">
          {[...incidents].sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt)).map((incident) => (
            <li key={incident.id} className="incident" data-incident={incident.id} data-ongoing={incident.endedAt === null}>
              <span className="incident-what">
                <strong>{label(incident.database)}</strong> down{incident.kind && ` · ${incident.kind.replaceAll('_', ' ')}`}
              </span>
              <span className="incident-when">
                <time dateTime={incident.startedAt}>{new Date(incident.startedAt).toLocaleString([], START)}</time>
                {', '}
                {incident.endedAt === null ? (
                  <strong className="incident-ongoing">ongoing ({formatDuration(now - Date.parse(incident.startedAt))})</strong>
                ) : (
                  `lasted ${formatDuration(incident.durationMs ?? Date.parse(incident.endedAt) - Date.parse(incident.startedAt))}`
                )}
              </span>
              {incident.message && <span className="incident-message">{incident.message}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
