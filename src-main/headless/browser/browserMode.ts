/**
 * Browser mode: the headless server also serves the built renderer and the renderer API over a
 * WebSocket, so the same windows run in any browser on this machine. Loopback only, one random
 * access token (see accessToken.ts), Host and Origin checks on every request and on the socket.
 * /api/* is left to the caller (the health endpoint stays token-free but keeps its own Host check).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AppInfo } from '../../common/contract.js';
import type { MonitorCore } from '../../core/MonitorCore.js';
import { createRendererHandlers } from '../../core/rendererHandlers.js';
import { TOKEN_QUERY, cookieName, createAccessToken, readCookie, sessionCookie, tokensEqual } from './accessToken.js';
import { isAllowedHost, isAllowedOrigin, isCrossSite } from './requestGuards.js';
import { createSocketBridge, type BridgeLogger } from './socketBridge.js';
import { sendRendererFile } from './staticFiles.js';

export const SOCKET_PATH = '/ws';
export const START_PAGE = '/status.html';

export interface BrowserModeOptions {
  core: MonitorCore;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  version: string;
  log: BridgeLogger;
  /** Fixed token for tests; a fresh random one otherwise. */
  token?: string;
}

export interface BrowserMode {
  readonly token: string;
  /** The URL to open, with the token, for a server listening on `port`. */
  url(port: number): string;
  /** Answers UI requests; returns false for /api/* so the caller's routes handle them. */
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean;
  /** Accepts the renderer's WebSocket on /ws after the Host, Origin and token checks; refuses everything else. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

const NO_TOKEN_HELP =
  'WallTrack Monitor browser mode needs its access token. Open the URL that `walltrack-monitor serve` printed at start (it ends in ?token=…).\n';

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(text);
}

function refuseUpgrade(socket: Duplex, status: 401 | 403 | 404, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

export function createBrowserMode({ core, rendererDir, version, log, token = createAccessToken() }: BrowserModeOptions): BrowserMode {
  const appInfo: AppInfo = { version, host: 'browser', capabilities: { startAtLogin: false, notifications: false } };
  const handlers = createRendererHandlers(core, {
    appInfo: () => appInfo,
    // A server cannot open a browser tab; the renderer links to settings.html in browser mode.
    openWindow: () => undefined,
  });
  const bridge = createSocketBridge({
    handlers,
    subscribe: (event, listener) => core.on(event, listener),
    initialEvents: () => [{ event: 'snapshot', payload: core.snapshot() }],
    log,
  });

  const serve = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const port = req.socket.localPort ?? 0;
    const queryToken = url.searchParams.get(TOKEN_QUERY);
    if (queryToken !== null) {
      if (!tokensEqual(token, queryToken)) return plain(res, 403, 'Wrong access token. ' + NO_TOKEN_HELP);
      // Trade the token in the URL for an HttpOnly cookie, then drop it from the address bar.
      res.writeHead(303, { 'Set-Cookie': sessionCookie(port, token), Location: url.pathname === '/' ? START_PAGE : url.pathname, 'Cache-Control': 'no-store' });
      return void res.end();
    }
    const cookie = readCookie(req, cookieName(port));
    if (cookie === null) return plain(res, 401, NO_TOKEN_HELP);
    if (!tokensEqual(token, cookie)) return plain(res, 403, 'Your session is from an earlier run. ' + NO_TOKEN_HELP);
    if (url.pathname === '/') {
      res.writeHead(302, { Location: START_PAGE, 'Cache-Control': 'no-store' });
      return void res.end();
    }
    await sendRendererFile(req, res, rendererDir);
  };

  return {
    token,
    url: (port) => `http://127.0.0.1:${port}/?${TOKEN_QUERY}=${token}`,

    handleRequest(req, res) {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname.startsWith('/api/')) return false;
      if (!isAllowedHost(req)) {
        log.warn({ host: req.headers.host?.slice(0, 100) }, 'browser mode: refused a request for a foreign Host');
        plain(res, 403, 'Forbidden: this server answers only to 127.0.0.1 or localhost on its own port.\n');
      } else if (!isAllowedOrigin(req, { required: false }) || isCrossSite(req)) {
        log.warn({ origin: req.headers.origin?.slice(0, 100) }, 'browser mode: refused a cross-origin request');
        plain(res, 403, 'Forbidden: cross-origin requests are refused.\n');
      } else if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      } else {
        serve(req, res, url).catch((e: unknown) => {
          log.error({ err: String(e) }, 'browser mode: request failed');
          if (!res.headersSent) plain(res, 500, 'Internal error; see the log file.\n');
        });
      }
      return true;
    },

    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname !== SOCKET_PATH) return refuseUpgrade(socket, 404, 'Not Found');
      if (!isAllowedHost(req) || !isAllowedOrigin(req, { required: true })) {
        log.warn({ host: req.headers.host?.slice(0, 100), origin: req.headers.origin?.slice(0, 100) }, 'browser mode: refused a socket from a foreign Host or Origin');
        return refuseUpgrade(socket, 403, 'Forbidden');
      }
      const cookie = readCookie(req, cookieName(req.socket.localPort ?? 0));
      if (!tokensEqual(token, cookie)) {
        log.warn({}, 'browser mode: refused a socket without a valid access token');
        return refuseUpgrade(socket, 401, 'Unauthorized');
      }
      bridge.wss.handleUpgrade(req, socket, head, (ws) => bridge.wss.emit('connection', ws, req));
    },

    close: () => bridge.close(),
  };
}
