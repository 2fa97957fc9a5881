/**
 * One function turns the registry's hints into a sentence for the host that shows it. A hint names
 * what to fix as tokens (`{uri}`, `{user,neo4jPassword}`, `{timeout}`, `{at}`); each host says where
 * that is: the windows "Settings → Neo4j → Password", the CLI configured by variables
 * "NEO4J_PASSWORD", with --config "WALLTRACK_PRODUCTION_NEO4J_PASSWORD", with saved settings "the
 * Neo4j password in the app's Settings". Browser-safe: the windows call it too.
 */
import { databaseIds, databaseKind, kindSecrets, type DatabaseKind, type FailureKind } from './databases.js';
import type { DatabaseState, DatabaseStatus } from './schemas.js';
import { STATE_MARKS, STATE_SHORT_WORDS, STATE_WORDS } from './stateWords.js';

export type HintHost =
  | { kind: 'window' }
  | { kind: 'variables' }
  /** `secretVariable` names the variable a secret of this environment comes from (the CLI's rule). */
  | { kind: 'configFile'; environment: string; secretVariable: (secretEnvVar: string) => string }
  | { kind: 'savedSettings' };

export const WINDOW_HOST: HintHost = { kind: 'window' };

/**
 * Which hint a result carries, beside the kind's one per failure: the configuration gaps every kind
 * has, and the registry's `hintVariants` (e.g. Supabase's "not the project URL").
 */
export const CONFIG_GAP_HINTS = {
  secret_missing: 'Enter {secret}, or import a .env file that has it',
  endpoint_missing: 'Enter {endpoint}',
} as const;
export type HintKey = FailureKind | keyof typeof CONFIG_GAP_HINTS | string;

/** The monitor settings a hint may name, as each host calls them. */
const MONITOR_FIELDS: Record<string, { window: string; variable: string; file: string; words: string }> = {
  timeout: { window: 'Settings → Checks → Timeout', variable: 'WALLTRACK_TIMEOUT_MS', file: '"timeoutMs" under "monitor" in the --config file', words: 'the timeout in the app\'s Settings' },
};

/** What a failure means, in a few words (the CLI's state column, a card's fallback headline). */
export const FAILURE_SUMMARY: Record<FailureKind, string> = {
  not_configured: 'not configured',
  invalid_config: 'invalid configuration',
  dns: 'host name could not be resolved',
  no_route: 'no route to the host',
  refused: 'connection refused',
  tls: 'TLS handshake failed',
  timeout: 'no answer in time',
  reset: 'connection reset',
  auth_failed: 'authentication failed',
  server_error: 'server error',
  paused: 'project paused',
  unreachable_origin: 'origin unreachable',
  database_offline: 'database offline',
  unknown: 'check failed',
};

/** "Neo4j rejected the user name or password": the kind's own headline, else "Neo4j: authentication failed". */
export function failureHeadline(database: string, failure: FailureKind): string {
  const kind = databaseKind(database);
  return kind.headlines?.[failure] ?? `${kind.label}: ${FAILURE_SUMMARY[failure]}`;
}

/**
 * A failing result's first line, for the card and the CLI: the failure's headline, else "Neo4j: not
 * configured" from the state (a kind this build does not know keeps its own label).
 */
export function problemHeadline(s: { database: string; label: string; status: DatabaseState; kind?: FailureKind | undefined }): string {
  if (s.kind && databaseIds().includes(s.database)) return failureHeadline(s.database, s.kind);
  return `${s.label}: ${s.kind ? FAILURE_SUMMARY[s.kind] : STATE_SHORT_WORDS[s.status]}`;
}

interface Field {
  /** As the settings form labels it within the kind's section, e.g. "Password". */
  short: string;
  envVar: string;
  key: string;
  secret: boolean;
}

function fieldOf(kind: DatabaseKind, token: string): Field | null {
  const secrets = kindSecrets(kind);
  const secret = token === 'secret' ? kind.secret : secrets.find((s) => s.name === token);
  if (secret) return { short: capital(secret.label), envVar: secret.envVar, key: secret.name, secret: true };
  const text = token === 'endpoint' ? kind.endpoint : [kind.endpoint, ...kind.options].find((f) => f.key === token);
  if (!text) return null;
  return { short: capital(text.label.startsWith(kind.label + ' ') ? text.label.slice(kind.label.length + 1) : text.label), envVar: text.envVar, key: text.key, secret: false };
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** "Password" → "password", but "URL" stays. */
const lower = (s: string) => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);
const and = (items: string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/** Where the fields are, for this host: "Settings → Neo4j → User and Password", "NEO4J_USER and NEO4J_PASSWORD", … */
function where(kind: DatabaseKind, fields: Field[], host: HintHost): string {
  switch (host.kind) {
    case 'window':
      return `Settings → ${kind.label} → ${and(fields.map((f) => f.short))}`;
    case 'variables':
      return and(fields.map((f) => f.envVar));
    case 'savedSettings':
      return `the ${kind.label} ${and(fields.map((f) => lower(f.short)))} in the app's Settings`;
    case 'configFile': {
      const secrets = fields.filter((f) => f.secret).map((f) => host.secretVariable(f.envVar));
      const settings = fields.filter((f) => !f.secret).map((f) => `"${f.key}"`);
      const inFile = settings.length ? [`${and(settings)} under "${kind.id}" of environment "${host.environment}" in the --config file`] : [];
      return and([...inFile, ...secrets]);
    }
  }
}

/** host:port of a target: the scheme's default port, else the kind's, when the URL names none. */
const SCHEME_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };
export function hostPort(target: string | null, defaultPort: string | undefined): string {
  if (!target) return 'the configured host';
  try {
    const u = new URL(target);
    const port = u.port || SCHEME_PORTS[u.protocol] || defaultPort;
    return port ? `${u.hostname}:${port}` : u.hostname;
  } catch {
    return target;
  }
}

