/**
 * Smoke tests for the real Neo4j test server, through the real neo4j-driver: if these fail,
 * every Neo4j test after them would be testing nothing.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNeo4j, type Neo4jServer } from './neo4j.js';

const START_TIMEOUT_MS = 240_000;

function driverFor(uri: string, password: string): Driver {
  return neo4j.driver(uri, neo4j.auth.basic('neo4j', password), {
    connectionTimeout: 5_000,
    connectionAcquisitionTimeout: 10_000,
    maxTransactionRetryTime: 0,
    disableLosslessIntegers: true,
  });
}

async function ping(uri: string, password: string): Promise<unknown> {
  const driver = driverFor(uri, password);
  try {
    const { records } = await driver.executeQuery('RETURN 1 AS ping');
    return records[0]?.get('ping');
  } finally {
    await driver.close();
  }
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Pids of live launcher JVMs using this data dir (Linux /proc; zombies count as gone). */
function launcherPidsFor(dataDir: string): number[] {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
        return cmdline.includes('--data-dir') && cmdline.includes(dataDir) && state !== 'Z';
      } catch {
        return false; // exited while we looked
      }
    })
    .map(Number);
}

describe('startNeo4j: a real Neo4j 5.26 with authentication', () => {
  let server: Neo4jServer;

  beforeAll(async () => {
    server = await startNeo4j();
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await server?.dispose();
  }, 60_000);

  it('answers RETURN 1 over Bolt on loopback with the test password', async () => {
    expect(server.uri).toBe(`bolt://127.0.0.1:${server.port}`);
    expect(server.running).toBe(true);
    expect(await ping(server.uri, server.password)).toBe(1);
  });

  it('rejects a wrong password as Neo.ClientError.Security.Unauthorized', async () => {
    await expect(ping(server.uri, `${server.password}-wrong`)).rejects.toMatchObject({
      code: 'Neo.ClientError.Security.Unauthorized',
    });
    // wrong attempts must not lock the test user out
    expect(await ping(server.uri, server.password)).toBe(1);
  });

  it('goes down on stop() and recovers on start() with the same port, password and data', async () => {
    const port = server.port;
    const driver = driverFor(server.uri, server.password);
    try {
      await driver.executeQuery('CREATE (:Wallet {address: $address})', { address: 'wallet-before-outage' });
    } finally {
      await driver.close();
    }

    await server.stop();
    expect(server.running).toBe(false);
    expect(await acceptsConnections(port)).toBe(false);
    await expect(ping(server.uri, server.password)).rejects.toMatchObject({ code: 'ServiceUnavailable' });

    await server.start();
    expect(server.running).toBe(true);
    expect(server.port).toBe(port);
    expect(await ping(server.uri, server.password)).toBe(1);
    const after = driverFor(server.uri, server.password);
    try {
      const { records } = await after.executeQuery('MATCH (w:Wallet) RETURN w.address AS address');
      expect(records.map((r) => r.get('address'))).toEqual(['wallet-before-outage']);
    } finally {
      await after.close();
    }
  }, START_TIMEOUT_MS);

  // last: it ends this server (afterAll's dispose() is then a no-op)
  it('dispose() stops the server and deletes its temp dir', async () => {
    expect(fs.existsSync(server.dataDir)).toBe(true);
    await server.dispose();
    expect(server.running).toBe(false);
    expect(await acceptsConnections(server.port)).toBe(false);
    expect(fs.existsSync(server.dataDir)).toBe(false);
  }, 60_000);
});

describe('startNeo4j: cleanup', () => {
  it('Neo4j exits by itself when the test process that started it is SIGKILLed', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'walltrack-neo4j-orphan-'));
    const fixture = fileURLToPath(new URL('./neo4j-orphan-fixture.ts', import.meta.url));
    const parent = spawn(process.execPath, ['--import', 'tsx', fixture, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let out = '';
        let err = '';
        parent.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const line = out.split('\n').find((l) => l.startsWith('{'));
          if (line) resolve((JSON.parse(line) as { port: number }).port);
        });
        parent.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
        parent.once('exit', (code) => reject(new Error(`fixture exited with ${code} before Neo4j was ready:\n${err}`)));
      });
      expect(await acceptsConnections(port)).toBe(true);
      expect(launcherPidsFor(dataDir)).toHaveLength(1);

      parent.kill('SIGKILL');
      // the watchdog polls once a second, then Neo4j shuts down cleanly and the JVM exits
      await expect.poll(() => launcherPidsFor(dataDir), { timeout: 30_000, interval: 250 }).toEqual([]);
      expect(await acceptsConnections(port)).toBe(false);
    } finally {
      parent.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, START_TIMEOUT_MS);
});
