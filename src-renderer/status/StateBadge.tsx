import type { DatabaseState } from '../../src-main/common/schemas.js';
import { STATE_MARKS, STATE_TONES, STATE_WORDS } from '../lib/format.js';

/** State as mark + word + colour; announced politely when it changes, unless `live` is false. */
export function StateBadge({ state, live = true }: { state: DatabaseState; live?: boolean }) {
  return (
    <span className={`badge tone-${STATE_TONES[state]}`} aria-live={live ? 'polite' : 'off'} aria-atomic="true">
      <span className="badge-mark" aria-hidden="true">
        {STATE_MARKS[state]}
      </span>
      <span className="badge-word">{STATE_WORDS[state]}</span>
    </span>
  );
}
