/**
 * What is wrong with a database endpoint URL, if anything. Browser-safe (URL is a global in both).
 * Only the kind of problem comes back, never a part of the value: a query, fragment or userinfo
 * may carry a key, and messages and logs show what these functions return.
 */
export type AuthorityProblem = 'credentials' | 'noHost' | 'host' | 'ipv6' | 'port';
export type OriginOnlyProblem = 'query' | 'fragment' | 'path';

/** scheme://authority then the rest; null when the scheme is not one of `schemes` or "//" is missing. */
export function splitEndpoint(value: string, schemes: readonly string[]): { authority: string; rest: string } | null {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([\s\S]*)$/.exec(value);
  if (!m || !schemes.includes(m[1]!.toLowerCase())) return null;
  return { authority: m[2]!, rest: m[3]! };
}

/** host[:port] with no userinfo, a port from 1 to 65535 and an IPv6 host in brackets. */
export function authorityProblem(authority: string): AuthorityProblem | null {
  if (authority.includes('@')) return 'credentials';
  let host: string;
  let port: string | undefined;
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close < 0) return 'ipv6';
    host = authority.slice(0, close + 1);
    const after = authority.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) return 'host';
    port = after === '' ? undefined : after.slice(1);
  } else {
    const parts = authority.split(':');
    if (parts.length > 2) return 'ipv6';
    [host, port] = [parts[0]!, parts[1]];
  }
  if (host === '') return 'noHost';
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65_535)) return 'port';
  return validHost(host) ? null : 'host';
}

/** Nothing after host[:port] but an optional "/". */
export function originOnlyProblem(rest: string): OriginOnlyProblem | null {
  const q = rest.search(/[?#]/);
  if (q >= 0) return rest[q] === '?' ? 'query' : 'fragment';
  return rest === '' || rest === '/' ? null : 'path';
}

/** A host the WHATWG URL parser accepts as written (it would silently drop tabs and read "\" as "/"). */
function validHost(host: string): boolean {
  if (/[\s\\\p{Cc}]/u.test(host)) return false;
  try {
    const parsed = new URL(`http://${host}/`);
    return parsed.hostname !== '' && parsed.pathname === '/';
  } catch {
    return false;
  }
}
