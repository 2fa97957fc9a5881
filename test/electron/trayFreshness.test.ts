/**
 * The tray follows the windows' staleness rules (common/freshness.ts): a paused environment's databases are
 * paused, a result older than snapshot.staleAfterMs is stale, and the tray notices on its own when that
 * happens (nothing pushes a snapshot when checks stop). Times are shown as UTC HH:MM through an injected
 * formatter, so the expected strings can be written out.
 */
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../mocks/electron.js'));
import * as electron from '../mocks/electron.js';
import { setupTray, type TrayHandle } from '../../src-main/electron/tray.js';
import { TRAY_STATES } from '../../src-main/electron/trayIcons.js';
import { FakeMonitorCore, makeEnvironment, makeSnapshot, makeSnapshotOf } from './fixtures.js';
import { recordingLog } from './recordingLog.js';

let core: FakeMonitorCore;
let opened: string[];
let handle: TrayHandle | undefined;

beforeEach(() => {
  electron.resetElectronFake();
  electron.app.fakeReady();
  // The fixtures' results were taken at 12:00:00; staleAfterMs is 65 s.
  vi.useFakeTimers({ now: Date.parse('2026-01-01T12:00:30.000Z') });
  core = new FakeMonitorCore();
  opened = [];
});
afterEach(() => {
  handle?.dispose();
  handle = undefined;
  vi.useRealTimers();
});

const create = (): TrayHandle =>
  (handle = setupTray({
    core,
    openWindow: (name) => void opened.push(name),
    startAtLogin: { enabled: () => false, supported: true, set: async () => {} },
    quit: () => {},
    log: recordingLog(),
    platform: 'linux',
    formatTime: (iso) => iso.slice(11, 16),
  }));
const tray = () => electron.Tray.fakeAll[0]!;
type Shape = string | Record<string, Shape[]>;
const shape = (menu: electron.Menu): Shape[] =>
  menu.items.map((i) => (i.type === 'separator' ? '---' : i.submenu ? { [i.label]: shape(i.submenu) } : i.label));
const labels = () => shape(tray().menu!);
/** The disc's colour above the mark: which row of TRAY_STATES the icon shows. */
const iconColour = () => {
  const png = PNG.sync.read(tray().image.representations.find((r) => r.scaleFactor === 1)!.buffer);
  const i = (Math.floor(png.height * 0.18) * png.width + Math.floor(png.width / 2)) * 4;
  return [png.data[i], png.data[i + 1], png.data[i + 2]];
};
const GREEN = [0x2e, 0xa0, 0x43];
const GREY = [0x8c, 0x95, 0x9f];
const iconIs = (state: keyof typeof TRAY_STATES) => expect(iconColour()).toEqual([...TRAY_STATES[state].colour]);

