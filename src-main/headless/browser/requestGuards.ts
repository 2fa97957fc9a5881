/**
 * DNS-rebinding and cross-site defences: the server listens on 127.0.0.1 only, and additionally
 * answers only requests addressed to a loopback name on its own port (Host) and, when a browser
 * says where a request comes from (Origin, Sec-Fetch-Site), only requests from its own origin.
 */
import type { IncomingMessage } from 'node:http';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

function localPort(req: IncomingMessage): number {
  return req.socket.localPort ?? 0;
}

export function isAllowedHost(req: IncomingMessage): boolean {
  const host = req.headers.host?.toLowerCase();
  const port = localPort(req);
  return host !== undefined && LOOPBACK_NAMES.some((name) => host === `${name}:${port}`);
}

/** Missing Origin is fine (top-level navigation, curl); a present one must be ours. */
export function isAllowedOrigin(req: IncomingMessage, { required }: { required: boolean }): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return !required;
  const port = localPort(req);
  return LOOPBACK_NAMES.some((name) => origin.toLowerCase() === `http://${name}:${port}`);
}

export function isCrossSite(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  return site === 'cross-site' || site === 'same-site';
}
