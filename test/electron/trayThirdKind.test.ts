/** A third kind of database added to the registry reaches the tray and notifications without touching the shell. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../mocks/electron.js'));
vi.mock('../../src-main/common/databases.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src-main/common/databases.js')>();
  const kinds = [...real.DATABASE_KINDS, { ...real.supabaseKind, id: 'redis', label: 'Redis' }];
  const databaseKind = (id: string) => {
    const kind = kinds.find((k) => k.id === id);
    if (!kind) throw new RangeError(`Unknown database kind "${id}"`);
    return kind;
  };
  return { ...real, DATABASE_KINDS: kinds, databaseKind, databaseIds: () => kinds.map((k) => k.id) };
});
import * as electron from '../mocks/electron.js';
import { setupNotifications } from '../../src-main/electron/notifications.js';
import { trayMenuTemplate, trayTooltip } from '../../src-main/electron/trayModel.js';
import { FakeMonitorCore, atFixtureTime, makeEnvironment, makeSnapshotOf, makeStatus } from './fixtures.js';
import { recordingLog } from './recordingLog.js';

const redisDown = makeStatus({ database: 'redis', label: 'Redis', status: 'down', healthy: false, latencyMs: null, kind: 'refused' });
const withRedis = () => {
  const environment = makeEnvironment();
  environment.databases.redis = redisDown;
  return makeSnapshotOf([environment], { status: 'down' });
};

beforeEach(() => {
  electron.resetElectronFake();
  electron.app.fakeReady();
  atFixtureTime(); // the fixtures' results are current
});
afterEach(() => vi.useRealTimers());

describe('a third kind in the registry', () => {
  it('shows in the tooltip and the menu after the others, by its registry label', () => {
    expect(trayTooltip(withRedis())).toBe('WallTrack — Supabase ok 42 ms · Neo4j ok 7 ms · Redis down: connection refused');
    const template = trayMenuTemplate(withRedis(), { startAtLogin: false, canStartAtLogin: true }, {
      acknowledge: () => {},
      mute: () => {},
      unmute: () => {},
      checkNow: () => {},
      pauseOneHour: () => {},
      resume: () => {},
      openStatus: () => {},
      openSettings: () => {},
      copyDiagnostics: () => {},
      setStartAtLogin: () => {},
      quit: () => {},
    });
    expect(template.slice(0, 3).map((i) => [i.id, i.label])).toEqual([
      ['database-supabase', 'Supabase: ok 42 ms'],
      ['database-neo4j', 'Neo4j: ok 7 ms'],
      ['database-redis', 'Redis: down: connection refused'],
    ]);
  });

  it('is named in its notifications', () => {
    const core = new FakeMonitorCore();
    core.current = withRedis();
    const stop = setupNotifications({ core, enabled: () => true, onClick: () => {}, log: recordingLog() });
    core.emitStateChange({
      environment: { id: 'default', name: 'default' },
      database: 'redis',
      from: 'healthy',
      to: 'down',
      result: { database: 'redis', healthy: false, state: 'down', latencyMs: null, kind: 'refused', message: 'connection refused', checkedAt: '2026-01-01T12:00:00.000Z' },
    });
    stop();
    expect(electron.Notification.fakeShown.map((n) => `${n.title} | ${n.body}`)).toEqual(['Redis is down | connection refused']);
  });
});
