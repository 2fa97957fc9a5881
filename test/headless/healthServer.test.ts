import { request } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { OverallStatus, Snapshot } from '../../src-main/common/schemas.js';
import { createHealthServer, isLoopbackHost, type HealthServer } from '../../src-main/headless/healthServer.js';
import { environmentStatus, snapshotOf } from './browser/fakeCore.js';

/** One environment whose stated overall status is `status` (Neo4j down unless ok). */
function snapshot(status: OverallStatus): Snapshot {
  return snapshotOf([environmentStatus('default', { supabase: 'healthy', neo4j: status === 'ok' ? 'healthy' : 'down' }, status)], status);
}

let server: HealthServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    });
    req.on('error', reject).end();
  });
}

describe('createHealthServer', () => {
  it('serves the health answer with 200 when ok and 503 otherwise, only on 127.0.0.1', async () => {
    let current = snapshot('ok');
    server = await createHealthServer({ core: { snapshot: () => current }, port: 0 });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    const ok = await get(server.port, '/api/health');
    expect(ok.status).toBe(200);
    expect(ok.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(ok.body)).toMatchObject({ status: 'ok', state: 'ok', databases: { neo4j: { status: 'connected' } } });
    for (const status of ['down', 'degraded', 'unconfigured', 'unknown'] as const) {
      current = snapshot(status);
      const res = await get(server.port, '/api/health?x=1');
      expect(res.status).toBe(503);
      expect(JSON.parse(res.body)).toMatchObject({ status: 'degraded', state: status });
    }
  });

  it.each([
    [`evil.example`, 421],
    [`evil.example:PORT`, 421],
    [`127.0.0.1.evil.example:PORT`, 421],
    [`localhost:1`, 421],
    [`localhost:PORT`, 200],
    [`127.0.0.1:PORT`, 200],
    [`[::1]:PORT`, 200],
    [`LOCALHOST`, 200],
  ])('Host %s -> %i (DNS rebinding guard)', async (host, expected) => {
    server = await createHealthServer({ core: { snapshot: () => snapshot('ok') }, port: 0 });
    const res = await get(server.port, '/api/health', { host: host.replace('PORT', String(server.port)) });
    expect(res.status).toBe(expected);
    if (expected === 421) expect(res.body).not.toContain('"databases"');
  });

  it('answers 404 elsewhere, 405 for other methods, and lets extra routes in behind the Host check', async () => {
    const seen: string[] = [];
    server = await createHealthServer({
      core: { snapshot: () => snapshot('ok') },
      port: 0,
      routes: (req, res) => {
        seen.push(req.url!);
        if (req.url !== '/extra') return false;
        res.writeHead(204).end();
        return true;
      },
    });
    expect((await get(server.port, '/nope')).status).toBe(404);
    expect((await get(server.port, '/extra')).status).toBe(204);
    expect((await get(server.port, '/api/health', {}, 'POST')).status).toBe(405);
    expect((await get(server.port, '/extra', { host: 'evil.example' })).status).toBe(421);
    expect(seen).toEqual(['/nope', '/extra']);
  });
});

/** Sends raw HTTP/1.1 bytes and resolves with everything the server wrote before closing. */
function rawExchange(port: number, text: string) {
  return new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let reply = '';
    socket.setEncoding('utf8').on('data', (c: string) => (reply += c));
    socket.on('end', () => resolve(reply)).on('error', reject);
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no complete answer within 10 s:\n${reply}`)));
  });
}

describe('Upgrade headers other than WebSocket', () => {
  const h2cRequest = (port: number, method = 'GET') =>
    `${method} /api/health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n` +
    'HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n';

  it('answers GET /api/health with Upgrade: h2c as plain HTTP/1.1 (200 with the snapshot, 503 when not ok)', async () => {
    let current = snapshot('ok');
    const upgrades: string[] = [];
    server = await createHealthServer({
      core: { snapshot: () => current },
      port: 0,
      onUpgrade: (req, socket) => {
        upgrades.push(String(req.headers.upgrade));
        socket.destroy();
      },
    });
    const ok = await rawExchange(server.port, h2cRequest(server.port));
    expect(ok).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(ok).toMatch(/\r\ncontent-type: application\/json; charset=utf-8\r\n/i);
    expect(JSON.parse(ok.slice(ok.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 'ok', databases: { neo4j: { status: 'connected' } } });
    current = snapshot('down');
    const down = await rawExchange(server.port, h2cRequest(server.port));
    expect(down).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n/);
    expect(JSON.parse(down.slice(down.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 'degraded', state: 'down' });
    const head = await rawExchange(server.port, h2cRequest(server.port, 'HEAD'));
    expect(head).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n/);
    expect(head.endsWith('\r\n\r\n')).toBe(true);
    // Its body cannot be read once Node took the upgrade path: refused with a reason, not left hanging.
    const withBody = await rawExchange(server.port, h2cRequest(server.port, 'POST').replace('\r\n\r\n', '\r\nContent-Length: 2\r\n\r\n{}'));
    expect(withBody).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n[^]*Upgrade is only honoured for WebSocket/);
    // Only a WebSocket upgrade reaches onUpgrade.
    expect(upgrades).toEqual([]);
  });

  it('answers an h2c upgrade with http.request too, and still refuses a foreign Host', async () => {
    server = await createHealthServer({ core: { snapshot: () => snapshot('ok') }, port: 0 });
    const headers = { connection: 'Upgrade, HTTP2-Settings', upgrade: 'h2c', 'http2-settings': 'AAMAAABkAARAAAAAAAIAAAAA' };
    const ok = await get(server.port, '/api/health', headers);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ status: 'ok', databases: { supabase: { status: 'connected' } } });
    const foreign = await get(server.port, '/api/health', { ...headers, host: 'evil.example' });
    expect(foreign.status).toBe(421);
    expect(foreign.body).not.toContain('"databases"');
    expect((await get(server.port, '/nope', headers)).status).toBe(404);
  });
});

describe('isLoopbackHost', () => {
  it('accepts only loopback names with the right port or none', () => {
    expect(isLoopbackHost('localhost', 80)).toBe(true);
    expect(isLoopbackHost('[::1]:8765', 8765)).toBe(true);
    expect(isLoopbackHost('[::1]:8766', 8765)).toBe(false);
    expect(isLoopbackHost(undefined, 80)).toBe(false);
    expect(isLoopbackHost('127.0.0.2', 80)).toBe(false);
    expect(isLoopbackHost('localhost.', 80)).toBe(false);
  });
});
