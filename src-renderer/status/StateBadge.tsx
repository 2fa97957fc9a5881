import type { DatabaseState, DatabaseStatus } from '../../src-main/common/schemas.js';
import { STATE_MARKS, STATE_TONES, stateWord } from '../lib/format.js';
import { FRESHNESS_BADGES, type NotLive } from '../lib/freshnessWords.js';

/** In a maintenance window (common/attention.ts): checked, but what it says is not news. */
const MAINTENANCE_BADGE = { word: 'Maintenance', mark: '⚒' };

/**
 * State as mark + word + colour; announced politely when it changes, unless `live` is false. A state
 * that is not current (`notLive`: paused, stale, host lost) shows that instead, in the neutral tone.
 */
export function StateBadge({
  state,
  recovery,
  live = true,
  notLive,
  maintenance = false,
}: {
  state: DatabaseState;
  recovery?: DatabaseStatus['recovery'];
  live?: boolean;
  notLive?: NotLive | undefined;
  maintenance?: boolean;
}) {
  const shown = notLive
    ? { ...FRESHNESS_BADGES[notLive.kind], tone: 'neutral' }
    : maintenance
      ? { ...MAINTENANCE_BADGE, tone: 'neutral' }
      : { word: stateWord(state, recovery), mark: STATE_MARKS[state], tone: STATE_TONES[state] };
  return (
    <span className={`badge tone-${shown.tone}`} aria-live={live ? 'polite' : 'off'} aria-atomic="true">
      <span className="badge-mark" aria-hidden="true">
        {shown.mark}
      </span>
      <span className="badge-word">{shown.word}</span>
    </span>
  );
}
