/**
 * Smoke tests for the Supabase stand-in through the real @supabase/supabase-js: the shared
 * stand-in for reads, a private PostgreSQL + stand-in for the outage. If these fail, every
 * Supabase probe test after them would be testing nothing.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import pg from 'pg';
import ws from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_WALLETS, startPostgres, type PostgresServer } from './postgres.js';
import { testServices } from './services.js';
import { startSupabaseStandin, type SupabaseStandin } from './supabase-standin.js';

function client(url: string, key: string): SupabaseClient {
  // Node 20 has no global WebSocket, which supabase-js's realtime client insists on at construction
  return createClient(url, key, { auth: { persistSession: false, autoRefreshToken: false }, realtime: { transport: ws as never } });
}

describe('Supabase stand-in via supabase-js (shared instance)', () => {
  const { supabase } = testServices();
  const keys = {
    'legacy anon JWT': supabase.anonKey,
    'legacy service_role JWT': supabase.serviceRoleKey,
    'sb_publishable key': supabase.publishableKey,
    'sb_secret key': supabase.secretKey,
  };

  it.each(Object.entries(keys))('selects the seeded wallets with the %s', async (_name, key) => {
    const { data, error, status } = await client(supabase.url, key).from('wallets').select('address, label, score');
    expect(error).toBeNull();
    expect(status).toBe(200);
    expect(data).toHaveLength(SEEDED_WALLETS.length);
    expect(data).toEqual(expect.arrayContaining(SEEDED_WALLETS.map((w) => ({ ...w }))));
  });

  it.each(Object.entries(keys))("counts rows with count: 'exact', head: true and the %s", async (_name, key) => {
    const { count, error, data } = await client(supabase.url, key).from('wallets').select('*', { count: 'exact', head: true });
    expect(error).toBeNull();
    expect(data).toBeNull();
    expect(count).toBe(SEEDED_WALLETS.length);
  });

  it('limits rows and reports the range with an exact count (206 Partial Content, Content-Range 0-0/3)', async () => {
    const res = await fetch(`${supabase.url}/rest/v1/wallets?select=address&limit=1`, { headers: { apikey: supabase.anonKey, Prefer: 'count=exact' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`0-0/${SEEDED_WALLETS.length}`);
    expect(await res.json()).toEqual([{ address: SEEDED_WALLETS[0].address }]);
  });

  it('answers a wrong key with 401 Invalid API key, as the Supabase gateway does', async () => {
    const { data, error, status } = await client(supabase.url, 'sb_publishable_wrong').from('wallets').select('*');
    expect(status).toBe(401);
    expect(data).toBeNull();
    expect(error).toMatchObject({ message: 'Invalid API key', hint: 'Double check your Supabase `anon` or `service_role` API key.' });
  });

  it('rejects a legacy JWT signed with another secret', async () => {
    const other = await startSupabaseStandin({ connectionString: testServices().postgres.connectionString });
    try {
      const { error, status } = await client(supabase.url, other.anonKey).from('wallets').select('*');
      expect(status).toBe(401);
      expect(error?.message).toBe('Invalid API key');
    } finally {
      await other.close();
    }
  });

  it('answers a request without a key with 401 No API key found', async () => {
    const res = await fetch(`${supabase.url}/rest/v1/wallets`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: 'No API key found in request', hint: 'No `apikey` request header or url param was found.' });
  });

  it('answers an unknown table with PostgREST 404 PGRST205 and a hint', async () => {
    const { error, status } = await client(supabase.url, supabase.anonKey).from('wallet').select('*');
    expect(status).toBe(404);
    expect(error).toEqual({
      code: 'PGRST205',
      message: "Could not find the table 'public.wallet' in the schema cache",
      details: null,
      hint: "Perhaps you meant the table 'public.wallets'",
    });
  });

  it('serves GoTrue-shaped health JSON at /auth/v1/health', async () => {
    const res = await fetch(`${supabase.url}/auth/v1/health`, { headers: { apikey: supabase.publishableKey } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: 'GoTrue', description: expect.any(String), version: expect.any(String) });
  });
});

describe('Supabase stand-in on its own PostgreSQL', () => {
  let postgres: PostgresServer;
  let standin: SupabaseStandin;
  beforeAll(async () => {
    postgres = await startPostgres();
    standin = await startSupabaseStandin({ connectionString: postgres.connectionString });
  });
  afterAll(async () => {
    await standin?.close();
    await postgres?.dispose();
  });

  it('reports an empty table as Content-Range */0 with an exact count', async () => {
    const owner = new pg.Client({ connectionString: postgres.connectionString });
    await owner.connect();
    try {
      await owner.query('CREATE TABLE public.empty_things (id int); GRANT SELECT ON public.empty_things TO anon');
    } finally {
      await owner.end();
    }
    const res = await fetch(`${standin.url}/rest/v1/empty_things?select=*`, { headers: { apikey: standin.anonKey, Prefer: 'count=exact' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-range')).toBe('*/0');
    expect(await res.json()).toEqual([]);
  });

  it('takes the key from the apikey url param or an Authorization bearer alone, as the gateway does', async () => {
    const viaParam = await fetch(`${standin.url}/rest/v1/wallets?select=address&apikey=${standin.publishableKey}`);
    expect(viaParam.status).toBe(200);
    const viaBearer = await fetch(`${standin.url}/rest/v1/wallets?select=address`, { headers: { Authorization: `Bearer ${standin.serviceRoleKey}` } });
    expect(viaBearer.status).toBe(200);
    expect(await viaBearer.json()).toHaveLength(SEEDED_WALLETS.length);
  });

  it('answers 503 with a PGRST000 body while PostgreSQL is stopped, and rows again after it restarts', async () => {
    const sb = client(standin.url, standin.serviceRoleKey);
    expect((await sb.from('wallets').select('*', { count: 'exact', head: true })).count).toBe(SEEDED_WALLETS.length);

    await postgres.stop();
    // retry(false): supabase-js would otherwise retry a 503 three times with backoff
    const down = await sb.from('wallets').select('address').retry(false);
    expect(down.status).toBe(503);
    expect(down.error).toMatchObject({ code: 'PGRST000', message: 'Database connection error. Retrying the connection.', hint: null });
    expect(down.error?.details).toMatch(/ECONNREFUSED/);

    await postgres.start();
    const up = await sb.from('wallets').select('address').retry(false);
    expect(up.error).toBeNull();
    expect(up.data).toHaveLength(SEEDED_WALLETS.length);
  });
});
