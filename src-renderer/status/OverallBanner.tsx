import type { EnvironmentStatus, Snapshot } from '../../src-main/common/schemas.js';
import { OVERALL_MARKS } from '../../src-main/common/stateWords.js';
import { OVERALL_TONES, formatClock, overallHeadline } from '../lib/format.js';
import { FRESHNESS_BADGES, OFFLINE_MARK, bannerFreshness, type ViewState } from '../lib/freshnessWords.js';

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
  // Said once here instead of every card red; the cards keep their own states. A lost host says nothing current.
  const offline = fresh.kind !== 'lost' && snapshot.connectivity?.online === false ? snapshot.connectivity : null;
  // Partly paused and otherwise fine: the live part may be fine, the paused part is unknown, so not green.
  const neutral = offline !== null || replaced !== null || (fresh.kind === 'partly-paused' && snapshot.status === 'ok');
  const text = offline
    ? 'This computer is offline'
    : replaced
      ? fresh.text
      : fresh.kind === 'partly-paused' && snapshot.status === 'ok'
        ? `No problems where checked; ${fresh.text}`
        : headline;
  const mark = offline ? OFFLINE_MARK : replaced ? FRESHNESS_BADGES[replaced].mark : neutral ? FRESHNESS_BADGES.paused.mark : OVERALL_MARKS[snapshot.status];
  return (
    <div
      className={`banner tone-${neutral ? 'neutral' : OVERALL_TONES[snapshot.status]}`}
      role="status"
      aria-live="polite"
      data-overall={snapshot.status}
      data-freshness={fresh.kind}
      data-connectivity={offline ? 'offline' : 'online'}
    >
      <span className="banner-mark" aria-hidden="true">
        {mark}
      </span>
      <span className="banner-text">{text}</span>
      {offline?.since && <span className="banner-paused">since {formatClock(offline.since)} — checks made meanwhile do not count against uptime</span>}
      {paused && fresh.kind !== 'lost' && (
        <span className="banner-paused">
          {paused.until ? `Checks paused until ${formatClock(paused.until)}` : 'Checks paused'}
        </span>
      )}
    </div>
  );
}
