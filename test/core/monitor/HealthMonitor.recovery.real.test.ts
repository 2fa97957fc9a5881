/** Flap control through a real Neo4j outage, recorded in the real history store: recovering 1/2, then healthy, then the incident closes. */
import { afterEach, describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../../src-main/common/schemas.js';
import { Secret } from '../../../src-main/core/credentials/Secret.js';
import { SqliteHistoryStore } from '../../../src-main/core/history/SqliteHistoryStore.js';
import { HealthMonitor } from '../../../src-main/core/monitor/HealthMonitor.js';
import { Neo4jProbe } from '../../../src-main/core/probes/Neo4jProbe.js';
import { startNeo4j } from '../../support/neo4j.js';
import { tempFolder } from '../history/storeFixtures.js';
import { waitFor } from './scriptedProbe.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('flap control against a real Neo4j', () => {
  it('stopped → down; started → recovering 1/2 on the first answer, healthy on the second; the incident closes at the second', { timeout: 120_000 }, async () => {
    const server = await startNeo4j();
    cleanups.push(() => server.dispose());
    const folder = tempFolder();
    cleanups.push(folder.remove);
    const store = new SqliteHistoryStore({ file: folder.file, retentionEveryMs: 0 });
    cleanups.push(() => store.close());
    const probe = new Neo4jProbe({ uri: server.uri, user: server.user, password: new Secret(server.password), database: null, timeoutMs: 2_000 });
    const monitor = new HealthMonitor({
      probes: { neo4j: probe },
      settings: { intervalSec: 1, timeoutMs: 2_000, retries: 0, backoffInitialMs: 100, backoffMaxMs: 100, slowMs: 30_000, recoverySuccesses: 2 },
      environment: { id: 'real', name: 'Real', colour: null },
    });
    cleanups.push(() => monitor.stop(2_000));
    const series = { environment: 'real', database: 'neo4j', endpoint: probe.target };
    const checks: ProbeResult[] = [];
    const shown: string[] = [];
    let openWhileRecovering: boolean | null = null;
    monitor.on('check', (r) => {
      checks.push(r);
      store.record(series, r);
      if (r.state !== 'recovering') return;
      store.flush();
      openWhileRecovering = store.incidents()[0]?.endedAt === null;
    });
    monitor.on('snapshot', (s) => {
      const db = s.databases.neo4j!;
      const text = db.recovery ? `${db.status} ${db.recovery.successes}/${db.recovery.needed}` : db.status;
      if (shown.at(-1) !== text) shown.push(text);
    });
    const stateOf = () => monitor.snapshot().databases.neo4j!.status;

    monitor.start();
    await waitFor(() => stateOf() === 'healthy', 'healthy', 30_000);
    await server.stop();
    await waitFor(() => stateOf() === 'down', 'down after the stop', 15_000);
    store.flush();
    expect(store.incidents()).toEqual([expect.objectContaining({ endedAt: null })]);

    await server.start();
    await waitFor(() => shown.at(-1) === 'healthy', 'healthy after a second answer', 30_000);
    store.flush();

    expect(shown).toEqual(['healthy', 'down', 'recovering 1/2', 'healthy']);
    expect(openWhileRecovering).toBe(true);
    const firstAnswer = checks.findIndex((c) => c.state === 'recovering');
    expect(checks[firstAnswer - 1]!.state).toBe('down');
    const healthyAgain = checks[firstAnswer + 1]!;
    expect(healthyAgain.state).toBe('healthy');
    const [incident] = store.incidents();
    expect(incident!.endedAt).toBe(new Date(Date.parse(healthyAgain.checkedAt)).toISOString());
  });
});
