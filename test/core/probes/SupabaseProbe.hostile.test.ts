/**
 * SupabaseProbe against servers that misbehave on purpose, all real loopback listeners:
 * redirects elsewhere (the key must never follow), endless bodies (memory must stay bounded)
 * and connections cut mid-answer.
 */
import type http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { Secret } from '../../../src-main/core/credentials/Secret.js';
import { SupabaseProbe } from '../../../src-main/core/probes/SupabaseProbe.js';
import { startLoopbackHttp, streamEndlessly, type EndlessCounter, type LoopbackHttp } from '../../support/hostileHttp.js';

const KEY = 'sb_secret_hostile-test-key-7f3a9c';
const PROJECT_URL_HINT = 'Settings → Supabase → URL must be the project URL itself, e.g. https://abcd.supabase.co';
const HEALTH = 'GET /auth/v1/health';
const TABLE = 'GET /rest/v1/wallets?select=*&limit=0';

const servers: LoopbackHttp[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler?: http.RequestListener): Promise<LoopbackHttp> {
  const server = await startLoopbackHttp(handler);
  servers.push(server);
  return server;
}

/** A gateway whose health answers like GoTrue; every other path gets `table`. */
function healthyThen(table: http.RequestListener): http.RequestListener {
  return (req, res) => {
    if (req.url === '/auth/v1/health') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"version":"v2.170.0","name":"GoTrue","description":"GoTrue is a user registration and authentication API"}');
    } else {
      table(req, res);
    }
  };
}

function probe(url: string, timeoutMs = 3_000) {
  return new SupabaseProbe({ url, key: new Secret(KEY), probeTable: 'wallets', timeoutMs });
}

describe('a redirect is never followed: the key stays with the configured host', () => {
  it.each([302, 307])('GET /auth/v1/health answering %i → invalid_config naming only the origin it points to', async (status) => {
    const capture = await serve();
    const redirector = await serve((_req, res) => {
      res.writeHead(status, { location: `${capture.origin}/collect?from=health` });
      res.end();
    });
    const result = await probe(redirector.origin).check(AbortSignal.timeout(5_000));

    expect(capture.connections).toBe(0);
    expect(redirector.requests).toEqual([HEALTH]);
    expect(result).toMatchObject({ healthy: false, state: 'down', kind: 'invalid_config', hint: PROJECT_URL_HINT });
    expect(result.message).toBe(
      `supabase (${redirector.origin}): invalid configuration (GET /auth/v1/health answered HTTP ${status} pointing to ${capture.origin}; redirects are not followed, so the key was not sent there)`,
    );
  });

  it.each([302, 307])('the probe-table request answering %i → invalid_config, nothing reaches the other host', async (status) => {
    const capture = await serve();
    const redirector = await serve(
      healthyThen((_req, res) => {
        res.writeHead(status, { location: `${capture.origin}/rest/v1/wallets?apikey=stolen` });
        res.end();
      }),
    );
    const result = await probe(redirector.origin).check(AbortSignal.timeout(5_000));

    expect(capture.connections).toBe(0);
    expect(redirector.requests).toEqual([HEALTH, TABLE]);
    expect(result).toMatchObject({ healthy: false, kind: 'invalid_config', hint: PROJECT_URL_HINT });
    expect(result.message).toBe(
      `supabase (${redirector.origin}): invalid configuration (GET /rest/v1/wallets answered HTTP ${status} pointing to ${capture.origin}; redirects are not followed, so the key was not sent there)`,
    );
  });

  it('a relative Location names the configured origin itself', async () => {
    const redirector = await serve((_req, res) => {
      res.writeHead(301, { location: '/elsewhere?token=abc' });
      res.end();
    });
    const result = await probe(redirector.origin).check(AbortSignal.timeout(5_000));
    expect(redirector.requests).toEqual([HEALTH]);
    expect(result.kind).toBe('invalid_config');
    expect(result.message).toContain(`HTTP 301 pointing to ${redirector.origin};`);
    expect(result.message).not.toContain('token');
  });
});

