/** Whether the renderer can reach its host; only the WebSocket transport can ever lose it. */
export type ConnectionState = 'connecting' | 'open' | 'lost';

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
