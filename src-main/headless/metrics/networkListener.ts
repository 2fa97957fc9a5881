/**
 * `serve --listen ADDR`: a second, separate server on one non-loopback address that answers GET /metrics
 * and nothing else (no /api/health, no windows, no WebSocket), always behind the bearer token.
 * DNS rebinding: its Host check accepts only ADDR itself (with its port), so a page on evil.example
 * resolving to ADDR is refused with 421 even before the token is asked for; a browser cannot send
 * another Host, and a client that can still needs the token.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import { ConfigurationError } from '../../core/errors.js';

export interface ListenAddress {
  /** Canonical form, without brackets, e.g. "192.0.2.10" or "fd00::2". */
  ip: string;
  /** As it goes into a URL or Host header, e.g. "[fd00::2]". */
  urlHost: string;
}

/** Canonical text of an IP literal (WHATWG URL rules: lower case, "::" compressed); null when it is none. */
function canonicalIp(text: string): string | null {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (!isIP(bare)) return null;
  try {
    const host = new URL(`http://${isIP(bare) === 6 ? `[${bare}]` : bare}/`).hostname;
    return host.startsWith('[') ? host.slice(1, -1) : host;
  } catch {
    return null;
  }
}

function isLoopbackIp(ip: string): boolean {
  return /^127\./.test(ip) || ip === '::1' || /^::ffff:(127\.|7f)/.test(ip);
}

/** Validates `--listen`: one IP address of this machine that is neither loopback nor a wildcard. */
export function parseListenAddress(text: string): ListenAddress {
  const ip = canonicalIp(text.trim());
  const example = 'e.g. --listen 192.0.2.10 or --listen fd00::10 (see `ip -brief address`)';
  if (ip === null) throw new ConfigurationError(`--listen must be an IP address of this machine, ${example}`, { hint: 'Host names are not accepted: they may resolve to other addresses later' });
  if (ip === '0.0.0.0' || ip === '::') {
    throw new ConfigurationError(`--listen ${ip} would listen on every interface; name the one address scrapers use, ${example}`);
  }
  if (isLoopbackIp(ip)) throw new ConfigurationError(`--listen ${ip} is a loopback address; /metrics is already served on 127.0.0.1 without --listen`);
  return { ip, urlHost: ip.includes(':') ? `[${ip}]` : ip };
}

/** True when Host names exactly `address` (any spelling of the same IP), with `port` or none. */
export function isListenHost(host: string | undefined, address: ListenAddress, port: number): boolean {
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host?.trim() ?? '');
  if (!m) return false;
  return canonicalIp(m[1]!) === address.ip && (m[2] === undefined || Number(m[2]) === port);
}

export interface NetworkListener {
  url: string;
  close(): Promise<void>;
}

export async function startNetworkListener(options: {
  address: ListenAddress;
  port: number;
  route: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
}): Promise<NetworkListener> {
  const { address } = options;
  let port = options.port;
  const answer = (res: ServerResponse, status: number, text: string) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
    res.end(text);
  };
  const server = createServer((req, res) => {
    if (!isListenHost(req.headers.host, address, port)) {
      answer(res, 421, `Misdirected request: the Host header must be ${address.urlHost}:${port}\n`);
      return;
    }
    options.route(req, res).then(
      (handled) => handled || answer(res, 404, 'Not found: only GET /metrics is served on this address\n'),
      () => (res.headersSent ? res.destroy() : answer(res, 500, 'internal error\n')),
    );
  });
  // Bounded: a scraper sends one small request; slow or piled-up clients are cut off.
  server.headersTimeout = 10_000;
  server.requestTimeout = 10_000;
  server.maxConnections = 64;
  // No WebSocket or other upgrade here.
  server.on('upgrade', (_req, socket) => socket.end('HTTP/1.1 421 Misdirected Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address.ip, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${address.urlHost}:${port}`,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
