/**
 * The project's state in the Supabase stand-in (test-only; not Supabase), shared by the project's API
 * gateway (which stops serving when the project is paused or its origin unreachable) and the stand-in
 * Management API that reports it. Tests change it to stage an outage.
 */
import type http from 'node:http';
import { sendJson, STANDIN_SERVER_HEADER } from './responses.js';

/**
 * V1ProjectWithDatabaseResponseStatus in supabase/cli apps/cli-go/pkg/api/types.gen.go (generated from
 * the Management API's OpenAPI document, packages/api/src/generated/openapi.json).
 */
export type ProjectStatus =
  | 'ACTIVE_HEALTHY'
  | 'ACTIVE_UNHEALTHY'
  | 'COMING_UP'
  | 'GOING_DOWN'
  | 'INACTIVE'
  | 'INIT_FAILED'
  | 'PAUSE_FAILED'
  | 'PAUSING'
  | 'REMOVED'
  | 'RESIZING'
  | 'RESTARTING'
  | 'RESTORE_FAILED'
  | 'RESTORING'
  | 'UNKNOWN'
  | 'UPGRADING';

/** V1ServiceHealthResponseName (services the health endpoint knows), same file. */
export const SERVICE_NAMES = ['auth', 'db', 'db_postgres_user', 'pooler', 'realtime', 'rest', 'storage', 'pg_bouncer'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
/** V1ServiceHealthResponseStatus, same file. */
export type ServiceStatus = 'ACTIVE_HEALTHY' | 'COMING_UP' | 'UNHEALTHY';

export interface StandinProject {
  /** 20 lowercase letters, like a real ref (the OpenAPI document's pattern ^[a-z]+$, length 20). */
  ref: string;
  status: ProjectStatus;
  services: Record<ServiceName, ServiceStatus>;
  /** The gateway answers 522 (an HTML page, as Cloudflare does) instead of serving the project. */
  originUnreachable: boolean;
}

export function newProject(ref: string): StandinProject {
  return {
    ref,
    status: 'ACTIVE_HEALTHY',
    services: Object.fromEntries(SERVICE_NAMES.map((s) => [s, 'ACTIVE_HEALTHY'])) as Record<ServiceName, ServiceStatus>,
    originUnreachable: false,
  };
}

/**
 * The gateway's answer when the project cannot serve, or null. 540 = "project paused" and 522 =
 * Cloudflare's "connection timed out" to the origin
 * (https://supabase.com/docs/guides/platform/http-status-codes). The docs give no 540 body: this
 * one has the gateway's usual { message, hint } shape (see responses.ts) and is the stand-in's own text.
 */
export function unavailableProject(project: StandinProject, res: http.ServerResponse): boolean {
  if (project.originUnreachable) {
    const html = '<!DOCTYPE html><html><head><title>supabase.co | 522: Connection timed out</title></head><body><h1>Connection timed out</h1><p>Error code 522</p></body></html>';
    res.writeHead(522, { 'Content-Type': 'text/html; charset=UTF-8', 'Content-Length': Buffer.byteLength(html), Server: STANDIN_SERVER_HEADER });
    res.end(html);
    return true;
  }
  if (project.status === 'INACTIVE' || project.status === 'PAUSING') {
    sendJson(res, 540, { message: 'Project paused', hint: 'The project is paused; its owner can restore it from the dashboard.' });
    return true;
  }
  return false;
}
