/**
 * Every code, status and message clue classifyError knows, one by one, and which kind wins when
 * one error chain hints at two. The real-library errors are in classify.test.ts; these are the
 * shapes those libraries produce, written out so a changed table fails here.
 */
import { describe, expect, it } from 'vitest';
import { classifyError, errorChain, errorDetail, kindForHttpStatus } from '../../../src-main/core/probes/classify.js';

const withCode = (code: unknown, message = 'x') => Object.assign(new Error(message), { code });

describe('classifyError: system and library codes', () => {
  it.each([
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['EAI_NONAME', 'dns'],
    ['EAI_FAIL', 'dns'],
    ['EAI_NODATA', 'dns'],
    ['ENETUNREACH', 'no_route'],
    ['EHOSTUNREACH', 'no_route'],
    ['ENETDOWN', 'no_route'],
    ['ECONNREFUSED', 'refused'],
    ['ETIMEDOUT', 'timeout'],
    ['ABORT_ERR', 'timeout'],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout'],
    ['UND_ERR_HEADERS_TIMEOUT', 'timeout'],
    ['UND_ERR_BODY_TIMEOUT', 'timeout'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls'],
    ['CERT_HAS_EXPIRED', 'tls'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tls'],
    ['EPROTO', 'tls'],
    ['HOSTNAME_MISMATCH', 'tls'],
    ['ERR_INVALID_URL', 'invalid_config'],
    ['PGRST205', 'invalid_config'],
    ['42P01', 'invalid_config'],
    ['PGRST000', 'server_error'],
    ['PGRST003', 'server_error'],
    ['PGRST009', 'server_error'],
  ])('code %s is %s', (code, kind) => {
    expect(classifyError(withCode(code))).toBe(kind);
  });

  it.each([
    // a connection cut under a request is its own kind (reset); a broken protocol: the server was reached and failed
    ['ECONNRESET', 'reset'],
    ['EPIPE', 'reset'],
    ['UND_ERR_SOCKET', 'reset'],
    ['SessionExpired', 'server_error'],
    ['ProtocolError', 'server_error'],
    ['ServiceUnavailable', 'server_error'],
  ])('code %s (connection lost after connecting) is %s', (code, kind) => {
    expect(classifyError(withCode(code))).toBe(kind);
  });

  it.each([
    ['Neo.ClientError.Security.Unauthorized', 'auth_failed'],
    // rate-limited logins are auth failures: retrying them would lock the account out
    ['Neo.ClientError.Security.AuthenticationRateLimit', 'auth_failed'],
    ['Neo.ClientError.Security.Forbidden', 'auth_failed'],
    ['Neo.ClientError.Database.DatabaseNotFound', 'invalid_config'],
    ['Neo.ClientError.Transaction.TransactionTimedOut', 'timeout'],
    ['Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration', 'timeout'],
    ['Neo.TransientError.General.DatabaseUnavailable', 'server_error'],
    ['Neo.DatabaseError.General.UnknownError', 'server_error'],
  ])('neo4j code %s is %s', (code, kind) => {
    expect(classifyError(withCode(code))).toBe(kind);
  });

  it.each([
    'XERR_TLS_FOO', // the TLS prefixes are anchored at the start
    'EPROTOX',
    'DEPTH_ZERO_SELF_SIGNED_CERTX',
    'SELF_SIGNED_CERT_IN_CHAINX',
    'HOSTNAME_MISMATCHX',
    'PGRST010',
    'PGRST0011',
    'XPGRST001',
    'PGRST20',
    'Neo.ClientError.Security.UnauthorizedX',
    'Neo.ClientError.Statement.SyntaxError',
    'X.Neo.TransientError.General',
    'X.Neo.DatabaseError.General',
    'X.Neo.ClientError.Transaction.TransactionTimedOut',
    'ECONNREFUSEDX',
    '',
  ])('code %j alone is unknown', (code) => {
    expect(classifyError(withCode(code))).toBe('unknown');
  });

  it('ignores a code that is not a string', () => {
    expect(classifyError(withCode(42))).toBe('unknown');
    expect(classifyError(withCode({ toString: () => 'ECONNREFUSED' }))).toBe('unknown');
  });
});

describe('classifyError: names, flags and HTTP status', () => {
  it('AbortError, TimeoutError and a cockatiel cancellation are timeouts', () => {
    expect(classifyError(Object.assign(new Error('x'), { name: 'AbortError' }))).toBe('timeout');
    expect(classifyError(Object.assign(new Error('x'), { name: 'TimeoutError' }))).toBe('timeout');
    expect(classifyError({ isTaskCancelledError: true })).toBe('timeout');
    expect(classifyError({ isTaskCancelledError: 'yes' })).toBe('unknown');
    expect(classifyError(Object.assign(new Error('x'), { name: 'Error' }))).toBe('unknown');
  });

  it('a numeric status is read as HTTP, a string one is not', () => {
    expect(classifyError({ status: 401 })).toBe('auth_failed');
    expect(classifyError({ status: 408 })).toBe('timeout');
    expect(classifyError({ status: 502 })).toBe('server_error');
    expect(classifyError({ status: '401' })).toBe('unknown');
    expect(classifyError({ status: '502' })).toBe('unknown');
    expect(classifyError({ status: 200 })).toBe('unknown');
  });
});

describe('kindForHttpStatus', () => {
  it.each([
    [401, 'auth_failed'],
    [403, 'auth_failed'],
    [404, 'invalid_config'],
    [408, 'timeout'],
    [504, 'timeout'],
    [500, 'server_error'],
    [502, 'server_error'],
    [521, 'server_error'],
    [522, 'unreachable_origin'],
    [523, 'server_error'],
    [539, 'server_error'],
    [540, 'paused'],
    [541, 'server_error'],
    [599, 'server_error'],
    [200, null],
    [400, null],
    [402, null],
    [405, null],
    [409, null],
    [429, null],
    [499, null],
  ])('%i → %s', (status, kind) => {
    expect(kindForHttpStatus(status)).toBe(kind);
  });
});

describe('classifyError: clues in the message (neo4j-driver flattens the system error)', () => {
  it.each([
    ['Could not perform discovery. Caused by: getaddrinfo ENOTFOUND db.invalid', 'dns'],
    ['getaddrinfo EAI_AGAIN db.example.com', 'dns'],
    ['getaddrinfo EAI_NONAME db.example.com', 'dns'],
    // What neo4j-driver said for bolt://[2001:db8::1]:7687 here (a ServiceUnavailable, which alone means server_error).
    ['Could not perform discovery. Caused by: connect EHOSTUNREACH 2001:db8::1:7687', 'no_route'],
    ['connect ENETUNREACH 10.0.0.1:7687', 'no_route'],
    ['Failed to connect. Caused by: connect ECONNREFUSED 127.0.0.1:7687', 'refused'],
    ['connect ETIMEDOUT 10.0.0.1:7687', 'timeout'],
    ['read ECONNRESET', 'reset'],
    ['write EPIPE', 'reset'],
    ['SocketError: other side closed', 'reset'],
    ['The OTHER SIDE CLOSED', 'reset'],
    ['write EPROTO 80DC:error', 'tls'],
    ['unable to verify the first certificate', 'tls'],
    ['CERTIFICATE has expired', 'tls'],
    ['self signed certificate in chain', 'tls'],
    ['self-signed', 'tls'],
    ['an SSL alert', 'tls'],
    ['a TLS failure', 'tls'],
    ['wrong version number', 'tls'],
    ['Failed to establish connection in 5000ms', 'timeout'],
    ['Connection acquisition timed out in 60000 ms', 'timeout'],
    ['The server TIMED OUT', 'timeout'],
    ["Server at db:7687 didn't respond in 30000ms", 'timeout'],
    ['Unknown scheme: http', 'invalid_config'],
    ['Invalid URL', 'invalid_config'],
    ['invalid url', 'invalid_config'],
    ['Illegal URI', 'invalid_config'],
    ['bolt:/x is not a valid URI', 'invalid_config'],
  ])('%j is %s', (message, kind) => {
    expect(classifyError(new Error(message))).toBe(kind);
  });

  it.each([
    'connect XECONNREFUSED', // the codes are whole words
    'connect ECONNREFUSEDX',
    'SSLX handshake',
    'XTLS handshake',
    'selfsigned',
    'timedout',
  ])('%j is unknown', (message) => {
    expect(classifyError(new Error(message))).toBe('unknown');
  });

  it('reads only string messages', () => {
    expect(classifyError({ message: { toString: () => 'connect ECONNREFUSED 127.0.0.1:1' } })).toBe('unknown');
  });
});

describe('classifyError: the most specific kind in the chain wins', () => {
  // Each pair puts two neighbouring kinds of the priority order in one chain.
  const chain = (outer: object, inner: object) => Object.assign(new Error('outer'), outer, { cause: Object.assign(new Error('inner'), inner) });

  it.each([
    [{ code: 'Neo.ClientError.Security.Unauthorized' }, { code: 'ERR_INVALID_URL' }, 'invalid_config'],
    [{ code: 'EPROTO' }, { status: 401 }, 'auth_failed'],
    [{ code: 'ENOTFOUND' }, { code: 'CERT_HAS_EXPIRED' }, 'tls'],
    [{ code: 'ECONNREFUSED' }, { code: 'EAI_AGAIN' }, 'dns'],
    [{ code: 'ETIMEDOUT' }, { code: 'ECONNREFUSED' }, 'refused'],
    [{ code: 'ECONNRESET' }, { code: 'ETIMEDOUT' }, 'timeout'],
    [{ code: 'ServiceUnavailable' }, { code: 'ECONNRESET' }, 'reset'],
    [{ code: 'ServiceUnavailable' }, { code: 'SessionExpired' }, 'server_error'],
  ])('%j around %j is %s', (outer, inner, kind) => {
    expect(classifyError(chain(outer, inner))).toBe(kind);
    // and the same with the roles swapped: the order in the chain does not matter
    expect(classifyError(chain(inner, outer))).toBe(kind);
  });

  it('reads AggregateError members (happy eyeballs tries IPv4 and IPv6)', () => {
    const aggregate = new AggregateError([withCode('ECONNREFUSED'), withCode('ETIMEDOUT')], 'all failed');
    expect(classifyError(new Error('fetch failed', { cause: aggregate }))).toBe('refused');
    expect(classifyError({ errors: { code: 'ECONNREFUSED' } })).toBe('unknown');
  });
});

describe('errorChain', () => {
  const nested = (depth: number, innermost: object) => {
    let e: object = innermost;
    for (let i = 0; i < depth; i++) e = { message: `wrapper ${i}`, cause: e };
    return e;
  };

  it('follows at most 10 links, outermost first', () => {
    expect(errorChain(nested(9, { code: 'ECONNREFUSED' }))).toHaveLength(10);
    expect(classifyError(nested(9, { code: 'ECONNREFUSED' }))).toBe('refused');
    expect(classifyError(nested(10, { code: 'ECONNREFUSED' }))).toBe('unknown');
    expect(errorChain(nested(3, { code: 'x' })).map((e) => e.message)).toEqual(['wrapper 2', 'wrapper 1', 'wrapper 0', undefined]);
    expect(errorChain(nested(5, {}), 2)).toHaveLength(2);
  });

  it('skips null and primitive causes, and visits a shared error once', () => {
    expect(errorChain({ cause: null })).toHaveLength(1);
    expect(errorChain({ cause: 'text' })).toHaveLength(1);
    const shared = { code: 'EPIPE' };
    expect(errorChain({ errors: [shared, shared], cause: shared })).toEqual([{ errors: [shared, shared], cause: shared }, shared]);
    expect(errorChain('a string')).toEqual([]);
  });
});

describe('errorDetail', () => {
  it('is the innermost message', () => {
    expect(errorDetail(new Error('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:1') }))).toBe('connect ECONNREFUSED 127.0.0.1:1');
    expect(errorDetail(new Error('outer', { cause: { message: '' } }))).toBe('outer');
    expect(errorDetail(new Error('outer', { cause: { message: 42 } }))).toBe('outer');
  });

  it("is neo4j's Caused-by tail, across lines", () => {
    expect(errorDetail(new Error('Failed to connect. Caused by: connect ECONNREFUSED\n127.0.0.1:7687'))).toBe('connect ECONNREFUSED\n127.0.0.1:7687');
  });

  it("is OpenSSL's reason for an OpenSSL error line", () => {
    const openssl = '80DC0B:error:0A00010B:SSL routines:ssl3_get_record: wrong version number :../deps/openssl/ssl/record/ssl3_record.c:354:';
    expect(errorDetail(new Error(openssl))).toBe('TLS: wrong version number');
  });

  it('falls back to a thrown string, else "unknown error"', () => {
    expect(errorDetail('plain text')).toBe('plain text');
    expect(errorDetail(42)).toBe('unknown error');
    expect(errorDetail({ message: '' })).toBe('unknown error');
  });
});
