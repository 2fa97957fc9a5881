/**
 * Which endpoint a stored secret belongs to. A secret is kept ("keep") only while the endpoint it
 * was stored for is unchanged; the core refuses otherwise, and the settings window asks for the
 * secret again. What "unchanged" means is each kind's `endpoint.identity` in the registry.
 * Browser-safe: no Node APIs.
 */
import { databaseKind, type DatabaseId, type DatabaseKind, type ExtraSecretField } from './databases.js';
import type { DatabaseSection } from './settings-schema.js';

/** One environment's database sections (absent kind = not monitored); a form's parsed text fits too. */
export type EndpointFields = Partial<Record<DatabaseId, DatabaseSection>>;

/** The settings path whose change separates a secret from its endpoint: `${kind}.${field}`, e.g. "neo4j.uri" or "neo4j.user". */
export type EndpointField = string;

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

/** A kind's endpoint in `fields`; null when the kind is absent or its endpoint not set. */
export function endpointIn(database: DatabaseId, fields: EndpointFields): string | null {
  return fields[database]?.[databaseKind(database).endpoint.key] ?? null;
}

/** "URL" of "Supabase URL", "user" of "Neo4j user": a field's name once the kind is already said. */
export function fieldWord(kind: DatabaseKind, label: string): string {
  const prefix = `${kind.label} `;
  return label.startsWith(prefix) ? label.slice(prefix.length) : label;
}

/** Ports URL leaves out because they are its scheme's default. */
const SCHEME_PORTS: Record<string, string> = { 'https:': '443', 'http:': '80' };

/**
 * "origin": scheme, host and port (URL drops a scheme's default port, so the scheme stands for it).
 * "hostPort": host and port only (e.g. neo4j/bolt and +s/+ssc may change: same server, other routing
 * or encryption). Text that is not a URL is itself, marked so it never equals a URL's identity.
 */
function identity(kind: DatabaseKind, endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return `not a URL: ${endpoint.trim()}`;
  }
  // Non-http schemes keep the host's case; DNS does not care.
  const host = url.hostname.toLowerCase();
  if (kind.endpoint.identity === 'origin') return `${url.protocol}//${host}:${url.port}`;
  return `${host}:${url.port || SCHEME_PORTS[url.protocol] || kind.endpoint.defaultPort}`;
}

/**
 * The field that moved a database's endpoint away from the one its secret was stored for, or
 * null when a kept secret may be used: the endpoint is the same, or `next` sets none (nothing
 * would be sent). An endpoint that is not a URL matches only the very same text. The endpoint is
 * named first; then the first option that binds the secret (e.g. the Neo4j user) that changed.
 */
export function endpointChange(database: DatabaseId, stored: EndpointFields, next: EndpointFields): EndpointField | null {
  const kind = databaseKind(database);
  const before = endpointIn(database, stored);
  const after = endpointIn(database, next);
  if (after === null) return null;
  const field = `${kind.id}.${kind.endpoint.key}`;
  if (before === null || identity(kind, before) !== identity(kind, after)) return field;
  // Both sections are there: each has an endpoint.
  const [was, will] = [stored[database]!, next[database]!];
  const moved = kind.options.find((o) => o.bindsSecret && (was[o.key] ?? null) !== (will[o.key] ?? null));
  return moved ? `${kind.id}.${moved.key}` : null;
}

/** Where an extra secret goes under `fields`: its option's URL, or the registry's URL while that is empty. */
export function extraSecretUrl(database: DatabaseId, extra: ExtraSecretField, fields: EndpointFields): string {
  return fields[database]?.[extra.sentTo.option] ?? extra.sentTo.whenEmpty;
}

/**
 * Whether an extra secret (registry `extraSecrets`) would now go to another origin than the one it
 * was stored for. Nothing is sent while `next` does not monitor the kind.
 */
export function extraSecretMoved(database: DatabaseId, extra: ExtraSecretField, stored: EndpointFields, next: EndpointFields): boolean {
  if (!next[database]) return false;
  const origin = (url: string) => {
    try {
      return new URL(url).origin;
    } catch {
      return `not a URL: ${url.trim()}`;
    }
  };
  return origin(extraSecretUrl(database, extra, stored)) !== origin(extraSecretUrl(database, extra, next));
}

/** The label of the option an extra secret's URL comes from, e.g. "Supabase Management API URL". */
export function extraSecretOptionLabel(database: DatabaseId, extra: ExtraSecretField): string {
  return databaseKind(database).options.find((o) => o.key === extra.sentTo.option)?.label ?? extra.sentTo.option;
}

/** e.g. "The Supabase Management API URL changed: enter the Supabase access token for http://127.0.0.1:9999". */
export function extraSecretChangeMessage(database: DatabaseId, extra: ExtraSecretField, next: EndpointFields): string {
  const target = publicTarget(extraSecretUrl(database, extra, next));
  return `The ${extraSecretOptionLabel(database, extra)} changed: enter the ${databaseKind(database).label} ${extra.label} for ${target}`;
}

/** The kind and field a change names; the field is the endpoint or an option. */
function changed(change: EndpointField): { kind: DatabaseKind; key: string; label: string; isEndpoint: boolean } {
  const dot = change.indexOf('.');
  const kind = databaseKind(change.slice(0, dot));
  const key = change.slice(dot + 1);
  const field = [kind.endpoint, ...kind.options].find((f) => f.key === key);
  if (!field) throw new RangeError(`Unknown settings field "${change}"`);
  return { kind, key, label: field.label, isEndpoint: field === kind.endpoint };
}

/**
 * Whom a secret goes to under `fields` after `change`: `target` (the endpoint as shown), or, when an
 * option that binds the secret changed, e.g. 'user "graph" at bolt://h:7687'.
 */
export function secretDestination(change: EndpointField, fields: EndpointFields, target: string): string {
  const { kind, key, label, isEndpoint } = changed(change);
  return isEndpoint ? target : `${fieldWord(kind, label)} "${fields[kind.id]?.[key] ?? ''}" at ${target}`;
}

/** What the operator must do after `change`, e.g. "The Neo4j URI changed: enter the password for bolt://new-host:7687". */
export function endpointChangeMessage(change: EndpointField, next: EndpointFields): string {
  const { kind, label } = changed(change);
  const target = publicTarget(endpointIn(kind.id, next) ?? '');
  return `The ${label} changed: enter the ${kind.secret.label} for ${secretDestination(change, next, target)}`;
}
