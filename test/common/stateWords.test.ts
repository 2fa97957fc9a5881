/** The one table of state words, marks and colour families the windows and the CLI share. */
import { describe, expect, it } from 'vitest';
import { DatabaseStateSchema } from '../../src-main/common/schemas.js';
import { OVERALL_MARKS, STATE_MARKS, STATE_TONES, STATE_WORDS } from '../../src-main/common/stateWords.js';

describe('state words, marks and tones', () => {
  it('says each state in words, with a mark of its own and a colour family', () => {
    expect(STATE_WORDS).toEqual({
      healthy: 'Healthy',
      degraded: 'Slow',
      retrying: 'Retrying',
      down: 'Down',
      recovering: 'Recovering',
      not_configured: 'Not configured',
      unknown: 'Checking…',
    });
    expect(STATE_MARKS).toEqual({ healthy: '✓', degraded: '◐', retrying: '↻', down: '✕', recovering: '↗', not_configured: '–', unknown: '…' });
    expect(STATE_TONES).toEqual({
      healthy: 'good',
      degraded: 'warn',
      retrying: 'warn',
      down: 'bad',
      recovering: 'warn',
      not_configured: 'neutral',
      unknown: 'neutral',
    });
  });

  it('covers every state, and no two states share a mark (the mark must read without colour)', () => {
    const states = [...DatabaseStateSchema.options].sort();
    expect(Object.keys(STATE_WORDS).sort()).toEqual(states);
    expect(new Set(Object.values(STATE_MARKS)).size).toBe(states.length);
  });
});

describe('OVERALL_MARKS', () => {
  it('gives each overall status the mark of the state it stands for', () => {
    expect(OVERALL_MARKS).toEqual({ ok: '✓', degraded: '◐', down: '✕', unconfigured: '–', unknown: '…' });
  });
});
