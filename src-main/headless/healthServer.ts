/**
 * The headless HTTP server: GET /api/health (and /api/health/all, see ./healthResponse.ts) on 127.0.0.1 only. Requests whose Host header is not a
 * loopback name are refused (DNS rebinding: a web page on evil.example resolving to 127.0.0.1 must
 * not read the status). Browser mode plugs its static files, WebSocket and token into the same
 * server through `routes` and `onUpgrade`, behind the same Host check.
 */
import { createServer, ServerResponse, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Snapshot } from '../common/schemas.js';
import { EnvironmentIdSchema } from '../common/schemas.js';
import { allHealth, environmentHealth, httpStatusOf } from './healthResponse.js';

export const HEALTH_PATH = '/api/health';
export const HEALTH_ALL_PATH = '/api/health/all';

export interface HealthServerOptions {
  core: { snapshot(): Snapshot };
  /** 0 = any free port. */
  port: number;
  host?: '127.0.0.1' | '::1' | 'localhost';
  /** Extra routes tried after the health paths; return true when the request was handled. */
  routes?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
  /** WebSocket upgrades (after the Host check); destroy the socket to refuse. */
  onUpgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
}

export interface HealthServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);
/**
 * Any web server on another 127.0.0.1 port can make the browser send up to ~740 KB of cookies
 * here (Chromium keeps 180 cookies of 4 KB per host, and cookies ignore ports); under Node's
 * default 16 KiB limit every request, and the browser-mode socket, would then fail with 431.
 */
const MAX_HEADER_BYTES = 1024 * 1024;

/** True when `host` is "localhost", "127.0.0.1" or "[::1]", with our port or none. */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host.trim().toLowerCase());
  if (!m) return false;
  const [, name, hostPort] = m;
  return LOOPBACK_NAMES.has(name!) && (hostPort === undefined || Number(hostPort) === port);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headOnly = false): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(headOnly ? undefined : text);
}

/** The 404 body for an environment id that is not configured. An invalid id is not echoed back (it comes from whoever sent the request). */
export function unknownEnvironment(given: string | undefined, parameter: string, known: string[]): { error: string; environments: string[] } {
  const named = EnvironmentIdSchema.safeParse(given).success ? `"${given}"` : 'given';
  return { error: `Unknown environment ${named} in ${parameter}; known environments: ${known.join(', ')}`, environments: known };
}

/**
 * /api/health: the first environment, or `?env=ID`; /api/health/all: every environment.
 */
function healthAnswer(snapshot: Snapshot, path: string, query: URLSearchParams): { status: number; body: unknown } {
  if (path === HEALTH_ALL_PATH) {
    const body = allHealth(snapshot);
    return { status: httpStatusOf(body), body };
  }
  const known = snapshot.environments.map((env) => env.id);
  const wanted = query.getAll('env');
  if (wanted.length > 1) return { status: 400, body: { error: `Give ?env= once (known environments: ${known.join(', ')}), or use ${HEALTH_ALL_PATH} for all of them` } };
  const env = wanted.length === 0 ? snapshot.environments[0] : snapshot.environments.find((e) => e.id === wanted[0]);
  if (!env) return { status: 404, body: unknownEnvironment(wanted[0], '?env=', known) };
  const body = environmentHealth(snapshot, env);
  return { status: httpStatusOf(body), body };
}

function isWebSocketUpgrade(req: IncomingMessage): boolean {
  return req.headers.upgrade?.trim().toLowerCase() === 'websocket';
}

/**
 * Node hands every request with an Upgrade header to 'upgrade', bypassing the request handler. A
 * server may ignore an Upgrade it does not speak (RFC 9110 §7.8), so anything but WebSocket (e.g.
 * `Upgrade: h2c` from curl --http2 or a proxy) gets the ordinary HTTP/1.1 answer, then the
 * connection closes. The request's body is not readable here, so only body-less requests are served.
 */
function answerOverUpgradeSocket(req: IncomingMessage, socket: Socket, respond: (req: IncomingMessage, res: ServerResponse) => void): void {
  const res = new ServerResponse(req);
  res.shouldKeepAlive = false;
  res.assignSocket(socket);
  res.on('finish', () => {
    res.detachSocket(socket);
    socket.end();
  });
  socket.on('error', () => socket.destroy());
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (hasBody) {
    sendJson(res, 400, { error: 'Bad request: Upgrade is only honoured for WebSocket; send this request without the Upgrade header' });
    return;
  }
  respond(req, res);
}

export async function createHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const host = options.host ?? '127.0.0.1';
  let port = options.port;

  const respond = (req: IncomingMessage, res: ServerResponse) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  };
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, respond);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isLoopbackHost(req.headers.host, port)) {
      // 421: this server is not the one for that name (a rebinding attempt or a proxy mix-up).
      sendJson(res, 421, { error: 'Misdirected request: the Host header must be localhost, 127.0.0.1 or [::1] with this port' });
      return;
    }
    const url = req.url ?? '/';
    const mark = url.indexOf('?');
    const [path, query] = mark === -1 ? [url, ''] : [url.slice(0, mark), url.slice(mark + 1)];
    if (path === HEALTH_PATH || path === HEALTH_ALL_PATH) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('allow', 'GET, HEAD');
        sendJson(res, 405, { error: 'Method not allowed: use GET' });
        return;
      }
      const answer = healthAnswer(options.core.snapshot(), path, new URLSearchParams(query));
      sendJson(res, answer.status, answer.body, req.method === 'HEAD');
      return;
    }
    if (options.routes && (await options.routes(req, res))) return;
    sendJson(res, 404, { error: `Not found: try GET ${HEALTH_PATH} or ${HEALTH_ALL_PATH}` });
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!isWebSocketUpgrade(req)) {
      answerOverUpgradeSocket(req, socket as Socket, respond);
      return;
    }
    if (!options.onUpgrade || !isLoopbackHost(req.headers.host, port)) {
      socket.end('HTTP/1.1 421 Misdirected Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    options.onUpgrade(req, socket, head);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const urlHost = host === '::1' ? '[::1]' : host;

  let closing: Promise<void> | null = null;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive and WebSocket connections would hold close() open.
        server.closeAllConnections();
      })),
  };
}
