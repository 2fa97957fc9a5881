/** Words, marks and colour families of database states, shared by the windows and the CLI: the word and mark carry the meaning, colour only repeats it. */
import { FAILURE_SUMMARY } from './hints.js';
import type { DatabaseState, DatabaseStatus } from './schemas.js';

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

/** "✕ Down — connection refused", "– Not configured", "✓ Healthy" (the CLI's and the diagnostics report's). */
export function stateText(s: Pick<DatabaseStatus, 'status' | 'kind'>): string {
  const why = s.kind && s.kind !== 'not_configured' && (s.status === 'down' || s.status === 'retrying') ? ` — ${FAILURE_SUMMARY[s.kind]}` : '';
  return `${STATE_MARKS[s.status]} ${STATE_WORDS[s.status]}${why}`;
}
