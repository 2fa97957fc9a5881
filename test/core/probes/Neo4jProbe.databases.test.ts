/**
 * Neo4jProbe's deeper check (SHOW DATABASES on system, server edition) against a real Neo4j 5.26
 * Community of this file's own, so breaking its `neo4j` database leaves the shared instance alone.
 * Community refuses STOP DATABASE / START DATABASE (Neo.ClientError.Statement.UnsupportedAdministrationCommand),
 * so the outage is made the way a disk fault makes it: the node store of the stopped server is deleted,
 * and on restart Neo4j keeps `neo4j` offline (requested online, with a status message) while the
 * server and `system` answer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProbeResultSchema } from '../../../src-main/common/schemas.js';
import { Secret } from '../../../src-main/core/credentials/Secret.js';
import { Neo4jProbe } from '../../../src-main/core/probes/Neo4jProbe.js';
import { startNeo4j, type Neo4jServer } from '../../support/neo4j.js';

let server: Neo4jServer;
beforeAll(async () => {
  server = await startNeo4j();
});
const probes: Neo4jProbe[] = [];
afterAll(async () => {
  await Promise.all(probes.map((p) => p.close()));
  await server?.dispose();
});

function probe(overrides: Partial<ConstructorParameters<typeof Neo4jProbe>[0]> = {}): Neo4jProbe {
  const p = new Neo4jProbe({ uri: server.uri, user: server.user, password: new Secret(server.password), database: null, timeoutMs: 5_000, ...overrides });
  probes.push(p);
  return p;
}
const check = (p: Neo4jProbe) => p.check(AbortSignal.timeout(10_000));

describe('Neo4jProbe deeper check', () => {
  it('a healthy server: edition and version, and every database online as requested (soon: the first check waits for them only within its timeout)', async () => {
    // Asked after every check here, so a first answer slowed by a busy machine is soon followed by another.
    const p = probe({ database: 'neo4j', detailsIntervalMs: 1 });
    await expect.poll(async () => (await check(p)).details?.parts.length, { timeout: 20_000 }).toBe(2);
    const result = await check(p);
    expect(ProbeResultSchema.parse(result)).toEqual(result);
    expect(result).toMatchObject({ healthy: true, server: { edition: 'community' } });
    expect(result.server?.version).toMatch(/^5\.26\.\d+$/);
    expect(result.details?.parts).toEqual([
      { name: 'neo4j', status: 'online', ok: true },
      { name: 'system', status: 'online', ok: true },
    ]);
  });

  it('is asked again only after its interval, not on every check', async () => {
    const p = probe({ detailsIntervalMs: 60_000 });
    await check(p);
    await expect.poll(async () => (await check(p)).details, { timeout: 20_000 }).toBeDefined();
    const first = await check(p);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = await check(p);
    expect(second.healthy).toBe(true);
    expect(second.details?.checkedAt).toBe(first.details?.checkedAt);
    const often = probe({ detailsIntervalMs: 1 });
    await check(often);
    await expect.poll(async () => (await check(often)).details, { timeout: 20_000 }).toBeDefined();
    const a = await check(often);
    await expect.poll(async () => (await check(often)).details?.checkedAt, { timeout: 20_000 }).not.toBe(a.details?.checkedAt);
  });

  it('a wrong password is told apart without a query: auth_failed', async () => {
    const result = await check(probe({ password: new Secret('Wr0ng-9f2c') }));
    expect(result).toMatchObject({ healthy: false, kind: 'auth_failed', hint: 'Check Settings → Neo4j → User and Password' });
    expect(result.message).toBe(`neo4j (${server.uri}): authentication failed (Neo4j refused user "neo4j" with this password)`);
  });

  // Last: breaks this file's server for good.
  it('the configured (or default) database offline while the server answers → database_offline with its status message', async () => {
    await server.stop();
    fs.rmSync(path.join(server.dataDir, 'data', 'databases', 'neo4j', 'neostore.nodestore.db'));
    await server.start();
    for (const database of ['neo4j', null]) {
      const result = await check(probe({ database }));
      expect(result).toMatchObject({
        healthy: false,
        state: 'down',
        kind: 'database_offline',
        hint: `The database set in Settings → Neo4j → Database (or the default one) on 127.0.0.1:${server.port} is not online: run START DATABASE <name> on system as an admin, or check the Neo4j log for why it stopped`,
        server: { edition: 'community' },
      });
      expect(result.message).toMatch(
        new RegExp(
          `^neo4j \\(bolt://127\\.0\\.0\\.1:${server.port}\\): database offline \\(database "neo4j" is offline \\(requested online\\): An error occurred! Unable to start \`DatabaseId\\{[0-9a-f]+\\[neo4j\\]\\}\`\\.\\)$`,
        ),
      );
      expect(result.details?.parts).toEqual([
        { name: 'neo4j', status: 'offline', ok: false, message: expect.stringMatching(/^An error occurred! Unable to start `DatabaseId\{[0-9a-f]+\[neo4j\]\}`\.$/) },
        { name: 'system', status: 'online', ok: true },
      ]);
    }
  });
});
