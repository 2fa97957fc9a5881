import { describe, expect, it } from 'vitest';
import { snapshotChanges } from '../../../src-renderer/lib/snapshotChanges.js';
import { overallFor } from './fixtures.js';

describe('state changes between two snapshots', () => {
  it('are none for the first snapshot or an unchanged one', () => {
    const healthy = overallFor('ok', 'healthy', 'healthy');
    expect(snapshotChanges(null, healthy)).toEqual([]);
    expect(snapshotChanges(healthy, overallFor('ok', 'healthy', 'healthy'))).toEqual([]);
  });

  it('name the environment and database with the new state, its message, hint and latency', () => {
    const down = overallFor('down', 'healthy', 'down');
    down.environments[0]!.databases.neo4j = { ...down.environments[0]!.databases.neo4j!, message: 'connection refused', hint: 'Start Neo4j.' };
    expect(snapshotChanges(overallFor('ok', 'healthy', 'healthy'), down)).toEqual([
      { environment: { id: 'default', name: 'default' }, database: 'neo4j', to: 'down', result: { message: 'connection refused', hint: 'Start Neo4j.', latencyMs: null } },
    ]);
  });

  it('are marked offline when the snapshot says this computer is offline', () => {
    const down = { ...overallFor('down', 'healthy', 'down'), connectivity: { online: false, since: '2026-01-01T11:59:00.000Z' } };
    expect(snapshotChanges(overallFor('ok', 'healthy', 'healthy'), down).map((c) => c.offline)).toEqual([true]);
  });
});
