/** What the HealthMonitor needs from a database probe. Each probe owns its client for its lifetime. */
import type { DatabaseId, ProbeResult } from '../../common/schemas.js';
import type { Secret } from '../credentials/Secret.js';
import type { ManagementConfig } from './supabaseManagement.js';

export interface Probe {
  readonly database: DatabaseId;
  /** Non-secret endpoint shown to operators, e.g. "neo4j://db.example.com:7687". */
  readonly target: string;
  /**
   * One check. Never throws: every failure becomes a result with healthy=false and a kind.
   * Must give up when `signal` aborts (the monitor's timeout), even if the client library hangs.
   */
  check(signal: AbortSignal): Promise<ProbeResult>;
  /** Releases the client (driver pool, HTTP agents). Idempotent. */
  close(): Promise<void>;
}

/** How often a probe's deeper, slower check runs (Supabase Management API, Neo4j SHOW DATABASES). */
export const DETAILS_INTERVAL_MS = 60_000;
/** Share of the check's timeout a first check may spend waiting for the first deeper check. */
export const FIRST_DETAILS_SHARE = 0.8;

export interface SupabaseProbeConfig {
  url: string;
  key: Secret;
  probeTable: string | null;
  timeoutMs: number;
  /** Project health through the Management API; absent or null = not asked. */
  management?: ManagementConfig | null;
  /** Default DETAILS_INTERVAL_MS. */
  detailsIntervalMs?: number;
}

export interface Neo4jProbeConfig {
  uri: string;
  user: string;
  password: Secret;
  database: string | null;
  timeoutMs: number;
  /** Default DETAILS_INTERVAL_MS. */
  detailsIntervalMs?: number;
}
