import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../mocks/electron.js'));
import * as electron from '../mocks/electron.js';
import { setupTray } from '../../src-main/electron/tray.js';
import { TRAY_STATES } from '../../src-main/electron/trayIcons.js';
import { FakeMonitorCore, atFixtureTime, makeEnvironment, makeSnapshot, makeSnapshotOf } from './fixtures.js';
import { recordingLog } from './recordingLog.js';

describe('tray', () => {
  let core: FakeMonitorCore;
  let opened: string[];
  let quits: number;
  let startAtLogin: boolean;
  let log: ReturnType<typeof recordingLog>;

  beforeEach(() => {
    electron.resetElectronFake();
    electron.app.fakeReady(); // what these tests use exists only once the app is ready
    atFixtureTime();
    core = new FakeMonitorCore();
    opened = [];
    quits = 0;
    startAtLogin = false;
    log = recordingLog();
  });

  afterEach(() => vi.useRealTimers());

  const create = (platform: NodeJS.Platform = 'linux') =>
    setupTray({
      core,
      openWindow: (name) => void opened.push(name),
      startAtLogin: { enabled: () => startAtLogin, supported: true, set: async (v) => void (startAtLogin = v) },
      quit: () => void quits++,
      log,
      platform,
      formatTime: (iso) => iso.slice(11, 16), // UTC HH:MM, so expected labels can be written out
    });
  const tray = () => electron.Tray.fakeAll[0]!;
  const labels = () => tray().menu!.items.map((i) => (i.type === 'separator' ? '---' : i.label));
  const item = (id: string) => tray().menu!.getMenuItemById(id)!;
  const centreColour = () => {
    const rep = tray().image.representations.find((r) => r.scaleFactor === 1)!;
    const png = PNG.sync.read(rep.buffer);
    const i = (Math.floor(png.height * 0.18) * png.width + Math.floor(png.width / 2)) * 4;
    return [png.data[i], png.data[i + 1], png.data[i + 2]];
  };
  const flush = () => new Promise((r) => setTimeout(r, 0));

  it('creates one tray with a 1x and @2x image (32/64 px on Linux, 16/32 px on macOS)', () => {
    create('linux');
    expect(electron.Tray.fakeAll).toHaveLength(1);
    expect(tray().image.representations.map((r) => [r.scaleFactor, PNG.sync.read(r.buffer).width])).toEqual([[1, 32], [2, 64]]);
    create('darwin');
    expect(electron.Tray.fakeAll[1]!.image.representations.map((r) => PNG.sync.read(r.buffer).width)).toEqual([16, 32]);
  });

  it('shows a line per database with state and latency, then the actions', () => {
    create();
    expect(labels()).toEqual([
      'Supabase: ok 42 ms',
      'Neo4j: ok 7 ms',
      '---',
      'Check now',
      'Pause for 1 hour',
      '---',
      'Open status window',
      'Settings…',
      'Copy diagnostics',
      '---',
      'Start at login',
      '---',
      'Quit WallTrack Monitor',
    ]);
    expect(item('database-supabase').enabled).toBe(false);
    expect(tray().tooltip).toBe('WallTrack — Supabase ok 42 ms · Neo4j ok 7 ms');
  });

  it('follows each snapshot: icon colour, tooltip and menu', () => {
    create();
    expect(centreColour()).toEqual([...TRAY_STATES.ok.colour]);
    core.emitSnapshot(makeSnapshot({ status: 'down', neo4j: { status: 'down', healthy: false, latencyMs: null, kind: 'auth_failed' } }));
    expect(centreColour()).toEqual([...TRAY_STATES.down.colour]);
    expect(tray().tooltip).toBe('WallTrack — Supabase ok 42 ms · Neo4j down: authentication failed');
    expect(labels()[1]).toBe('Neo4j: down: authentication failed');
    core.emitSnapshot(makeSnapshot({ status: 'degraded', supabase: { status: 'degraded', latencyMs: 1500 } }));
    expect(centreColour()).toEqual([...TRAY_STATES.degraded.colour]);
    core.emitSnapshot(makeSnapshot({ status: 'unconfigured', neo4j: { status: 'not_configured', healthy: false, latencyMs: null } }));
    expect(centreColour()).toEqual([...TRAY_STATES.unknown.colour]);
  });

  it('runs the menu actions', async () => {
    create();
    item('check-now').fakeClick();
    item('pause').fakeClick();
    await flush();
    expect(core.businessCalls()).toEqual(['checkNow', 'pause']);
    expect(core.calls.find((c) => c.method === 'pause')!.args).toEqual([{ hours: 1, environment: undefined }]); // no environment = all
    core.emitSnapshot(core.current);
    expect(labels()).toContain('Resume (paused until 13:00)');
    item('resume').fakeClick();
    item('open-status').fakeClick();
    item('open-settings').fakeClick();
    item('quit').fakeClick();
    await flush();
    expect(core.businessCalls()).toEqual(['checkNow', 'pause', 'resume']);
    expect(opened).toEqual(['status', 'settings']);
    expect(quits).toBe(1);
  });

  it('"Copy diagnostics" writes the core\'s report to the clipboard', async () => {
    core.diagnostics = 'WallTrack Monitor diagnostics\n== Application ==\nHost:        electron\n';
    create();
    item('copy-diagnostics').fakeClick();
    await vi.waitFor(async () => expect(await electron.clipboard.readText()).toBe('WallTrack Monitor diagnostics\n== Application ==\nHost:        electron\n'));
    expect(electron.clipboard.fakeWrites).toHaveLength(1);
    expect(core.businessCalls()).toEqual(['getDiagnostics']);
  });

  it('"Copy diagnostics" logs a report that could not be made or a clipboard that refused it, and keeps what the clipboard held', async () => {
    await electron.clipboard.writeText('what the operator had copied');
    core.diagnostics = new Error('keychain did not answer');
    create();
    item('copy-diagnostics').fakeClick();
    await vi.waitFor(() => expect(log.entries.map((e) => e.message)).toEqual(['Tray action "copy diagnostics" failed']));
    core.diagnostics = 'WallTrack Monitor diagnostics\n';
    electron.clipboard.fakeRefuse = new Error('clipboard is held by another program');
    item('copy-diagnostics').fakeClick();
    await vi.waitFor(() => expect(log.entries).toHaveLength(2));
    expect(log.entries[1]!.level).toBe('warn');
    expect(await electron.clipboard.readText()).toBe('what the operator had copied');
  });

  describe('with several environments', () => {
    const environments = () =>
      makeSnapshotOf([
        makeEnvironment({ id: 'production', name: 'production' }),
        makeEnvironment({ id: 'staging', name: 'staging', status: 'down', supabase: { status: 'down', healthy: false, latencyMs: null, kind: 'refused' } }),
      ], { status: 'down' });
    const argsOf = (method: string) => core.calls.filter((c) => c.method === method).map((c) => c.args);

    it('checks, pauses and resumes the environment whose submenu was clicked', async () => {
      core.current = environments();
      create();
      expect(labels()).toEqual(['production: ok', 'staging: down', '---', 'Check all now', 'Pause all for 1 hour', '---', 'Open status window', 'Settings…', 'Copy diagnostics', '---', 'Start at login', '---', 'Quit WallTrack Monitor']);
      item('check-now-production').fakeClick();
      item('pause-production').fakeClick();
      await flush();
      expect(argsOf('checkNow')).toEqual([[{ environment: 'production' }]]);
      expect(argsOf('pause')).toEqual([[{ hours: 1, environment: 'production' }]]);
      core.emitSnapshot(core.current); // the core reports production paused
      expect(item('environment-production').label).toBe('production: paused — last known: ok 12:00');
      item('resume-production').fakeClick();
      item('check-now').fakeClick();
      await flush();
      expect(argsOf('resume')).toEqual([[{ environment: 'production' }]]);
      expect(argsOf('checkNow')).toEqual([[{ environment: 'production' }], [{ environment: undefined }]]);
    });

    it('shows the worst state of all environments in the icon and what is wrong first in the tooltip', () => {
      core.current = environments();
      create();
      expect(centreColour()).toEqual([...TRAY_STATES.down.colour]);
      expect(tray().tooltip).toBe('WallTrack — staging: Supabase down · production ok');
      const slowProduction = makeSnapshotOf([
        makeEnvironment({ id: 'production', name: 'production', neo4j: { status: 'retrying', healthy: false, kind: 'timeout' } }),
        makeEnvironment({ id: 'staging', name: 'staging' }),
      ]);
      core.emitSnapshot(slowProduction);
      expect(centreColour()).toEqual([...TRAY_STATES.degraded.colour]);
      expect(tray().tooltip).toBe('WallTrack — production: Neo4j retrying · staging ok');
    });
  });

  it('has no click handler on macOS, where a click opens the menu', () => {
    create('darwin');
    expect(tray().listenerCount('click')).toBe(0);
  });

  it('opens the status window on click (where the platform sends clicks)', () => {
    create();
    tray().emit('click');
    expect(opened).toEqual(['status']);
  });

  it('toggles start at login from the checkbox and shows the new state', async () => {
    create();
    expect(item('start-at-login').checked).toBe(false);
    item('start-at-login').fakeClick();
    await flush();
    expect(startAtLogin).toBe(true);
    expect(item('start-at-login').checked).toBe(true);
  });

  it('logs a failed action instead of throwing', async () => {
    create();
    core.checkNow = () => Promise.reject(new Error('boom'));
    item('check-now').fakeClick();
    await flush();
    expect(log.entries).toContainEqual(expect.objectContaining({ level: 'warn', message: 'Tray action "check now" failed' }));
  });

  it('switches to the dark-menu-bar variant when the theme changes', () => {
    create();
    const light = tray().image;
    electron.nativeTheme.shouldUseDarkColors = true;
    electron.nativeTheme.emit('updated');
    expect(tray().image).not.toBe(light);
    const edge = (img: electron.NativeImage) => {
      const png = PNG.sync.read(img.representations[0]!.buffer);
      return png.data[(0 * png.width + png.width / 2) * 4]!;
    };
    expect(edge(tray().image)).toBeGreaterThan(edge(light));
  });
});
