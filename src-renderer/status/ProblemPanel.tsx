import type { ReactNode } from 'react';
import { problemHeadline } from '../../src-main/common/hints.js';
import type { DatabaseStatus, EnvironmentId } from '../../src-main/common/schemas.js';
import { CopyButton } from './CopyButton.js';

/** What Copy puts on the clipboard: the raw message, then where and when it came from, one per line. */
export function problemReport(environment: EnvironmentId, status: DatabaseStatus): string {
  return [
    status.message ?? '',
    `Environment: ${environment}`,
    `Database: ${status.label}`,
    `Kind: ${status.kind ?? 'none'}`,
    `Checked at: ${status.checkedAt ?? 'never'}`,
  ].join('\n');
}

/**
 * A failing card's problem: what failed in the operator's words, what to do, the one button that helps
 * (given by the window, which talks to the host), and the library's own wording only under "Details".
 */
export function ProblemPanel({ environment, status, action }: { environment: EnvironmentId; status: DatabaseStatus; action?: ReactNode }) {
  return (
    <div className="problem" role="group" aria-label={`${status.label} problem`}>
      <p className="problem-headline">{problemHeadline(status)}</p>
      {status.hint && (
        <p className="problem-hint">
          <strong>What to do: </strong>
          {status.hint}
        </p>
      )}
      {action}
      {status.message && (
        <details className="problem-details">
          <summary>Details</summary>
          <p className="problem-message">{status.message}</p>
          <CopyButton text={problemReport(environment, status)} />
        </details>
      )}
    </div>
  );
}
