import type { DatabaseStatus, EnvironmentId } from '../../src-main/common/schemas.js';
import type { HistoryView } from '../../src-main/common/history.js';
import { STATE_TONES, formatLatency, formatUptime } from '../lib/format.js';
import { RelativeTime } from './RelativeTime.js';
import { Sparkline } from './Sparkline.js';
import { StateBadge } from './StateBadge.js';

const PROBLEM_STATES = new Set(['down', 'retrying', 'degraded', 'not_configured']);

interface Props {
  environment: EnvironmentId;
  /** Everything shown comes from here, label included, so a kind this window was not built with still renders. */
  status: DatabaseStatus;
  history: HistoryView | null;
  /** h2 when the cards stand alone (one environment), h3 under an environment's h2. */
  headingLevel?: 2 | 3;
}

export function DatabaseCard({ environment, status, history, headingLevel = 2 }: Props) {
  // "_" cannot occur in an environment id, so no two (environment, database) pairs share an id.
  const titleId = `card-${environment}_${status.database}-title`;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section
      className={`card tone-${STATE_TONES[status.status]}`}
      aria-labelledby={titleId}
      data-environment={environment}
      data-database={status.database}
      data-state={status.status}
    >
      <header className="card-header">
        <Heading id={titleId}>{status.label}</Heading>
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
          <dd data-metric="uptime">{formatUptime(uptime24h(history))}</dd>
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
        <div className="problem" role="group" aria-label={`${status.label} problem`}>
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

// SPEC (issue 10): interim; the card will show 24 h / 7 d / 30 d with their periods.
function uptime24h(history: HistoryView | null): number | null {
  const ratio = history?.uptime[0]?.ratio;
  return ratio === undefined || ratio === null ? null : ratio * 100;
}
