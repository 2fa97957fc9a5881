/**
 * /api/health in the original service's shape, and /api/health/all, against a real server on 127.0.0.1.
 * The seed's contract (story 1.2, "Extended Health Response") is stated literally below.
 */
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseState, Snapshot } from '../../src-main/common/schemas.js';
import { createHealthServer, type HealthServer } from '../../src-main/headless/healthServer.js';
import { environmentStatus, snapshotOf } from './browser/fakeCore.js';

/** The original service's example answer, verbatim. */
const SEED_EXAMPLE = JSON.parse(`{
    "status": "ok",
    "version": "2.0.0",
    "databases": {
        "supabase": {"status": "connected", "healthy": true},
        "neo4j": {"status": "connected", "healthy": true}
    }
}`) as { status: string; version: string; databases: Record<string, { status: string; healthy: boolean }> };

let server: HealthServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function serve(snapshot: Snapshot): Promise<number> {
  server = await createHealthServer({ core: { snapshot: () => snapshot }, port: 0 });
  return server.port;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON, read field by field in assertions
type Json = any;

function get(port: number, path: string, method = 'GET') {
  return new Promise<{ status: number; body: string; json: () => Json }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = '';
      res
        .setEncoding('utf8')
        .on('data', (c: string) => (body += c))
        .on('end', () => resolve({ status: res.statusCode!, body, json: () => JSON.parse(body) }));
    });
    req.on('error', reject).end();
  });
}

const healthyDefault = () => snapshotOf([environmentStatus('default', { supabase: 'healthy', neo4j: 'healthy' }, 'ok')], 'ok');

/** production (both healthy), staging (Neo4j down), dev (Neo4j only, healthy). */
const threeEnvironments = () =>
  snapshotOf(
    [
      environmentStatus('production', { supabase: 'healthy', neo4j: 'healthy' }, 'ok', 'Production'),
      environmentStatus('staging', { supabase: 'healthy', neo4j: 'down' }, 'down', 'Staging'),
      environmentStatus('dev', { neo4j: 'healthy' }, 'ok', 'Dev'),
    ],
    'down',
  );

