/**
 * Checks Supabase: `GET /auth/v1/health` with the key (reachability, TLS, key validity), then,
 * when a probe table is set, a head/count select through supabase-js (PostgREST and the database
 * behind it). One client for the probe's lifetime; no session, no token refresh.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { supabaseKind } from '../../common/databases.js';
import type { DatabaseDetails, ProbeResult } from '../../common/schemas.js';
import { kindForHttpStatus } from './classify.js';
import { DETAILS_INTERVAL_MS, FIRST_DETAILS_SHARE, type Probe, type SupabaseProbeConfig } from './Probe.js';
import { projectHealth } from './supabaseManagement.js';
import { abortable, settledWithin } from './abortable.js';
import { gatewayNote } from './gatewayNote.js';
import { guardedFetch, RefusedResponse } from './guardedFetch.js';
import { publicTarget } from './redact.js';
import { failureResult, healthyResult, resultFromError, type FailureContext } from './result.js';

/** ws's WebSocket class differs from the DOM type supabase-js declares only in typings; it is what supabase-js suggests on Node 20. */
type RealtimeTransport = NonNullable<NonNullable<NonNullable<Parameters<typeof createClient>[2]>['realtime']>['transport']>;

/** PostgREST / PostgreSQL codes for "no such table". */
const MISSING_TABLE_CODES = new Set(['PGRST205', '42P01']);

export class SupabaseProbe implements Probe {
  readonly database = 'supabase' as const;
  readonly target: string;
  private readonly baseUrl: string | null;
  private readonly client: SupabaseClient | null;
  private readonly configError: unknown;
  private readonly ctx: FailureContext;
  /** supabase-js flattens network errors into text; the wrapper keeps the original per request signal. */
  private readonly fetchErrors = new WeakMap<AbortSignal, unknown>();
  private closed = false;
  private details: DatabaseDetails | undefined;
  private detailsAt = -Infinity;
  private refreshing: Promise<void> | null = null;

  constructor(private readonly config: SupabaseProbeConfig) {
    this.target = publicTarget(config.url);
    this.ctx = { database: 'supabase', target: this.target, secrets: [config.key, config.management?.token] };
    let client: SupabaseClient | null = null;
    let baseUrl: string | null = null;
    let configError: unknown = null;
    try {
      const url = new URL(config.url);
      if (url.username || url.password) throw new TypeError(`${supabaseKind.endpoint.envVar} must not contain a user name or password`);
      baseUrl = config.url.replace(/\/+$/, '');
      client = createClient(baseUrl, config.key.reveal(), {
        auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
        global: { fetch: this.recordingFetch },
        // Never connected (the probe uses no realtime), but Node 20 has no global WebSocket and supabase-js requires one.
        realtime: { transport: WebSocket as unknown as RealtimeTransport },
      });
    } catch (error) {
      configError = error;
    }
    this.baseUrl = baseUrl;
    this.client = client;
    this.configError = configError;
  }

  /**
   * Every request the probe makes (its own and supabase-js's) goes through here: redirects are
   * refused so the key reaches no other host, bodies are bounded, and errors are kept per signal.
   */
  private readonly recordingFetch = async (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
    const record = (error: unknown) => {
      if (init?.signal) this.fetchErrors.set(init.signal, error);
    };
    try {
      return await guardedFetch(input, init, record);
    } catch (error) {
      record(error);
      throw error;
    }
  };

  private failed(error: unknown): ProbeResult {
    if (error instanceof RefusedResponse) return failureResult(this.ctx, 'invalid_config', error.message, 'not_project_url');
    return resultFromError(this.ctx, error);
  }

  async check(signal: AbortSignal): Promise<ProbeResult> {
    const started = performance.now();
    const result = await this.checkProject(signal);
    this.refreshDetailsWhenDue();
    // The first time, it is waited for while the check's own time allows, so a single check (CLI `check`) has it.
    if (!this.details && this.refreshing) await settledWithin(this.refreshing, FIRST_DETAILS_SHARE * this.config.timeoutMs - (performance.now() - started));
    return this.details ? { ...result, details: this.details } : result;
  }

