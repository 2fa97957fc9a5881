/** Uptime leaves maintenance out: on a real history file, checks inside a window count neither up nor down. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { maintenanceIntervals, type MaintenanceWindow } from '../../../src-main/common/maintenance.js';
import { SqliteHistoryStore } from '../../../src-main/core/history/SqliteHistoryStore.js';
import { check, NEO4J, tempFolder } from './storeFixtures.js';

let folder: ReturnType<typeof tempFolder>;
let store: SqliteHistoryStore;
beforeEach(() => {
  folder = tempFolder();
  store = new SqliteHistoryStore({ file: folder.file, retentionEveryMs: 0 });
});
afterEach(() => {
  store.close();
  folder.remove();
});

const NOON = Date.parse('2026-01-10T12:00:00.000Z');
/** Ten checks a minute apart from 10:00: 10:00–10:03 healthy, 10:04–10:07 down (in the window), 10:08–10:09 healthy. */
function recordMorning(): void {
  for (let m = 0; m < 10; m++) {
    const down = m >= 4 && m <= 7;
    store.record(NEO4J, check(`2026-01-10T10:0${m}:10Z`, down ? 'down' : 'healthy', down ? 5000 : 10, down ? { kind: 'refused', message: 'refused' } : {}));
  }
}
const upgrade: MaintenanceWindow = { kind: 'once', label: 'Upgrade', from: '2026-01-10T10:04:00Z', to: '2026-01-10T10:08:00Z' };
const exclusions = (windows: MaintenanceWindow[]) => (from: number, to: number) => maintenanceIntervals(windows, 'neo4j', from, to);

describe('uptime without maintenance', () => {
  it('counts 6 of 10 checks up without windows, 6 of 6 with the window over the failures', () => {
    recordMorning();
    expect(store.uptime(NEO4J, NOON)[0]).toEqual({ window: '24h', ratio: 0.6, checks: 10 });
    expect(store.uptime(NEO4J, NOON, exclusions([upgrade]))).toEqual([
      { window: '24h', ratio: 1, checks: 6 },
      { window: '7d', ratio: 1, checks: 6 },
      { window: '30d', ratio: 1, checks: 6 },
      { window: '365d', ratio: 1, checks: 6 },
    ]);
  });

  it('works to the minute: a window over two of the four failures leaves 6 of 8 up; overlapping windows are not subtracted twice', () => {
    recordMorning();
    const half: MaintenanceWindow = { ...upgrade, to: '2026-01-10T10:06:00Z' };
    expect(store.uptime(NEO4J, NOON, exclusions([half]))[0]).toEqual({ window: '24h', ratio: 0.75, checks: 8 });
    const overlapping: MaintenanceWindow = { ...upgrade, label: 'Overlap', from: '2026-01-10T10:05:00Z', to: '2026-01-10T10:06:00Z' };
    expect(store.uptime(NEO4J, NOON, exclusions([half, overlapping]))[0]).toEqual({ window: '24h', ratio: 0.75, checks: 8 });
  });

  it('leaves a weekly window out wherever it fell in the year, read from whole hours and minutes alike', () => {
    // Saturday 10 January 2026, 10:00–11:00 UTC = 11:00–12:00 in Berlin.
    const weekly: MaintenanceWindow = { kind: 'weekly', label: 'Saturday', day: 'sat', start: '11:00', end: '12:00', timeZone: 'Europe/Berlin' };
    recordMorning();
    store.record(NEO4J, check('2026-01-10T11:30:00Z', 'down', 5000, { kind: 'refused', message: 'refused' }));
    expect(store.uptime(NEO4J, NOON)[3]).toEqual({ window: '365d', ratio: 6 / 11, checks: 11 });
    expect(store.uptime(NEO4J, NOON, exclusions([weekly]))[3]).toEqual({ window: '365d', ratio: 0, checks: 1 });
  });

  it('a chart history answers with the same exclusions', () => {
    recordMorning();
    expect(store.history(NEO4J, '24h', NOON, exclusions([upgrade])).uptime[0]).toEqual({ window: '24h', ratio: 1, checks: 6 });
  });
});
