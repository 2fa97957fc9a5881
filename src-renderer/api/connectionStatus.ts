/**
 * Whether the renderer can reach its host; only the WebSocket transport can ever lose it, or be
 * refused for want of a valid access token ('unauthorized': it stops trying).
 */
export type ConnectionState = 'connecting' | 'open' | 'lost' | 'unauthorized';

/** What to do about 'unauthorized'; calls made meanwhile fail with it too. */
export const NO_TOKEN_HELP =
  'This tab has no valid access token for WallTrack Monitor: open the URL that `walltrack-monitor serve` printed (it ends in #token=…). ' +
  'Each start of the server makes a new one.';

export interface ConnectionStatus {
  get(): ConnectionState;
  set(state: ConnectionState): void;
  subscribe(listener: (state: ConnectionState) => void): () => void;
}

export function createConnectionStatus(initial: ConnectionState): ConnectionStatus {
  let state = initial;
  const listeners = new Set<(state: ConnectionState) => void>();
  return {
    get: () => state,
    set: (next) => {
      if (next === state) return;
      state = next;
      for (const l of listeners) l(state);
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
