/** Flap control in the durable history: an incident closes when the database is shown healthy again, not at the first answer. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteHistoryStore } from '../../../src-main/core/history/SqliteHistoryStore.js';
import { check, NEO4J, tempFolder } from './storeFixtures.js';

let folder: ReturnType<typeof tempFolder>;
const stores: SqliteHistoryStore[] = [];
beforeEach(() => {
  folder = tempFolder();
});
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  folder.remove();
});
const open = () => {
  const store = new SqliteHistoryStore({ file: folder.file, retentionEveryMs: 0 });
  stores.push(store);
  return store;
};

describe('recovering', () => {
  it('keeps the incident open while recovering, closes it at the healthy check, and survives a restart as recovering', () => {
    let store = open();
    store.record(NEO4J, check('2026-01-10T10:00:00Z', 'down', null, { kind: 'refused', message: 'connection refused' }));
    store.record(NEO4J, check('2026-01-10T10:00:30Z', 'recovering', 12));
    store.flush();
    expect(store.incidents()).toEqual([
      expect.objectContaining({ startedAt: '2026-01-10T10:00:00.000Z', endedAt: null, durationMs: null, kind: 'refused' }),
    ]);
    expect(store.stateSince(NEO4J)).toEqual({ state: 'recovering', since: '2026-01-10T10:00:30.000Z' });
    store.close();

    store = open();
    expect(store.stateSince(NEO4J)).toEqual({ state: 'recovering', since: '2026-01-10T10:00:30.000Z' });
    store.record(NEO4J, check('2026-01-10T10:01:00Z', 'healthy', 10));
    store.flush();
    expect(store.incidents()).toEqual([
      expect.objectContaining({ startedAt: '2026-01-10T10:00:00.000Z', endedAt: '2026-01-10T10:01:00.000Z', durationMs: 60_000 }),
    ]);
  });

  it('a recovering check answered: it counts as up for uptime and is drawn with its latency and state', () => {
    const store = open();
    store.record(NEO4J, check('2026-01-10T10:00:00Z', 'down', null, { kind: 'refused' }));
    store.record(NEO4J, check('2026-01-10T10:00:20Z', 'recovering', 12));
    store.record(NEO4J, check('2026-01-10T10:00:40Z', 'healthy', 10));
    const view = store.history(NEO4J, '1h', Date.parse('2026-01-10T10:30:00Z'));
    expect(view.points.map((p) => [p.state, p.failed, p.latencyMs])).toEqual([
      ['down', 1, null],
      ['recovering', 0, 12],
      ['healthy', 0, 10],
    ]);
    expect(view.uptime.find((u) => u.window === '24h')).toEqual({ window: '24h', ratio: 2 / 3, checks: 3 });
  });
});
