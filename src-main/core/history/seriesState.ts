/**
 * What one check means for its series, from the state before it: a change to down opens an incident,
 * being shown healthy again (not a recovering answer) closes the open one, and an answer right after retrying (never down) is a recovered retry.
 */
import type { FailureKind, ProbeResult } from '../../common/schemas.js';
import { oneLine, scrub } from '../probes/redact.js';
import { isAnswered, isShownHealthy, type RecordedState } from './states.js';

/** A series as the store remembers it between checks (and across restarts, from the series table). */
export interface SeriesMemory {
  state: RecordedState | null;
  /** When `state` began, epoch ms. */
  since: number | null;
  incidentOpen: boolean;
}

export interface OpenedIncident {
  kind?: FailureKind;
  message?: string;
  hint?: string;
}

export interface CheckEffects {
  opens: OpenedIncident | null;
  closes: boolean;
  recovered: boolean;
}

/** Incident texts are bounded and scrubbed again (URL userinfo), whatever the probe already did. */
export const INCIDENT_TEXT_MAX = 500;

/** Updates `memory` in place and says what the check opened, closed or counted. */
export function applyCheck(memory: SeriesMemory, state: RecordedState, at: number, result: Pick<ProbeResult, 'kind' | 'message' | 'hint'>, excluded = false): CheckEffects {
  const before = memory.state;
  const effects: CheckEffects = { opens: null, closes: false, recovered: false };
  // A check excluded from uptime (this computer offline) is no outage of the database: it opens nothing.
  if (state === 'down' && !memory.incidentOpen && !excluded) {
    effects.opens = {
      ...(result.kind ? { kind: result.kind } : {}),
      ...(result.message ? { message: cleanText(result.message) } : {}),
      ...(result.hint ? { hint: cleanText(result.hint) } : {}),
    };
    memory.incidentOpen = true;
  } else if (isShownHealthy(state) && memory.incidentOpen) {
    effects.closes = true;
    memory.incidentOpen = false;
  } else if (isAnswered(state) && before === 'retrying') {
    effects.recovered = true;
  }
  if (before !== state || memory.since === null) memory.since = at;
  memory.state = state;
  return effects;
}

export function cleanText(text: string): string {
  return oneLine(scrub(text, []), INCIDENT_TEXT_MAX);
}
