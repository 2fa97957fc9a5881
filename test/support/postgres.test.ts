/** Smoke tests for the PostgreSQL test server: password auth, the seed, stop/start on the same port. */
import pg from 'pg';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SEEDED_WALLETS, startPostgres } from './postgres.js';
import { testServices } from './services.js';

async function query(connectionString: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('PostgreSQL test server', () => {
  it('serves the seeded wallets table to the test role over 127.0.0.1', async () => {
    const { connectionString } = testServices().postgres;
    expect(new URL(connectionString).hostname).toBe('127.0.0.1');
    expect(await query(connectionString, 'SELECT address, label, score FROM wallets ORDER BY id')).toEqual(SEEDED_WALLETS.map((w) => ({ ...w })));
  });

  it('refuses a wrong password', async () => {
    const url = new URL(testServices().postgres.connectionString);
    url.password = 'wrong-password';
    await expect(query(url.toString(), 'SELECT 1')).rejects.toThrow(/password authentication failed/);
  });

  it('stops (connections refused), starts again on the same port with its data, and deletes its dir on dispose', async () => {
    const server = await startPostgres();
    try {
      expect(server.running).toBe(true);
      await server.stop();
      expect(server.running).toBe(false);
      await expect(query(server.connectionString, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
      await server.start();
      expect(await query(server.connectionString, 'SELECT count(*)::int AS n FROM wallets')).toEqual([{ n: SEEDED_WALLETS.length }]);
    } finally {
      await server.dispose();
    }
    expect(fs.existsSync(server.dataDir)).toBe(false);
  });
});
