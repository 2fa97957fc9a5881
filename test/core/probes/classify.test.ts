import { describe, expect, it } from 'vitest';
import neo4j from 'neo4j-driver';
import { classifyError, errorDetail, kindForHttpStatus } from '../../../src-main/core/probes/classify.js';
import { closedPort, UNRESOLVABLE_HOST } from '../../support/faults.js';
import { startLoopbackHttp } from '../../support/hostileHttp.js';

/** What undici's fetch really throws for a URL, so the classification is tested against real errors. */
async function fetchError(url: string, init?: RequestInit): Promise<unknown> {
  try {
    await fetch(url, init);
  } catch (error) {
    return error;
  }
  throw new Error(`fetch ${url} unexpectedly succeeded`);
}

describe('classifyError with real library errors', () => {
  it('undici: connection refused is wrapped in cause', async () => {
    const error = await fetchError(`http://127.0.0.1:${await closedPort()}/auth/v1/health`);
    expect((error as Error).message).toBe('fetch failed');
    expect(classifyError(error)).toBe('refused');
    expect(errorDetail(error)).toMatch(/ECONNREFUSED/);
  });

  it('undici: an unresolvable host is dns', async () => {
    expect(classifyError(await fetchError(`http://${UNRESOLVABLE_HOST}/`))).toBe('dns');
  });

  it('undici: an aborted request is timeout', async () => {
    const error = await fetchError(`http://127.0.0.1:${await closedPort()}/`, { signal: AbortSignal.abort() });
    expect(classifyError(error)).toBe('timeout');
  });

  it.each(['resetAndDestroy', 'destroy'] as const)('undici: a connection cut before the answer (socket.%s) is reset', async (how) => {
    const server = await startLoopbackHttp((req) => req.socket[how]());
    try {
      const error = await fetchError(`${server.origin}/auth/v1/health`);
      expect(classifyError(error)).toBe('reset');
      expect(errorDetail(error)).toBe(how === 'destroy' ? 'other side closed' : 'read ECONNRESET');
    } finally {
      await server.close();
    }
  });

  it('neo4j-driver: refused and dns come from the flattened "Caused by" message', async () => {
    const refusedDriver = neo4j.driver(`bolt://127.0.0.1:${await closedPort()}`, neo4j.auth.basic('neo4j', 'x'));
    const refused = await refusedDriver.getServerInfo().catch((e: unknown) => e);
    await refusedDriver.close();
    expect(classifyError(refused)).toBe('refused');
    expect(errorDetail(refused)).toMatch(/^connect ECONNREFUSED 127\.0\.0\.1:\d+$/);

    const dnsDriver = neo4j.driver(`bolt://${UNRESOLVABLE_HOST}:7687`, neo4j.auth.basic('neo4j', 'x'));
    const dns = await dnsDriver.getServerInfo().catch((e: unknown) => e);
    await dnsDriver.close();
    expect(classifyError(dns)).toBe('dns');
    const routed = neo4j.driver(`neo4j://${UNRESOLVABLE_HOST}:7687`, neo4j.auth.basic('neo4j', 'x'));
    const routedError = await routed.getServerInfo().catch((e: unknown) => e);
    await routed.close();
    expect(classifyError(routedError)).toBe('dns');
  });

  it('neo4j-driver: an unknown URI scheme is invalid_config', () => {
    let error: unknown;
    try {
      neo4j.driver('http://127.0.0.1:7687', neo4j.auth.basic('neo4j', 'x'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeDefined();
    expect(classifyError(error)).toBe('invalid_config');
  });
});

describe('classifyError with library error codes', () => {
  const neo4jError = (code: string, message = 'x') => new neo4j.Neo4jError(message, code, '50N42', 'x');

  it.each([
    ['Neo.ClientError.Security.Unauthorized', 'auth_failed'],
    ['Neo.ClientError.Database.DatabaseNotFound', 'invalid_config'],
    ['Neo.TransientError.General.DatabaseUnavailable', 'server_error'],
    ['Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration', 'timeout'],
    ['ServiceUnavailable', 'server_error'],
  ])('%s → %s', (code, kind) => {
    expect(classifyError(neo4jError(code))).toBe(kind);
  });

  it('a wrapper kind never hides a more specific inner one', () => {
    const inner = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:7687'), { code: 'ECONNREFUSED' });
    expect(classifyError(new Error('ServiceUnavailable', { cause: inner }))).toBe('refused');
    expect(classifyError(neo4jError('ServiceUnavailable', 'Failed to connect. Caused by: self-signed certificate'))).toBe('tls');
  });

  it('TLS and timeout codes, PostgREST codes, cockatiel cancellation', () => {
    expect(classifyError(new Error('fetch failed', { cause: Object.assign(new Error('x'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }) }))).toBe('tls');
    expect(classifyError(Object.assign(new Error('x'), { code: 'UND_ERR_CONNECT_TIMEOUT' }))).toBe('timeout');
    expect(classifyError(Object.assign(new Error('x'), { code: 'PGRST205' }))).toBe('invalid_config');
    expect(classifyError(Object.assign(new Error('x'), { code: 'PGRST000' }))).toBe('server_error');
    expect(classifyError(Object.assign(new Error('timed out'), { isTaskCancelledError: true }))).toBe('timeout');
    expect(classifyError(new Error('something odd'))).toBe('unknown');
    expect(classifyError('not even an error')).toBe('unknown');
  });

  it('reset codes and messages; a TLS failure that shows up as a reset stays tls', () => {
    expect(classifyError(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))).toBe('reset');
    expect(classifyError(new Error('Connection lost. Caused by: read ECONNRESET'))).toBe('reset');
    expect(classifyError(new Error('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) }))).toBe('reset');
    const tlsCut = Object.assign(new Error('Client network socket disconnected before secure TLS connection was established'), { code: 'ECONNRESET' });
    expect(classifyError(tlsCut)).toBe('tls');
  });

  it('survives a cause cycle', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(classifyError(a)).toBe('unknown');
  });
});

describe('kindForHttpStatus', () => {
  it.each([
    [401, 'auth_failed'],
    [403, 'auth_failed'],
    [404, 'invalid_config'],
    [504, 'timeout'],
    [500, 'server_error'],
    [503, 'server_error'],
    [400, null],
  ])('%i → %s', (status, kind) => {
    expect(kindForHttpStatus(status)).toBe(kind);
  });
});
