/**
 * Which endpoint a stored secret belongs to. A secret is kept ("keep") only while the endpoint it
 * was stored for is unchanged; the core refuses otherwise, and the settings window asks for the
 * secret again. Browser-safe: no Node APIs.
 */
import type { DatabaseId } from './schemas.js';

/** The parts of the settings that name an endpoint (Settings fits; so does a form's parsed text). */
export interface EndpointFields {
  supabase: { url: string | null };
  neo4j: { uri: string | null; user: string };
}

/** The settings field whose change separates a secret from its endpoint. */
export type EndpointField = 'supabase.url' | 'neo4j.uri' | 'neo4j.user';

/** An endpoint without userinfo (user:password@), query or fragment, e.g. "bolt://db.example.com:7687". */
export function publicTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    // Not parseable, so where userinfo ends is a guess: keep only the scheme and what follows the
    // last "@" (a raw "/", "?" or "@" in a password must not leave part of it), then drop any query.
    const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url)?.[0] ?? '';
    const at = url.lastIndexOf('@');
    const rest = at === -1 ? url.slice(scheme.length) : url.slice(at + 1);
    return `${scheme}${rest}`.replace(/[?#].*/s, '');
  }
}

const DEFAULT_PORT: Record<string, string> = { 'https:': '443', 'http:': '80' };
const NEO4J_DEFAULT_PORT = '7687';

/**
 * Supabase: scheme, host and port. Neo4j: host and port only (neo4j/bolt and +s/+ssc may change:
 * same server, other routing or encryption). null when the text is not a URL.
 */
function identity(database: DatabaseId, endpoint: string): string | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return null;
  }
  // Non-http schemes keep the host's case; DNS does not care.
  const host = url.hostname.toLowerCase();
  if (database === 'supabase') return `${url.protocol}//${host}:${url.port || DEFAULT_PORT[url.protocol] || ''}`;
  return `${host}:${url.port || NEO4J_DEFAULT_PORT}`;
}

/**
 * The field that moved a database's endpoint away from the one its secret was stored for, or
 * null when a kept secret may be used: the endpoint is the same, or `next` sets none (nothing
 * would be sent). An endpoint that is not a URL matches only the very same text.
 */
export function endpointChange(database: DatabaseId, stored: EndpointFields, next: EndpointFields): EndpointField | null {
  const before = database === 'supabase' ? stored.supabase.url : stored.neo4j.uri;
  const after = database === 'supabase' ? next.supabase.url : next.neo4j.uri;
  if (after === null) return null;
  const field = database === 'supabase' ? 'supabase.url' : 'neo4j.uri';
  if (before === null) return field;
  const [a, b] = [identity(database, before), identity(database, after)];
  if (a === null || b === null ? before.trim() !== after.trim() : a !== b) return field;
  if (database === 'neo4j' && stored.neo4j.user !== next.neo4j.user) return 'neo4j.user';
  return null;
}

const WORDS: Record<EndpointField, { changed: string; secret: string }> = {
  'supabase.url': { changed: 'Supabase URL', secret: 'API key' },
  'neo4j.uri': { changed: 'Neo4j URI', secret: 'password' },
  'neo4j.user': { changed: 'Neo4j user', secret: 'password' },
};

/** What the operator must do after `change`, e.g. "The Neo4j URI changed: enter the password for bolt://new-host:7687". */
export function endpointChangeMessage(change: EndpointField, next: EndpointFields): string {
  const { changed, secret } = WORDS[change];
  const endpoint = publicTarget((change === 'supabase.url' ? next.supabase.url : next.neo4j.uri) ?? '');
  const whom = change === 'neo4j.user' ? `user "${next.neo4j.user}" at ${endpoint}` : endpoint;
  return `The ${changed} changed: enter the ${secret} for ${whom}`;
}
