/**
 * The one table of database states: word, short word, mark and colour family, read by the windows'
 * badge, the tray and the CLI. The word and mark carry the meaning, colour only repeats it.
 */
import type { DatabaseState, OverallStatus } from './schemas.js';

/** Colour family per state (a CSS class suffix in the windows, an ANSI colour in the CLI). */
export type Tone = 'good' | 'warn' | 'bad' | 'neutral';

interface StateLook {
  /** Title case, as the badge and the CLI say it. */
  word: string;
  /** Lower case and short, as the tray's tooltip and menu say it. */
  short: string;
  /** A distinct shape per state so it reads without colour (and in forced-colours mode). */
  mark: string;
  tone: Tone;
}

export const STATE_LOOKS: Record<DatabaseState, StateLook> = {
  healthy: { word: 'Healthy', short: 'ok', mark: '✓', tone: 'good' },
  degraded: { word: 'Slow', short: 'slow', mark: '◐', tone: 'warn' },
  retrying: { word: 'Retrying', short: 'retrying', mark: '↻', tone: 'warn' },
  down: { word: 'Down', short: 'down', mark: '✕', tone: 'bad' },
  recovering: { word: 'Recovering', short: 'recovering', mark: '↗', tone: 'warn' },
  not_configured: { word: 'Not configured', short: 'not configured', mark: '–', tone: 'neutral' },
  unknown: { word: 'Checking…', short: 'not checked yet', mark: '…', tone: 'neutral' },
};

const column = <K extends keyof StateLook>(key: K) =>
  Object.fromEntries(Object.entries(STATE_LOOKS).map(([state, look]) => [state, look[key]])) as Record<DatabaseState, StateLook[K]>;

export const STATE_WORDS = column('word');
export const STATE_SHORT_WORDS = column('short');
export const STATE_MARKS = column('mark');
export const STATE_TONES = column('tone');

/** The database state an overall status sums up: the banner and the CLI show its mark and colour. */
export const OVERALL_STATES: Record<OverallStatus, DatabaseState> = {
  ok: 'healthy',
  degraded: 'degraded',
  down: 'down',
  unconfigured: 'not_configured',
  unknown: 'unknown',
};
export const OVERALL_MARKS = Object.fromEntries(Object.entries(OVERALL_STATES).map(([overall, state]) => [overall, STATE_MARKS[state]])) as Record<OverallStatus, string>;
