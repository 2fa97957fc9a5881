/** Words, marks and colour families of database states, shared by the windows and the CLI: the word and mark carry the meaning, colour only repeats it. */
import type { DatabaseState, OverallStatus } from './schemas.js';

export const STATE_WORDS: Record<DatabaseState, string> = {
  healthy: 'Healthy',
  degraded: 'Slow',
  retrying: 'Retrying',
  down: 'Down',
  recovering: 'Recovering',
  not_configured: 'Not configured',
  unknown: 'Checking…',
};

/** A distinct shape per state so the badge reads without colour (and in forced-colours mode). */
export const STATE_MARKS: Record<DatabaseState, string> = {
  healthy: '✓',
  degraded: '◐',
  retrying: '↻',
  down: '✕',
  recovering: '↗',
  not_configured: '–',
  unknown: '…',
};

/** The overall status read as the database state it stands for, so it takes that state's mark. */
const OVERALL_AS_STATE: Record<OverallStatus, DatabaseState> = { ok: 'healthy', degraded: 'degraded', down: 'down', unconfigured: 'not_configured', unknown: 'unknown' };
export const OVERALL_MARKS = Object.fromEntries(Object.entries(OVERALL_AS_STATE).map(([overall, state]) => [overall, STATE_MARKS[state]])) as Record<OverallStatus, string>;

/** Colour family per state (a CSS class suffix in the windows, an ANSI colour in the CLI). */
export type Tone = 'good' | 'warn' | 'bad' | 'neutral';
export const STATE_TONES: Record<DatabaseState, Tone> = {
  healthy: 'good',
  degraded: 'warn',
  retrying: 'warn',
  down: 'bad',
  recovering: 'warn',
  not_configured: 'neutral',
  unknown: 'neutral',
};
