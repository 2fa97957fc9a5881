/** The Settings window's one-off check of one database of one environment. */
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../src-main/common/settings-schema.js';
import { checkOnce } from '../../src-main/core/checkOnce.js';
import { Secret } from '../../src-main/core/credentials/Secret.js';

const MONITOR = { ...SettingsSchema.parse({}).monitor, timeoutMs: 2_000 };

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('checkOnce', () => {
  it('with nothing to test, says which fields to fill in, in the kind\'s words', async () => {
    const config = { databases: { supabase: { url: null, probeTable: null } }, monitor: MONITOR };
    expect(await checkOnce('supabase', config, {}, {})).toMatchObject({
      database: 'supabase',
      healthy: false,
      state: 'not_configured',
      kind: 'not_configured',
      latencyMs: null,
      message: 'supabase: nothing to test; enter the Supabase URL and API key first',
      hint: 'Fill in the Supabase URL and API key, then press Test again',
    });
    expect((await checkOnce('neo4j', { databases: {}, monitor: MONITOR }, {}, {})).message).toBe('neo4j: nothing to test; enter the Neo4j URI and password first');
  });

  it('checks the environment\'s endpoint once with its secret', async () => {
    const port = await closedPort();
    const config = { databases: { neo4j: { uri: `bolt://127.0.0.1:${port}`, user: 'neo4j', database: null } }, monitor: MONITOR };
    expect(await checkOnce('neo4j', config, { neo4jPassword: new Secret('pw') }, {})).toMatchObject({
      database: 'neo4j',
      healthy: false,
      state: 'down',
      kind: 'refused',
      hint: `Is Neo4j running on 127.0.0.1:${port}? Start it, or correct Settings → Neo4j → URI`,
    });
  });
});
