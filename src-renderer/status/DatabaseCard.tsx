import type { Freshness } from '../../src-main/common/freshness.js';
import type { ChartRange, HistoryView } from '../../src-main/common/history.js';
import { isHealthyState, type DatabaseStatus, type EnvironmentId } from '../../src-main/common/schemas.js';
import type { ReactNode } from 'react';
import { attentionText, shownAttention } from '../../src-main/common/attention.js';
import { STATE_TONES, UPTIME_PERIOD_WORDS, formatClock, formatLatency, stateDuration, uptimeText } from '../lib/format.js';
import { freshnessSentence } from '../lib/freshnessWords.js';
import { DatabaseDetails } from './DatabaseDetails.js';
import { LatencyChart } from './LatencyChart.js';
import { ProblemPanel } from './ProblemPanel.js';
import { RelativeTime } from './RelativeTime.js';
import { StateBadge } from './StateBadge.js';

const PROBLEM_STATES = new Set(['down', 'retrying', 'degraded', 'not_configured']);
/** The uptime periods a card shows (365 d is for the headless report). */
const CARD_UPTIME = ['24h', '7d', '30d'] as const;

interface Props {
  environment: EnvironmentId;
  /** Everything shown comes from here, label included, so a kind this window was not built with still renders. */
  status: DatabaseStatus;
  /** Whether the state may be shown as current (freshness() from common/freshness.ts). */
  freshness: Freshness;
  now: number;
  history: { view: HistoryView | null; error: string | null };
  range: ChartRange;
  onRange: (range: ChartRange) => void;
  /** h2 when the cards stand alone (one environment), h3 under an environment's h2. */
  headingLevel?: 2 | 3;
  /** Acknowledge / Mute buttons, given by the window (they talk to the host). */
  controls?: ReactNode;
  /** The failure's one button (Open settings, Check now), given by the window; shown only while the result is live. */
  action?: ReactNode;
}

export function DatabaseCard({ environment, status, freshness, now, history, range, onRange, headingLevel = 2, controls, action }: Props) {
  // "_" cannot occur in an environment id, so no two (environment, database) pairs share an id.
  const titleId = `card-${environment}_${status.database}-title`;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const notLive = freshness.kind === 'live' ? undefined : freshness;
  const attention = shownAttention(status);
  const said = attentionText(status, formatClock);
  return (
    <section
      className={`card tone-${notLive || attention === 'maintenance' ? 'neutral' : STATE_TONES[status.status]}`}
      aria-labelledby={titleId}
      data-environment={environment}
      data-database={status.database}
      data-state={status.status}
      data-freshness={freshness.kind}
      data-attention={attention ?? undefined}
    >
      <header className="card-header">
        <Heading id={titleId}>{status.label}</Heading>
        <StateBadge state={status.status} recovery={status.recovery} notLive={notLive} maintenance={attention === 'maintenance'} />
      </header>
      {notLive ? (
        <p className="card-freshness">{freshnessSentence(notLive)}</p>
      ) : (
        // "Down for 3 min" and the Acknowledge / Mute buttons share a row: a tray-sized window keeps the failing card above the fold.
        <div className="card-state-row">
          <StateSince status={status} now={now} />
          {controls}
        </div>
      )}
      {said && !notLive && <p className="card-attention">{said}</p>}
      {PROBLEM_STATES.has(status.status) && (status.message || status.hint) && <ProblemPanel environment={environment} status={status} action={notLive ? undefined : action} />}
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
          <dt>Last checked</dt>
          <dd data-metric="checked">
            <RelativeTime iso={status.checkedAt} />
          </dd>
        </div>
      </dl>
      <dl className="uptime">
        {CARD_UPTIME.map((window) => {
          const text = history.view ? uptimeText(history.view.uptime.find((u) => u.window === window)) : { value: '…', reason: 'loading' };
          return (
            <div key={window}>
              <dt>Uptime {UPTIME_PERIOD_WORDS[window]}</dt>
              <dd data-uptime={window}>
                {text.value}
                {text.reason && <span className="uptime-reason"> {text.reason}</span>}
              </dd>
            </div>
          );
        })}
      </dl>
      <DatabaseDetails status={status} />
      <LatencyChart label={status.label} range={range} onRange={onRange} view={history.view} error={history.error} />
      {/* A down database's version is what it was, not what it is: not shown (the status has no "last seen healthy" time to date it). */}
      {status.server?.version && isHealthyState(status.status) && (
        <p className="card-server">
          {serverLabel(status.server.agent, status.server.version)}
          {status.server.edition && ` ${status.server.edition}`}
        </p>
      )}
    </section>
  );
}

/** "Down for 12 min", the duration as a <time> carrying the moment the state began. */
function StateSince({ status, now }: { status: DatabaseStatus; now: number }) {
  if (!status.since || status.status === 'unknown' || status.status === 'not_configured') return null;
  const { word, duration } = stateDuration(status.status, status.since, now);
  return (
    <p className="card-since">
      {word}{' '}
      <time dateTime={status.since} title={`since ${new Date(status.since).toLocaleString()}`}>
        {duration}
      </time>
    </p>
  );
}

/** Neo4j's agent already carries the version ("Neo4j/5.26.30"); don't print it twice. */
function serverLabel(agent: string | undefined, version: string): string {
  if (agent?.includes(version)) return agent;
  return `${agent ?? 'Server'} ${version}`;
}
