import { describe, expect, it } from 'vitest';
import type { EnvironmentStatus, Snapshot } from '../../src-main/common/schemas.js';
import { applyPatch, patchBetween, SnapshotPatchSchema } from '../../src-main/common/snapshotPatch.js';

function environment(id: string, state: 'healthy' | 'down'): EnvironmentStatus {
  return {
    id,
    name: id[0]!.toUpperCase() + id.slice(1),
    colour: null,
    status: state === 'down' ? 'down' : 'ok',
    paused: null,
    databases: {
      neo4j: {
        database: 'neo4j',
        label: 'Neo4j',
        status: state,
        healthy: state === 'healthy',
        target: 'bolt://127.0.0.1:7687',
        latencyMs: state === 'healthy' ? 4 : null,
        checkedAt: '2026-12-02T10:00:00.000Z',
        since: '2026-12-02T09:00:00.000Z',
        consecutiveFailures: state === 'healthy' ? 0 : 1,
        p50Ms: 4,
        p95Ms: 9,
      },
    },
  };
}

const production = environment('production', 'healthy');
const staging = environment('staging', 'healthy');
const dev = environment('dev', 'healthy');

function snapshot(environments: EnvironmentStatus[], checkedAt = '2026-12-02T10:00:00.000Z'): Snapshot {
  return { status: 'ok', version: '0.1.0', checkedAt, paused: null, staleAfterMs: 25_000, lastIncident: null, environments };
}

describe('patchBetween: what a push carries', () => {
  it('the first push carries every environment', () => {
    const first = patchBetween(null, snapshot([production, staging]));
    expect(first.environmentIds).toEqual(['production', 'staging']);
    expect(first.changed).toEqual([production, staging]);
  });

  it('after that, only the environment whose status is a new object, with the snapshot fields and the whole order', () => {
    const stagingDown = environment('staging', 'down');
    const next = { ...snapshot([production, stagingDown, dev], '2026-12-02T10:00:05.000Z'), status: 'down' as const };
    const changes = patchBetween(snapshot([production, staging, dev]), next);
    expect(changes).toEqual({
      status: 'down',
      version: '0.1.0',
      checkedAt: '2026-12-02T10:00:05.000Z',
      paused: null,
      staleAfterMs: 25_000,
      lastIncident: null,
      environmentIds: ['production', 'staging', 'dev'],
      changed: [stagingDown],
    });
    expect(changes).not.toHaveProperty('environments');
  });

  it('an environment equal in value but another object counts as changed; one added counts, one removed is left out of the order', () => {
    const copy = { ...production };
    const changes = patchBetween(snapshot([production, staging]), snapshot([copy, dev]));
    expect(changes.environmentIds).toEqual(['production', 'dev']);
    expect(changes.changed).toEqual([copy, dev]);
    expect(changes.changed[0]).toBe(copy);
  });

  it('the changes pass the contract schema, and it refuses an unknown field or a malformed id', () => {
    const changes = patchBetween(null, snapshot([production]));
    expect(SnapshotPatchSchema.parse(changes)).toEqual(changes);
    expect(SnapshotPatchSchema.safeParse({ ...changes, environmentIds: ['Not A Slug!'] }).success).toBe(false);
    expect(SnapshotPatchSchema.safeParse({ ...changes, changed: [{ id: 'production' }] }).success).toBe(false);
    expect(SnapshotPatchSchema.safeParse({ ...changes, environmentIds: Array.from({ length: 33 }, (_, i) => `env-${i}`) }).success).toBe(false);
  });
});

describe('applyPatch: the whole snapshot again, in the window', () => {
  it('takes the changed environments from the push and the others from what the window has, in the pushed order', () => {
    const stagingDown = environment('staging', 'down');
    const had = snapshot([production, staging, dev]);
    const changes = { ...patchBetween(had, snapshot([dev, stagingDown, production], '2026-12-02T10:00:05.000Z')), status: 'down' as const };
    expect(applyPatch(had, changes)).toEqual({ ...snapshot([dev, stagingDown, production], '2026-12-02T10:00:05.000Z'), status: 'down' });
  });

  it('a removed environment is gone; the whole first push needs nothing before it', () => {
    expect(applyPatch(snapshot([production, staging]), patchBetween(snapshot([production, staging]), snapshot([staging])))?.environments).toEqual([staging]);
    expect(applyPatch(null, patchBetween(null, snapshot([production, staging])))).toEqual(snapshot([production, staging]));
  });

  it('is null when the window lacks an environment the push leaves out (none yet, or a push missed), so it asks for the whole snapshot', () => {
    const changes = patchBetween(snapshot([production, staging]), snapshot([production, environment('staging', 'down')]));
    expect(applyPatch(null, changes)).toBeNull();
    expect(applyPatch(snapshot([dev]), changes)).toBeNull();
  });
});
