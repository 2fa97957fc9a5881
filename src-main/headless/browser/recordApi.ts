/**
 * GET /api/history and GET /api/incidents: the durable record as JSON for scripts, behind browser
 * mode's guards (Host, Origin) and its access token, sent as "Authorization: Bearer <token>".
 * The query is hostile input: bounded, only known parameters, each once, validated with the
 * contract's schemas; an error names the parameter and never echoes more than a short prefix of it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { HistoryRequestSchema, IncidentsRequestSchema } from '../../common/history.js';
import { ValidationError } from '../../core/errors.js';
import type { MonitorCore } from '../../core/MonitorCore.js';
import { sendJson, unknownEnvironment } from '../healthServer.js';
import { bearerToken } from '../metrics/metricsToken.js';

export const HISTORY_PATH = '/api/history';
export const INCIDENTS_PATH = '/api/incidents';
/** Far above any valid query (ids are ≤ 32 characters, an ISO time 24). */
export const MAX_QUERY_CHARS = 1_024;

interface Endpoint {
  schema: z.ZodType;
  parameters: readonly string[];
  answer(core: RecordCore, request: never): unknown;
}

type RecordCore = Pick<MonitorCore, 'snapshot' | 'getHistory' | 'getIncidents'>;

const ENDPOINTS: Record<string, Endpoint> = {
  [HISTORY_PATH]: {
    schema: HistoryRequestSchema,
    parameters: ['environment', 'database', 'range'],
    answer: (core, request: Parameters<MonitorCore['getHistory']>[0]) => core.getHistory(request),
  },
  [INCIDENTS_PATH]: {
    schema: IncidentsRequestSchema,
    parameters: ['environment', 'database', 'since', 'limit'],
    answer: (core, request: Parameters<MonitorCore['getIncidents']>[0]) => core.getIncidents(request),
  },
};

export function isRecordPath(path: string): boolean {
  return Object.hasOwn(ENDPOINTS, path);
}

const shown = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);

type Parsed = { ok: true; request: Record<string, unknown> } | { ok: false; status: number; body: object };

/** The query as the endpoint's request object, or the answer that says what is wrong with it. */
function parseQuery(endpoint: Endpoint, search: string): Parsed {
  if (search.length > MAX_QUERY_CHARS) return { ok: false, status: 414, body: { error: `The query string is longer than ${MAX_QUERY_CHARS} characters` } };
  const allowed = endpoint.parameters.join(', ');
  const raw: Record<string, unknown> = {};
  for (const [name, value] of new URLSearchParams(search)) {
    if (!endpoint.parameters.includes(name)) return { ok: false, status: 400, body: { error: `Unknown parameter ${shown(name)}; allowed: ${allowed}` } };
    if (name in raw) return { ok: false, status: 400, body: { error: `Give the parameter "${name}" once`, parameter: name } };
    // limit is a number in the contract; anything but digits stays a string and fails its schema.
    raw[name] = name === 'limit' && /^\d{1,6}$/.test(value) ? Number(value) : value;
  }
  const parsed = endpoint.schema.safeParse(raw);
  if (parsed.success) return { ok: true, request: (parsed.data ?? {}) as Record<string, unknown> };
  const issue = parsed.error.issues[0]!;
  const parameter = String(issue.path[0] ?? '');
  return { ok: false, status: 400, body: { error: `Bad parameter "${parameter}": ${issue.message} (parameters: ${allowed})`, parameter } };
}

/** Answers GET/HEAD on a record path, after browser mode's Host and Origin checks. */
export function createRecordApi({ core, token }: { core: RecordCore; token: string }) {
  const bearer = bearerToken(token);
  return (req: IncomingMessage, res: ServerResponse, url: URL): void => {
    const headOnly = req.method === 'HEAD';
    if (!bearer.matches(req.headers.authorization)) {
      res.setHeader('www-authenticate', 'Bearer realm="walltrack"');
      sendJson(res, 401, { error: 'Unauthorized: send the status window\'s token (after #token= in the URL serve printed) as "Authorization: Bearer <token>"' }, headOnly);
      return;
    }
    const endpoint = ENDPOINTS[url.pathname]!;
    const query = parseQuery(endpoint, url.search.slice(1));
    if (!query.ok) return sendJson(res, query.status, query.body, headOnly);
    const known = core.snapshot().environments.map((e) => e.id);
    const environment = query.request.environment as string | undefined;
    if (environment !== undefined && !known.includes(environment)) return sendJson(res, 404, { ...unknownEnvironment(environment, '?environment=', known), parameter: 'environment' }, headOnly);
    try {
      sendJson(res, 200, endpoint.answer(core, query.request as never), headOnly);
    } catch (error) {
      // A database that environment does not monitor, named by the core.
      if (!(error instanceof ValidationError)) throw error;
      sendJson(res, 404, { error: error.message, parameter: error.field }, headOnly);
    }
  };
}
