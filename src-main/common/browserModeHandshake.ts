/**
 * How a browser-mode page proves it may use the WebSocket; shared by the host
 * (src-main/headless/browser) and the renderer's transport. The printed URL carries the access
 * token in its fragment (#token=…), which browsers never send to any server; the page keeps it in
 * sessionStorage (its own origin and tab only) and sends it as the socket's first message.
 */

/** The fragment key: http://127.0.0.1:PORT/status.html#token=… */
export const TOKEN_FRAGMENT_KEY = 'token';

/** The first message on every socket. */
export interface AuthMessage {
  type: 'auth';
  token: string;
}

/** The host's answer to a good token; calls and events flow only after it. */
export const AUTH_OK = { type: 'auth', ok: true } as const;

/** Close code (policy violation) for a socket whose first message was not a valid token, or came too late. */
export const AUTH_REFUSED_CLOSE_CODE = 1008;
