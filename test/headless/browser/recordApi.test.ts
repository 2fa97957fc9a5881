/**
 * GET /api/history and /api/incidents over real sockets, wired as `serve` wires them (browser mode in
 * the health server), with the core double: the guards (Host, Origin, token), query validation and
 * bounds. The real core behind a real `serve` is in ../recordServe.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HistoryViewSchema, IncidentListSchema, type IncidentsRequest } from '../../../src-main/common/history.js';
import { ValidationError } from '../../../src-main/core/errors.js';
import { createBrowserMode } from '../../../src-main/headless/browser/browserMode.js';
import { MAX_QUERY_CHARS } from '../../../src-main/headless/browser/recordApi.js';
import { createHealthServer, type HealthServer } from '../../../src-main/headless/healthServer.js';
import { emptyHistoryView } from '../../support/historyViews.js';
import { createFakeCore, environmentStatus, snapshotOf } from './fakeCore.js';

const TOKEN = 'record-api-token-0123456789abcdefghijklmnop';
const AUTH = { authorization: `Bearer ${TOKEN}` };
const log = { warn: () => undefined, error: () => undefined };
const dir = mkdtempSync(join(tmpdir(), 'walltrack-record-api-'));
writeFileSync(join(dir, 'status.html'), '<!doctype html>');

const core = createFakeCore({
  snapshot: snapshotOf([environmentStatus('production', { supabase: 'healthy', neo4j: 'healthy' }, 'ok'), environmentStatus('staging', { neo4j: 'down' }, 'down')], 'down'),
});
const incidentRequests: IncidentsRequest[] = [];
core.getIncidents = (req) => {
  incidentRequests.push(req);
  return { incidents: [] };
};
core.getHistory = ({ environment, database, range }) => {
  if (environment === 'staging' && database === 'supabase') throw new ValidationError('database', 'staging does not monitor supabase; add it in Settings first');
  return { ...emptyHistoryView(environment, database), range: range ?? '1h' };
};

let server: HealthServer;
let port: number;
beforeAll(async () => {
  const mode = createBrowserMode({ core, rendererDir: dir, version: '0.1.0', log, token: TOKEN });
  server = await createHealthServer({ core, port: 0, routes: mode.handleRequest, onUpgrade: mode.handleUpgrade });
  port = server.port;
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: string; json: () => Record<string, unknown> };
function get(path: string, headers: Record<string, string> = AUTH, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body, json: () => JSON.parse(body) as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('GET /api/history and /api/incidents', () => {
  it('answer the contract\'s HistoryView and IncidentList with the token, not cached', async () => {
    const history = await get('/api/history?environment=staging&database=neo4j&range=24h');
    expect(history.status).toBe(200);
    expect(history.headers['cache-control']).toBe('no-store');
    expect(history.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(HistoryViewSchema.parse(history.json())).toMatchObject({ environment: 'staging', database: 'neo4j', range: '24h' });
    const incidents = await get('/api/incidents?environment=production&database=neo4j&since=2026-01-01T00:00:00.000Z&limit=20');
    expect(incidents.status).toBe(200);
    expect(incidents.headers['cache-control']).toBe('no-store');
    expect(IncidentListSchema.parse(incidents.json())).toEqual({ incidents: [] });
    expect(incidentRequests.at(-1)).toEqual({ environment: 'production', database: 'neo4j', since: '2026-01-01T00:00:00.000Z', limit: 20 });
    expect((await get('/api/incidents')).status).toBe(200);
    expect(incidentRequests.at(-1)).toEqual({});
  });

  it.each(['/api/history?environment=production&database=neo4j', '/api/incidents'])('%s wants the status window token as a bearer token (401 otherwise)', async (path) => {
    for (const headers of [{}, { authorization: 'Bearer wrong-token-0123456789abcdefghijklmnopqrs' }, { authorization: TOKEN }] as Record<string, string>[]) {
      const reply = await get(path, headers);
      expect(reply.status).toBe(401);
      expect(reply.headers['www-authenticate']).toBe('Bearer realm="walltrack"');
      expect(reply.json().error).toBe('Unauthorized: send the status window\'s token (after #token= in the URL serve printed) as "Authorization: Bearer <token>"');
    }
  });

  it('are behind the same Host and Origin checks as the windows, token or not', async () => {
    expect((await get('/api/incidents', { ...AUTH, host: 'evil.example' })).status).toBe(421);
    expect((await get('/api/incidents', { ...AUTH, host: `localhost:${port + 1}` })).status).toBe(421);
    expect((await get('/api/incidents', { ...AUTH, origin: 'http://evil.example' })).status).toBe(403);
    expect((await get('/api/incidents', { ...AUTH, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await get('/api/incidents', { ...AUTH, origin: `http://127.0.0.1:${port}` })).status).toBe(200);
    expect((await get('/api/incidents', AUTH, 'POST')).status).toBe(405);
  });

  it('/api/health stays token-free', async () => {
    expect((await get('/api/health', {})).status).toBe(200);
  });

  it.each([
    ['/api/history?environment=production&database=neo4j&range=2h', 'range'],
    ['/api/history?environment=production&database=mysql', 'database'],
    ['/api/history?environment=production', 'database'],
    ['/api/history?database=neo4j', 'environment'],
    ['/api/history?environment=Prod!&database=neo4j', 'environment'],
    ['/api/incidents?since=yesterday', 'since'],
    ['/api/incidents?limit=abc', 'limit'],
    ['/api/incidents?limit=0', 'limit'],
    ['/api/incidents?limit=501', 'limit'],
    ['/api/incidents?limit=1&limit=2', 'limit'],
  ])('%s is a 400 naming "%s"', async (path, parameter) => {
    const reply = await get(path);
    expect(reply.status).toBe(400);
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.json()).toMatchObject({ parameter, error: expect.stringContaining(`"${parameter}"`) });
  });

  it('an unknown parameter is a 400 listing the allowed ones, echoing at most 40 characters of it', async () => {
    const reply = await get(`/api/incidents?${'x'.repeat(100)}=1`);
    expect(reply.status).toBe(400);
    expect(reply.json().error).toBe(`Unknown parameter "${'x'.repeat(40)}…"; allowed: environment, database, since, limit`);
    expect((await get('/api/history?environment=production&database=neo4j&env=staging')).json().error).toBe(
      'Unknown parameter "env"; allowed: environment, database, range',
    );
  });

  it('an unknown environment is a 404 naming the known ones; a database it does not monitor is a 404 saying so', async () => {
    const reply = await get('/api/history?environment=qa&database=neo4j');
    expect(reply.status).toBe(404);
    expect(reply.json()).toEqual({ error: 'Unknown environment "qa" in ?environment=; known environments: production, staging', environments: ['production', 'staging'], parameter: 'environment' });
    expect((await get('/api/incidents?environment=qa')).status).toBe(404);
    const database = await get('/api/history?environment=staging&database=supabase');
    expect(database.status).toBe(404);
    expect(database.json()).toEqual({ error: 'database: staging does not monitor supabase; add it in Settings first', parameter: 'database' });
  });

  it(`refuses a query string longer than ${MAX_QUERY_CHARS} characters with 414`, async () => {
    const reply = await get(`/api/incidents?environment=production&pad=${'a'.repeat(MAX_QUERY_CHARS)}`);
    expect(reply.status).toBe(414);
    expect(reply.json().error).toBe('The query string is longer than 1024 characters');
  });
});
