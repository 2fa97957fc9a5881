/**
 * Every value that crosses a process boundary (IPC, WebSocket, HTTP, settings file)
 * is declared here once as a zod schema; TypeScript types are inferred from them.
 * Browser-safe: imports nothing but zod.
 */
import { z } from 'zod';

export const DATABASE_IDS = ['supabase', 'neo4j'] as const;
export const DatabaseIdSchema = z.enum(DATABASE_IDS);
export type DatabaseId = z.infer<typeof DatabaseIdSchema>;

/** Why a check failed; drives the operator hint. */
export const FailureKindSchema = z.enum([
  'not_configured',
  'invalid_config',
  'dns',
  'refused',
  'tls',
  'timeout',
  'reset',
  'auth_failed',
  'server_error',
  'unknown',
]);
export type FailureKind = z.infer<typeof FailureKindSchema>;

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

export const SnapshotSchema = z.object({
  status: OverallStatusSchema,
  version: z.string(),
  checkedAt: z.iso.datetime(),
  paused: z.object({ until: z.iso.datetime().nullable() }).nullable(),
  databases: z.object({ supabase: DatabaseStatusSchema, neo4j: DatabaseStatusSchema }),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

export const HistoryEntrySchema = z.object({
  checkedAt: z.iso.datetime(),
  state: DatabaseStateSchema,
  latencyMs: z.number().nonnegative().nullable(),
  kind: FailureKindSchema.optional(),
});
export const HistoryViewSchema = z.object({
  database: DatabaseIdSchema,
  entries: z.array(HistoryEntrySchema),
  uptimePct: z.number().min(0).max(100).nullable(),
  p50Ms: z.number().nonnegative().nullable(),
  p95Ms: z.number().nonnegative().nullable(),
});
export type HistoryView = z.infer<typeof HistoryViewSchema>;
