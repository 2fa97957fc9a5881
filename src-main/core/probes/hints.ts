/** What an operator should do next, per database and failure kind. Names the settings by their .env names. */
import type { DatabaseId, FailureKind } from '../../common/schemas.js';

function hostPort(target: string | null, defaultPort: string): string {
  if (!target) return 'the configured host';
  try {
    const u = new URL(target);
    return `${u.hostname}:${u.port || defaultPort}`;
  } catch {
    return target;
  }
}

/** For answers only something other than the project URL gives: a redirect, an oversized body. */
export const SUPABASE_PROJECT_URL_HINT = 'SUPABASE_URL must be the project URL itself, e.g. https://abcd.supabase.co';

export function hintFor(database: DatabaseId, kind: FailureKind, target: string | null): string {
  return database === 'neo4j' ? neo4jHint(kind, target) : supabaseHint(kind, target);
}

function neo4jHint(kind: FailureKind, target: string | null): string {
  const at = hostPort(target, '7687');
  switch (kind) {
    case 'not_configured':
      return 'Set NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD in Settings (or import a .env file)';
    case 'invalid_config':
      return 'Check NEO4J_URI (e.g. neo4j://localhost:7687) and NEO4J_DATABASE in Settings';
    case 'dns':
      return `Cannot resolve ${at}: check the host in NEO4J_URI and your network or DNS`;
    case 'refused':
      return `Is Neo4j running on ${at}? Start it, or correct NEO4J_URI in Settings`;
    case 'tls':
      return 'Check encryption: neo4j+s:// or bolt+s:// need a trusted certificate, +ssc accepts a self-signed one, neo4j:// and bolt:// are unencrypted';
    case 'timeout':
      return `Neo4j at ${at} did not answer in time: check the server load, firewall or VPN, or raise the timeout in Settings`;
    case 'reset':
      return `The connection to ${at} was cut mid-conversation: check proxies, firewalls or a VPN on the way to Neo4j, and the Neo4j log`;
    case 'auth_failed':
      return 'Check NEO4J_USER and NEO4J_PASSWORD in Settings';
    case 'server_error':
      return `Neo4j at ${at} accepted the connection but failed: check the server log and that the database is online`;
    case 'unknown':
      return 'Check NEO4J_URI in Settings and the network path to the server';
  }
}

function supabaseHint(kind: FailureKind, target: string | null): string {
  const at = hostPort(target, target?.startsWith('http://') ? '80' : '443');
  switch (kind) {
    case 'not_configured':
      return 'Set SUPABASE_URL and SUPABASE_KEY in Settings (or import a .env file)';
    case 'invalid_config':
      return 'Check SUPABASE_URL (e.g. https://abcd.supabase.co) and SUPABASE_PROBE_TABLE in Settings';
    case 'dns':
      return `Cannot resolve ${at}: check SUPABASE_URL in Settings and your network or DNS`;
    case 'refused':
      return `Nothing is listening on ${at}: check SUPABASE_URL in Settings, or start the local Supabase stack`;
    case 'tls':
      return `TLS to ${at} failed: check the certificate (or a proxy intercepting HTTPS); use http:// only for a local stack`;
    case 'timeout':
      return `Supabase at ${at} did not answer in time: check the network, firewall or VPN, or raise the timeout in Settings`;
    case 'reset':
      return `The connection to ${at} was cut before the answer was complete: check proxies, firewalls or a VPN on the way to Supabase`;
    case 'auth_failed':
      return 'Check SUPABASE_KEY (anon, service_role or sb_ key) in Settings';
    case 'server_error':
      return 'Supabase answered with a server error: check the project status in the Supabase dashboard and its database';
    case 'unknown':
      return 'Check SUPABASE_URL in Settings and the network path to Supabase';
  }
}
