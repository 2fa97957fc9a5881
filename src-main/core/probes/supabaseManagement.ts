/**
 * Supabase project health through the Management API (optional; needs a personal access token):
 * GET /v1/projects/{ref} (the project's status, e.g. ACTIVE_HEALTHY, INACTIVE, RESTORING) and
 * GET /v1/projects/{ref}/health?services=… (each service ACTIVE_HEALTHY | COMING_UP | UNHEALTHY).
 * Shapes: V1ProjectWithDatabaseResponse and V1ServiceHealthResponse in the published OpenAPI document
 * (supabase/cli apps/cli-go/pkg/api/types.gen.go). Informative only: whatever goes wrong here (401,
 * 403, 429, no route, a bad body) becomes the details' `problem`, never the database's state.
 */
import * as z from 'zod';
import type { DatabaseDetails } from '../../common/schemas.js';
import type { Secret } from '../credentials/Secret.js';
import { abortable } from './abortable.js';
import { errorDetail } from './classify.js';
import { guardedFetch } from './guardedFetch.js';
import { oneLine, scrub } from './redact.js';

export const MANAGEMENT_SERVICES = ['auth', 'db', 'pooler', 'realtime', 'rest', 'storage'] as const;

export interface ManagementConfig {
  /** e.g. https://api.supabase.com (no trailing slash). */
  apiUrl: string;
  ref: string;
  token: Secret;
}

/** The project ref of a hosted project URL, https://<ref>.supabase.co; null for any other URL. */
export function projectRefOf(projectUrl: string): string | null {
  try {
    const url = new URL(projectUrl);
    const match = /^([a-z]{20})\.supabase\.co$/.exec(url.hostname);
    return url.protocol === 'https:' && match ? match[1]! : null;
  } catch {
    return null;
  }
}

const Status = z.string().regex(/^[A-Z_]{1,64}$/);
const ProjectSchema = z.object({ status: Status });
const HealthSchema = z
  .array(z.object({ name: z.string().regex(/^[a-z_]{1,64}$/), status: Status, error: z.string().optional() }))
  .max(32);

/** What the operator should do about an answer that is not a 200. */
function refusal(status: number, tokenVariable: string): string {
  if (status === 401) return `HTTP 401: the access token was refused; check ${tokenVariable}`;
  if (status === 403) return `HTTP 403: the access token may not read this project; check the project ref and ${tokenVariable}`;
  if (status === 429) return 'HTTP 429: rate limited (about 60 requests a minute per user); asked again at the next interval';
  return `HTTP ${status}`;
}

class Refused extends Error {}

async function getJson(url: string, config: ManagementConfig, signal: AbortSignal, tokenVariable: string): Promise<unknown> {
  const response = await guardedFetch(url, { headers: { authorization: `Bearer ${config.token.reveal()}`, accept: 'application/json' }, signal }, () => undefined);
  const body = await abortable(response.text(), signal);
  if (!response.ok) throw new Refused(refusal(response.status, tokenVariable));
  return JSON.parse(body);
}

/** Both endpoints, one after the other; the details, or the details with only a `problem`. */
export async function projectHealth(config: ManagementConfig, signal: AbortSignal, tokenVariable: string): Promise<DatabaseDetails> {
  const base = `${config.apiUrl}/v1/projects/${encodeURIComponent(config.ref)}`;
  const checkedAt = () => new Date().toISOString();
  try {
    const project = ProjectSchema.parse(await getJson(base, config, signal, tokenVariable));
    const query = MANAGEMENT_SERVICES.map((s) => `services=${s}`).join('&');
    const services = HealthSchema.parse(await getJson(`${base}/health?${query}`, config, signal, tokenVariable));
    const parts = services.map(({ name, status, error }) => {
      const ok = status === 'ACTIVE_HEALTHY';
      return { name, status, ok, ...(!ok && error ? { message: oneLine(scrub(error, [config.token]), 200) } : {}) };
    });
    return { status: project.status, parts, checkedAt: checkedAt() };
  } catch (error) {
    const said =
      error instanceof Refused
        ? error.message
        : error instanceof z.ZodError || error instanceof SyntaxError
          ? 'the answer was not the project or health JSON the Management API gives'
          : // Stryker disable next-line ArrayDeclaration: the token travels in a header, which no network error quotes; kept as a guard
            oneLine(scrub(errorDetail(error), [config.token]), 160);
    return { parts: [], problem: `Management API at ${config.apiUrl}: ${said}`, checkedAt: checkedAt() };
  }
}
