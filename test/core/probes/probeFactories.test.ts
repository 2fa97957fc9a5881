/**
 * The probe of each registry kind, built from a settings section, a secret and the timeout. Loopback
 * servers of its own (no globalSetup), so the mutation run can use it.
 */
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Secret } from '../../../src-main/core/credentials/Secret.js';
import { Neo4jProbe } from '../../../src-main/core/probes/Neo4jProbe.js';
import type { Probe } from '../../../src-main/core/probes/Probe.js';
import { PROBE_FACTORIES } from '../../../src-main/core/probes/probeFactories.js';
import { SupabaseProbe } from '../../../src-main/core/probes/SupabaseProbe.js';
import { startLoopbackHttp, type LoopbackHttp } from '../../support/hostileHttp.js';

const opened: Probe[] = [];
let server: LoopbackHttp | null = null;
afterEach(async () => {
  await Promise.all(opened.splice(0).map((p) => p.close()));
  await server?.close();
  server = null;
});
const kept = <P extends Probe>(probe: P): P => (opened.push(probe), probe);

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

describe('PROBE_FACTORIES', () => {
  it('has one factory per registry kind', () => {
    expect(Object.keys(PROBE_FACTORIES)).toEqual(['supabase', 'neo4j']);
  });

  it('supabase: a SupabaseProbe of the section\'s URL, with the key and the probe table', async () => {
    server = await startLoopbackHttp((req, res) => {
      const keyed = req.headers.apikey === 'sb_key_9';
      res.writeHead(keyed ? 200 : 401, { 'content-type': 'application/json', 'content-range': '0-0/1' });
      res.end(keyed ? '[]' : '{"message":"no key"}');
    });
    const probe = kept(PROBE_FACTORIES.supabase!({ url: server.origin, probeTable: 'wallets' }, new Secret('sb_key_9'), 2_000));
    expect(probe).toBeInstanceOf(SupabaseProbe);
    expect(probe).toMatchObject({ database: 'supabase', target: server.origin });
    expect(await probe.check(AbortSignal.timeout(2_000))).toMatchObject({ database: 'supabase', healthy: true, state: 'healthy' });
    expect(server.requests.map((r) => r.split('?')[0])).toEqual(['GET /auth/v1/health', 'GET /rest/v1/wallets']);
  });

  it('neo4j: a Neo4jProbe of the section\'s URI', async () => {
    const port = await closedPort();
    const probe = kept(PROBE_FACTORIES.neo4j!({ uri: `bolt://127.0.0.1:${port}`, user: 'graph', database: 'walltrack' }, new Secret('pw'), 2_000));
    expect(probe).toBeInstanceOf(Neo4jProbe);
    expect(probe).toMatchObject({ database: 'neo4j', target: `bolt://127.0.0.1:${port}` });
    expect(await probe.check(AbortSignal.timeout(2_000))).toMatchObject({ database: 'neo4j', healthy: false, kind: 'refused' });
  });
});

describe('PROBE_FACTORIES supabase: the Management API part', () => {
  /** What the factory handed the probe for the Management API (its config is the factory's whole output). */
  const managementOf = (section: Record<string, string | null>, extras?: Record<string, Secret | null>) =>
    (kept(PROBE_FACTORIES.supabase!(section, new Secret('sb_key_9'), 1_000, extras)) as unknown as { config: { management: unknown } }).config.management;
  const token = new Secret('sbp_token_1');
  const hosted = { url: 'https://abcdefghijklmnopqrst.supabase.co', probeTable: null };

  it('with a token and a ref from the project URL: the default Management API, that ref, that token', () => {
    expect(managementOf(hosted, { supabaseAccessToken: token })).toEqual({ apiUrl: 'https://api.supabase.com', ref: 'abcdefghijklmnopqrst', token });
  });

  it('a ref and a Management API URL set in the section win', () => {
    const section = { url: 'http://127.0.0.1:54321', probeTable: null, projectRef: 'zyxwvutsrqponmlkjihg', managementApiUrl: 'http://127.0.0.1:9999' };
    expect(managementOf(section, { supabaseAccessToken: token })).toEqual({ apiUrl: 'http://127.0.0.1:9999', ref: 'zyxwvutsrqponmlkjihg', token });
  });

  it('nothing without a token, or without a ref (a URL that is not <ref>.supabase.co and none set)', () => {
    expect(managementOf(hosted)).toBeNull();
    expect(managementOf(hosted, { supabaseAccessToken: null })).toBeNull();
    expect(managementOf({ url: 'http://127.0.0.1:54321', probeTable: null }, { supabaseAccessToken: token })).toBeNull();
  });
});