describe('GET /api/health, the original service\'s contract', () => {
  it('answers the seed\'s example field by field when every database is healthy', async () => {
    const res = await get(await serve(healthyDefault()), '/api/health');
    expect(res.status).toBe(200);
    const body = res.json();
    expect(Object.keys(body)).toEqual(expect.arrayContaining(Object.keys(SEED_EXAMPLE)));
    expect(body.status).toBe(SEED_EXAMPLE.status);
    // The seed's "2.0.0" is the original service's own version; ours is this app's (package.json).
    expect(typeof body.version).toBe(typeof SEED_EXAMPLE.version);
    expect(body.version).toBe('0.1.0');
    expect(Object.keys(body.databases)).toEqual(Object.keys(SEED_EXAMPLE.databases));
    for (const [db, seed] of Object.entries(SEED_EXAMPLE.databases)) {
      for (const [key, value] of Object.entries(seed)) expect([db, key, body.databases[db][key]]).toEqual([db, key, value]);
    }
  });

  it.each<[DatabaseState, string, boolean, string, number]>([
    ['healthy', 'connected', true, 'ok', 200],
    ['degraded', 'connected', true, 'ok', 200],
    ['unknown', 'disconnected', false, 'degraded', 503],
    ['not_configured', 'disconnected', false, 'degraded', 503],
    ['retrying', 'error', false, 'degraded', 503],
    ['down', 'error', false, 'degraded', 503],
  ])('Neo4j %s -> databases.neo4j {status: %s, healthy: %s}, status %s, HTTP %i', async (state, connection, healthy, status, http) => {
    const port = await serve(snapshotOf([environmentStatus('default', { supabase: 'healthy', neo4j: state }, 'unknown')], 'unknown'));
    for (const method of ['GET', 'HEAD']) {
      const res = await get(port, '/api/health', method);
      expect(res.status).toBe(http);
      if (method === 'HEAD') expect(res.body).toBe('');
      else expect(res.json()).toMatchObject({ status, databases: { neo4j: { status: connection, healthy }, supabase: { status: 'connected', healthy: true } } });
    }
  });

  it('puts everything else under other keys: our state, the environment, times, pause, and per database the details', async () => {
    const body = (await get(await serve(threeEnvironments()), '/api/health?env=staging')).json();
    expect(body).toEqual({
      status: 'degraded',
      version: '0.1.0',
      state: 'down',
      environment: { id: 'staging', name: 'Staging' },
      checkedAt: '2026-01-01T00:00:00.000Z',
      paused: null,
      databases: {
        supabase: {
          status: 'connected',
          healthy: true,
          state: 'healthy',
          label: 'Supabase',
          target: 'http://127.0.0.1:54321',
          latencyMs: 3,
          checkedAt: '2026-01-01T00:00:00.000Z',
          since: '2026-01-01T00:00:00.000Z',
        },
        neo4j: {
          status: 'error',
          healthy: false,
          state: 'down',
          label: 'Neo4j',
          target: 'bolt://127.0.0.1:7687',
          latencyMs: null,
          checkedAt: '2026-01-01T00:00:00.000Z',
          since: '2026-01-01T00:00:00.000Z',
          kind: 'refused',
          message: 'neo4j: connection refused',
          hint: 'Start neo4j',
        },
      },
    });
  });

  it('answers for the first environment by default, and for ?env=ID', async () => {
    const port = await serve(threeEnvironments());
    const first = await get(port, '/api/health');
    expect(first.status).toBe(200);
    expect(first.json().environment).toEqual({ id: 'production', name: 'Production' });
    const staging = await get(port, '/api/health?env=staging');
    expect(staging.status).toBe(503);
    expect(staging.json()).toMatchObject({ status: 'degraded', environment: { id: 'staging' }, databases: { neo4j: { status: 'error' } } });
    // An environment that monitors Neo4j only is ok when Neo4j is, and lists Neo4j only.
    const dev = await get(port, '/api/health?env=dev');
    expect(dev.status).toBe(200);
    expect(Object.keys(dev.json().databases)).toEqual(['neo4j']);
    expect((await get(port, '/api/health?env=dev', 'HEAD')).status).toBe(200);
    expect((await get(port, '/api/health?env=staging', 'HEAD')).status).toBe(503);
  });

  it('answers 404 naming the known ids for an unknown ?env=, without echoing one that is not an id; 400 for two', async () => {
    const port = await serve(threeEnvironments());
    const unknown = await get(port, '/api/health?env=prod');
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toEqual({
      error: 'Unknown environment "prod" in ?env=; known environments: production, staging, dev',
      environments: ['production', 'staging', 'dev'],
    });
    const hostile = await get(port, `/api/health?env=${encodeURIComponent('<script>x</script>')}`);
    expect(hostile.status).toBe(404);
    expect(hostile.body).not.toContain('script');
    expect(hostile.json().error).toBe('Unknown environment given in ?env=; known environments: production, staging, dev');
    const twice = await get(port, '/api/health?env=dev&env=staging');
    expect(twice.status).toBe(400);
    expect(twice.json().error).toMatch(/^Give \?env= once \(known environments: production, staging, dev\)/);
  });

  it('is not ok for an environment that monitors no database at all', async () => {
    const port = await serve(snapshotOf([environmentStatus('empty', {}, 'unconfigured')], 'unconfigured'));
    const res = await get(port, '/api/health');
    expect(res.status).toBe(503);
    expect(res.json()).toMatchObject({ status: 'degraded', databases: {} });
  });
});

describe('GET /api/health/all', () => {
  it('answers every environment in the same per-database shape; 503 while any is not ok', async () => {
    const port = await serve(threeEnvironments());
    const res = await get(port, '/api/health/all');
    expect(res.status).toBe(503);
    const body = res.json();
    expect(body).toMatchObject({ status: 'degraded', version: '0.1.0', state: 'down', checkedAt: '2026-01-01T00:00:00.000Z', paused: null });
    expect(body.environments.map((e: { id: string; name: string; status: string; state: string }) => [e.id, e.name, e.status, e.state])).toEqual([
      ['production', 'Production', 'ok', 'ok'],
      ['staging', 'Staging', 'degraded', 'down'],
      ['dev', 'Dev', 'ok', 'ok'],
    ]);
    expect(body.environments[1].databases.neo4j).toMatchObject({ status: 'error', healthy: false, state: 'down', kind: 'refused', label: 'Neo4j' });
    expect(body.environments[2].databases).toEqual({ neo4j: expect.objectContaining({ status: 'connected', healthy: true }) });
    expect((await get(port, '/api/health/all', 'HEAD')).status).toBe(503);
  });

  it('answers 200 "ok" when every environment is ok', async () => {
    const port = await serve(
      snapshotOf(
        [
          environmentStatus('production', { supabase: 'healthy', neo4j: 'degraded' }, 'degraded'),
          environmentStatus('dev', { neo4j: 'healthy' }, 'ok'),
        ],
        'degraded',
      ),
    );
    const res = await get(port, '/api/health/all');
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', state: 'degraded', environments: [{ status: 'ok' }, { status: 'ok' }] });
    expect((await get(port, '/api/health/all', 'HEAD')).status).toBe(200);
    expect((await get(port, '/api/health/all', 'POST')).status).toBe(405);
  });
});
