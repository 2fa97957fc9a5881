/** Acknowledgements and mutes on a real file: when an acknowledgement ends, restart, the CLI's writes, hostile files. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseStatus } from '../../../src-main/common/schemas.js';
import { AttentionStore } from '../../../src-main/core/attention/AttentionStore.js';
import { check, recordingLogger } from '../history/storeFixtures.js';

let dir: string;
let file: string;
let clock: number;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wt-attention-'));
  file = join(dir, 'attention.json');
  clock = Date.parse('2026-12-02T14:05:00.000Z');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = (logger = recordingLogger().logger) => new AttentionStore({ file, logger, now: () => clock });
const status = (over: Partial<DatabaseStatus>): DatabaseStatus => ({
  database: 'neo4j',
  label: 'Neo4j',
  status: 'down',
  healthy: false,
  target: 'bolt://127.0.0.1:7687',
  latencyMs: null,
  kind: 'refused',
  checkedAt: '2026-12-02T14:04:59.000Z',
  since: '2026-12-02T14:00:00.000Z',
  consecutiveFailures: 3,
  p50Ms: null,
  p95Ms: null,
  ...over,
});

describe('acknowledging', () => {
  it('holds while the database fails the same way, and survives a restart', () => {
    const store = open();
    store.acknowledge('production', status({}));
    expect(store.attentionOf('production', 'neo4j')).toEqual({ acknowledged: { at: '2026-12-02T14:05:00.000Z' } });
    expect(store.settle('production', check('2026-12-02T14:06:00Z', 'down', null, { kind: 'refused' }))).toBe(false);
    expect(open().attentionOf('production', 'neo4j')).toEqual({ acknowledged: { at: '2026-12-02T14:05:00.000Z' } });
  });

  it('covers the down that follows an acknowledged retry with the same kind', () => {
    const store = open();
    store.acknowledge('production', status({ status: 'retrying', kind: 'timeout' }));
    expect(store.settle('production', check('2026-12-02T14:06:00Z', 'down', null, { kind: 'timeout' }))).toBe(false);
    expect(store.attentionOf('production', 'neo4j').acknowledged).toBeDefined();
  });

  it('holds while one outage moves between ways of being unreachable (a cut connection, then refused, then a timeout)', () => {
    const store = open();
    store.acknowledge('production', status({ kind: 'server_error' }));
    expect(store.settle('production', check('2026-12-02T14:06:00Z', 'down', null, { kind: 'refused' }))).toBe(false);
    expect(store.settle('production', check('2026-12-02T14:06:10Z', 'down', null, { kind: 'timeout' }))).toBe(false);
    expect(store.attentionOf('production', 'neo4j')).toEqual({ acknowledged: { at: '2026-12-02T14:05:00.000Z' } });
    expect(store.settle('production', check('2026-12-02T14:06:20Z', 'down', null, { kind: 'database_offline' }))).toBe(true);
  });

  it('holds while the database is recovering (flap control: answered, not yet shown healthy), and ends when it is shown healthy', () => {
    const store = open();
    store.acknowledge('production', status({}));
    expect(store.settle('production', check('2026-12-02T14:06:00Z', 'recovering', 4))).toBe(false);
    expect(store.attentionOf('production', 'neo4j')).toEqual({ acknowledged: { at: '2026-12-02T14:05:00.000Z' } });
    expect(store.settle('production', check('2026-12-02T14:06:10Z', 'healthy', 4))).toBe(true);
    expect(store.attentionOf('production', 'neo4j')).toEqual({});
  });

  it('ends when the database answers again, and when it fails with another kind (worse news), saying why in the log', () => {
    const { logger, lines } = recordingLogger();
    const store = open(logger);
    store.acknowledge('production', status({}));
    expect(store.settle('production', check('2026-12-02T14:06:00Z', 'healthy', 4))).toBe(true);
    expect(store.attentionOf('production', 'neo4j')).toEqual({});
    store.acknowledge('production', status({}));
    expect(store.settle('production', check('2026-12-02T14:07:00Z', 'down', null, { kind: 'auth_failed' }))).toBe(true);
    expect(open().attentionOf('production', 'neo4j')).toEqual({});
    expect(lines.map((l) => l.msg)).toEqual([
      'production/neo4j: acknowledged',
      'production/neo4j: acknowledgement ended: it answers again',
      'production/neo4j: acknowledged',
      'production/neo4j: acknowledgement ended: it now fails differently (auth_failed)',
    ]);
  });

  it('refuses a database that is not failing, saying which states can be acknowledged', () => {
    expect(() => open().acknowledge('production', status({ status: 'healthy', healthy: true }))).toThrow(
      'Neo4j in "production" is healthy: only a down or retrying database can be acknowledged',
    );
    expect(() => open().acknowledge('production', status({ status: 'not_configured' }))).toThrow('is not configured: only a down');
  });

  it('keeps acknowledgements of other databases and environments apart', () => {
    const store = open();
    store.acknowledge('production', status({}));
    expect(store.attentionOf('staging', 'neo4j')).toEqual({});
    expect(store.settle('staging', check('2026-12-02T14:06:00Z', 'healthy', 4))).toBe(false);
    expect(store.attentionOf('production', 'neo4j').acknowledged).toBeDefined();
  });
});

describe('muting', () => {
  it('lasts the hours asked, ends by itself, and says when the next one ends', () => {
    const store = open();
    store.mute('production', 'neo4j', 4);
    expect(store.attentionOf('production', 'neo4j')).toEqual({ muted: { until: '2026-12-02T18:05:00.000Z' } });
    expect(store.nextExpiry()).toBe(Date.parse('2026-12-02T18:05:00.000Z'));
    clock = Date.parse('2026-12-02T18:05:00.000Z');
    expect(store.attentionOf('production', 'neo4j')).toEqual({});
    expect(store.nextExpiry()).toBeNull();
  });

  it('unmute ends it at once', () => {
    const store = open();
    store.mute('production', 'neo4j', 1);
    store.unmute('production', 'neo4j');
    expect(open().attentionOf('production', 'neo4j')).toEqual({});
  });
});

describe('the file', () => {
  it('picks up what another process (the CLI) wrote, at the next refresh', () => {
    const app = open();
    const cli = open();
    cli.acknowledge('production', status({}));
    expect(app.attentionOf('production', 'neo4j')).toEqual({});
    expect(app.refresh()).toBe(true);
    expect(app.attentionOf('production', 'neo4j')).toEqual({ acknowledged: { at: '2026-12-02T14:05:00.000Z' } });
    expect(app.refresh()).toBe(false);
  });

  it('ignores a corrupt, oversized or ill-shaped file with one warning, and replaces it at the next write', () => {
    for (const content of ['{ not json', JSON.stringify({ version: 1, acknowledged: [], muted: [] }) + ' '.repeat(70_000), JSON.stringify({ version: 1, acknowledged: [{ environment: '../x', database: 'neo4j', at: 'now' }], muted: [] })]) {
      writeFileSync(file, content);
      const { logger, lines } = recordingLogger();
      const store = open(logger);
      expect(store.attentionOf('production', 'neo4j')).toEqual({});
      expect(lines.map((l) => l.msg)).toEqual(['Acknowledgements and mutes file is unreadable and was ignored; it is replaced at the next acknowledge or mute']);
      store.mute('production', 'neo4j', 1);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1, acknowledged: [], muted: [{ environment: 'production', database: 'neo4j', until: '2026-12-02T15:05:00.000Z' }] });
    }
  });

  it('keeps working in memory when the folder cannot be written, warning once', () => {
    const { logger, lines } = recordingLogger();
    const store = new AttentionStore({ file: join(dir, 'missing-folder', 'attention.json'), logger, now: () => clock });
    store.mute('production', 'neo4j', 1);
    store.mute('production', 'supabase', 1);
    expect(store.attentionOf('production', 'supabase')).toEqual({ muted: { until: '2026-12-02T15:05:00.000Z' } });
    expect(lines.filter((l) => l.level === 40).map((l) => l.msg)).toEqual([
      'Could not save acknowledgements and mutes; they hold until the app stops. Check free space and permissions of the data folder.',
    ]);
  });
});
