import { afterEach, describe, expect, it } from 'vitest';
import { boundBody, guardedFetch, RefusedResponse } from '../../../src-main/core/probes/guardedFetch.js';
import { startLoopbackHttp, type LoopbackHttp } from '../../support/hostileHttp.js';

describe('boundBody', () => {
  it('reads at most 64 KiB plus one chunk of an endless body, then cancels the source', async () => {
    const CHUNK = 10 * 1024;
    let pulled = 0;
    let cancelledWith: unknown = null;
    const endless = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulled += CHUNK;
          controller.enqueue(new Uint8Array(CHUNK));
        },
        cancel(reason) {
          cancelledWith = reason;
        },
      },
      { highWaterMark: 0 },
    );
    const errors: unknown[] = [];
    const bounded = boundBody(new Response(endless), 'GET /endless', (e) => errors.push(e));

    await expect(bounded.arrayBuffer()).rejects.toThrow(
      'GET /endless sent more than 64 KiB; a Supabase answer is far smaller, so the rest was not read',
    );
    expect(pulled).toBeLessThanOrEqual(65_536 + 10_240);
    expect(cancelledWith).toBeInstanceOf(RefusedResponse);
    expect(errors).toEqual([cancelledWith]);
  });

  it('pulls nothing before the consumer reads, and a consumer that cancels cancels the source', async () => {
    let pulled = 0;
    let cancelledWith: unknown = null;
    const source = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulled++;
          controller.enqueue(new Uint8Array(1));
        },
        cancel(reason) {
          cancelledWith = reason;
        },
      },
      { highWaterMark: 0 },
    );
    const bounded = boundBody(new Response(source), 'GET /x', () => {});
    await new Promise((resolve) => setImmediate(resolve));
    expect(pulled).toBe(0);
    await bounded.body!.cancel('done reading');
    expect(cancelledWith).toBe('done reading');
  });

  it('a response without a body is returned as it is', () => {
    const empty = new Response(null, { status: 200 });
    expect(boundBody(empty, 'GET /x', () => {})).toBe(empty);
  });

  it('a body of exactly 64 KiB is delivered whole', async () => {
    const bounded = boundBody(new Response(new Uint8Array(65_536).fill(65)), 'GET /x', () => {});
    expect((await bounded.arrayBuffer()).byteLength).toBe(65_536);
  });
});

describe('guardedFetch against a loopback server', () => {
  let server: LoopbackHttp | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('passes a small answer through with its status, headers and body', async () => {
    server = await startLoopbackHttp((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json', 'content-range': '*/7' });
      res.end('{"message":"down"}');
    });
    const response = await guardedFetch(`${server.origin}/rest/v1/t?select=*`, { method: 'GET' }, () => {});
    expect(response.status).toBe(503);
    expect(response.headers.get('content-range')).toBe('*/7');
    expect(await response.text()).toBe('{"message":"down"}');
  });

  it('a 308 is refused with the origin only, and the body error callback is not called', async () => {
    server = await startLoopbackHttp((_req, res) => {
      res.writeHead(308, { location: 'https://collector.example:8443/k?apikey=abc' });
      res.end();
    });
    const errors: unknown[] = [];
    await expect(guardedFetch(`${server.origin}/auth/v1/health`, undefined, (e) => errors.push(e))).rejects.toThrow(
      new RefusedResponse(
        'GET /auth/v1/health answered HTTP 308 pointing to https://collector.example:8443; redirects are not followed, so the key was not sent there',
      ),
    );
    expect(errors).toEqual([]);
    expect(server.requests).toEqual(['GET /auth/v1/health']);
  });

  it.each([
    [300, 'http://127.0.0.1:1/x', 'http://127.0.0.1:1'],
    [399, null, 'nowhere (no Location header)'],
    [302, 'data:text/plain,apikey', 'a data: URL'],
    [301, 'http://[::1', 'an unparseable Location'],
  ])('HTTP %i with Location %j is refused, pointing to %j', async (status, location, to) => {
    server = await startLoopbackHttp((_req, res) => {
      res.writeHead(status, location === null ? {} : { location });
      res.end();
    });
    const refused = await guardedFetch(`${server.origin}/auth/v1/health?apikey=k`, { method: 'head' }, () => {}).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RefusedResponse);
    expect((refused as Error).name).toBe('RefusedResponse');
    expect((refused as Error).message).toBe(
      `HEAD /auth/v1/health answered HTTP ${status} pointing to ${to}; redirects are not followed, so the key was not sent there`,
    );
  });

  it('HTTP 400 is an answer, not a redirect', async () => {
    server = await startLoopbackHttp((_req, res) => {
      res.writeHead(400, { location: 'http://127.0.0.1:1/' });
      res.end('bad request');
    });
    const response = await guardedFetch(`${server.origin}/rest/v1/t`, undefined, () => {});
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('bad request');
  });
});
