import type { DatabaseId, DatabaseStatus, HistoryView } from '../../src-main/common/schemas.js';
import { DATABASE_LABELS, STATE_TONES, formatLatency, formatUptime } from '../lib/format.js';
import { RelativeTime } from './RelativeTime.js';
import { Sparkline } from './Sparkline.js';
import { StateBadge } from './StateBadge.js';

const PROBLEM_STATES = new Set(['down', 'retrying', 'degraded', 'not_configured']);

export function DatabaseCard({ id, status, history }: { id: DatabaseId; status: DatabaseStatus; history: HistoryView | null }) {
  const titleId = `card-${id}-title`;
  return (
    <section
      className={`card tone-${STATE_TONES[status.status]}`}
      aria-labelledby={titleId}
      data-database={id}
      data-state={status.status}
    >
      <header className="card-header">
        <h2 id={titleId}>{DATABASE_LABELS[id]}</h2>
        <StateBadge state={status.status} />
      </header>
      {status.target && <p className="card-target">{status.target}</p>}
      <dl className="metrics">
        <div>
          <dt>Latency</dt>
          <dd data-metric="latency">{formatLatency(status.latencyMs)}</dd>
        </div>
        <div>
          <dt>p95</dt>
          <dd data-metric="p95">{formatLatency(status.p95Ms)}</dd>
        </div>
        <div>
          <dt>Uptime</dt>
          <dd data-metric="uptime">{formatUptime(status.uptimePct)}</dd>
        </div>
        <div>
          <dt>Last checked</dt>
          <dd data-metric="checked">
            <RelativeTime iso={status.checkedAt} />
          </dd>
        </div>
      </dl>
      <Sparkline history={history} />
      {PROBLEM_STATES.has(status.status) && (status.message || status.hint) && (
        <div className="problem" role="group" aria-label={`${DATABASE_LABELS[id]} problem`}>
          {status.message && <p className="problem-message">{status.message}</p>}
          {status.hint && (
            <p className="problem-hint">
              <strong>What to do: </strong>
              {status.hint}
            </p>
          )}
        </div>
      )}
      {status.server?.version && (
        <p className="card-server">
          {serverLabel(status.server.agent, status.server.version)}
        </p>
      )}
    </section>
  );
}

/** Neo4j's agent already carries the version ("Neo4j/5.26.30"); don't print it twice. */
function serverLabel(agent: string | undefined, version: string): string {
  if (agent?.includes(version)) return agent;
  return `${agent ?? 'Server'} ${version}`;
}
