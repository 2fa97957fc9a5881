import type { DatabaseStatus, DetailPart } from '../../src-main/common/schemas.js';

/** A cluster lists each database once per server: past this many, the ok parts are counted, not listed. */
const OK_PARTS_LISTED = 8;

/**
 * What the kind's deeper check found (DatabaseStatus.details), from the snapshot alone: the whole's
 * status as the service names it, each part with a mark (not ok first, with its status word and
 * message), and the check's own problem muted. None of it changes the card's state or colour.
 * Shown when it has something to say: a status of the whole, a part not ok, or a problem.
 */
export function DatabaseDetails({ status }: { status: DatabaseStatus }) {
  const details = status.details;
  if (!details) return null;
  const bad = details.parts.filter((p) => !p.ok);
  const ok = details.parts.filter((p) => p.ok);
  // Parts all ok, with no status of the whole to show (e.g. every Neo4j database online): nothing to say.
  if (bad.length === 0 && !details.status && !details.problem) return null;
  const hidden = ok.length - OK_PARTS_LISTED;
  return (
    <div className="card-details" role="group" aria-label={`${status.label} details`} title={`as of ${new Date(details.checkedAt).toLocaleTimeString()}`}>
      {details.status && (
        <p className="details-status">
          Status <strong>{details.status}</strong>
        </p>
      )}
      {details.parts.length > 0 && (
        <ul className="detail-parts">
          {bad.map((part) => (
            <Part key={part.name} part={part} />
          ))}
          {ok.slice(0, OK_PARTS_LISTED).map((part) => (
            <Part key={part.name} part={part} />
          ))}
          {hidden > 0 && <li className="detail-part detail-more">+{hidden} more ok</li>}
        </ul>
      )}
      {details.problem && <p className="details-problem">{details.problem}</p>}
    </div>
  );
}

/** "✓ auth" (its status for screen readers and on hover), or "✕ realtime UNHEALTHY — why". */
function Part({ part }: { part: DetailPart }) {
  return (
    <li className={`detail-part detail-part-${part.ok ? 'ok' : 'bad'}`} data-part={part.name} title={part.status}>
      <span className="detail-mark" aria-hidden="true">
        {part.ok ? '✓' : '✕'}
      </span>{' '}
      {part.name} <span className={part.ok ? 'visually-hidden' : 'detail-status'}>{part.status}</span>
      {part.message && <span className="detail-message"> — {part.message}</span>}
    </li>
  );
}