  /**
   * The Management API's view, when configured: in the background and at most once per interval
   * (the API allows about 60 requests a minute per user), so it neither slows nor fails a check.
   * A refusal (401/403/429) keeps the last statuses it had and adds the problem.
   */
  private refreshDetailsWhenDue(): void {
    const management = this.config.management;
    if (!management || this.closed || this.refreshing || performance.now() - this.detailsAt < (this.config.detailsIntervalMs ?? DETAILS_INTERVAL_MS)) return;
    this.detailsAt = performance.now();
    const tokenVariable = supabaseKind.extraSecrets[0].envVar;
    this.refreshing = projectHealth(management, AbortSignal.timeout(this.config.timeoutMs), tokenVariable)
      .then((found) => {
        const previous = this.details;
        this.details = found.problem && previous ? { ...previous, parts: previous.parts, problem: found.problem, checkedAt: found.checkedAt } : found;
      })
      .finally(() => (this.refreshing = null));
  }

  private async checkProject(signal: AbortSignal): Promise<ProbeResult> {
    if (!this.client || !this.baseUrl) return resultFromError(this.ctx, this.configError, 'invalid_config');
    if (this.closed) return failureResult(this.ctx, 'unknown', 'probe closed');
    const started = performance.now();
    try {
      const health = await this.recordingFetch(`${this.baseUrl}/auth/v1/health`, {
        headers: { apikey: this.config.key.reveal() },
        signal,
      });
      const body = await abortable(health.text(), signal);
      if (!health.ok) {
        const kind = kindForHttpStatus(health.status) ?? 'unknown';
        const note = gatewayNote(health.headers.get('content-type'), body);
        const detail =
          health.status === 404
            ? `GET /auth/v1/health answered HTTP 404: is ${supabaseKind.endpoint.envVar} the project URL?`
            : `GET /auth/v1/health answered HTTP ${health.status}${note ? `: ${note}` : ''}`;
        return failureResult(this.ctx, kind, detail);
      }
      const tableFailure = this.config.probeTable ? await this.checkTable(this.config.probeTable, signal) : null;
      if (tableFailure) return tableFailure;
      return healthyResult('supabase', performance.now() - started);
    } catch (error) {
      if (signal.aborted) return failureResult(this.ctx, 'timeout', `no answer within ${this.config.timeoutMs} ms`);
      return this.failed(error);
    }
  }

  /** A failed result, or null when the table answered. */
  private async checkTable(table: string, signal: AbortSignal): Promise<ProbeResult | null> {
    const requestSignal = AbortSignal.any([signal]);
    // A GET of no rows (PostgREST answers limit=0 with [] since v10: PostgREST/postgrest#2269) proves the
    // table is there and readable with this key. A HEAD with count=exact made PostgreSQL count the whole
    // table on every check, and Node's fetch closes the connection after every HEAD (a TLS handshake per check).
    const { error, status } = await abortable(
      Promise.resolve(
        this.client!.from(table)
          .select('*')
          .limit(0)
          .abortSignal(requestSignal)
          .retry(false), // the monitor owns retries and backoff
      ),
      signal,
    );
    const thrown = this.fetchErrors.get(requestSignal);
    if (thrown !== undefined) {
      if (signal.aborted) return failureResult(this.ctx, 'timeout', `no answer within ${this.config.timeoutMs} ms`);
      return this.failed(thrown);
    }
    const missing = status === 404 || (error?.code !== undefined && MISSING_TABLE_CODES.has(error.code));
    if (missing) {
      return failureResult(this.ctx, 'invalid_config', `probe table "${table}" not found through PostgREST`);
    }
    if (status >= 200 && status < 300 && !error) return null;
    const byCode = error?.code && /^PGRST00\d$/.test(error.code) ? 'server_error' : null;
    const kind = byCode ?? kindForHttpStatus(status) ?? 'unknown';
    const what = kind === 'auth_failed' ? `the key may not read table "${table}"` : `select on table "${table}"`;
    const code = error?.code ? ` ${error.code}` : '';
    return failureResult(this.ctx, kind, `${what} answered HTTP ${status}${code}${error?.message ? `: ${error.message}` : ''}`);
  }

  async close(): Promise<void> {
    // supabase-js holds no sockets of its own (fetch's shared pool does); stop further checks.
    this.closed = true;
    await this.refreshing;
  }
}
