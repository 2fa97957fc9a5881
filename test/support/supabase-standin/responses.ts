/**
 * Response bodies of the Supabase stand-in (test-only; not Supabase), each copied from the
 * service it imitates: the API gateway's key errors, and PostgREST's error JSON.
 */
import type http from 'node:http';

export const STANDIN_SERVER_HEADER = 'walltrack-supabase-standin';

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendJsonText(res, status, JSON.stringify(body), headers);
}

/** For JSON already rendered (by PostgreSQL's json_agg), sent byte for byte. */
export function sendJsonText(res: http.ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    Server: STANDIN_SERVER_HEADER,
    ...headers,
  });
  res.end(text);
}

/*
 * Supabase's gateway answers these before the request reaches PostgREST or GoTrue. Bodies as reported
 * verbatim by users of hosted Supabase, e.g. https://github.com/AppFlowy-IO/AppFlowy/issues/4313
 * (missing key) and https://github.com/nuxt-modules/supabase/issues/195 (wrong key, status 401).
 */
export function noApiKey(res: http.ServerResponse): void {
  sendJson(res, 401, { message: 'No API key found in request', hint: 'No `apikey` request header or url param was found.' });
}

export function invalidApiKey(res: http.ServerResponse): void {
  sendJson(res, 401, { message: 'Invalid API key', hint: 'Double check your Supabase `anon` or `service_role` API key.' });
}

/** Kong's answer for a path no route matches. */
export function noRoute(res: http.ServerResponse): void {
  sendJson(res, 404, { message: 'no Route matched with those values' });
}

export interface PostgrestErrorBody {
  code: string;
  message: string;
  details: string | null;
  hint: string | null;
}

/**
 * PostgREST's error JSON: always code, message, details, hint (null when absent), plus a
 * `Proxy-Status: PostgREST; error=<code>` header. https://docs.postgrest.org/en/latest/references/errors.html
 * and src/PostgREST/Error.hs (errorPayload, errorResponseFor) in PostgREST/postgrest.
 */
export function sendPostgrestError(res: http.ServerResponse, status: number, body: PostgrestErrorBody, headers: Record<string, string> = {}): void {
  sendJson(res, status, body, { 'Proxy-Status': `PostgREST; error=${body.code}`, ...headers });
}

export const pgrst = {
  /** PGRST000, 503: PostgreSQL unreachable. Message from PostgREST's Error.hs (ConnectionUsageError). */
  connection: (details: string): PostgrestErrorBody => ({ code: 'PGRST000', message: 'Database connection error. Retrying the connection.', details, hint: null }),
  /** PGRST001, 503: the connection broke during the request (Error.hs, ClientError). */
  client: (details: string): PostgrestErrorBody => ({ code: 'PGRST001', message: 'Database client error. Retrying the connection.', details, hint: null }),
  /** PGRST100, 400: a query parameter PostgREST (or this stand-in) cannot parse. */
  queryParam: (message: string, details: string): PostgrestErrorBody => ({ code: 'PGRST100', message, details, hint: null }),
  /** PGRST103, 416: offset past the end with an exact count. */
  range: (offset: number, total: number): PostgrestErrorBody => ({
    code: 'PGRST103',
    message: 'Requested range not satisfiable',
    details: `An offset of ${offset} was requested, but there are only ${total} rows.`,
    hint: null,
  }),
  /** PGRST106, 406: a schema that is not exposed. */
  schema: (schema: string, exposed: string[]): PostgrestErrorBody => ({
    code: 'PGRST106',
    message: `Invalid schema: ${schema}`,
    details: null,
    hint: `Only the following schemas are exposed: ${exposed.join(', ')}`,
  }),
  /** PGRST117, 405: a verb the stand-in does not serve (PostgREST itself supports writes; the monitor never writes). */
  method: (method: string): PostgrestErrorBody => ({
    code: 'PGRST117',
    message: `Unsupported HTTP method: ${method}`,
    details: 'The Supabase stand-in serves only GET and HEAD on /rest/v1/<table>.',
    hint: null,
  }),
  /** PGRST125, 404: not a /rest/v1/<table> path. */
  path: (): PostgrestErrorBody => ({ code: 'PGRST125', message: 'Invalid path specified in request URL', details: null, hint: null }),
  /**
   * PGRST205, 404: unknown table (PostgREST >= 12; older versions forwarded PostgreSQL's 42P01).
   * The hint suggests a close table name, as PostgREST's tableNotFoundHint does.
   */
  tableNotFound: (schema: string, table: string, suggestion: string | null): PostgrestErrorBody => ({
    code: 'PGRST205',
    message: `Could not find the table '${schema}.${table}' in the schema cache`,
    details: null,
    hint: suggestion ? `Perhaps you meant the table '${schema}.${suggestion}'` : null,
  }),
  /** PGRST301, 401: an Authorization bearer token that does not verify. */
  jwt: (message: string): PostgrestErrorBody => ({ code: 'PGRST301', message, details: null, hint: null }),
};

/**
 * PostgreSQL SQLSTATE → HTTP status, the subset of PostgREST's table that a read can hit.
 * https://docs.postgrest.org/en/latest/references/errors.html#http-status-codes
 */
export function statusForSqlState(code: string, authenticated: boolean): number {
  if (code === '42501') return authenticated ? 403 : 401;
  if (code === '42P01' || code === '42883') return 404;
  if (code === '53400') return 500;
  if (code === '57P01') return 503;
  const cls = code.slice(0, 2);
  if (cls === '08' || cls === '53') return 503;
  if (cls === '28' || cls === '0L' || cls === '0P') return 403;
  if (['09', '25', '2D', '38', '39', '3B', '40', '54', '55', '57', '58', 'F0', 'HV', 'XX', 'P0'].includes(cls)) return 500;
  return 400;
}
