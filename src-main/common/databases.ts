/**
 * The registry of database kinds: everything the app knows about a kind of database lives in its
 * entry here (labels, settings fields, .env variable names, keychain account, hints). Settings schema,
 * env-var config, .env import, keychain accounts, tray, status cards, settings form and CLI table all
 * read it; core picks the probe for a kind from core/probes/probeFactories.ts.
 * A new kind is one entry here plus one probe. Browser-safe: imports nothing but zod and endpointUrl.
 */
import * as z from 'zod';
import { authorityProblem, originOnlyProblem, splitEndpoint, type AuthorityProblem, type OriginOnlyProblem } from './endpointUrl.js';

/** Why a check failed; drives the operator hint. */
export const FAILURE_KINDS = [
  'not_configured',
  'invalid_config',
  'dns',
  /** No route to the host (ENETUNREACH, EHOSTUNREACH, ENETDOWN): this computer's network, not the server. */
  'no_route',
  'refused',
  'tls',
  'timeout',
  'reset',
  'auth_failed',
  'server_error',
  /** Supabase's gateway: the project is paused (HTTP 540). */
  'paused',
  /** A CDN in front answered that the origin behind it did not (HTTP 522). */
  'unreachable_origin',
  /** The server answers, but the configured database on it is not online (Neo4j SHOW DATABASES). */
  'database_offline',
  'unknown',
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** A text field of a kind's settings section. Values are strings; empty means "not set" (null) unless `required`. */
export interface TextField {
  /** Key in the settings section, e.g. "url". */
  key: string;
  /** Shown in forms and tables, e.g. "Supabase URL". */
  label: string;
  /** The original service's variable name, e.g. "SUPABASE_URL". */
  envVar: string;
  example: string;
  /** Validates and normalizes the trimmed text; returns a message saying how to fix it, or the value to store. */
  schema: z.ZodType<string | null, string | null | undefined>;
  /** Default when the section is created empty. */
  default: string | null;
}

export interface SecretField {
  /** Name in secret edits and presence maps, e.g. "supabaseKey". */
  name: string;
  /** e.g. "API key" ("Supabase API key" in full). */
  label: string;
  envVar: string;
  /** Keychain account suffix; the account is `${environmentId}/${account}`. */
  account: string;
}

export interface ExtraSecretField extends SecretField {
  /** The option holding the URL the secret is sent to, and the URL used while that option is empty. */
  sentTo: { option: string; whenEmpty: string };
}

export interface DatabaseKind {
  id: string;
  label: string;
  /** What the secret is sent to. `identity` decides when the endpoint "moved" so a stored secret may not follow. */
  endpoint: TextField & {
    /** "origin" = scheme + host + port; "hostPort" = host + port only (scheme variants reach the same server). */
    identity: 'origin' | 'hostPort';
    /** Port assumed when the URL gives none and its scheme has no default URL knows. */
    defaultPort?: string;
  };
  secret: SecretField;
  /**
   * Optional further secrets, each sent only to the URL in the option named by `sentTo` (with its
   * `default` when empty): changing that option separates the secret from it, as the endpoint does
   * for `secret`. The kind is configured without them; they unlock deeper checks.
   */
  extraSecrets?: readonly ExtraSecretField[];
  /**
   * Other settings; `bindsSecret` ones also separate a secret from its endpoint when changed (e.g. the
   * Neo4j user). `whenSet` ones are absent from a section (and its file) while empty: settings added
   * later for a deeper check, so sections written before them read the same.
   */
  options: (TextField & { bindsSecret?: boolean; whenSet?: boolean })[];
  /**
   * What an operator should do next, per failure kind. `{at}` becomes host:port of the target; a
   * field in braces (`{uri}`, `{user,neo4jPassword}`, `{secret}`, `{endpoint}`, `{timeout}`) becomes
   * where the host at hand sets it (common/hints.ts), so no hint names a variable or a window itself.
   */
  hints: Record<FailureKind, string>;
  /** Further hints a probe may pick by name for a more precise case (same tokens). */
  hintVariants?: Record<string, string>;
  /** What a failure means for this kind, in the words an operator uses; others read "<label>: <summary>". */
  headlines?: Partial<Record<FailureKind, string>>;
}

const NEO4J_SCHEMES = ['neo4j', 'neo4j+s', 'neo4j+ssc', 'bolt', 'bolt+s', 'bolt+ssc'];

/** Each says how to fix it and none quotes the value: a query, fragment or userinfo may hold a key. */
const SUPABASE_URL_PROBLEMS: Record<'scheme' | AuthorityProblem | OriginOnlyProblem, string> = {
  scheme: 'Supabase URL must start with https:// (or http:// for a local stack), e.g. https://abcd.supabase.co',
  credentials: 'Supabase URL must not contain credentials ("user:password@"); the API key belongs in SUPABASE_KEY (the Supabase API key field)',
  query:
    'Supabase URL must not have a query string ("?…"); the API key belongs in SUPABASE_KEY (the Supabase API key field), and the URL is the project URL alone, e.g. https://abcd.supabase.co',
  fragment: 'Supabase URL must not have a fragment ("#…"); use the project URL alone, e.g. https://abcd.supabase.co',
  path: 'Supabase URL must not have a path (such as /rest/v1); use the project URL alone, e.g. https://abcd.supabase.co',
  noHost: 'Supabase URL must name a host, e.g. https://abcd.supabase.co',
  host: 'Supabase URL host must be a valid host name or IP address, e.g. https://abcd.supabase.co',
  ipv6: 'Supabase URL must be scheme://host[:port], with an IPv6 address in brackets, e.g. http://[::1]:54321',
  port: 'Supabase URL port must be a whole number from 1 to 65535, e.g. http://127.0.0.1:54321',
};

const NEO4J_URI_PROBLEMS: Record<'scheme' | AuthorityProblem, string> = {
  scheme: `Neo4j URI must use one of ${NEO4J_SCHEMES.map((s) => s + '://').join(', ')}, e.g. neo4j://localhost:7687`,
  credentials:
    'Neo4j URI must not contain credentials ("user:password@"); put the user in NEO4J_USER (the Neo4j user field) and the password in NEO4J_PASSWORD (the Neo4j password field)',
  noHost: 'Neo4j URI must name a host, e.g. neo4j://localhost:7687',
  host: 'Neo4j URI host must be a valid host name or IP address, e.g. neo4j://localhost:7687',
  ipv6: 'Neo4j URI must be scheme://host[:port], with an IPv6 address in brackets, e.g. bolt://[::1]:7687',
  port: 'Neo4j URI port must be a whole number from 1 to 65535, e.g. neo4j://localhost:7687',
};

/** A trimmed endpoint URL; empty means "not set" (null). */
export function endpointUrl<P extends string>(problemOf: (value: string) => P | null, messages: Record<P, string>, normalize = (s: string) => s) {
  return z
    .string()
    .trim()
    .superRefine((s, ctx) => {
      const problem = s === '' ? null : problemOf(s);
      if (problem) ctx.addIssue({ code: 'custom', message: messages[problem] });
    })
    .transform((s) => (s === '' ? null : normalize(s)))
    .nullable()
    .default(null);
}

/** Optional text matching `pattern`; empty means "not set" (null). */
export function optionalName(pattern: RegExp, message: string) {
  return z
    .string()
    .trim()
    .transform((s) => (s === '' ? null : s))
    .nullable()
    // Stryker disable next-line ConditionalExpression: null would pass the pattern as the text "null" as well
    .refine((s) => s === null || pattern.test(s), { message })
    .default(null);
}

/** Supabase's Management API, where the access token goes unless SUPABASE_MANAGEMENT_API_URL says otherwise. */
export const SUPABASE_MANAGEMENT_API = 'https://api.supabase.com';

const MANAGEMENT_URL_PROBLEM =
  'Supabase Management API URL must be an origin such as https://api.supabase.com (scheme, host and port only: no path, query or credentials), or empty for that one';

export const supabaseKind = {
  id: 'supabase',
  label: 'Supabase',
  endpoint: {
    key: 'url',
    label: 'Supabase URL',
    envVar: 'SUPABASE_URL',
    example: 'https://abcd.supabase.co',
    identity: 'origin',
    default: null,
    schema: endpointUrl(
      (s) => {
        const parts = splitEndpoint(s, ['http', 'https']);
        return parts ? (authorityProblem(parts.authority) ?? originOnlyProblem(parts.rest)) : 'scheme';
      },
      SUPABASE_URL_PROBLEMS,
      (s) => s.replace(/\/$/, ''),
    ),
  },
  secret: { name: 'supabaseKey', label: 'API key', envVar: 'SUPABASE_KEY', account: 'supabase-api-key' },
  extraSecrets: [
    // A personal access token (sbp_…): it reads every project of its user, so it goes to the Management API only.
    {
      name: 'supabaseAccessToken',
      label: 'access token',
      envVar: 'SUPABASE_ACCESS_TOKEN',
      account: 'supabase-access-token',
      sentTo: { option: 'managementApiUrl', whenEmpty: SUPABASE_MANAGEMENT_API },
    },
  ],
  options: [
    {
      key: 'probeTable',
      label: 'Probe table',
      envVar: 'SUPABASE_PROBE_TABLE',
      example: 'wallets',
      default: null,
      schema: optionalName(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'Probe table must be a plain table name (letters, digits, underscore), e.g. wallets'),
    },
    {
      key: 'projectRef',
      label: 'Supabase project ref',
      envVar: 'SUPABASE_PROJECT_REF',
      example: 'abcdefghijklmnopqrst',
      default: null,
      whenSet: true,
      schema: optionalName(/^[a-z]{20}$/, 'Supabase project ref must be the 20 lowercase letters of https://<ref>.supabase.co, or empty to take it from the Supabase URL'),
    },
    {
      key: 'managementApiUrl',
      label: 'Supabase Management API URL',
      envVar: 'SUPABASE_MANAGEMENT_API_URL',
      example: SUPABASE_MANAGEMENT_API,
      default: null,
      whenSet: true,
      schema: endpointUrl(
        (s) => {
          const parts = splitEndpoint(s, ['http', 'https']);
          return parts ? (authorityProblem(parts.authority) ?? originOnlyProblem(parts.rest)) : 'scheme';
        },
        Object.fromEntries(Object.keys(SUPABASE_URL_PROBLEMS).map((problem) => [problem, MANAGEMENT_URL_PROBLEM])) as typeof SUPABASE_URL_PROBLEMS,
        (s) => s.replace(/\/$/, ''),
      ),
    },
  ],
  hints: {
    not_configured: 'Set {url,supabaseKey} (or import a .env file)',
    invalid_config: 'Check {url} (e.g. https://abcd.supabase.co) and {probeTable}',
    dns: 'Cannot resolve {at}: check {url} and your network or DNS',
    no_route: "No route to {at}: check this computer's network connection, VPN or firewall",
    refused: 'Nothing is listening on {at}: check {url}, or start the local Supabase stack',
    tls: 'TLS to {at} failed: check the certificate (or a proxy intercepting HTTPS); use http:// only for a local stack',
    timeout: 'Supabase at {at} did not answer in time: check the network, firewall or VPN, or raise {timeout}',
    reset: 'The connection to {at} was cut before the answer was complete: check proxies, firewalls or a VPN on the way to Supabase',
    auth_failed: 'Check {supabaseKey} (anon, service_role or sb_ key)',
    server_error: 'Supabase answered with a server error: check the project status in the Supabase dashboard and its database',
    paused: 'The Supabase project is paused: restore it from the dashboard (Project settings → General), then wait until it is healthy again',
    unreachable_origin:
      "Supabase's edge at {at} could not reach the project (HTTP 522): check status.supabase.com and the project's health in the dashboard; restart the project if it stays",
    database_offline: "A Supabase service is down: check the project's health in the Supabase dashboard",
    unknown: 'Check {url} and the network path to Supabase',
  },
  hintVariants: {
    /** Answers only something other than the project URL gives: a redirect, an oversized body. */
    not_project_url: '{url} must be the project URL itself, e.g. https://abcd.supabase.co',
  },
  headlines: {
    auth_failed: 'Supabase rejected the API key',
    refused: 'Nothing answers at the Supabase URL',
    dns: 'The Supabase host name cannot be resolved',
    paused: 'The Supabase project is paused',
  },
} as const satisfies DatabaseKind;

export const neo4jKind = {
  id: 'neo4j',
  label: 'Neo4j',
  endpoint: {
    key: 'uri',
    label: 'Neo4j URI',
    envVar: 'NEO4J_URI',
    example: 'neo4j://localhost:7687',
    identity: 'hostPort',
    // URL knows no default port for neo4j:// or bolt://.
    defaultPort: '7687',
    default: null,
    schema: endpointUrl((s) => {
      const parts = splitEndpoint(s, NEO4J_SCHEMES);
      // Anything after host[:port] is the driver's business (e.g. a routing context "?policy=…").
      return parts ? authorityProblem(parts.authority) : 'scheme';
    }, NEO4J_URI_PROBLEMS),
  },
  secret: { name: 'neo4jPassword', label: 'password', envVar: 'NEO4J_PASSWORD', account: 'neo4j-password' },
  options: [
    {
      key: 'user',
      label: 'Neo4j user',
      envVar: 'NEO4J_USER',
      example: 'neo4j',
      default: 'neo4j',
      bindsSecret: true,
      schema: z.string().trim().min(1, 'Neo4j user must not be empty (usually "neo4j")').default('neo4j'),
    },
    {
      key: 'database',
      label: 'Neo4j database',
      envVar: 'NEO4J_DATABASE',
      example: 'neo4j',
      default: null,
      schema: optionalName(/^[A-Za-z][A-Za-z0-9.-]{0,62}$/, 'Neo4j database must be a database name such as neo4j, or empty for the server default'),
    },
  ],
  hints: {
    not_configured: 'Set {uri,user,neo4jPassword} (or import a .env file)',
    invalid_config: 'Check {uri} (e.g. neo4j://localhost:7687) and {database}',
    dns: 'Cannot resolve {at}: check the host in {uri} and your network or DNS',
    no_route: "No route to {at}: check this computer's network connection, VPN or firewall",
    refused: 'Is Neo4j running on {at}? Start it, or correct {uri}',
    tls: 'Check encryption: neo4j+s:// or bolt+s:// need a trusted certificate, +ssc accepts a self-signed one, neo4j:// and bolt:// are unencrypted',
    timeout: 'Neo4j at {at} did not answer in time: check the server load, firewall or VPN, or raise {timeout}',
    reset: 'The connection to {at} was cut mid-conversation: check proxies, firewalls or a VPN on the way to Neo4j, and the Neo4j log',
    auth_failed: 'Check {user,neo4jPassword}',
    server_error: 'Neo4j at {at} accepted the connection but failed: check the server log and that the database is online',
    paused: 'Neo4j at {at} is paused: resume it (Aura console) or start the server',
    unreachable_origin: 'A proxy in front of Neo4j at {at} could not reach the server: check the proxy and the server',
    database_offline:
      'The database set in {database} (or the default one) on {at} is not online: run START DATABASE <name> on system as an admin, or check the Neo4j log for why it stopped',
    unknown: 'Check {uri} and the network path to the server',
  },
  headlines: {
    auth_failed: 'Neo4j rejected the user name or password',
    refused: 'Neo4j is not running, or not at this address',
    dns: 'The Neo4j host name cannot be resolved',
    database_offline: 'The Neo4j database is not online',
  },
} as const satisfies DatabaseKind;

/** In display order. Tests may extend this list (vi.mock) to prove a new kind needs nothing else. */
export const DATABASE_KINDS: readonly DatabaseKind[] = [supabaseKind, neo4jKind];

export type DatabaseId = string;
export type SecretName = string;

export function databaseKind(id: DatabaseId): DatabaseKind {
  const kind = DATABASE_KINDS.find((k) => k.id === id);
  if (!kind) throw new RangeError(`Unknown database kind "${id}" (known: ${DATABASE_KINDS.map((k) => k.id).join(', ')})`);
  return kind;
}

export const databaseIds = (): DatabaseId[] => DATABASE_KINDS.map((k) => k.id);
/** A kind's secrets: its own, then its extra ones. */
export const kindSecrets = (kind: DatabaseKind): readonly SecretField[] => [kind.secret, ...(kind.extraSecrets ?? [])];
export const secretNames = (): SecretName[] => DATABASE_KINDS.flatMap((k) => kindSecrets(k).map((s) => s.name));
export const kindOfSecret = (name: SecretName): DatabaseKind | undefined => DATABASE_KINDS.find((k) => kindSecrets(k).some((s) => s.name === name));
/** The registry entry of a secret, by its name. */
export const secretField = (name: SecretName): SecretField | undefined =>
  DATABASE_KINDS.flatMap((k) => kindSecrets(k)).find((s) => s.name === name);
/** The extra secret of that name, when it is one. */
export const extraSecret = (name: SecretName): ExtraSecretField | undefined =>
  DATABASE_KINDS.flatMap((k) => k.extraSecrets ?? []).find((s) => s.name === name);

/** "Supabase API key", "Neo4j password". */
export const secretLabel = (kind: DatabaseKind): string => `${kind.label} ${kind.secret.label}`;

/** The zod schema of one kind's settings section, built from its fields. */
export function kindSettingsSchema(kind: DatabaseKind) {
  const shape: Record<string, z.ZodType> = { [kind.endpoint.key]: kind.endpoint.schema };
  for (const option of kind.options) shape[option.key] = option.whenSet ? option.schema.transform((v) => v ?? undefined) : option.schema;
  return z.object(shape) as unknown as z.ZodType<Record<string, string | null>, Record<string, string | null | undefined>>;
}

/** A section with every field at its default ("present but not configured"). */
export function emptySection(kind: DatabaseKind): Record<string, string | null> {
  const section: Record<string, string | null> = { [kind.endpoint.key]: kind.endpoint.default };
  for (const option of kind.options) if (!option.whenSet) section[option.key] = option.default;
  return section;
}
