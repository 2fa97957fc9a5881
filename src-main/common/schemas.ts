/**
 * Every value that crosses a process boundary (IPC, WebSocket, HTTP, settings file)
 * is declared here once as a zod schema; TypeScript types are inferred from them.
 * Browser-safe: imports nothing but zod.
 */
import * as z from 'zod';
import { AttentionSchema } from './attention.js';
import { DATABASE_KINDS, FAILURE_KINDS, type DatabaseId, type FailureKind } from './databases.js';

export type { DatabaseId, FailureKind };
/** Built from the registry (./databases.ts) when this module loads. */
const DATABASE_IDS = DATABASE_KINDS.map((k) => k.id) as [DatabaseId, ...DatabaseId[]];
export const DatabaseIdSchema = z.enum(DATABASE_IDS, {
  // zod's own words ("Invalid option: expected one of …") reach the CLI and the windows.
  error: (issue) => `${JSON.stringify(issue.input)} is not a database WallTrack monitors; use one of ${DATABASE_IDS.join(', ')}`,
});
export const FailureKindSchema = z.enum(FAILURE_KINDS);
/**
 * A kind's id as shown in views (snapshot, history): any slug, not only the kinds this bundle knows,
 * so a window built before a kind was added still lists it by the label the host sends.
 */
export const ShownDatabaseIdSchema = z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/);

/** An environment's id: a slug used in keychain accounts, URLs (?env=) and WALLTRACK_<ENV>_ variables. */
export const EnvironmentIdSchema = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/, 'Environment id must be 1–32 lowercase letters, digits or "-", e.g. production or eu-staging');
export type EnvironmentId = z.infer<typeof EnvironmentIdSchema>;

/**
 * State of one database as the monitor sees it.
 * unknown = not checked yet; retrying = failed, retries with backoff still pending;
 * recovering = was down and answers again, but not yet for the monitor's `recoverySuccesses` checks in a row.
 */
export const DatabaseStateSchema = z.enum([
  'unknown',
  'not_configured',
  'healthy',
  'degraded',
  'retrying',
  'down',
  'recovering',
]);
export type DatabaseState = z.infer<typeof DatabaseStateSchema>;

/** The one place that decides it: a slow answer (degraded) is still an answer. */
export function isHealthyState(state: DatabaseState): boolean {
  return state === 'healthy' || state === 'degraded';
}

export const ServerInfoSchema = z.object({
  agent: z.string().optional(),
  version: z.string().optional(),
  /** e.g. Neo4j's "community" or "enterprise". */
  edition: z.string().max(64).optional(),
  address: z.string().optional(),
});

/** One part of a database with a status of its own: a Supabase service, a Neo4j database on the server. */
export const DetailPartSchema = z.object({
  name: z.string().max(64),
  /** As the service says it, e.g. "ACTIVE_HEALTHY", "UNHEALTHY", "online", "offline". */
  status: z.string().max(64),
  ok: z.boolean(),
  /** Why it is not ok, when the service says (e.g. Neo4j's statusMessage). */
  message: z.string().max(240).optional(),
});
export type DetailPart = z.infer<typeof DetailPartSchema>;

/**
 * What a slower, deeper check found (Supabase's Management API, Neo4j's SHOW DATABASES). Informative:
 * only a probe decides the database's state; `problem` (e.g. HTTP 401/403/429 from the API) never does.
 */
export const DatabaseDetailsSchema = z.object({
  /** The whole as the service names it, e.g. a Supabase project's "ACTIVE_HEALTHY" or "INACTIVE". */
  status: z.string().max(64).optional(),
  parts: z.array(DetailPartSchema).max(64),
  /** Why the deeper check could not be made this time, e.g. "HTTP 429: rate limited". */
  problem: z.string().max(240).optional(),
  checkedAt: z.iso.datetime(),
});
export type DatabaseDetails = z.infer<typeof DatabaseDetailsSchema>;

/** One check of one database. Probes produce healthy | down | not_configured; the monitor relabels degraded/retrying. */
export const ProbeResultSchema = z.object({
  database: DatabaseIdSchema,
  healthy: z.boolean(),
  state: DatabaseStateSchema,
  latencyMs: z.number().nonnegative().nullable(),
  kind: FailureKindSchema.optional(),
  message: z.string().optional(),
  hint: z.string().optional(),
  /** Which registry hint `hint` is (common/hints.ts), so each host can say it in its own words. */
  hintKey: z.string().max(64).optional(),
  server: ServerInfoSchema.optional(),
  details: DatabaseDetailsSchema.optional(),
  checkedAt: z.iso.datetime(),
});
export type ProbeResult = z.infer<typeof ProbeResultSchema>;

