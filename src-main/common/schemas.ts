/**
 * Every value that crosses a process boundary (IPC, WebSocket, HTTP, settings file)
 * is declared here once as a zod schema; TypeScript types are inferred from them.
 * Browser-safe: imports nothing but zod.
 */
import { z } from 'zod';
import { DATABASE_KINDS, FAILURE_KINDS, type DatabaseId, type FailureKind } from './databases.js';

export type { DatabaseId, FailureKind };
/** Built from the registry (./databases.ts) when this module loads. */
export const DatabaseIdSchema = z.enum(DATABASE_KINDS.map((k) => k.id) as [DatabaseId, ...DatabaseId[]]);
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
 * unknown = not checked yet; retrying = failed, retries with backoff still pending.
 */
export const DatabaseStateSchema = z.enum([
  'unknown',
  'not_configured',
  'healthy',
  'degraded',
  'retrying',
  'down',
]);
export type DatabaseState = z.infer<typeof DatabaseStateSchema>;

/** The one place that decides it: a slow answer (degraded) is still an answer. */
export function isHealthyState(state: DatabaseState): boolean {
  return state === 'healthy' || state === 'degraded';
}

export const ServerInfoSchema = z.object({
  agent: z.string().optional(),
  version: z.string().optional(),
  address: z.string().optional(),
});

/** One check of one database. Probes produce healthy | down | not_configured; the monitor relabels degraded/retrying. */
export const ProbeResultSchema = z.object({
  database: DatabaseIdSchema,
  healthy: z.boolean(),
  state: DatabaseStateSchema,
  latencyMs: z.number().nonnegative().nullable(),
  kind: FailureKindSchema.optional(),
  message: z.string().optional(),
  hint: z.string().optional(),
  server: ServerInfoSchema.optional(),
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
  server: ServerInfoSchema.optional(),
  checkedAt: z.iso.datetime().nullable(),
  consecutiveFailures: z.number().int().nonnegative(),
  uptimePct: z.number().min(0).max(100).nullable(),
  p50Ms: z.number().nonnegative().nullable(),
  p95Ms: z.number().nonnegative().nullable(),
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

export const SnapshotSchema = z.object({
  /** The worst of all environments. */
  status: OverallStatusSchema,
  version: z.string(),
  checkedAt: z.iso.datetime(),
  /** Non-null only when every environment is paused; `until` = the latest resume (null if any waits for resume()). */
  paused: PausedSchema,
  /** In the settings' order. */
  environments: z.array(EnvironmentStatusSchema),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

export const HistoryEntrySchema = z.object({
  checkedAt: z.iso.datetime(),
  state: DatabaseStateSchema,
  latencyMs: z.number().nonnegative().nullable(),
  kind: FailureKindSchema.optional(),
});
export const HistoryViewSchema = z.object({
  environment: EnvironmentIdSchema,
  database: ShownDatabaseIdSchema,
  entries: z.array(HistoryEntrySchema),
  uptimePct: z.number().min(0).max(100).nullable(),
  p50Ms: z.number().nonnegative().nullable(),
  p95Ms: z.number().nonnegative().nullable(),
});
export type HistoryView = z.infer<typeof HistoryViewSchema>;
