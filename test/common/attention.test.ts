/** The one function that says what an operator's word changes: shown word, notifications, the red tray. */
import { describe, expect, it } from 'vitest';
import { attentionText, countsAsAlarm, mayNotify, shownAttention, type Attention } from '../../src-main/common/attention.js';
import { AttentionSchema } from '../../src-main/common/attention.js';

const at = '2026-01-01T12:00:00.000Z';
const until = '2026-01-01T16:00:00.000Z';
const of = (attention?: Attention) => ({ ...(attention ? { attention } : {}) });
const clock = (iso: string) => iso.slice(11, 16);

describe('what an operator\'s word changes', () => {
  it('maintenance wins over an acknowledgement, which wins over a mute; none is null', () => {
    expect(shownAttention(of())).toBeNull();
    expect(shownAttention(of({}))).toBeNull();
    expect(shownAttention(of({ muted: { until } }))).toBe('muted');
    expect(shownAttention(of({ muted: { until }, acknowledged: { at } }))).toBe('acknowledged');
    expect(shownAttention(of({ muted: { until }, acknowledged: { at }, maintenance: { until, window: 'Upgrade' } }))).toBe('maintenance');
  });

  it('only a database with no word on it notifies and counts as an alarm', () => {
    expect([mayNotify(of()), countsAsAlarm(of())]).toEqual([true, true]);
    for (const a of [{ muted: { until } }, { acknowledged: { at } }, { maintenance: { until, window: 'Upgrade' } }]) {
      expect([mayNotify(of(a)), countsAsAlarm(of(a))]).toEqual([false, false]);
    }
  });

  it('words it for people, with who when known', () => {
    expect(attentionText(of(), clock)).toBeNull();
    expect(attentionText(of({ acknowledged: { at } }), clock)).toBe('Acknowledged 12:00');
    expect(attentionText(of({ acknowledged: { at, by: 'ops' } }), clock)).toBe('Acknowledged 12:00 by ops');
    expect(attentionText(of({ muted: { until } }), clock)).toBe('Muted until 16:00');
    expect(attentionText(of({ maintenance: { until, window: 'Upgrade' } }), clock)).toBe('Maintenance (Upgrade) until 16:00');
  });

  it('bounds what crosses the wire', () => {
    expect(AttentionSchema.safeParse({ acknowledged: { at, by: 'x'.repeat(65) } }).success).toBe(false);
    expect(AttentionSchema.safeParse({ maintenance: { until, window: 'x'.repeat(61) } }).success).toBe(false);
    expect(AttentionSchema.safeParse({ muted: { until: 'soon' } }).success).toBe(false);
  });
});
