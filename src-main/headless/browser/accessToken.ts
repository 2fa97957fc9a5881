/**
 * The browser-mode access token: 32 random bytes, printed once at start. The first request carries
 * it as ?token=…; the server answers with an HttpOnly, SameSite=Strict session cookie and redirects
 * to the same page without the query, so the token leaves the address bar and history, page scripts
 * never see it (an injected script could not exfiltrate it), and the WebSocket upgrade carries it
 * automatically (same origin).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_QUERY = 'token';

export function createAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Cookie names are per port: cookies are shared across ports of one host, so two servers must not collide. */
export function cookieName(port: number): string {
  return `walltrack_session_${port}`;
}

export function tokensEqual(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function readCookie(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export function sessionCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}
