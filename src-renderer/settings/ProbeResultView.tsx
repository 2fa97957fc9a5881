import type { ProbeResult } from '../../src-main/common/schemas.js';
import { formatLatency } from '../lib/format.js';
import { StateBadge } from '../status/StateBadge.js';

/** The outcome of Test connection: state, latency and, on failure, message and hint. */
export function ProbeResultView({ result }: { result: ProbeResult }) {
  return (
    <div className="probe-result" data-state={result.state} data-kind={result.kind ?? ''}>
      <StateBadge state={result.state} />
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
