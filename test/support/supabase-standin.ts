/**
 * Supabase STAND-IN for tests (not Supabase). Supabase Cloud is unreachable from these machines,
 * so this Node HTTP server reproduces the part of a Supabase project's API gateway the app uses,
 * backed by a real PostgreSQL:
 *   - API keys: `apikey` header or url param (or `Authorization: Bearer`), legacy HS256 JWT keys
 *     (role anon / service_role) and new sb_publishable_ / sb_secret_ keys
 *     (https://supabase.com/docs/guides/api/api-keys); gateway 401 bodies for missing/wrong keys.
 *   - GET /auth/v1/health: GoTrue's health JSON (supabase/auth internal/api/api.go, HealthCheck).
 *   - GET/HEAD /rest/v1/<table>: PostgREST reads, see supabase-standin/rest.ts.
 */
import http from 'node:http';
import type net from 'node:net';
import pg from 'pg';
import { checkKey, makeKeys } from './supabase-standin/keys.js';
import { invalidApiKey, noApiKey, noRoute, pgrst, sendJson, sendPostgrestError } from './supabase-standin/responses.js';
import { handleRest } from './supabase-standin/rest.js';

export interface SupabaseStandin {
  /** http://127.0.0.1:PORT — what the app calls the Supabase URL. */
  url: string;
  port: number;
  /** Legacy HS256 JWT keys. */
  anonKey: string;
  serviceRoleKey: string;
  /** New-style keys, random per stand-in. */
  publishableKey: string;
  secretKey: string;
  jwtSecret: string;
  close(): Promise<void>;
}

export interface SupabaseStandinOptions {
  /** PostgreSQL the REST API reads from (a role that is a member of anon and service_role). */
  connectionString: string;
  /** Reuse to get the same legacy keys across stand-ins; random otherwise. */
  jwtSecret?: string;
  /** Fixed port (e.g. to restart on the same URL); a free one otherwise. */
  port?: number;
}

/** Health body shape from GoTrue; the version says plainly this is the stand-in. */
const AUTH_HEALTH = { version: 'v0.0.0-walltrack-standin', name: 'GoTrue', description: 'GoTrue is a user registration and authentication API' };

function bearer(req: http.IncomingMessage): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return m ? m[1]! : null;
}

export async function startSupabaseStandin(options: SupabaseStandinOptions): Promise<SupabaseStandin> {
  const keys = await makeKeys(options.jwtSecret);
  const pool = new pg.Pool({ connectionString: options.connectionString, max: 4, connectionTimeoutMillis: 2_000, idleTimeoutMillis: 5_000 });
  // an idle connection dies when PostgreSQL stops; the next request reconnects (or answers 503)
  pool.on('error', () => {});

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://standin.invalid');
    const isRest = url.pathname.startsWith('/rest/v1/');
    const isAuthHealth = url.pathname === '/auth/v1/health';
    if (!isRest && !isAuthHealth) return noRoute(res);

    // the gateway's key check comes first, for every route the app uses
    const apikey = (req.headers.apikey as string | undefined) ?? url.searchParams.get('apikey') ?? bearer(req);
    if (!apikey) return noApiKey(res);
    const key = await checkKey(keys, apikey);
    if (!key.ok) return invalidApiKey(res);

    if (isAuthHealth) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { code: 405, msg: 'Method Not Allowed' });
      return sendJson(res, 200, AUTH_HEALTH);
    }

    // PostgREST verifies a bearer token that differs from the apikey (e.g. a user session) on its own
    const token = bearer(req);
    let role = key.role;
    if (token && token !== apikey) {
      const user = await checkKey(keys, token);
      if (!user.ok) {
        const message = user.reason === 'expired' ? 'JWT expired' : 'No suitable key or wrong key type';
        return sendPostgrestError(res, 401, { ...pgrst.jwt(message), code: user.reason === 'expired' ? 'PGRST303' : 'PGRST301' }, {
          'WWW-Authenticate': `Bearer error="invalid_token", error_description="${message}"`,
        });
      }
      role = user.role;
    }
    return handleRest(req, res, url, role, pool);
  }

  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { message: `Supabase stand-in internal error: ${(error as Error).message}` });
      else res.destroy();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as net.AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    ...keys,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end().catch(() => {});
    },
  };
}
