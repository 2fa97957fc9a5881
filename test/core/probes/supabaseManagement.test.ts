/** The Management API client's edges, against loopback servers that answer what the stand-in does not. */
import { afterEach, describe, expect, it } from 'vitest';
import { Secret } from '../../../src-main/core/credentials/Secret.js';
import { projectHealth, projectRefOf } from '../../../src-main/core/probes/supabaseManagement.js';
import { startLoopbackHttp, type LoopbackHttp } from '../../support/hostileHttp.js';

const TOKEN = 'sbp_management-test-token-4d1e';
const servers: LoopbackHttp[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function ask(handler: Parameters<typeof startLoopbackHttp>[0]) {
  const server = await startLoopbackHttp(handler);
  servers.push(server);
  const details = await projectHealth({ apiUrl: server.origin, ref: 'abcdefghijklmnopqrst', token: new Secret(TOKEN) }, AbortSignal.timeout(5_000), 'SUPABASE_ACCESS_TOKEN');
  return { server, details };
}

describe('projectRefOf', () => {
  it('is the first label of a hosted project URL, and null for anything else', () => {
    expect(projectRefOf('https://abcdefghijklmnopqrst.supabase.co')).toBe('abcdefghijklmnopqrst');
    expect(projectRefOf('https://abcdefghijklmnopqrst.supabase.co/')).toBe('abcdefghijklmnopqrst');
    expect(projectRefOf('http://abcdefghijklmnopqrst.supabase.co')).toBeNull();
    expect(projectRefOf('https://abcd.supabase.co')).toBeNull();
    expect(projectRefOf('https://abcdefghijklmnopqrst.supabase.co.evil.example')).toBeNull();
    expect(projectRefOf('https://x.abcdefghijklmnopqrst.supabase.co')).toBeNull();
    expect(projectRefOf('http://127.0.0.1:54321')).toBeNull();
    expect(projectRefOf('not a url')).toBeNull();
  });
});

describe('projectHealth', () => {
  it('sends the token as a bearer to the project, then the health of six services', async () => {
    const seen: { url?: string; auth?: string; accept?: string }[] = [];
    const { details } = await ask((req, res) => {
      seen.push({ url: req.url, auth: req.headers.authorization, accept: req.headers.accept });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        req.url!.includes('/health')
          ? '[{"name":"db","status":"COMING_UP","healthy":false},{"name":"auth","status":"ACTIVE_HEALTHY","healthy":true}]'
          : '{"status":"RESTORING","ref":"abcdefghijklmnopqrst"}',
      );
    });
    const health = '/v1/projects/abcdefghijklmnopqrst/health?services=auth&services=db&services=pooler&services=realtime&services=rest&services=storage';
    expect(seen).toEqual([
      { url: '/v1/projects/abcdefghijklmnopqrst', auth: `Bearer ${TOKEN}`, accept: 'application/json' },
      { url: health, auth: `Bearer ${TOKEN}`, accept: 'application/json' },
    ]);
    expect(details).toEqual({
      status: 'RESTORING',
      parts: [
        { name: 'db', status: 'COMING_UP', ok: false },
        { name: 'auth', status: 'ACTIVE_HEALTHY', ok: true },
      ],
      checkedAt: expect.any(String),
    });
  });

  it.each([
    [401, 'HTTP 401: the access token was refused; check SUPABASE_ACCESS_TOKEN'],
    [429, 'HTTP 429: rate limited (about 60 requests a minute per user); asked again at the next interval'],
    [403, 'HTTP 403: the access token may not read this project; check the project ref and SUPABASE_ACCESS_TOKEN'],
    [500, 'HTTP 500'],
  ])('HTTP %i → a problem line, no statuses', async (status, said) => {
    const { server, details } = await ask((_req, res) => {
      res.writeHead(status);
      res.end();
    });
    expect(details).toEqual({ parts: [], problem: `Management API at ${server.origin}: ${said}`, checkedAt: expect.any(String) });
  });

  it.each(['<html>Bad gateway</html>', '{"status":"active healthy"}', '{"status":"x ACTIVE_HEALTHY"}', '{"status":"ACTIVE_HEALTHY x"}', 'null'])(
    "a project body that is not the API's JSON (%s) → a problem, nothing of it shown",
    async (body) => {
      const { server, details } = await ask((req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(req.url!.includes('/health') ? '[]' : body);
      });
      expect(details).toEqual({
        parts: [],
        problem: `Management API at ${server.origin}: the answer was not the project or health JSON the Management API gives`,
        checkedAt: expect.any(String),
      });
    },
  );

  it('a health body that is not a list → a problem; a valid project with an empty list is no problem', async () => {
    const bad = await ask((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.url!.includes('/health') ? '{"not":"an array"}' : '{"status":"ACTIVE_HEALTHY"}');
    });
    expect(bad.details.problem).toBe(`Management API at ${bad.server.origin}: the answer was not the project or health JSON the Management API gives`);
    const empty = await ask((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.url!.includes('/health') ? '[]' : '{"status":"ACTIVE_HEALTHY"}');
    });
    expect(empty.details).toEqual({ status: 'ACTIVE_HEALTHY', parts: [], checkedAt: expect.any(String) });
  });

  it.each([' db', 'db ', 'DB'])('a service name that is not one (%j) → a problem', async (name) => {
    const { details } = await ask((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.url!.includes('/health') ? JSON.stringify([{ name, status: 'ACTIVE_HEALTHY' }]) : '{"status":"ACTIVE_HEALTHY"}');
    });
    expect(details.problem).toMatch(/the answer was not the project or health JSON the Management API gives$/);
  });

  it('a redirect is not followed: the token goes nowhere else', async () => {
    const elsewhere = await startLoopbackHttp();
    servers.push(elsewhere);
    const { server, details } = await ask((_req, res) => {
      res.writeHead(302, { location: `${elsewhere.origin}/steal` });
      res.end();
    });
    expect(elsewhere.connections).toBe(0);
    expect(details.problem).toBe(
      `Management API at ${server.origin}: GET /v1/projects/abcdefghijklmnopqrst answered HTTP 302 pointing to ${elsewhere.origin}; redirects are not followed, so the key was not sent there`,
    );
  });

  it('an unhealthy service\'s error is shown, bounded and without the token', async () => {
    const { details } = await ask((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.url!.includes('/health') ? JSON.stringify([{ name: 'rest', status: 'UNHEALTHY', error: `bad ${TOKEN} ${'e'.repeat(300)}` }]) : '{"status":"ACTIVE_UNHEALTHY"}');
    });
    expect(details.status).toBe('ACTIVE_UNHEALTHY');
    expect(details.parts[0]!.message).toBe(`bad [redacted] ${'e'.repeat(184)}…`);
  });
});