describe('an endless body costs at most 64 KiB of reading, not memory', () => {
  // Bytes the server got into the socket before the client closed it: the 64 KiB read plus
  // whatever the two kernels' socket buffers held (loopback autotuning can reach a few MiB).
  const KERNEL_SLACK = 8 * 1024 * 1024;

  it('GET /auth/v1/health streaming forever → invalid_config "more than 64 KiB", the connection closed, before the timeout', async () => {
    const counter: EndlessCounter = { written: 0 };
    const server = await serve((_req, res) => streamEndlessly(res, counter));
    const started = performance.now();
    const result = await probe(server.origin, 1_500).check(AbortSignal.timeout(1_500));

    expect(performance.now() - started).toBeLessThan(1_500);
    expect(result).toMatchObject({ healthy: false, kind: 'invalid_config', hint: PROJECT_URL_HINT });
    expect(result.message).toBe(
      `supabase (${server.origin}): invalid configuration (GET /auth/v1/health sent more than 64 KiB; a Supabase answer is far smaller, so the rest was not read)`,
    );
    await expect.poll(() => counter.closed, { timeout: 1_000 }).toBe(true);
    expect(counter.written).toBeLessThan(KERNEL_SLACK);
  });

  // The table check is a GET of no rows: an answer that never ends is cut at the same bound as the health answer's.
  it('the probe-table request streaming forever → the check still ends within the timeout and the server is cut off', async () => {
    const counter: EndlessCounter = { written: 0 };
    const server = await serve(healthyThen((_req, res) => streamEndlessly(res, counter)));
    const started = performance.now();
    const result = await probe(server.origin, 1_500).check(AbortSignal.timeout(1_500));

    expect(performance.now() - started).toBeLessThan(1_500 + 500);
    expect(server.requests).toEqual([HEALTH, TABLE]);
    expect(result.kind).not.toBe('timeout');
    await expect.poll(() => counter.closed, { timeout: 2_000 }).toBe(true);
    expect(counter.written).toBeLessThan(KERNEL_SLACK);
  });
});

describe('a connection cut mid-answer is "reset", not "Supabase answered"', () => {
  const resetHint = (server: LoopbackHttp) =>
    `The connection to 127.0.0.1:${server.port} was cut before the answer was complete: check proxies, firewalls or a VPN on the way to Supabase`;

  it.each(['resetAndDestroy', 'destroy'] as const)('GET /auth/v1/health cut after the headers (socket.%s) → reset', async (how) => {
    const server = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '200' });
      res.write('{"version":', () => req.socket[how]());
    });
    const result = await probe(server.origin).check(AbortSignal.timeout(5_000));
    expect(result).toMatchObject({ healthy: false, state: 'down', kind: 'reset', hint: resetHint(server) });
    expect(result.message).toMatch(new RegExp(`^supabase \\(${server.origin}\\): connection reset \\(`));
  });

  it('the probe-table request reset before any answer → reset', async () => {
    const server = await serve(healthyThen((req) => req.socket.resetAndDestroy()));
    const result = await probe(server.origin).check(AbortSignal.timeout(5_000));
    expect(server.requests).toEqual([HEALTH, TABLE]);
    expect(result).toMatchObject({ healthy: false, kind: 'reset', hint: resetHint(server) });
    expect(JSON.stringify(result)).not.toContain(KEY);
  });
});

describe("the gateway's own words", () => {
  it('a 540 whose message echoes the key → paused, the key cut out, the whole message one bounded line', async () => {
    const gateway = await serve((_req, res) => {
      res.writeHead(540, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `Project paused for key ${KEY}`, hint: 'x'.repeat(400) }));
    });
    const result = await probe(gateway.origin).check(AbortSignal.timeout(5_000));
    expect(result).toMatchObject({ healthy: false, kind: 'paused' });
    // The note is cut at 200 characters, then the message as a whole at 240 (a tooltip, a table cell).
    expect(result.message!.startsWith(`supabase (${gateway.origin}): project paused (GET /auth/v1/health answered HTTP 540: "Project paused for key [redacted]" — xxx`)).toBe(true);
    expect(result.message).toHaveLength(240);
    expect(result.message!.endsWith('x…')).toBe(true);
    expect(JSON.stringify(result)).not.toContain(KEY);
  });
});
