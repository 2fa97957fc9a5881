/**
 * The durable record as hosts see it: a chart series with uptime over stated periods, and incidents.
 * Every series and incident belongs to an endpoint identity (environment + database + public endpoint),
 * so editing the interval keeps it and pointing a database at another server starts a fresh one.
 * Browser-safe: imports nothing but zod and sibling schemas.
 */
import * as z from 'zod';
import { DatabaseIdSchema, DatabaseStateSchema, EnvironmentIdSchema, FailureKindSchema, IncidentSchema, ShownDatabaseIdSchema } from './schemas.js';

/** What the chart can show; '1h' is the default. */
export const CHART_RANGES = ['1h', '24h', '7d'] as const;
export const ChartRangeSchema = z.enum(CHART_RANGES);
export type ChartRange = z.infer<typeof ChartRangeSchema>;

/** Uptime periods, all answered from the per-minute / per-hour aggregates, never from raw checks. */
export const UPTIME_WINDOWS = ['24h', '7d', '30d', '365d'] as const;
export const UptimeWindowSchema = z.enum(UPTIME_WINDOWS);
export type UptimeWindow = z.infer<typeof UptimeWindowSchema>;

export const UptimeSchema = z.object({
  window: UptimeWindowSchema,
  /** Answered checks (healthy or degraded) ÷ counted checks, 0–1; null when nothing was checked in the window. */
  ratio: z.number().min(0).max(1).nullable(),
  /** Counted checks in the window (healthy, degraded, retrying, down). */
  checks: z.number().int().nonnegative(),
});
export type Uptime = z.infer<typeof UptimeSchema>;

/**
 * One point of the chart: one raw check (stepSec 0) or one bucket (a minute or an hour).
 * A bucket in which nothing was checked is absent, so gaps stay gaps.
 */
export const HistoryPointSchema = z.object({
  /** Time of the check, or the bucket's start. */
  at: z.iso.datetime(),
  /** Checks in the point (1 for a raw check). */
  checks: z.number().int().positive(),
  /** Of those, how many were down / retrying (failed) and how many degraded (slow). */
  failed: z.number().int().nonnegative(),
  degraded: z.number().int().nonnegative(),
  /** Average latency of the answered checks; null when none answered. */
  latencyMs: z.number().nonnegative().nullable(),
  /** The failure kind of a failed raw check (the most recent one's for a bucket). */
  kind: FailureKindSchema.optional(),
  /** A raw check's state. */
  state: DatabaseStateSchema.optional(),
});
export type HistoryPoint = z.infer<typeof HistoryPointSchema>;

export const HistoryRequestSchema = z.object({
  environment: EnvironmentIdSchema,
  database: DatabaseIdSchema,
  range: ChartRangeSchema.optional(),
  /** An older endpoint of this database (public form); omitted = the one configured now. */
  endpoint: z.string().max(2_048).optional(),
});
export type HistoryRequest = z.infer<typeof HistoryRequestSchema>;

export const HistoryViewSchema = z.object({
  environment: EnvironmentIdSchema,
  database: ShownDatabaseIdSchema,
  /** Public form of the endpoint the series belongs to; null when the database is not configured. */
  endpoint: z.string().nullable(),
  range: ChartRangeSchema,
  /** Range covered, so a chart can draw the whole axis even where nothing was checked. */
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  /** 0 = raw checks; 60 = per-minute buckets; 3600 = per-hour buckets. */
  stepSec: z.number().int().nonnegative(),
  /** Oldest first. */
  points: z.array(HistoryPointSchema),
  /** One entry per UPTIME_WINDOWS, in that order. */
  uptime: z.array(UptimeSchema),
  /** Failed checks that recovered on a retry without going down, in the range: not incidents, but counted. */
  recoveredRetries: z.number().int().nonnegative(),
});
export type HistoryView = z.infer<typeof HistoryViewSchema>;

// Incident lives in ./schemas.ts: the snapshot carries the newest one.
export { IncidentSchema, type Incident } from './schemas.js';

export const IncidentsRequestSchema = z
  .object({
    environment: EnvironmentIdSchema.optional(),
    database: DatabaseIdSchema.optional(),
    /** Only incidents still open at, or started after, this time. */
    since: z.iso.datetime().optional(),
    limit: z.number().int().min(1).max(500).optional(),
  })
  .optional();
export type IncidentsRequest = z.infer<typeof IncidentsRequestSchema>;

/** Newest first. */
export const IncidentListSchema = z.object({ incidents: z.array(IncidentSchema) });
export type IncidentList = z.infer<typeof IncidentListSchema>;
