/**
 * `/rest/v1/<table>` of the Supabase stand-in (test-only; not Supabase): the read subset of
 * PostgREST that a health probe uses — GET/HEAD with `select`, `limit`, `offset` and
 * `Prefer: count=exact` — answered by the real PostgreSQL, with PostgREST's headers and errors.
 * https://docs.postgrest.org/en/latest/references/api/tables_views.html
 * https://docs.postgrest.org/en/latest/references/api/pagination_count.html
 */
import type http from 'node:http';
import type pg from 'pg';
import type { ApiRole } from './keys.js';
import { type PostgrestErrorBody, pgrst, sendJsonText, sendPostgrestError, statusForSqlState } from './responses.js';

const EXPOSED_SCHEMAS = ['public'];
const SUPPORTED_PARAMS = new Set(['select', 'limit', 'offset', 'apikey']);
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: PostgrestErrorBody,
  ) {
    super(body.message);
  }
}

/** Double-quotes an identifier already checked against IDENTIFIER (so it holds no quote to escape). */
function quoteIdent(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain identifier: ${name}`);
  return `"${name}"`;
}

function parseSelect(raw: string | null, qualified: string): string {
  const value = (raw ?? '*').trim() || '*';
  const items = value.split(',').map((s) => s.trim());
  const columns = items.map((item) => {
    if (item === '*') return `${qualified}.*`;
    if (IDENTIFIER.test(item)) return `${qualified}.${quoteIdent(item)}`;
    throw new RequestError(
      400,
      pgrst.queryParam(
        '"failed to parse select parameter (' + value + ')"',
        `The Supabase stand-in accepts only '*' or a comma-separated list of plain column names; got '${item}'.`,
      ),
    );
  });
  return columns.join(', ');
}

function parseCount(raw: string | null, name: 'limit' | 'offset'): number | null {
  if (raw === null) return null;
  if (!/^\d+$/.test(raw.trim())) {
    throw new RequestError(400, pgrst.queryParam(`"failed to parse ${name} parameter (${raw})"`, `${name} must be a non-negative integer.`));
  }
  return Number(raw.trim());
}

/** Similarity used for the "Perhaps you meant" hint: 1 - edit distance / longer length (PostgREST uses a fuzzy set with min score 0.75). */
function similarity(a: string, b: string): number {
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) dp[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      dp[i]![j] = Math.min(dp[i - 1]![j]! + 1, dp[i]![j - 1]! + 1, dp[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return 1 - dp[a.length]![b.length]! / Math.max(a.length, b.length, 1);
}

function closestTable(name: string, tables: string[]): string | null {
  let best: string | null = null;
  let bestScore = 0.75;
  for (const t of tables) {
    const score = similarity(name.toLowerCase(), t.toLowerCase());
    if (score >= bestScore) [best, bestScore] = [t, score];
  }
  return best;
}

/** Turns a pg failure into PostgREST's answer: connection problems are 503 PGRST000/PGRST001, SQL errors keep their SQLSTATE. */
function fromPgError(error: unknown, role: ApiRole): RequestError {
  const e = error as { code?: string; message?: string; detail?: string; hint?: string };
  if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) {
    const status = statusForSqlState(e.code, role !== 'anon');
    if (e.code.startsWith('08') || e.code === '57P01') return new RequestError(503, pgrst.client(e.message ?? e.code));
    return new RequestError(status, { code: e.code, message: e.message ?? '', details: e.detail ?? null, hint: e.hint ?? null });
  }
  const message = e.message ?? String(error);
  // failures before a connection exists (refused, timeout) vs. a connection lost mid-request
  if (/terminated|Connection terminated unexpectedly|ECONNRESET/i.test(message)) return new RequestError(503, pgrst.client(message));
  return new RequestError(503, pgrst.connection(message));
}

interface QueryResult {
  body: string;
  pageCount: number;
  total: number | null;
}

async function runQuery(pool: pg.Pool, role: ApiRole, table: string, selectParam: string | null, limit: number | null, offset: number, exact: boolean): Promise<QueryResult> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw fromPgError(error, role);
  }
  let broken = false;
  try {
    const tables = (
      await client.query<{ relname: string }>(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'v', 'm', 'f', 'p')",
        ['public'],
      )
    ).rows.map((r) => r.relname);
    if (!tables.includes(table)) throw new RequestError(404, pgrst.tableNotFound('public', table, closestTable(table, tables)));
    const qualified = `"public".${quoteIdent(table)}`;
    const columns = parseSelect(selectParam, qualified);
    await client.query('BEGIN READ ONLY');
    try {
      // as PostgREST does, run the query as the role the key maps to (anon / service_role)
      await client.query(`SET LOCAL ROLE ${quoteIdent(role)}`);
      const sql = `
        WITH pgrst_source AS (SELECT ${columns} FROM ${qualified})
        SELECT ${exact ? '(SELECT count(*) FROM pgrst_source)' : 'NULL'}::bigint AS total,
               count(page)::bigint AS page_count,
               coalesce(json_agg(page), '[]')::text AS body
        FROM (SELECT * FROM pgrst_source LIMIT $1 OFFSET $2) page`;
      const { rows } = await client.query<{ total: string | null; page_count: string; body: string }>(sql, [limit, offset]);
      await client.query('COMMIT');
      const row = rows[0]!;
      return { body: row.body, pageCount: Number(row.page_count), total: row.total === null ? null : Number(row.total) };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw error;
    }
  } catch (error) {
    if (error instanceof RequestError) throw error;
    broken = true;
    throw fromPgError(error, role);
  } finally {
    client.release(broken);
  }
}

/** Content-Range as PostgREST writes it: `0-2/3`, `0-2/*` without a count, `*\/0` for an empty page. */
function contentRange(offset: number, pageCount: number, total: number | null): string {
  const range = pageCount > 0 ? `${offset}-${offset + pageCount - 1}` : '*';
  return `${range}/${total ?? '*'}`;
}

export async function handleRest(req: http.IncomingMessage, res: http.ServerResponse, url: URL, role: ApiRole, pool: pg.Pool): Promise<void> {
  try {
    const table = decodeURIComponent(url.pathname.slice('/rest/v1/'.length));
    if (!table || table.includes('/')) throw new RequestError(404, pgrst.path());
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new RequestError(405, pgrst.method(req.method ?? '?'));
    const profile = req.headers['accept-profile'];
    if (typeof profile === 'string' && !EXPOSED_SCHEMAS.includes(profile)) throw new RequestError(406, pgrst.schema(profile, EXPOSED_SCHEMAS));
    for (const key of url.searchParams.keys()) {
      if (!SUPPORTED_PARAMS.has(key)) {
        throw new RequestError(
          400,
          pgrst.queryParam(`"failed to parse filter (${key})"`, `The Supabase stand-in supports only the select, limit and offset query parameters, not '${key}'.`),
        );
      }
    }
    const limit = parseCount(url.searchParams.get('limit'), 'limit');
    const offset = parseCount(url.searchParams.get('offset'), 'offset') ?? 0;
    const prefer = String(req.headers['prefer'] ?? '');
    const exact = /(^|[\s,;])count=exact\b/.test(prefer);
    // unknown table names are answered with PGRST205 after a catalog lookup; only checked names reach SQL
    if (!IDENTIFIER.test(table)) throw new RequestError(404, pgrst.tableNotFound('public', table, null));

    const result = await runQuery(pool, role, table, url.searchParams.get('select'), limit, offset, exact);
    if (result.total !== null && offset > result.total) throw new RequestError(416, pgrst.range(offset, result.total));
    // 206 when an exact count shows the page is not the whole result (PostgREST's rangeStatus)
    const partial = result.total !== null && result.pageCount < result.total;
    sendJsonText(res, partial ? 206 : 200, result.body, { 'Content-Range': contentRange(offset, result.pageCount, result.total) });
  } catch (error) {
    if (error instanceof RequestError) return sendPostgrestError(res, error.status, error.body);
    throw error;
  }
}
