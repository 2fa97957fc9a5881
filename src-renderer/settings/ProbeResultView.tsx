import { FAILURE_SUMMARY } from '../../src-main/common/hints.js';
import type { ProbeResult } from '../../src-main/common/schemas.js';
import { formatLatency, STATE_MARKS, STATE_TONES } from '../lib/format.js';
import { StateBadge } from '../status/StateBadge.js';

/** "authentication failed" → "Authentication failed". */
const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The outcome of Test connection: state, latency and, on failure, message and hint. A failure is named by
 * its kind ("✕ Authentication failed"), not by a monitor state: a one-off test is not "Down".
 */
export function ProbeResultView({ result }: { result: ProbeResult }) {
  const failed = !result.healthy && result.kind !== undefined && result.state !== 'not_configured';
  return (
    <div className="probe-result" data-state={result.state} data-kind={result.kind ?? ''}>
      {failed ? (
        <span className={`badge probe-headline tone-${STATE_TONES.down}`}>
          <span className="badge-mark" aria-hidden="true">
            {STATE_MARKS.down}
          </span>{' '}
          <span className="badge-word">{sentence(FAILURE_SUMMARY[result.kind!])}</span>
        </span>
      ) : (
        <StateBadge state={result.state} />
      )}
      <span className="probe-latency">{formatLatency(result.latencyMs)}</span>
      {result.message && <p className="problem-message">{result.message}</p>}
      {result.hint && (
        <p className="problem-hint">
          <strong>What to do: </strong>
          {result.hint}
        </p>
      )}
    </div>
  );
}
