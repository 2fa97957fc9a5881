/**
 * The renderer API over the browser-mode WebSocket (src-main/headless/browser). Calls and replies
 * carry an id; snapshot events are pushed. Replies and events are validated with the contract's
 * schemas here too, so a bad host cannot feed the UI malformed data. The access token travels in
 * the HttpOnly session cookie the server set, never in page-visible state.
 */
import {
  createRendererApi,
  eventNames,
  parseOutput,
  rendererContract,
  type EventName,
  type MethodName,
  type RendererApi,
} from '../../src-main/common/contract.js';
import { createConnectionStatus, type ConnectionStatus } from './connectionStatus.js';

/** An error raised in the host, with the fields the host chose to share (never a secret). */
export class RemoteError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'RemoteError';
  }
}

type Pending = { method: MethodName; resolve: (v: unknown) => void; reject: (e: Error) => void };
type ServerMessage =
  | { type: 'reply'; id: number; ok: true; output: unknown }
  | { type: 'reply'; id: number; ok: false; error: { message: string; hint?: string; field?: string } }
  | { type: 'event'; event: string; payload: unknown };

const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 5_000;

export function createWebSocketApi(url: string): { api: RendererApi; connection: ConnectionStatus } {
  const connection = createConnectionStatus('connecting');
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>(eventNames.map((n) => [n, new Set()]));
  let nextId = 1;
  let socket: WebSocket;
  let opened: Promise<void>;
  let reconnectDelay = RECONNECT_MIN_MS;

  const connect = (): void => {
    socket = new WebSocket(url);
    opened = new Promise((resolve, reject) => {
      socket.addEventListener('open', () => {
        reconnectDelay = RECONNECT_MIN_MS;
        connection.set('open');
        resolve();
      });
      socket.addEventListener('close', () => reject(new Error('Not connected to the monitor')));
    });
    opened.catch(() => undefined);
    socket.addEventListener('message', (e) => handleMessage(String(e.data)));
    socket.addEventListener('close', () => {
      connection.set('lost');
      for (const [id, p] of pending) {
        pending.delete(id);
        p.reject(new Error(`Lost the connection to the monitor during ${p.method}; it reconnects by itself, then retry`));
      }
      setTimeout(connect, reconnectDelay);
      reconnectDelay = Math.min(reconnectDelay * 2, RECONNECT_MAX_MS);
    });
  };

  const handleMessage = (text: string): void => {
    let msg: ServerMessage;
    try {
      msg = JSON.parse(text) as ServerMessage;
    } catch {
      return;
    }
    if (msg.type === 'event') {
      const schema = rendererContract.events[msg.event as EventName];
      const parsed = schema?.safeParse(msg.payload);
      if (!parsed?.success) return;
      for (const l of listeners.get(msg.event as EventName) ?? []) l(parsed.data);
      return;
    }
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (!msg.ok) {
      p.reject(new RemoteError(msg.error.message, msg.error.hint, msg.error.field));
      return;
    }
    try {
      p.resolve(parseOutput(p.method, msg.output));
    } catch (e) {
      p.reject(e as Error);
    }
  };

  connect();

  const api = createRendererApi({
    call: async (method, input) => {
      await opened;
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { method, resolve, reject });
        socket.send(JSON.stringify({ type: 'call', id, method, input }));
      });
    },
    subscribe: (name, listener) => {
      listeners.get(name)!.add(listener);
      return () => listeners.get(name)!.delete(listener);
    },
  });
  return { api, connection };
}
