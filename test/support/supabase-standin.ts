/**
 * Supabase STAND-IN for tests (not Supabase). Supabase Cloud is unreachable from these machines,
 * so this Node HTTP server reproduces the part of a Supabase project's API gateway the app uses,
 * backed by a real PostgreSQL:
 *   - API keys: `apikey` header or url param (or `Authorization: Bearer`), legacy HS256 JWT keys
 *     (role anon / service_role) and new sb_publishable_ / sb_secret_ keys
 *     (https://supabase.com/docs/guides/api/api-keys); gateway 401 bodies for missing/wrong keys.
 *   - GET /auth/v1/health: GoTrue's health JSON (supabase/auth internal/api/api.go, HealthCheck).
 *   - GET/HEAD /rest/v1/<table>: PostgREST reads, see supabase-standin/rest.ts.
 *   - a project state (supabase-standin/project.ts): paused → the gateway answers 540, origin
 *     unreachable → 522 with an HTML page; per-service health.
 *   - on a second port, the Management API's project and health endpoints (supabase-standin/management.ts).
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type net from 'node:net';
import pg from 'pg';
import { checkKey, makeKeys } from './supabase-standin/keys.js';
import { invalidApiKey, noApiKey, noRoute, pgrst, sendJson, sendPostgrestError } from './supabase-standin/responses.js';
import { handleRest } from './supabase-standin/rest.js';
import { handleManagement, type ManagementState } from './supabase-standin/management.js';
import { newProject, unavailableProject, type StandinProject } from './supabase-standin/project.js';

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
  /** The project's state: change it to stage a paused project, an unreachable origin or an unhealthy service. */
  project: StandinProject;
  /** http://127.0.0.1:PORT of the stand-in Management API (what https://api.supabase.com is to a real project). */
  managementUrl: string;
  /** Its personal access token (random per stand-in), its 429 switch and the requests it saw. */
  management: ManagementState;
  /** The last 100 table reads (/rest/v1/…), oldest first: method, path with query, and the Prefer header. */
  restRequests: { method: string; path: string; prefer: string | null }[];
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

/** The stand-in project's ref: 20 lowercase letters, as the Management API's OpenAPI document requires. */
export const STANDIN_REF = 'walltrackstandinproj';

/** Health body shape from GoTrue; the version says plainly this is the stand-in. */
const AUTH_HEALTH = { version: 'v0.0.0-walltrack-standin', name: 'GoTrue', description: 'GoTrue is a user registration and authentication API' };

function bearer(req: http.IncomingMessage): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return m ? m[1]! : null;
}

export async function startSupabaseStandin(options: SupabaseStandinOptions): Promise<SupabaseStandin> {
  const keys = await makeKeys(options.jwtSecret);
  const project = newProject(STANDIN_REF);
  const management: ManagementState = { accessToken: `sbp_${randomBytes(20).toString('hex')}`, rateLimited: false, requests: [] };
  const restRequests: SupabaseStandin['restRequests'] = [];
  const pool = new pg.Pool({ connectionString: options.connectionString, max: 4, connectionTimeoutMillis: 2_000, idleTimeoutMillis: 5_000 });
  // an idle connection dies when PostgreSQL stops; the next request reconnects (or answers 503)
  pool.on('error', () => {});

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://standin.invalid');
    const isRest = url.pathname.startsWith('/rest/v1/');
    const isAuthHealth = url.pathname === '/auth/v1/health';
    if (!isRest && !isAuthHealth) return noRoute(res);
    if (unavailableProject(project, res)) return;

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
    restRequests.push({ method: req.method ?? '?', path: `${url.pathname}${url.search}`, prefer: [req.headers.prefer ?? []].flat().join(', ') || null });
    if (restRequests.length > 100) restRequests.shift();
    return handleRest(req, res, url, role, pool);
  }

  const sockets = new Set<net.Socket>();
  const listen = async (listener: http.RequestListener, port: number) => {
    const server = http.createServer(listener);
    server.on('connection', (s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    return server;
  };
  const server = await listen((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { message: `Supabase stand-in internal error: ${(error as Error).message}` });
      else res.destroy();
    });
  }, options.port ?? 0);
  const managementServer = await listen((req, res) => handleManagement(req, res, project, management), 0);
  const { port } = server.address() as net.AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    ...keys,
    project,
    managementUrl: `http://127.0.0.1:${(managementServer.address() as net.AddressInfo).port}`,
    management,
    restRequests,
    async close() {
      for (const s of sockets) s.destroy();
      await Promise.all([server, managementServer].map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
      await pool.end().catch(() => {});
    },
  };
}
