/**
 * Browser mode: the headless server also serves the built renderer and the renderer API over a
 * WebSocket, so the same windows run in any browser on this machine. Loopback only, Host and
 * Origin checks on every request and on the socket. The renderer's files carry no data and are
 * served without a credential; the socket opens for calls and events only after its first message
 * carries the access token (see accessToken.ts and socketBridge.ts). No cookie is set or read.
 * /api/history and /api/incidents pass the same checks, then want the token as a bearer token (recordApi.ts);
 * the rest of /api/* is left to the caller (the health endpoint keeps its own Host check).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AppInfo } from '../../common/contract.js';
import type { MonitorCore } from '../../core/MonitorCore.js';
import { createRendererHandlers } from '../../core/rendererHandlers.js';
import { createSnapshotFeed } from '../../core/snapshotFeed.js';
import { createAccessToken, tokensEqual, urlWithToken } from './accessToken.js';
import { isAllowedHost, isAllowedOrigin, isCrossSite } from './requestGuards.js';
import { createRecordApi, isRecordPath } from './recordApi.js';
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
  /** The URL to open, with the token in its fragment, for a server listening on `port`. */
  url(port: number): string;
  /** Answers UI requests and the record's /api/ paths; returns false for the rest of /api/* so the caller's routes handle them. */
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean;
  /** Accepts the renderer's WebSocket on /ws after the Host and Origin checks; refuses everything else. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(text);
}

function refuseUpgrade(socket: Duplex, status: 403 | 404 | 503, reason: string): void {
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
  const feed = createSnapshotFeed(core);
  const bridge = createSocketBridge({
    handlers,
    subscribe: (event, listener) => {
      // A socket gets the whole snapshot once (initialEvents), then only what changed.
      if (event === 'snapshotPatch') return feed.onPatch(listener);
      if (event === 'snapshot') return () => undefined;
      return core.on(event, listener);
    },
    initialEvents: () => [{ event: 'snapshot', payload: feed.current() }],
    authorize: (given) => tokensEqual(token, given),
    log,
  });

  const recordApi = createRecordApi({ core, token });

  const serve = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    if (url.pathname === '/') {
      res.writeHead(302, { Location: START_PAGE, 'Cache-Control': 'no-store' });
      return void res.end();
    }
    await sendRendererFile(req, res, rendererDir);
  };

  return {
    token,
    url: (port) => urlWithToken(`http://127.0.0.1:${port}${START_PAGE}`, token),

    handleRequest(req, res) {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const record = isRecordPath(url.pathname);
      if (url.pathname.startsWith('/api/') && !record) return false;
      if (!isAllowedHost(req)) {
        log.warn({ host: req.headers.host?.slice(0, 100) }, 'browser mode: refused a request for a foreign Host');
        plain(res, 403, 'Forbidden: this server answers only to 127.0.0.1 or localhost on its own port.\n');
      } else if (!isAllowedOrigin(req, { required: false }) || isCrossSite(req)) {
        log.warn({ origin: req.headers.origin?.slice(0, 100) }, 'browser mode: refused a cross-origin request');
        plain(res, 403, 'Forbidden: cross-origin requests are refused.\n');
      } else if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      } else if (record) {
        recordApi(req, res, url);
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
      if (!bridge.canTakeAnotherSocket()) {
        log.warn({}, 'browser mode: refused a socket: too many sockets have not sent their access token yet');
        return refuseUpgrade(socket, 503, 'Service Unavailable');
      }
      bridge.wss.handleUpgrade(req, socket, head, (ws) => bridge.wss.emit('connection', ws, req));
    },

    close: () => {
      feed.close();
      return bridge.close();
    },
  };
}
