import type { EnvironmentStatus, Snapshot } from '../../src-main/common/schemas.js';
import { OVERALL_TONES, formatClock, overallHeadline } from '../lib/format.js';

const OVERALL_MARKS = { ok: '✓', degraded: '◐', down: '✕', unconfigured: '–', unknown: '…' } as const;

/** `environments` in problems-first order, so the banner names the worst first. */
export function OverallBanner({ snapshot, environments }: { snapshot: Snapshot; environments: readonly EnvironmentStatus[] }) {
  const paused = snapshot.paused;
  return (
    <div className={`banner tone-${OVERALL_TONES[snapshot.status]}`} role="status" aria-live="polite" data-overall={snapshot.status}>
      <span className="banner-mark" aria-hidden="true">
        {OVERALL_MARKS[snapshot.status]}
      </span>
      <span className="banner-text">{overallHeadline(snapshot, environments)}</span>
      {paused && (
        <span className="banner-paused">
          {paused.until ? `Checks paused until ${formatClock(paused.until)}` : 'Checks paused'}
        </span>
      )}
    </div>
  );
}
