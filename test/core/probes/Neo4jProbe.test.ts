/** Neo4jProbe against a real Neo4j 5.26 and real network faults. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProbeResultSchema } from '../../../src-main/common/schemas.js';
import { Secret } from '../../../src-main/core/credentials/Secret.js';
import { Neo4jProbe } from '../../../src-main/core/probes/Neo4jProbe.js';
import { startCountingProxy } from '../../../bench/connectionCountingProxy.js';
import { closedPort, startBlackHole, UNRESOLVABLE_HOST } from '../../support/faults.js';
import { testServices, type TestServices } from '../../support/services.js';

let neo4j: TestServices['neo4j'];
beforeAll(() => {
  neo4j = testServices().neo4j;
});

const probes: Neo4jProbe[] = [];
function probe(overrides: Partial<ConstructorParameters<typeof Neo4jProbe>[0]> = {}): Neo4jProbe {
  const p = new Neo4jProbe({
    uri: neo4j.uri,
    user: neo4j.user,
    password: new Secret(neo4j.password),
    database: null,
    timeoutMs: 3_000,
    ...overrides,
  });
  probes.push(p);
  return p;
}
afterAll(async () => {
  await Promise.all(probes.map((p) => p.close()));
});

const check = (p: Neo4jProbe, ms = 5_000) => p.check(AbortSignal.timeout(ms));

describe('Neo4jProbe against a real Neo4j', () => {
  it('is healthy and reports the server agent, version and address', async () => {
    const result = await check(probe());
    expect(ProbeResultSchema.parse(result)).toEqual(result);
    expect(result).toMatchObject({ database: 'neo4j', healthy: true, state: 'healthy' });
    expect(result.latencyMs).toBeGreaterThan(0);
    expect(result.server?.agent).toMatch(/^Neo4j\/5\.26\./);
    expect(result.server?.version).toMatch(/^5\.26\./);
    expect(result.server?.address).toBe(new URL(neo4j.uri).host);
    expect(result.kind).toBeUndefined();
  });

  it('reuses one pooled connection across checks', async () => {
    const proxy = await startCountingProxy(Number(new URL(neo4j.uri).port));
    try {
      const p = probe({ uri: `bolt://127.0.0.1:${proxy.port}`, database: 'neo4j' });
      for (let i = 0; i < 50; i++) expect((await check(p)).healthy).toBe(true);
      // Usually 1. The deeper check (SHOW DATABASES, in the background after the first answer) can keep
      // the first connection busy on a loaded machine, and the pool (at most 2) then opens its second.
      expect(proxy.opened).toBeLessThanOrEqual(2);
    } finally {
      await proxy.close();
    }
  });

  it('wrong password → auth_failed on the first check; neither password appears anywhere', async () => {
    const wrong = 'Wr0ng-pass-9f2c1e';
    // The real password in URI userinfo must not leak either: credentials come from user + keychain only.
    const p = probe({ uri: neo4j.uri.replace('bolt://', `bolt://neo4j:${neo4j.password}@`), password: new Secret(wrong) });
    const result = await check(p);
    expect(result).toMatchObject({ healthy: false, state: 'down', kind: 'auth_failed', hint: 'Check Settings → Neo4j → User and Password' });
    expect(result.message).toMatch(new RegExp(`^neo4j \\(bolt://127\\.0\\.0\\.1:\\d+\\): authentication failed`));
    const text = JSON.stringify(result) + String(p.target);
    expect(text).not.toContain(wrong);
    expect(text).not.toContain(neo4j.password);
  });

  it('an unknown database → invalid_config naming it', async () => {
    const result = await check(probe({ database: 'nosuchdb' }));
    expect(result).toMatchObject({ healthy: false, kind: 'invalid_config' });
    expect(result.message).toContain('nosuchdb');
    expect(result.hint).toContain('Settings → Neo4j → Database');
  });

  it('nothing listening → refused, with the host:port in the hint', async () => {
    const port = await closedPort();
    const result = await check(probe({ uri: `bolt://127.0.0.1:${port}` }));
    expect(result).toMatchObject({ healthy: false, kind: 'refused', hint: `Is Neo4j running on 127.0.0.1:${port}? Start it, or correct Settings → Neo4j → URI` });
    expect(result.message).toContain(`ECONNREFUSED 127.0.0.1:${port}`);
  });

  it('an unresolvable host → dns', async () => {
    const result = await check(probe({ uri: `neo4j://${UNRESOLVABLE_HOST}:7687` }));
    expect(result).toMatchObject({ healthy: false, kind: 'dns' });
    expect(result.hint).toContain(UNRESOLVABLE_HOST);
  });

  it('TLS asked of a plain Bolt server → tls, with an encryption hint', async () => {
    const result = await check(probe({ uri: neo4j.uri.replace('bolt://', 'bolt+s://') }));
    expect(result).toMatchObject({ healthy: false, kind: 'tls' });
    expect(result.message).toContain('TLS handshake failed');
    expect(result.hint).toMatch(/\+ssc/);
  });

  it('a server that accepts and never answers → timeout when the signal fires, not later', async () => {
    const hole = await startBlackHole();
    try {
      const p = probe({ uri: `bolt://127.0.0.1:${hole.port}`, timeoutMs: 300 });
      const started = performance.now();
      const result = await check(p, 300);
      expect(performance.now() - started).toBeLessThan(300 + 200);
      expect(result).toMatchObject({ healthy: false, kind: 'timeout' });
    } finally {
      await hole.close();
    }
  });

  it('a URI the driver cannot use → invalid_config, without throwing', async () => {
    const result = await check(probe({ uri: 'http://127.0.0.1:7474' }));
    expect(result).toMatchObject({ healthy: false, kind: 'invalid_config' });
    expect(result.hint).toContain('Settings → Neo4j → URI');
  });

  it('close() is idempotent and later checks fail cleanly', async () => {
    const p = probe();
    expect((await check(p)).healthy).toBe(true);
    await Promise.all([p.close(), p.close()]);
    expect((await check(p)).healthy).toBe(false);
  });
});
