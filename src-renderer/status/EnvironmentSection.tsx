import type { ReactNode } from 'react';
import type { EnvironmentStatus } from '../../src-main/common/schemas.js';
import { STATE_TONES, formatClock } from '../lib/format.js';
import type { NotLive } from '../lib/freshnessWords.js';
import { worstState } from '../lib/statusOrder.js';
import { StateBadge } from './StateBadge.js';

/** The snapshot's colour is drawn only if it is exactly #rrggbb, like the settings allow. */
const COLOUR = /^#[0-9a-f]{6}$/i;

interface Props {
  env: EnvironmentStatus;
  expanded: boolean;
  onToggle: () => void;
  /** This environment's own buttons (check, pause/resume). */
  controls: ReactNode;
  /** The cards, rendered only while expanded. */
  children: ReactNode;
  /** Shown under the cards while expanded (the environment's incidents). */
  after?: ReactNode;
  /** Set when its databases' states are not current (paused, stale, host lost): the heading turns grey and says so. */
  notLive?: NotLive | undefined;
}

/** One environment: a heading that opens and closes it, its worst state, its own buttons, then its cards. */
export function EnvironmentSection({ env, expanded, onToggle, controls, children, after, notLive }: Props) {
  const worst = worstState(env);
  const headingId = `env-${env.id}-title`;
  const bodyId = `env-${env.id}-cards`;
  const colour = env.colour !== null && COLOUR.test(env.colour) ? env.colour : null;
  return (
    <section
      className={`environment tone-${notLive ? 'neutral' : STATE_TONES[worst]}`}
      aria-labelledby={headingId}
      data-environment={env.id}
      data-state={worst}
      data-expanded={expanded}
    >
      <header className="environment-header">
        <h2 id={headingId} className="environment-title">
          <button type="button" className="environment-toggle" aria-expanded={expanded} aria-controls={bodyId} onClick={onToggle}>
            <span className="environment-chevron" aria-hidden="true">
              {expanded ? '▾' : '▸'}
            </span>
            {colour && (
              // An SVG fill attribute, not a style: the windows' CSP allows no inline styles.
              <svg className="environment-colour" viewBox="0 0 10 10" aria-hidden="true" focusable="false">
                <circle cx="5" cy="5" r="5" fill={colour} />
              </svg>
            )}
            <span className="environment-name">{env.name}</span>
            {/* Open, the cards' badges announce changes; closed, this one does. */}
            <StateBadge state={worst} live={!expanded} notLive={notLive} />
          </button>
        </h2>
        {env.paused && (
          <span className="environment-paused">{env.paused.until ? `Paused until ${formatClock(env.paused.until)}` : 'Paused'}</span>
        )}
        {controls}
      </header>
      <div id={bodyId} className="cards" hidden={!expanded}>
        {expanded && children}
      </div>
      {expanded && after}
    </section>
  );
}
