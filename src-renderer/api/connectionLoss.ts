/**
 * When this window lost its host, for freshness(): the browser-mode socket dropping, or the core
 * announcing that it stops (the `stopped` event, sent by either host). Cleared only when the socket is
 * open again (a restarted server pushes a fresh snapshot); an Electron window whose core stopped stays lost.
 */
import type { RendererApi } from '../../src-main/common/contract.js';
import type { ConnectionStatus } from './connectionStatus.js';

export interface ConnectionLoss {
  /** ISO time the host was lost; null while connected. */
  get(): string | null;
  subscribe(listener: (since: string | null) => void): () => void;
}

export function trackConnectionLoss(connection: ConnectionStatus, onStopped: RendererApi['onStopped'], now = () => new Date().toISOString()): ConnectionLoss {
  let since: string | null = connection.get() === 'lost' ? now() : null;
  const listeners = new Set<(since: string | null) => void>();
  const set = (next: string | null) => {
    if (next === since) return;
    since = next;
    for (const l of listeners) l(since);
  };
  // The earliest sign wins: a stop announced before the socket closed dates the loss.
  connection.subscribe((state) => {
    if (state === 'lost') set(since ?? now());
    if (state === 'open') set(null);
  });
  onStopped(({ at }) => set(since ?? at));
  return {
    get: () => since,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
