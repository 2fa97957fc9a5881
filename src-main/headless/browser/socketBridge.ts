/**
 * The renderer API over a WebSocket, derived from the contract: every method in
 * rendererContract.methods is callable, every event in rendererContract.events is pushed.
 * First message in: { type: 'auth', token } (see common/browserModeHandshake.ts), answered with
 *               { type: 'auth', ok: true }; anything else, or nothing within 5 s, closes the socket.
 * Messages in:  { type: 'call', id, method, input }
 * Messages out: { type: 'reply', id, ok: true, output } | { type: 'reply', id, ok: false, error }
 *               { type: 'event', event, payload }
 * Inputs are checked with parseInput, replies with parseOutput, events with their schema.
 */
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { AUTH_OK, AUTH_REFUSED_CLOSE_CODE } from '../../common/browserModeHandshake.js';
import { ContractError, eventNames, methodNames, rendererContract, type EventName, type MethodName, type RendererApiHandlers } from '../../common/contract.js';
import { invokeContractMethod } from '../../core/contractCalls.js';
import { WallTrackError } from '../../core/errors.js';

export interface BridgeLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface SocketBridgeOptions {
  handlers: RendererApiHandlers;
  /** Subscribes to one contract event at its source; returns an unsubscribe function. */
  subscribe: (event: EventName, listener: (payload: unknown) => void) => () => void;
  /** Events sent to a socket as soon as it has authenticated (the current snapshot), so a reconnect catches up. */
  initialEvents: () => Array<{ event: EventName; payload: unknown }>;
  /** Whether the token in a socket's first message is the right one. */
  authorize: (token: unknown) => boolean;
  log: BridgeLogger;
}

const MAX_MESSAGE_BYTES = 512 * 1024;
/** A client that stops reading is dropped once this much waits for it: the server's memory per socket is bounded. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
const AUTH_DEADLINE_MS = 5_000;
/** Sockets still owing their first message; each gets one try and AUTH_DEADLINE_MS. */
const MAX_UNAUTHENTICATED = 16;
const AUTH_REFUSED_REASON = 'WallTrack Monitor: access token required';

/** An event as the socket sends it (checked against its contract schema first); null when it does not match. */
export function eventMessage(event: EventName, payload: unknown): string | null {
  const parsed = rendererContract.events[event].safeParse(payload);
  return parsed.success ? JSON.stringify({ type: 'event', event, payload: parsed.data }) : null;
}

export function createSocketBridge({ handlers, subscribe, initialEvents, authorize, log }: SocketBridgeOptions) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const authenticated = new Set<WebSocket>();
  let unauthenticated = 0;

  const sendText = (ws: WebSocket, text: string): void => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      log.warn({ bufferedBytes: ws.bufferedAmount }, 'browser mode: dropped a socket that stopped reading (over 4 MiB waiting to be sent)');
      ws.terminate();
      return;
    }
    ws.send(text);
  };
  const send = (ws: WebSocket, message: object): void => sendText(ws, JSON.stringify(message));

  const unsubscribers = eventNames.map((event) =>
    subscribe(event, (payload) => {
      const text = eventMessage(event, payload);
      if (text === null) {
        log.warn({ event }, 'browser mode: dropped an event that does not match the contract');
        return;
      }
      for (const ws of authenticated) sendText(ws, text);
    }),
  );

  const handleCall = async (ws: WebSocket, data: RawData, isBinary: boolean): Promise<void> => {
    let msg: { type?: unknown; id?: unknown; method?: unknown; input?: unknown };
    try {
      if (isBinary) throw new Error('binary frame');
      msg = JSON.parse(data.toString()) as typeof msg;
      if (typeof msg !== 'object' || msg === null) throw new Error('not an object');
    } catch {
      log.warn({}, 'browser mode: rejected a message that is not a JSON object');
      send(ws, { type: 'reply', id: null, ok: false, error: { message: 'Malformed message: expected a JSON object' } });
      return;
    }
    const id = Number.isSafeInteger(msg.id) ? (msg.id as number) : null;
    const method = msg.method;
    if (msg.type !== 'call' || id === null || typeof method !== 'string' || !methodNames.includes(method as MethodName)) {
      log.warn({ method: typeof method === 'string' ? method.slice(0, 64) : typeof method }, 'browser mode: rejected an unknown call');
      send(ws, { type: 'reply', id, ok: false, error: { message: 'Malformed call: expected { type: "call", id, method } with a known method' } });
      return;
    }
    const name = method as MethodName;
    const reply = await invokeContractMethod(handlers, name, msg.input);
    if (reply.ok) {
      send(ws, { type: 'reply', id, ok: true, output: reply.value });
      return;
    }
    const e = reply.cause;
    if (e instanceof ContractError) log.warn({ method: name, issues: e.issues }, 'browser mode: rejected a call');
    else if (!(e instanceof WallTrackError)) {
      log.error({ method: name, err: e instanceof Error ? { name: e.name, message: e.message } : String(e) }, 'browser mode: call failed');
    }
    send(ws, { type: 'reply', id, ok: false, error: reply.error });
  };

  /** The first message: the right token opens the socket for calls and events; anything else closes it. */
  const tokenIn = (data: RawData, isBinary: boolean): unknown => {
    if (isBinary) return null;
    try {
      const msg = JSON.parse(data.toString()) as { type?: unknown; token?: unknown } | null;
      return msg?.type === 'auth' ? msg.token : null;
    } catch {
      return null;
    }
  };

  wss.on('connection', (ws) => {
    unauthenticated++;
    let pending = true;
    const settle = (): void => {
      if (pending) unauthenticated--;
      pending = false;
      clearTimeout(deadline);
    };
    const refuse = (why: string): void => {
      settle();
      log.warn({}, `browser mode: closed a socket ${why}`);
      ws.close(AUTH_REFUSED_CLOSE_CODE, AUTH_REFUSED_REASON);
    };
    const deadline = setTimeout(() => refuse('that sent no access token within 5 s'), AUTH_DEADLINE_MS).unref();
    ws.on('message', (data, isBinary) => {
      if (authenticated.has(ws)) return void handleCall(ws, data, isBinary);
      if (!pending) return; // refused, closing
      if (!authorize(tokenIn(data, isBinary))) return refuse('whose first message was not the access token');
      settle();
      authenticated.add(ws);
      send(ws, AUTH_OK);
      for (const { event, payload } of initialEvents()) {
        const text = eventMessage(event, payload);
        if (text !== null) sendText(ws, text);
      }
    });
    ws.on('close', () => {
      settle();
      authenticated.delete(ws);
    });
    ws.on('error', () => ws.terminate());
  });

  return {
    /** False while MAX_UNAUTHENTICATED sockets still owe their token: refuse the upgrade then. */
    canTakeAnotherSocket: (): boolean => unauthenticated < MAX_UNAUTHENTICATED,
    wss,
    async close(): Promise<void> {
      for (const off of unsubscribers) off();
      for (const ws of wss.clients) ws.close(1001, 'server stopping');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
