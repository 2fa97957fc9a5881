/**
 * The renderer API over the browser-mode WebSocket (src-main/headless/browser). Calls and replies
 * carry an id; snapshot events are pushed. Replies and events are validated with the contract's
 * schemas here too, so a bad host cannot feed the UI malformed data. Each socket's first message
 * is the access token (src-main/common/browserModeHandshake.ts); nothing else is sent before the
 * host accepts it.
 */
import { AUTH_OK, AUTH_REFUSED_CLOSE_CODE, type AuthMessage } from '../../src-main/common/browserModeHandshake.js';
import {
  createRendererApi,
  eventNames,
  parseOutput,
  rendererContract,
  type EventName,
  type MethodName,
  type RendererApi,
} from '../../src-main/common/contract.js';
import type { TokenSource } from './accessToken.js';
import { NO_TOKEN_HELP, createConnectionStatus, type ConnectionStatus } from './connectionStatus.js';

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

function isAuthOk(text: string): boolean {
  try {
    const msg = JSON.parse(text) as { type?: unknown; ok?: unknown } | null;
    return msg?.type === AUTH_OK.type && msg.ok === AUTH_OK.ok;
  } catch {
    return false;
  }
}

const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 5_000;

export function createWebSocketApi(url: string, tokens: TokenSource): { api: RendererApi; connection: ConnectionStatus } {
  const connection = createConnectionStatus('connecting');
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>(eventNames.map((n) => [n, new Set()]));
  let nextId = 1;
  let socket: WebSocket | null = null;
  /** Settles once per connection: resolved when the host accepted a token, rejected when none is left or the socket dropped. */
  let ready: Promise<void>;
  let reconnectDelay = RECONNECT_MIN_MS;

  const failPending = (why: (method: MethodName) => string): void => {
    for (const [id, p] of pending) {
      pending.delete(id);
      p.reject(new Error(why(p.method)));
    }
  };

  const connect = (): void => {
    const queue = tokens.candidates();
    let settle!: { resolve: () => void; reject: (e: Error) => void };
    ready = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    ready.catch(() => undefined);

    const tryNext = (): void => {
      const token = queue.shift();
      if (token === undefined) {
        connection.set('unauthorized');
        settle.reject(new Error(NO_TOKEN_HELP));
        return;
      }
      const ws = new WebSocket(url);
      socket = ws;
      let accepted = false;
      ws.addEventListener('open', () => ws.send(JSON.stringify({ type: 'auth', token } satisfies AuthMessage)));
      ws.addEventListener('message', (e) => {
        if (accepted) return handleMessage(String(e.data));
        if (!isAuthOk(String(e.data))) return;
        accepted = true;
        tokens.accept(token);
        reconnectDelay = RECONNECT_MIN_MS;
        connection.set('open');
        settle.resolve();
      });
      ws.addEventListener('close', (e) => {
        // Refused before it was accepted: this token is wrong (or from an earlier run); try the next one.
        if (!accepted && e.code === AUTH_REFUSED_CLOSE_CODE) return tryNext();
        connection.set('lost');
        settle.reject(new Error('Not connected to the monitor'));
        failPending((method) => `Lost the connection to the monitor during ${method}; it reconnects by itself, then retry`);
        setTimeout(connect, reconnectDelay);
        reconnectDelay = Math.min(reconnectDelay * 2, RECONNECT_MAX_MS);
      });
    };
    tryNext();
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
      await ready;
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { method, resolve, reject });
        socket!.send(JSON.stringify({ type: 'call', id, method, input }));
      });
    },
    subscribe: (name, listener) => {
      listeners.get(name)!.add(listener);
      return () => listeners.get(name)!.delete(listener);
    },
  });
  return { api, connection };
}
