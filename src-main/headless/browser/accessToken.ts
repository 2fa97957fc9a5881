/**
 * The browser-mode access token: 32 random bytes, made at each start and printed once, in the
 * URL's fragment (see common/browserModeHandshake.ts). No cookie: cookies are shared by every port
 * of 127.0.0.1, so any other local web server the browser visits would receive one, and could
 * overwrite it.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { TOKEN_FRAGMENT_KEY } from '../../common/browserModeHandshake.js';

export function createAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

export function urlWithToken(pageUrl: string, token: string): string {
  return `${pageUrl}#${TOKEN_FRAGMENT_KEY}=${token}`;
}

/** Constant-time for equal lengths; anything that is not a non-empty string is simply wrong. */
export function tokensEqual(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || given === '') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
