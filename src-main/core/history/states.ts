/** How a check's state is stored and counted. Only these four are checks; unknown / not_configured are never recorded. */
import type { DatabaseState } from '../../common/schemas.js';

export const RECORDED_STATES = ['healthy', 'degraded', 'retrying', 'down'] as const;
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

/** Answered: counts as up for uptime (a slow answer is still an answer). */
export function isAnswered(state: RecordedState): boolean {
  return state === 'healthy' || state === 'degraded';
}
