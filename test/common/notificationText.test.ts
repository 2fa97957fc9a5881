/** The words of a down / recovered notification, shared by Electron and browser mode (literal). */
import { describe, expect, it } from 'vitest';
import type { NotificationDecision } from '../../src-main/common/notificationPolicy.js';
import { notificationText } from '../../src-main/common/notificationText.js';

const decision = (kind: 'down' | 'recovered', result: NotificationDecision['change']['result'], database = 'neo4j'): NotificationDecision => ({
  environment: { id: 'production', name: 'Production' },
  database,
  kind,
  change: { environment: { id: 'production', name: 'Production' }, database, to: kind === 'down' ? 'down' : 'healthy', result },
});

describe('notificationText', () => {
  it('says what is down with its message and hint, naming the environment only when asked', () => {
    const down = decision('down', { message: 'connection refused', hint: 'Start Neo4j', latencyMs: null });
    expect(notificationText(down, false)).toEqual({ title: 'Neo4j is down', body: 'connection refused — Start Neo4j' });
    expect(notificationText(down, true)).toEqual({ title: 'Production: Neo4j is down', body: 'connection refused — Start Neo4j' });
  });

  it('keeps whichever of message and hint there is, and says the checks failed when there is neither', () => {
    expect(notificationText(decision('down', { message: 'connection refused', latencyMs: null }), false).body).toBe('connection refused');
    expect(notificationText(decision('down', { hint: 'Start Neo4j', latencyMs: null }), false).body).toBe('Start Neo4j');
    expect(notificationText(decision('down', { latencyMs: null }, 'supabase'), false)).toEqual({ title: 'Supabase is down', body: 'The last checks failed.' });
  });

  it('says a recovery with the latency in whole milliseconds, or without one', () => {
    expect(notificationText(decision('recovered', { latencyMs: 7.6 }), true)).toEqual({ title: 'Production: Neo4j is back', body: 'Neo4j answers again (8 ms).' });
    expect(notificationText(decision('recovered', { latencyMs: null }), false)).toEqual({ title: 'Neo4j is back', body: 'Neo4j answers again.' });
  });
});
