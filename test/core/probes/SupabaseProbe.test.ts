/**
 * SupabaseProbe against the Supabase stand-in (an HTTP gateway + PostgREST imitation) backed by a
 * real PostgreSQL that this file owns, so the last test can stop it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ProbeResultSchema } from '../../../src-main/common/schemas.js';
import { Secret } from '../../../src-main/core/credentials/Secret.js';
import { SupabaseProbe } from '../../../src-main/core/probes/SupabaseProbe.js';
import { startCountingProxy } from '../../../bench/connectionCountingProxy.js';
import { closedPort, startBlackHole, UNRESOLVABLE_HOST } from '../../support/faults.js';
import { startPostgres, type PostgresServer } from '../../support/postgres.js';
import { STANDIN_REF, startSupabaseStandin, type SupabaseStandin } from '../../support/supabase-standin.js';

let postgres: PostgresServer;
let supabase: SupabaseStandin;
beforeAll(async () => {
  postgres = await startPostgres();
  supabase = await startSupabaseStandin({ connectionString: postgres.connectionString });
});
afterAll(async () => {
  await supabase?.close();
  await postgres?.dispose();
});

function probe(overrides: Partial<{ url: string; key: string; probeTable: string | null; timeoutMs: number; detailsIntervalMs: number; token: string }> = {}) {
  const { key, token, ...rest } = overrides;
  return new SupabaseProbe({
    url: supabase.url,
    key: new Secret(key ?? supabase.anonKey),
    probeTable: 'wallets',
    timeoutMs: 3_000,
    ...(token === undefined ? {} : { management: { apiUrl: supabase.managementUrl, ref: STANDIN_REF, token: new Secret(token) } }),
    ...rest,
  });
}
/** Checks until the Management API's view (asked in the background) is on the result. */
async function checkUntilDetails(p: SupabaseProbe, done: (r: Awaited<ReturnType<typeof check>>) => boolean) {
  let last = await check(p);
  await expect.poll(async () => done((last = await check(p))), { timeout: 10_000 }).toBe(true);
  return last;
}
const ALL_HEALTHY = ['auth', 'db', 'pooler', 'realtime', 'rest', 'storage'].map((name) => ({ name, status: 'ACTIVE_HEALTHY', ok: true }));
const check = (p: SupabaseProbe, ms = 5_000) => p.check(AbortSignal.timeout(ms));

