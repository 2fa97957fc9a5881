/**
 * Sockets are released: every connection test and every replaced probe closes its connections,
 * and at most one test per database runs at a time. Counted at a real TCP black hole on loopback.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseId } from '../../src-main/common/schemas.js';
import type { TestConnectionRequest } from '../../src-main/common/settings-schema.js';
import { CredentialVault } from '../../src-main/core/credentials/CredentialVault.js';
import { Secret } from '../../src-main/core/credentials/Secret.js';
import { createMonitorCore } from '../../src-main/core/createMonitorCore.js';
import type { MonitorCore } from '../../src-main/core/MonitorCore.js';
import { HealthMonitor } from '../../src-main/core/monitor/HealthMonitor.js';
import { Neo4jProbe } from '../../src-main/core/probes/Neo4jProbe.js';
import { startBlackHole, type BlackHole } from '../support/faults.js';
import { draftOf, testRequest } from './drafts.js';

const TIMEOUT_MS = 200;

let hole: BlackHole;
let dataDir: string;
let core: MonitorCore;

beforeAll(async () => {
  hole = await startBlackHole();
  dataDir = mkdtempSync(join(tmpdir(), 'wt-sockets-'));
  core = createMonitorCore({ dataDir, vault: new CredentialVault({ service: `walltrack-monitor-test-${randomUUID()}` }) });
});
afterAll(async () => {
  await core.stop();
  await hole.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A test of one database of `environment` (default: "default"); production and staging both point at the black hole. */
function draft(database: DatabaseId, user = 'neo4j', environment = 'default'): TestConnectionRequest {
  const at = (id: string) => ({ id, supabase: { url: `http://127.0.0.1:${hole.port}` }, neo4j: { uri: `bolt://127.0.0.1:${hole.port}`, user } });
  const secrets = { supabaseKey: 'black-hole-key', neo4jPassword: 'black-hole-password' };
  const envs = environment === 'default' ? [at('default')] : [at('production'), at('staging')];
  return testRequest(
    draftOf(envs, Object.fromEntries(envs.map((e) => [e.id, secrets])), { monitor: { timeoutMs: TIMEOUT_MS, retries: 0 } }),
    environment,
    database,
  );
}

/** Waits until `condition` holds, at most `ms`; returns whether it did. */
async function eventually(condition: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!condition() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
  return condition();
}

describe('connection tests release their sockets', () => {
  it('500 testConnection calls against a black hole leave fewer than 10 sockets open once the timeout has passed', async () => {
    // 50 rounds of 10 concurrent calls: per database 4 identical drafts and one with another user.
    for (let round = 0; round < 50; round++) {
      const calls = (['neo4j', 'supabase'] as const).flatMap((db) => [
        ...Array.from({ length: 4 }, () => core.testConnection(draft(db))),
        core.testConnection(draft(db, `other-${round}`)),
      ]);
      await Promise.allSettled(calls);
    }
    // The timeout has passed for every call; give the kernel a moment to deliver the last FINs.
    await new Promise((r) => setTimeout(r, TIMEOUT_MS + 1_000));
    expect(hole.openConnections()).toBeLessThan(10);
  });

  it('a second test of the same database joins an identical running one and refuses a different one', async () => {
    const first = core.testConnection(draft('neo4j'));
    const joined = core.testConnection(draft('neo4j'));
    const different = core.testConnection(draft('neo4j', 'someone-else'));
    const otherDatabase = core.testConnection(draft('supabase'));
    await expect(different).rejects.toThrow('default/neo4j: a connection test is already running; wait for its result, then test again');
    const [a, b, s] = await Promise.all([first, joined, otherDatabase]);
    expect(b).toBe(a);
    expect(a).toMatchObject({ database: 'neo4j', healthy: false, kind: 'timeout' });
    expect(s).toMatchObject({ database: 'supabase', healthy: false, kind: 'timeout' });
    // Once the first has finished, a different draft runs.
    await expect(core.testConnection(draft('neo4j', 'someone-else'))).resolves.toMatchObject({ database: 'neo4j', kind: 'timeout' });
  });

  it('the same database in another environment is another test: it runs alongside, and each environment refuses its own second one', async () => {
    const production = core.testConnection(draft('neo4j', 'neo4j', 'production'));
    const staging = core.testConnection(draft('neo4j', 'neo4j', 'staging'));
    const stagingAgain = core.testConnection(draft('neo4j', 'someone-else', 'staging'));
    await expect(stagingAgain).rejects.toThrow('staging/neo4j: a connection test is already running; wait for its result, then test again');
    const [p, s] = await Promise.all([production, staging]);
    expect(s).not.toBe(p);
    expect(p).toMatchObject({ database: 'neo4j', healthy: false, kind: 'timeout' });
    expect(s).toMatchObject({ database: 'neo4j', healthy: false, kind: 'timeout' });
  });
});

describe('a replaced probe releases its sockets', () => {
  it('replaceProbe closes the old Neo4j probe, including a connection stuck in the Bolt handshake', async () => {
    const ownHole = await startBlackHole();
    const probe = new Neo4jProbe({ uri: `bolt://127.0.0.1:${ownHole.port}`, user: 'neo4j', password: new Secret('black-hole-password'), database: null, timeoutMs: TIMEOUT_MS });
    const monitor = new HealthMonitor({
      probes: { supabase: null, neo4j: probe },
      settings: { intervalSec: 60, timeoutMs: TIMEOUT_MS, retries: 0, backoffInitialMs: 10, backoffMaxMs: 10, slowMs: 1_000, recoverySuccesses: 1 },
      environment: { id: 'default', name: 'default', colour: null },
    });
    try {
      await monitor.checkNow('neo4j');
      expect(monitor.snapshot().databases.neo4j).toMatchObject({ status: 'down', kind: 'timeout' });
      expect(ownHole.openConnections()).toBe(1);
      await monitor.replaceProbe('neo4j', null);
      expect(await eventually(() => ownHole.openConnections() === 0, 2_000)).toBe(true);
    } finally {
      await monitor.stop();
      await ownHole.close();
    }
  });
});
