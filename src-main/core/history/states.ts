/** How a check's state is stored and counted. Only these are checks; unknown / not_configured are never recorded. */
import type { DatabaseState } from '../../common/schemas.js';

// Appended only: the raw table stores the index.
export const RECORDED_STATES = ['healthy', 'degraded', 'retrying', 'down', 'recovering'] as const;
export type RecordedState = (typeof RECORDED_STATES)[number];

export function isRecorded(state: DatabaseState): state is RecordedState {
  return (RECORDED_STATES as readonly string[]).includes(state);
}

/** The raw table's integer for a state. */
export function stateCode(state: RecordedState): number {
  return RECORDED_STATES.indexOf(state);
}

export function stateOfCode(code: number): RecordedState {
  return RECORDED_STATES[code] ?? 'down';
}

/** Answered: counts as up for uptime (a slow answer, or one while recovering from down, is still an answer). */
export function isAnswered(state: RecordedState): boolean {
  return state === 'healthy' || state === 'degraded' || state === 'recovering';
}

/** Shown healthy again: what closes an incident (a recovering answer does not, see flap control). */
export function isShownHealthy(state: RecordedState): boolean {
  return state === 'healthy' || state === 'degraded';
}
