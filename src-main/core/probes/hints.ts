/** What an operator should do next, per database and failure kind: the registry's hints, with {at} filled in. */
import { databaseKind, supabaseKind } from '../../common/databases.js';
import type { DatabaseId, FailureKind } from '../../common/schemas.js';

/** Ports URL leaves out because they are its scheme's default. */
const SCHEME_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

/** host:port of the target; the scheme's default port, else the kind's, when the URL names none. */
function hostPort(target: string | null, defaultPort: string | undefined): string {
  if (!target) return 'the configured host';
  try {
    const u = new URL(target);
    const port = u.port || SCHEME_PORTS[u.protocol] || defaultPort;
    return port ? `${u.hostname}:${port}` : u.hostname;
  } catch {
    return target;
  }
}

/** For answers only something other than the project URL gives: a redirect, an oversized body. */
export const SUPABASE_PROJECT_URL_HINT = `${supabaseKind.endpoint.envVar} must be the project URL itself, e.g. ${supabaseKind.endpoint.example}`;

export function hintFor(database: DatabaseId, kind: FailureKind, target: string | null): string {
  const entry = databaseKind(database);
  return entry.hints[kind].replaceAll('{at}', hostPort(target, entry.endpoint.defaultPort));
}
