/**
 * Maps whatever a client library threw (undici fetch errors, neo4j-driver errors, cockatiel
 * timeouts) to a FailureKind. Libraries wrap the system error: undici puts it in `cause`,
 * neo4j-driver only in the message ("… Caused by: connect ECONNREFUSED …"), so both are read.
 */
import type { FailureKind } from '../../common/schemas.js';

/** Most specific first: a wrapper's "service unavailable" must not hide an inner "connection refused". */
const PRIORITY: FailureKind[] = ['invalid_config', 'auth_failed', 'tls', 'dns', 'no_route', 'refused', 'timeout', 'reset', 'server_error'];

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA']);
const NO_ROUTE_CODES = new Set(['ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ABORT_ERR', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|EPROTO$|HOSTNAME_MISMATCH$)/;
/** The connection was cut under a request (RST, or undici's "other side closed"): not an answer from the server. */
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);
const SERVER_CODES = new Set(['SessionExpired', 'ProtocolError']);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
  status?: unknown;
  isTaskCancelledError?: unknown;
}

/** The error and everything it wraps (`cause` chains and AggregateError members), outermost first. */
export function errorChain(error: unknown, limit = 10): ErrorLike[] {
  const out: ErrorLike[] = [];
  const queue: unknown[] = [error];
  while (queue.length && out.length < limit) {
    const e = queue.shift();
    if (e === null || typeof e !== 'object' || out.includes(e as ErrorLike)) continue;
    out.push(e as ErrorLike);
    const { cause, errors } = e as ErrorLike;
    // Stryker disable next-line ConditionalExpression: an undefined cause is skipped as a non-object anyway
    if (cause !== undefined) queue.push(cause);
    if (Array.isArray(errors)) queue.push(...errors);
  }
  return out;
}

/**
 * The kind an HTTP status means for a health or PostgREST request. 540 is Supabase's own "project
 * paused" and 522 the CDN's "origin did not answer in time"
 * (https://supabase.com/docs/guides/platform/http-status-codes, "540 project paused").
 */
export function kindForHttpStatus(status: number): FailureKind | null {
  if (status === 540) return 'paused';
  if (status === 522) return 'unreachable_origin';
  if (status === 401 || status === 403) return 'auth_failed';
  if (status === 404) return 'invalid_config';
  if (status === 408 || status === 504) return 'timeout';
  if (status >= 500) return 'server_error';
  return null;
}

function kindOfCode(code: string): FailureKind | null {
  if (DNS_CODES.has(code)) return 'dns';
  if (NO_ROUTE_CODES.has(code)) return 'no_route';
  if (code === 'ECONNREFUSED') return 'refused';
  if (TIMEOUT_CODES.has(code)) return 'timeout';
  if (TLS_CODE.test(code)) return 'tls';
  if (code === 'ERR_INVALID_URL') return 'invalid_config';
  if (code === 'Neo.ClientError.Security.Unauthorized' || code === 'Neo.ClientError.Security.AuthenticationRateLimit') {
    return 'auth_failed';
  }
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') return 'invalid_config';
  if (code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut')) return 'timeout';
  if (code.startsWith('Neo.TransientError.') || code.startsWith('Neo.DatabaseError.')) return 'server_error';
  if (code === 'Neo.ClientError.Security.Forbidden') return 'auth_failed';
  if (code === 'PGRST205' || code === '42P01') return 'invalid_config';
  if (/^PGRST00\d$/.test(code)) return 'server_error';
  if (RESET_CODES.has(code)) return 'reset';
  if (SERVER_CODES.has(code)) return 'server_error';
  return null;
}

/** Clues in message text, for libraries that flatten the system error into the message. */
function kindOfMessage(message: string): FailureKind | null {
  const code = /\b(ENOTFOUND|EAI_AGAIN|EAI_NONAME|ENETUNREACH|EHOSTUNREACH|ENETDOWN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|EPIPE|EPROTO)\b/.exec(message);
  if (code) return kindOfCode(code[1]!);
  if (/other side closed/i.test(message)) return 'reset';
  if (/certificate|self[- ]signed|\bSSL\b|\bTLS\b|wrong version number/i.test(message)) return 'tls';
  if (/Failed to establish connection in|acquisition timed out|timed out|didn't respond in/i.test(message)) return 'timeout';
  if (/Unknown scheme|Invalid URL|Illegal URI|not a valid URI/i.test(message)) return 'invalid_config';
  return null;
}

/** Every kind one error hints at; the caller picks the most specific across the chain. */
function kindsOfOne(e: ErrorLike): FailureKind[] {
  // Stryker disable next-line ConditionalExpression,StringLiteral: a non-string name, like any other text, equals none of the names below
  const name = typeof e.name === 'string' ? e.name : '';
  // Stryker disable next-line StringLiteral: the fallback only has to be a code kindOfCode does not know
  const code = typeof e.code === 'string' ? e.code : '';
  // Stryker disable next-line StringLiteral: the fallback only has to be text without a clue
  const message = typeof e.message === 'string' ? e.message : '';
  const kinds: (FailureKind | null)[] = [
    name === 'AbortError' || name === 'TimeoutError' || e.isTaskCancelledError === true ? 'timeout' : null,
    code ? kindOfCode(code) : null,
    typeof e.status === 'number' ? kindForHttpStatus(e.status) : null,
    // neo4j-driver codes such as ServiceUnavailable/SessionExpired wrap "… Caused by: getaddrinfo ENOTFOUND …".
    kindOfMessage(message),
    // ServiceUnavailable without a system error = the server went away after connecting.
    code === 'ServiceUnavailable' ? 'server_error' : null,
  ];
  // Stryker disable next-line MethodExpression,ConditionalExpression: a null among the kinds is never found in PRIORITY
  return kinds.filter((k): k is FailureKind => k !== null);
}

export function classifyError(error: unknown): FailureKind {
  const found = new Set<FailureKind>();
  for (const e of errorChain(error)) for (const kind of kindsOfOne(e)) found.add(kind);
  return PRIORITY.find((k) => found.has(k)) ?? 'unknown';
}

/** The most informative message in the chain: the innermost one, or neo4j's "Caused by: …" tail. */
export function errorDetail(error: unknown): string {
  const chain = errorChain(error);
  const messages = chain.map((e) => (typeof e.message === 'string' ? e.message : '')).filter(Boolean);
  const inner = messages.at(-1) ?? (typeof error === 'string' ? error : 'unknown error');
  // Stryker disable next-line Regex: with the s flag .* runs to the end, so dropping $ changes nothing
  const causedBy = /Caused by: (.*)$/s.exec(inner);
  const detail = causedBy ? causedBy[1]! : inner;
  // OpenSSL's "80DC…:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/…" → its reason.
  const openssl = /SSL routines:[^:]*:([^:]+)/.exec(detail);
  return openssl ? `TLS: ${openssl[1]!.trim()}` : detail;
}