/** The template a key names for this kind, or undefined for a key it does not know. */
function template(kind: DatabaseKind, key: HintKey): string | undefined {
  return (kind.hints as Record<string, string>)[key] ?? kind.hintVariants?.[key] ?? (CONFIG_GAP_HINTS as Record<string, string>)[key];
}

/** Whether `renderHint` knows `key` for this kind (a result without one carries its hint as text only). */
export const knowsHint = (database: string, key: HintKey): boolean => template(databaseKind(database), key) !== undefined;

/** The registry's hint `key` of `database`, for `host`, with `{at}` as host:port of `target`. */
export function renderHint(database: string, key: HintKey, target: string | null, host: HintHost): string {
  const kind = databaseKind(database);
  const text = template(kind, key);
  if (text === undefined) throw new RangeError(`No hint "${key}" for ${database}`);
  const sentence = text.replace(/\{([\w,]+)\}/g, (whole, names: string) => {
    if (names === 'at') return hostPort(target, kind.endpoint.defaultPort);
    const monitor = MONITOR_FIELDS[names];
    if (monitor) return { window: monitor.window, variables: monitor.variable, configFile: monitor.file, savedSettings: monitor.words }[host.kind];
    const fields = names.split(',').map((n) => fieldOf(kind, n));
    return fields.every((f) => f !== null) ? where(kind, fields as Field[], host) : whole;
  });
  return capital(sentence);
}

/**
 * The one button a failing card offers: Settings for what only the operator can change, a fresh check
 * for what may pass by itself; null where neither helps (TLS, a paused project, an unknown failure).
 */
export type FailureAction = 'openSettings' | 'checkNow';
export const FAILURE_ACTIONS: Record<FailureKind | keyof typeof CONFIG_GAP_HINTS, FailureAction | null> = {
  not_configured: 'openSettings',
  invalid_config: 'openSettings',
  auth_failed: 'openSettings',
  secret_missing: 'openSettings',
  endpoint_missing: 'openSettings',
  dns: 'checkNow',
  no_route: 'checkNow',
  refused: 'checkNow',
  timeout: 'checkNow',
  reset: 'checkNow',
  server_error: 'checkNow',
  unreachable_origin: 'checkNow',
  tls: null,
  paused: null,
  database_offline: null,
  unknown: null,
};

/** A card's action, and for Settings the field its hint names first (a secret's name or a text field's key), if any. */
export function failureAction(status: { database: string; kind?: FailureKind | undefined; hintKey?: string | undefined }): { action: FailureAction; field: string | null } | null {
  const gap = status.hintKey === 'secret_missing' || status.hintKey === 'endpoint_missing' ? status.hintKey : null;
  const action = FAILURE_ACTIONS[gap ?? status.kind ?? 'unknown'];
  if (action === null) return null;
  if (action === 'checkNow' || !databaseIds().includes(status.database)) return { action, field: null };
  const kind = databaseKind(status.database);
  const text = template(kind, gap ?? status.hintKey ?? status.kind ?? 'unknown') ?? '';
  const first = [...text.matchAll(/\{([\w,]+)\}/g)].flatMap((m) => m[1]!.split(',')).map((token) => fieldOf(kind, token)).find((f) => f !== null);
  return { action, field: first?.key ?? null };
}

/** What to do, in the host's words when the hint is the registry's (else the text the result carries). */
export function hintText(s: Pick<DatabaseStatus, 'database' | 'hint' | 'hintKey' | 'target'>, host: HintHost): string | undefined {
  return s.hintKey && knowsHint(s.database, s.hintKey) ? renderHint(s.database, s.hintKey, s.target, host) : s.hint;
}

/** "✕ Down — connection refused", "– Not configured", "✓ Healthy" (the CLI's and the diagnostics report's). */
export function stateText(s: Pick<DatabaseStatus, 'status' | 'kind'>): string {
  const why = s.kind && s.kind !== 'not_configured' && (s.status === 'down' || s.status === 'retrying') ? ` — ${FAILURE_SUMMARY[s.kind]}` : '';
  return `${STATE_MARKS[s.status]} ${STATE_WORDS[s.status]}${why}`;
}
