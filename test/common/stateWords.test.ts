/** The one table of state words, marks and colour families the windows and the CLI share. */
import { describe, expect, it } from 'vitest';
import { DatabaseStateSchema } from '../../src-main/common/schemas.js';
import { OVERALL_MARKS, OVERALL_STATES, STATE_MARKS, STATE_SHORT_WORDS, STATE_TONES, STATE_WORDS } from '../../src-main/common/stateWords.js';

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

describe('the short words and what an overall status sums up', () => {
  it('has a lower-case short word per state, as the tray says it', () => {
    expect(STATE_SHORT_WORDS).toEqual({
      healthy: 'ok',
      degraded: 'slow',
      retrying: 'retrying',
      down: 'down',
      recovering: 'recovering',
      not_configured: 'not configured',
      unknown: 'not checked yet',
    });
  });

  it('maps each overall status to the state whose mark and colour it shows', () => {
    expect(OVERALL_STATES).toEqual({ ok: 'healthy', degraded: 'degraded', down: 'down', unconfigured: 'not_configured', unknown: 'unknown' });
  });

  it('gives each overall status the mark of the state it stands for', () => {
    expect(OVERALL_MARKS).toEqual({ ok: '✓', degraded: '◐', down: '✕', unconfigured: '–', unknown: '…' });
  });
});