describe('SupabaseProbe', () => {
  it.each(['anonKey', 'serviceRoleKey', 'publishableKey', 'secretKey'] as const)('is healthy with the %s', async (name) => {
    const result = await check(probe({ key: supabase[name] }));
    expect(ProbeResultSchema.parse(result)).toEqual(result);
    expect(result).toMatchObject({ database: 'supabase', healthy: true, state: 'healthy' });
    expect(result.latencyMs).toBeGreaterThan(0);
  });

  it('reads the probe table with one GET of no rows: nothing counted, and the connection kept (fetch closes one after a HEAD)', async () => {
    const proxy = await startCountingProxy(supabase.port);
    try {
      const p = probe({ url: `http://127.0.0.1:${proxy.port}` });
      const before = supabase.restRequests.length;
      for (let i = 0; i < 10; i++) expect((await check(p)).healthy).toBe(true);
      expect(supabase.restRequests.slice(before)).toEqual(Array(10).fill({ method: 'GET', path: '/rest/v1/wallets?select=*&limit=0', prefer: null }));
      // Ten checks of two requests each, one after another, on one or two connections (a HEAD made it eleven).
      expect(proxy.opened).toBeLessThanOrEqual(2);
    } finally {
      await proxy.close();
    }
  });

  it('is healthy without a probe table (auth health only)', async () => {
    expect((await check(probe({ probeTable: null }))).healthy).toBe(true);
  });

  it('an invalid key → auth_failed, and the key appears nowhere', async () => {
    for (const key of ['sb_secret_not-a-real-key-123', `${supabase.anonKey.slice(0, -4)}AAAA`]) {
      const result = await check(probe({ key }));
      expect(result).toMatchObject({ healthy: false, kind: 'auth_failed', hint: 'Check Settings → Supabase → API key (anon, service_role or sb_ key)' });
      expect(result.message).toMatch(/^supabase \(http:\/\/127\.0\.0\.1:\d+\): authentication failed/);
      expect(JSON.stringify(result)).not.toContain(key);
    }
  });

  it('an unknown probe table → invalid_config naming the table', async () => {
    const result = await check(probe({ probeTable: 'no_such_table' }));
    expect(result).toMatchObject({ healthy: false, kind: 'invalid_config' });
    expect(result.message).toContain('"no_such_table"');
    expect(result.hint).toContain('Settings → Supabase → Probe table');
  });

  it('a URL that is not a Supabase project → invalid_config', async () => {
    const result = await check(probe({ url: `${supabase.url}/not-the-project` }));
    expect(result).toMatchObject({ healthy: false, kind: 'invalid_config' });
    expect(result.message).toContain('HTTP 404');
  });

  it('nothing listening → refused; unresolvable host → dns', async () => {
    const port = await closedPort();
    const refused = await check(probe({ url: `http://127.0.0.1:${port}` }));
    expect(refused).toMatchObject({ healthy: false, kind: 'refused' });
    expect(refused.hint).toContain(`127.0.0.1:${port}`);
    const dns = await check(probe({ url: `https://${UNRESOLVABLE_HOST}` }));
    expect(dns).toMatchObject({ healthy: false, kind: 'dns' });
  });

  it('https:// to a plain-HTTP gateway → tls', async () => {
    const result = await check(probe({ url: supabase.url.replace('http://', 'https://') }));
    expect(result).toMatchObject({ healthy: false, kind: 'tls' });
    expect(result.message).toContain('TLS: wrong version number');
  });

  it('a gateway that never answers → timeout as soon as the signal fires', async () => {
    const hole = await startBlackHole();
    try {
      const started = performance.now();
      const result = await check(probe({ url: `http://127.0.0.1:${hole.port}`, timeoutMs: 300 }), 300);
      expect(performance.now() - started).toBeLessThan(300 + 200);
      expect(result).toMatchObject({ healthy: false, kind: 'timeout' });
    } finally {
      await hole.close();
    }
  });

  it('a URL with credentials in it → invalid_config, credentials never echoed', async () => {
    const result = await check(probe({ url: supabase.url.replace('http://', 'http://admin:pa55word@') }));
    expect(result).toMatchObject({ healthy: false, kind: 'invalid_config' });
    expect(JSON.stringify(result)).not.toContain('pa55word');
  });

  describe('a project the gateway cannot serve', () => {
    afterEach(() => {
      supabase.project.status = 'ACTIVE_HEALTHY';
      supabase.project.originUnreachable = false;
    });

    it('paused (HTTP 540) → its own kind and hint, with the gateway\'s own message and hint', async () => {
      supabase.project.status = 'INACTIVE';
      const result = await check(probe());
      expect(result).toMatchObject({
        healthy: false,
        state: 'down',
        kind: 'paused',
        hint: 'The Supabase project is paused: restore it from the dashboard (Project settings → General), then wait until it is healthy again',
      });
      expect(result.message).toBe(
        `supabase (${supabase.url}): project paused (GET /auth/v1/health answered HTTP 540: "Project paused" — The project is paused; its owner can restore it from the dashboard.)`,
      );
    });

    it('origin unreachable (HTTP 522 with an HTML page) → unreachable_origin, and no HTML in the message', async () => {
      supabase.project.originUnreachable = true;
      const result = await check(probe());
      expect(result).toMatchObject({ healthy: false, kind: 'unreachable_origin' });
      expect(result.message).toBe(`supabase (${supabase.url}): origin unreachable (GET /auth/v1/health answered HTTP 522)`);
      expect(result.hint).toBe(
        `Supabase's edge at 127.0.0.1:${supabase.port} could not reach the project (HTTP 522): check status.supabase.com and the project's health in the dashboard; restart the project if it stays`,
      );
    });
  });

  describe('project health through the Management API', () => {
    afterEach(() => {
      supabase.project.status = 'ACTIVE_HEALTHY';
      supabase.project.services.realtime = 'ACTIVE_HEALTHY';
      supabase.management.rateLimited = false;
    });

    it('without a token nothing is asked and the result has no details (as before)', async () => {
      const before = supabase.management.requests.length;
      const p = probe();
      await check(p);
      expect((await check(p)).details).toBeUndefined();
      expect(supabase.management.requests).toHaveLength(before);
    });

    it('a healthy project: its status and every service, on the first check already, then once per interval (2 requests)', async () => {
      const before = supabase.management.requests.length;
      const p = probe({ token: supabase.management.accessToken, detailsIntervalMs: 60_000 });
      const result = await check(p);
      expect(result).toMatchObject({ healthy: true, details: { status: 'ACTIVE_HEALTHY', parts: ALL_HEALTHY } });
      for (let i = 0; i < 5; i++) await check(p);
      expect(supabase.management.requests.slice(before)).toEqual([`/v1/projects/${STANDIN_REF}`, `/v1/projects/${STANDIN_REF}/health`]);
    });

    it('an unhealthy service is shown with its error, and does not turn the database red by itself', async () => {
      supabase.project.services.realtime = 'UNHEALTHY';
      const result = await checkUntilDetails(probe({ token: supabase.management.accessToken }), (r) => r.details !== undefined);
      expect(result.healthy).toBe(true);
      expect(result.details?.parts).toContainEqual({ name: 'realtime', status: 'UNHEALTHY', ok: false, message: 'realtime is not answering (stand-in)' });
    });

    it('a paused project: kind paused, and the project status INACTIVE beside it', async () => {
      supabase.project.status = 'INACTIVE';
      const result = await checkUntilDetails(probe({ token: supabase.management.accessToken }), (r) => r.details !== undefined);
      expect(result).toMatchObject({ healthy: false, kind: 'paused', details: { status: 'INACTIVE' } });
    });

    it('a refused token (401) is its own line; the database stays healthy and the token appears nowhere', async () => {
      const token = 'sbp_0000000000000000000000000000000000000000';
      const result = await checkUntilDetails(probe({ token }), (r) => r.details !== undefined);
      expect(result.healthy).toBe(true);
      expect(result.details).toEqual({
        parts: [],
        problem: `Management API at ${supabase.managementUrl}: HTTP 401: the access token was refused; check SUPABASE_ACCESS_TOKEN`,
        checkedAt: expect.any(String),
      });
      expect(JSON.stringify(result)).not.toContain(token);
      expect(JSON.stringify(result)).not.toContain(supabase.management.accessToken);
    });

    it('rate limited (429): the last statuses stay, with the problem beside them', async () => {
      const p = probe({ token: supabase.management.accessToken, detailsIntervalMs: 1 });
      await checkUntilDetails(p, (r) => r.details?.status === 'ACTIVE_HEALTHY');
      supabase.management.rateLimited = true;
      const result = await checkUntilDetails(p, (r) => r.details?.problem !== undefined);
      expect(result).toMatchObject({
        healthy: true,
        details: {
          status: 'ACTIVE_HEALTHY',
          parts: ALL_HEALTHY,
          problem: `Management API at ${supabase.managementUrl}: HTTP 429: rate limited (about 60 requests a minute per user); asked again at the next interval`,
        },
      });
    });
  });

  // Last: stops this file's PostgreSQL.
  it('PostgreSQL stopped behind the gateway → server_error, while auth health still answers', async () => {
    const p = probe();
    expect((await check(p)).healthy).toBe(true);
    await postgres.stop();
    const result = await check(p);
    expect(result).toMatchObject({ healthy: false, kind: 'server_error' });
    expect(result.message).toContain('HTTP 503');
    expect((await check(probe({ probeTable: null }))).healthy).toBe(true);
    await postgres.start();
    await expect.poll(async () => (await check(p)).healthy, { timeout: 10_000 }).toBe(true);
  });
});
