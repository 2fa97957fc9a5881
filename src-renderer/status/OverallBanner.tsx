import type { EnvironmentStatus, Snapshot } from '../../src-main/common/schemas.js';
import { OVERALL_TONES, formatClock, overallHeadline } from '../lib/format.js';
import { FRESHNESS_BADGES, bannerFreshness, type ViewState } from '../lib/freshnessWords.js';

const OVERALL_MARKS = { ok: '✓', degraded: '◐', down: '✕', unconfigured: '–', unknown: '…' } as const;

/**
 * `environments` in problems-first order, so the banner names the worst first. It follows the cards'
 * freshness: lost, stale or all paused replaces the headline, in grey; a partly paused window never says
 * "All databases healthy" either.
 */
export function OverallBanner({ snapshot, environments, view }: { snapshot: Snapshot; environments: readonly EnvironmentStatus[]; view: ViewState }) {
  const paused = snapshot.paused;
  const headline = overallHeadline(snapshot, environments);
  const fresh = bannerFreshness(snapshot, environments, view, headline);
  const replaced = fresh.kind === 'lost' || fresh.kind === 'stale' || fresh.kind === 'paused' ? fresh.kind : null;
  // Partly paused and otherwise fine: the live part may be fine, the paused part is unknown, so not green.
  const neutral = replaced !== null || (fresh.kind === 'partly-paused' && snapshot.status === 'ok');
  const text = replaced ? fresh.text : fresh.kind === 'partly-paused' && snapshot.status === 'ok' ? `No problems where checked; ${fresh.text}` : headline;
  const mark = replaced ? FRESHNESS_BADGES[replaced].mark : neutral ? FRESHNESS_BADGES.paused.mark : OVERALL_MARKS[snapshot.status];
  return (
    <div
      className={`banner tone-${neutral ? 'neutral' : OVERALL_TONES[snapshot.status]}`}
      role="status"
      aria-live="polite"
      data-overall={snapshot.status}
      data-freshness={fresh.kind}
    >
      <span className="banner-mark" aria-hidden="true">
        {mark}
      </span>
      <span className="banner-text">{text}</span>
      {paused && fresh.kind !== 'lost' && (
        <span className="banner-paused">
          {paused.until ? `Checks paused until ${formatClock(paused.until)}` : 'Checks paused'}
        </span>
      )}
    </div>
  );
}