describe('a result older than staleAfterMs', () => {
  it('turns the tray stale at the deadline, without a new snapshot and without polling', () => {
    create();
    expect(tray().tooltip).toBe('WallTrack — Supabase ok 42 ms · Neo4j ok 7 ms');
    expect(iconColour()).toEqual(GREEN);
    expect(vi.getTimerCount()).toBe(1); // one timer: the next deadline, not a poll
    vi.advanceTimersToNextTimer();
    expect(new Date(Date.now()).toISOString()).toBe('2026-01-01T12:01:05.001Z'); // 12:00:00 + 65 s, and then some
    expect(tray().tooltip).toBe('WallTrack — Supabase stale since 12:00 · Neo4j stale since 12:00');
    expect(labels().slice(0, 2)).toEqual(['Supabase: stale since 12:00 — last known: ok', 'Neo4j: stale since 12:00 — last known: ok']);
    iconIs('stale');
    expect(iconColour()).toEqual(GREY);
    expect(vi.getTimerCount()).toBe(0); // nothing left to turn stale
  });

  it('is live again when a fresh result arrives, and waits for that result to age', () => {
    create();
    vi.advanceTimersByTime(40_000); // 12:01:10
    core.emitSnapshot(makeSnapshot({ neo4j: { checkedAt: '2026-01-01T12:01:10.000Z' } }));
    expect(tray().tooltip).toBe('WallTrack — Supabase stale since 12:00 · Neo4j ok 7 ms');
    iconIs('stale'); // never green while anything is stale
    vi.advanceTimersToNextTimer();
    expect(new Date(Date.now()).toISOString()).toBe('2026-01-01T12:02:15.001Z');
    expect(tray().tooltip).toBe('WallTrack — Supabase stale since 12:00 · Neo4j stale since 12:01');
  });

  it('with several environments names the stale database, and keeps the icon off green', () => {
    core.current = makeSnapshotOf([
      makeEnvironment({ id: 'staging', name: 'staging' }),
      makeEnvironment({ id: 'production', name: 'production', neo4j: { checkedAt: '2026-01-01T11:58:00.000Z' } }),
    ]);
    create();
    expect(tray().tooltip).toBe('WallTrack — production: Neo4j stale since 11:58 · staging ok');
    expect(labels().slice(0, 2)).toEqual([
      { 'staging: ok': ['Supabase: ok 42 ms', 'Neo4j: ok 7 ms', '---', 'Check now', 'Pause for 1 hour'] },
      { 'production: stale': ['Supabase: ok 42 ms', 'Neo4j: stale since 11:58 — last known: ok', '---', 'Check now', 'Pause for 1 hour'] },
    ]);
    iconIs('stale');
  });

  it('leaves no timer behind when the tray is disposed', () => {
    create().dispose();
    handle = undefined;
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('a paused environment', () => {
  it('is paused, never green, and says what was last known and when (one environment)', () => {
    core.current = makeSnapshot({ paused: { until: '2026-01-01T13:00:00.000Z' } });
    create();
    iconIs('paused');
    expect(tray().tooltip).toBe('WallTrack — paused until 13:00 · Supabase last known: ok 12:00 · Neo4j last known: ok 12:00');
    expect(labels().slice(0, 5)).toEqual([
      'Supabase: paused — last known: ok 12:00',
      'Neo4j: paused — last known: ok 12:00',
      '---',
      'Check now',
      'Resume (paused until 13:00)',
    ]);
    expect(vi.getTimerCount()).toBe(0); // a paused result does not go stale
    vi.advanceTimersByTime(2 * 3_600_000);
    expect(tray().tooltip).toBe('WallTrack — paused until 13:00 · Supabase last known: ok 12:00 · Neo4j last known: ok 12:00');
  });

  it('says paused in its submenu and in the tooltip with its last known state; the icon shows the others', () => {
    core.current = makeSnapshotOf([
      makeEnvironment({ id: 'staging', name: 'staging' }),
      makeEnvironment({ id: 'demo', name: 'demo', status: 'down', paused: { until: '2026-01-01T13:00:00.000Z' }, neo4j: { status: 'down', healthy: false, latencyMs: null, kind: 'refused', checkedAt: '2026-01-01T11:00:00.000Z' } }),
    ]);
    create();
    expect(tray().tooltip).toBe('WallTrack — demo paused until 13:00 — last known: down 11:00 · staging ok');
    expect(labels()[1]).toEqual({
      'demo: paused — last known: down 11:00': [
        'Supabase: paused — last known: ok 12:00',
        'Neo4j: paused — last known: down 11:00',
        '---',
        'Check now',
        'Resume (paused until 13:00)',
      ],
    });
    iconIs('ok'); // staging is checked and healthy; pausing demo is the operator saying "I know"
  });
});

describe('the last incident', () => {
  const incident = {
    id: 7,
    environment: 'production',
    database: 'neo4j',
    endpoint: 'bolt://127.0.0.1:7687',
    startedAt: '2026-01-01T02:13:00.000Z',
    endedAt: '2026-01-01T02:17:00.000Z',
    durationMs: 240_000,
    kind: 'refused' as const,
  };

  it('is summed up in the tooltip and the menu, whose item opens the status window (one environment)', () => {
    core.current = makeSnapshot({ lastIncident: { ...incident, environment: 'default' } });
    create();
    expect(tray().tooltip).toBe('WallTrack — Supabase ok 42 ms · Neo4j ok 7 ms · last incident: Neo4j down 4 min, 02:13');
    expect(labels().slice(0, 4)).toEqual(['Supabase: ok 42 ms', 'Neo4j: ok 7 ms', 'last incident: Neo4j down 4 min, 02:13', '---']);
    tray().menu!.getMenuItemById('last-incident')!.fakeClick();
    expect(opened).toEqual(['status']);
  });

  it('names the environment when there are several, and says "ongoing" while it is open', () => {
    core.current = makeSnapshotOf(
      [
        makeEnvironment({ id: 'staging', name: 'staging' }),
        makeEnvironment({ id: 'production', name: 'production', status: 'down', neo4j: { status: 'down', healthy: false, latencyMs: null, kind: 'refused' } }),
      ],
      { status: 'down', lastIncident: { ...incident, startedAt: '2026-01-01T12:00:00.000Z', endedAt: null, durationMs: null } },
    );
    create();
    expect(tray().tooltip).toBe('WallTrack — production: Neo4j down · staging ok · last incident: production: Neo4j down since 12:00 (ongoing)');
    expect(labels()[2]).toBe('last incident: production: Neo4j down since 12:00 (ongoing)');
  });

  it('is left out when there is none', () => {
    create();
    expect(tray().tooltip).toBe('WallTrack — Supabase ok 42 ms · Neo4j ok 7 ms');
    expect(tray().menu!.getMenuItemById('last-incident')).toBeNull();
  });
});
