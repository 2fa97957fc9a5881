/**
 * The two Management API endpoints the monitor calls, in the Supabase stand-in (test-only; not
 * Supabase). Shapes from supabase/cli apps/cli-go/pkg/api/types.gen.go, generated from the published
 * OpenAPI document (packages/api/src/generated/openapi.json):
 *   GET /v1/projects/{ref}          → V1ProjectWithDatabaseResponse (id, ref, organization_id,
 *                                      organization_slug, name, region, created_at, status, database{host,
 *                                      version, postgres_engine, release_channel})
 *   GET /v1/projects/{ref}/health   → []V1ServiceHealthResponse (name, status, healthy (deprecated), error?)
 *                                      with V1GetServicesHealthParams.services required (form style, so
 *                                      services=auth&services=db; the comma form is accepted too)
 * Both answer 401 / 403 / 429 as the OpenAPI document lists; the error bodies are the stand-in's own.
 * Authorization is a personal access token: `Authorization: Bearer sbp_…`.
 */
import type http from 'node:http';
import { sendJson } from './responses.js';
import { SERVICE_NAMES, type ServiceName, type StandinProject } from './project.js';

export interface ManagementState {
  accessToken: string;
  /** Every request answers 429, as the API does past its per-user limit. */
  rateLimited: boolean;
  /** Requests seen, per path without query: tests check the slower interval with it. */
  requests: string[];
}

function services(url: URL): ServiceName[] | null {
  const asked = url.searchParams.getAll('services').flatMap((v) => v.split(','));
  if (asked.length === 0 || !asked.every((s) => (SERVICE_NAMES as readonly string[]).includes(s))) return null;
  return asked as ServiceName[];
}

export function handleManagement(req: http.IncomingMessage, res: http.ServerResponse, project: StandinProject, state: ManagementState): void {
  const url = new URL(req.url ?? '/', 'http://standin.invalid');
  state.requests.push(url.pathname);
  const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (token !== state.accessToken) return sendJson(res, 401, { message: 'Unauthorized' });
  if (state.rateLimited) return sendJson(res, 429, { message: 'Too many requests' }, { 'Retry-After': '60' });
  const match = /^\/v1\/projects\/([^/]+)(\/health)?$/.exec(url.pathname);
  if (!match || req.method !== 'GET') return sendJson(res, 404, { message: 'Cannot GET ' + url.pathname });
  if (match[1] !== project.ref) return sendJson(res, 403, { message: 'Your account does not have the necessary privileges to access this endpoint' });
  if (!match[2]) {
    return sendJson(res, 200, {
      id: project.ref,
      ref: project.ref,
      organization_id: 'walltrack-standin-org',
      organization_slug: 'walltrack-standin-org',
      name: 'WallTrack stand-in project',
      region: 'local',
      created_at: '2026-01-01T00:00:00.000Z',
      status: project.status,
      database: { host: `db.${project.ref}.supabase.co`, version: '17.4.1', postgres_engine: '17', release_channel: 'ga' },
    });
  }
  const asked = services(url);
  if (!asked) return sendJson(res, 400, { message: `services must list one or more of ${SERVICE_NAMES.join(', ')}` });
  sendJson(
    res,
    200,
    asked.map((name) => {
      const status = project.services[name];
      return { name, status, healthy: status === 'ACTIVE_HEALTHY', ...(status === 'UNHEALTHY' ? { error: `${name} is not answering (stand-in)` } : {}) };
    }),
  );
}
