import { describe, expect, it } from 'vitest';
import { trackConnectionLoss } from '../../../src-renderer/api/connectionLoss.js';
import { createConnectionStatus } from '../../../src-renderer/api/connectionStatus.js';

/** A host's `stopped` event source: the test fires it. */
function stoppedEvents() {
  const listeners = new Set<(e: { at: string }) => void>();
  return {
    onStopped: (l: (e: { at: string }) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    fire: (at: string) => listeners.forEach((l) => l({ at })),
  };
}

describe('when the window lost its host', () => {
  it('dates the loss when the socket drops, and clears it when the socket is open again', () => {
    const connection = createConnectionStatus('connecting');
    const stopped = stoppedEvents();
    let clock = '2026-01-01T14:05:00.000Z';
    const loss = trackConnectionLoss(connection, stopped.onStopped, () => clock);
    const seen: (string | null)[] = [];
    loss.subscribe((s) => seen.push(s));
    connection.set('open');
    expect(loss.get()).toBeNull();
    connection.set('lost');
    clock = '2026-01-01T14:06:00.000Z';
    connection.set('connecting');
    connection.set('lost');
    expect(loss.get()).toBe('2026-01-01T14:05:00.000Z');
    connection.set('open');
    expect(loss.get()).toBeNull();
    expect(seen).toEqual(['2026-01-01T14:05:00.000Z', null]);
  });

  it("takes the core's stop time when it announces it stops (Electron: the socket never drops), and keeps the earlier date", () => {
    const connection = createConnectionStatus('open');
    const stopped = stoppedEvents();
    const loss = trackConnectionLoss(connection, stopped.onStopped, () => '2026-01-01T14:09:00.000Z');
    stopped.fire('2026-01-01T14:02:00.000Z');
    expect(loss.get()).toBe('2026-01-01T14:02:00.000Z');
    connection.set('lost'); // browser mode: the server closes the socket after announcing the stop
    expect(loss.get()).toBe('2026-01-01T14:02:00.000Z');
  });
});