export const DatabaseStatusSchema = z.object({
  /** The kind's id and label from the registry, so every window can show a kind it was not built with. */
  database: ShownDatabaseIdSchema,
  label: z.string(),
  status: DatabaseStateSchema,
  healthy: z.boolean(),
  /** Non-secret description of what is checked, e.g. "bolt://127.0.0.1:7687". */
  target: z.string().nullable(),
  latencyMs: z.number().nonnegative().nullable(),
  kind: FailureKindSchema.optional(),
  message: z.string().optional(),
  hint: z.string().optional(),
  /** Which registry hint `hint` is (common/hints.ts), so each host can say it in its own words. */
  hintKey: z.string().max(64).optional(),
  server: ServerInfoSchema.optional(),
  /** From the last deeper check, when the kind makes one (see DatabaseDetailsSchema). */
  details: DatabaseDetailsSchema.optional(),
  checkedAt: z.iso.datetime().nullable(),
  /** When the database entered its current state, from the durable history where it knows; null before the first check. */
  since: z.iso.datetime().nullable(),
  consecutiveFailures: z.number().int().nonnegative(),
  /** While recovering: the successes in a row so far and how many the monitor needs (its `recoverySuccesses`). */
  recovery: z.object({ successes: z.number().int().nonnegative(), needed: z.number().int().positive() }).optional(),
  /** Latency percentiles over the last checks kept in memory (uptime over stated periods is in the HistoryView). */
  p50Ms: z.number().nonnegative().nullable(),
  p95Ms: z.number().nonnegative().nullable(),
  /** Acknowledged, muted or in maintenance (see ./attention.ts, which decides what that changes); absent = none. */
  attention: AttentionSchema.optional(),
});
export type DatabaseStatus = z.infer<typeof DatabaseStatusSchema>;

/**
 * The original service's /api/health response, extended.
 * Precedence: down > degraded > unconfigured > unknown > ok, so "ok" means every database is healthy.
 */
export const OverallStatusSchema = z.enum(['ok', 'degraded', 'down', 'unconfigured', 'unknown']);
export type OverallStatus = z.infer<typeof OverallStatusSchema>;

/** null = running; `until` null = paused until resumed. */
export const PausedSchema = z.object({ until: z.iso.datetime().nullable() }).nullable();

/** One environment: its databases in registry order (a kind the environment does not configure is absent). */
export const EnvironmentStatusSchema = z.object({
  id: EnvironmentIdSchema,
  name: z.string(),
  colour: z.string().nullable(),
  status: OverallStatusSchema,
  paused: PausedSchema,
  databases: z.record(ShownDatabaseIdSchema, DatabaseStatusSchema),
});
export type EnvironmentStatus = z.infer<typeof EnvironmentStatusSchema>;

/** A database went down (opened) and came back (closed). */
export const IncidentSchema = z.object({
  id: z.number().int().positive(),
  environment: EnvironmentIdSchema,
  database: ShownDatabaseIdSchema,
  /** Public form of the endpoint, never a secret. */
  endpoint: z.string(),
  startedAt: z.iso.datetime(),
  /** null while still open. */
  endedAt: z.iso.datetime().nullable(),
  durationMs: z.number().int().nonnegative().nullable(),
  kind: FailureKindSchema.optional(),
  message: z.string().max(1_000).optional(),
  hint: z.string().max(1_000).optional(),
});
export type Incident = z.infer<typeof IncidentSchema>;

/**
 * This computer's own connectivity: offline when the host says so or every target failed at once with a
 * network-level kind (no DNS, no route). Databases keep their own states; windows and the tray show it once.
 */
export const ConnectivitySchema = z.object({
  online: z.boolean(),
  /** When the computer was first seen offline; null while online. */
  since: z.iso.datetime().nullable(),
});
export type Connectivity = z.infer<typeof ConnectivitySchema>;

export const SnapshotSchema = z.object({
  /** The worst of all environments. */
  status: OverallStatusSchema,
  version: z.string(),
  checkedAt: z.iso.datetime(),
  /** Non-null only when every environment is paused; `until` = the latest resume (null if any waits for resume()). */
  paused: PausedSchema,
  /**
   * A database's last result older than this (2 × interval + timeout) is stale: the viewer shows it as such,
   * since nothing pushes a snapshot when checks stop happening.
   */
  staleAfterMs: z.number().int().positive(),
  /** The newest incident of any environment (open or closed), for the tray's one-line summary; null if none. */
  lastIncident: IncidentSchema.nullable(),
  /** In the settings' order. */
  environments: z.array(EnvironmentStatusSchema),
  /** Absent from hosts that predate it: read as online. */
  connectivity: ConnectivitySchema.optional(),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;
