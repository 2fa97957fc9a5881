import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../mocks/electron.js'));
// The composed shell over a fake core: the real core has its own tests under test/core.
const fakes = vi.hoisted(() => ({ core: null as unknown, logger: null as unknown }));
vi.mock('../../src-main/electron/core.js', () => ({
  setupCore: () => ({
    core: fakes.core,
    logger: fakes.logger,
    closeLog: () => {},
  }),
}));
import * as electron from '../mocks/electron.js';
import { eventChannel, methodChannel, methodNames } from '../../src-main/common/contract.js';
import { startShell } from '../../src-main/electron/app.js';
import { FakeMonitorCore, atFixtureTime, makeEnvironment, makeSnapshot, makeSnapshotOf } from './fixtures.js';
import { recordingLog, type LogEntry } from './recordingLog.js';

let core: FakeMonitorCore;
let log: ReturnType<typeof recordingLog>;
let configHome: string;
/** startShell turns SIGINT/SIGTERM into app.quit(); drop those listeners so the test worker still exits on SIGTERM. */
let signalListenersBefore: Map<string, unknown[]>;

beforeEach(() => {
  electron.resetElectronFake();
  electron.app.fakeReady(); // what these tests use exists only once the app is ready
  atFixtureTime();
  core = new FakeMonitorCore();
  fakes.core = core;
  log = recordingLog();
  fakes.logger = log;
  configHome = mkdtempSync(join(tmpdir(), 'walltrack-shell-'));
  vi.stubEnv('XDG_CONFIG_HOME', configHome); // start-at-login must not touch the real ~/.config
  vi.stubEnv('WALLTRACK_E2E', '1');
  signalListenersBefore = new Map(['SIGINT', 'SIGTERM'].map((s) => [s, process.listeners(s as NodeJS.Signals)]));
});
afterEach(() => {
  vi.useRealTimers();
  for (const [signal, before] of signalListenersBefore) {
    for (const l of process.listeners(signal as NodeJS.Signals)) if (!before.includes(l)) process.off(signal, l);
  }
  vi.unstubAllEnvs();
  rmSync(configHome, { recursive: true, force: true });
  delete (globalThis as { walltrackSmokeTest?: unknown }).walltrackSmokeTest;
});

/** startShell as a login item starts it: with --hidden. */
async function startHidden(platform: NodeJS.Platform, hasTrayHost?: () => Promise<boolean>): Promise<void> {
  const argv = process.argv;
  process.argv = [...argv, '--hidden'];
  try {
    await startShell(platform, { hasTrayHost });
  } finally {
    process.argv = argv;
  }
}

const trayHostWarnings = (): LogEntry[] => log.entries.filter((e) => e.level === 'warn' && /tray host/.test(e.message));

describe('the composed shell', () => {
  it('starts the core, registers the IPC API, creates the tray and opens the status window', async () => {
    await startShell();
    expect(core.started).toBe(true);
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(methodNames.map(methodChannel).sort());
    expect(electron.protocol.isProtocolHandled('app')).toBe(true);
    expect(electron.session.defaultSession.permissionRequestHandler).not.toBeNull();
    expect(electron.Tray.fakeAll).toHaveLength(1);
    expect(electron.Tray.fakeAll[0]!.tooltip).toBe('WallTrack — Supabase ok 42 ms · Neo4j ok 7 ms');
    const windows = electron.BrowserWindow.getAllWindows();
    expect(windows).toHaveLength(1);
    expect(windows[0]!.options.webPreferences).toMatchObject({
      preload: join('/tmp/fake-electron/app', 'dist', 'electron', 'preload.cjs'),
      sandbox: true,
      contextIsolation: true,
    });
    expect((globalThis as { walltrackSmokeTest?: { trayTooltip(): string } }).walltrackSmokeTest!.trayTooltip()).toMatch(/^WallTrack — /);
  });

  it('pushes what changed in every snapshot to every open window without being asked', async () => {
    const shell = await startShell();
    shell.windows.open('settings');
    const down = makeSnapshot({ status: 'down', supabase: { status: 'down', healthy: false, kind: 'refused', latencyMs: null } });
    core.emitSnapshot(down);
    const { environments, ...fields } = down;
    for (const win of electron.BrowserWindow.getAllWindows()) {
      expect(win.webContents.sent).toContainEqual({
        channel: eventChannel('snapshotPatch'),
        args: [{ ...fields, environmentIds: environments.map((e) => e.id), changed: environments }],
      });
    }
    expect(electron.Tray.fakeAll[0]!.tooltip).toContain('Supabase down: connection refused');
  });

  it('with several environments: the tray leads with the failing one and acts on it, a notification names it', async () => {
    core.current = makeSnapshotOf(
      [
        makeEnvironment({ id: 'staging', name: 'staging' }),
        makeEnvironment({ id: 'production', name: 'production', status: 'down', neo4j: { status: 'down', healthy: false, latencyMs: null, kind: 'refused' } }),
      ],
      { status: 'down' },
    );
    await startShell();
    const tray = electron.Tray.fakeAll[0]!;
    expect(tray.tooltip).toBe('WallTrack — production: Neo4j down · staging ok');
    tray.menu!.getMenuItemById('pause-production')!.fakeClick();
    await vi.waitFor(() => expect(core.calls.filter((c) => c.method === 'pause').map((c) => c.args)).toEqual([[{ hours: 1, environment: 'production' }]]));
    core.emitStateChange({
      environment: { id: 'staging', name: 'staging' },
      database: 'supabase',
      from: 'healthy',
      to: 'down',
      result: { database: 'supabase', healthy: false, state: 'down', latencyMs: null, kind: 'refused', message: 'connection refused', checkedAt: '2026-01-01T12:00:00.000Z' },
    });
    expect(electron.Notification.fakeShown.map((n) => n.title)).toEqual(['staging: Supabase is down']);
  });

  it('stays in the tray when its windows close, and stops the core before quitting', async () => {
    await startShell();
    for (const win of electron.BrowserWindow.getAllWindows()) win.close();
    expect(electron.app.listenerCount('window-all-closed')).toBeGreaterThan(0);
    expect(core.stopped).toBe(false);
    const willQuit = new Promise((resolve) => electron.app.once('will-quit', resolve));
    electron.app.quit();
    await willQuit;
    expect(core.stopped).toBe(true);
    expect(electron.Tray.fakeAll[0]!.isDestroyed()).toBe(true);
  });

  it('tells every open window that the core stopped before the windows close, skipping a destroyed one', async () => {
    const shell = await startShell();
    const status = electron.BrowserWindow.getAllWindows()[0]!;
    const settings = shell.windows.open('settings') as unknown as electron.BrowserWindow;
    settings.webContents.destroyed = true; // its page is gone while the window is still being torn down
    let sentBeforeClose: { channel: string; args: unknown[] }[] = [];
    status.once('closed', () => (sentBeforeClose = [...status.webContents.sent]));
    const willQuit = new Promise((resolve) => electron.app.once('will-quit', resolve));
    electron.app.quit();
    await willQuit;
    expect(sentBeforeClose.filter((m) => m.channel === 'walltrack:event:stopped')).toEqual([
      { channel: 'walltrack:event:stopped', args: [{ at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) }] },
    ]);
    expect(settings.webContents.sent.filter((m) => m.channel === 'walltrack:event:stopped')).toEqual([]);
    expect(core.stopped).toBe(true);
    expect(log.entries.filter((e) => e.level === 'warn' || e.level === 'error')).toEqual([]);
  });

  it('keeps telling the other windows and stops the core when sending to one window throws', async () => {
    const shell = await startShell();
    const status = electron.BrowserWindow.getAllWindows()[0]!;
    const settings = shell.windows.open('settings') as unknown as electron.BrowserWindow;
    settings.webContents.send = () => {
      throw new Error('Render frame was disposed before WebFrameMain could be accessed');
    };
    const willQuit = new Promise((resolve) => electron.app.once('will-quit', resolve));
    electron.app.quit();
    await willQuit;
    expect(status.webContents.sent.map((m) => m.channel)).toContain('walltrack:event:stopped');
    expect(core.stopped).toBe(true);
    expect(log.entries.filter((e) => e.level === 'warn').map((e) => e.message)).toEqual(['Could not send the stopped event to a window']);
  });

  it('shows no notification for a paused environment going stale, nor when the core stops; a state change still shows once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: Date.parse('2026-01-01T12:00:30.000Z') });
    try {
      core.current = makeSnapshotOf([
        makeEnvironment({ id: 'production', name: 'production' }),
        makeEnvironment({ id: 'demo', name: 'demo', paused: { until: null } }),
      ]);
      await startShell();
      core.emitStateChange({
        environment: { id: 'production', name: 'production' },
        database: 'neo4j',
        from: 'healthy',
        to: 'down',
        result: { database: 'neo4j', healthy: false, state: 'down', latencyMs: null, kind: 'refused', message: 'connection refused', checkedAt: '2026-01-01T12:00:30.000Z' },
      });
      await vi.advanceTimersByTimeAsync(3 * 3_600_000); // every result is hours old: production stale, demo paused
      // Local time as the tray shows it, whatever this machine's locale: the same time everywhere.
      expect(electron.Tray.fakeAll[0]!.tooltip).toMatch(/^WallTrack — production stale since (.+) · demo paused — last known: ok \1$/);
      const willQuit = new Promise((resolve) => electron.app.once('will-quit', resolve));
      electron.app.quit();
      await vi.advanceTimersByTimeAsync(1_000);
      await willQuit;
      expect(electron.Notification.fakeShown.map((n) => n.title)).toEqual(['production: Neo4j is down']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('starts hidden (tray only) when launched at login', async () => {
    await startHidden('win32');
    expect(electron.BrowserWindow.getAllWindows()).toHaveLength(0);
    expect(electron.Tray.fakeAll).toHaveLength(1);
  });

  it('starts hidden on macOS when opened as a login item, which gets no --hidden (macOS drops login-item args)', async () => {
    electron.app.fakePlatform = 'darwin';
    electron.app.fakeOpenedAtLogin = true;
    await startShell('darwin');
    expect(electron.BrowserWindow.getAllWindows()).toHaveLength(0);
    expect(electron.Tray.fakeAll).toHaveLength(1);
  });

  it('opens the status window on activate (Dock icon or a relaunch from Finder on macOS)', async () => {
    await startShell('darwin');
    for (const win of electron.BrowserWindow.getAllWindows()) win.close();
    electron.app.emit('activate', {}, false);
    const windows = electron.BrowserWindow.getAllWindows();
    expect(windows).toHaveLength(1);
    expect(windows[0]!.webContents.getURL()).toBe('app://walltrack/status.html');
  });

  it('removes the default File/Edit/View menu bar on Linux and Windows, and keeps the app menu on macOS', async () => {
    await startShell('linux');
    expect(electron.Menu.fakeApplicationMenu).toBeNull();
    electron.resetElectronFake();
    electron.app.fakeReady();
    await startShell('darwin');
    expect(electron.Menu.fakeApplicationMenu).toBeUndefined();
  });
});

describe('started hidden on Linux, where the desktop may have no tray host (vanilla GNOME)', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] }));
  afterEach(() => vi.useRealTimers());

  it('shows the status window after 15 s, and not before, when no StatusNotifierWatcher appears', async () => {
    let asked = 0;
    await startHidden('linux', async () => {
      asked++;
      return false;
    });
    await vi.advanceTimersByTimeAsync(14_999);
    expect(electron.BrowserWindow.getAllWindows()).toHaveLength(0);
    expect(asked).toBeGreaterThanOrEqual(2); // it keeps looking: the panel may start after us
    await vi.advanceTimersByTimeAsync(1);
    const windows = electron.BrowserWindow.getAllWindows();
    expect(windows).toHaveLength(1);
    expect(windows[0]!.webContents.getURL()).toBe('app://walltrack/status.html');
    expect(trayHostWarnings()).toHaveLength(1);
    expect(trayHostWarnings()[0]!.message).toContain('showing the status window');
    const askedAtGiveUp = asked;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(asked).toBe(askedAtGiveUp);
    expect(electron.BrowserWindow.getAllWindows()).toHaveLength(1);
  });

  it('stays hidden when a tray host appears within the 15 s (a panel that starts a little after us)', async () => {
    let asked = 0;
    await startHidden('linux', async () => ++asked >= 3);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(asked).toBe(3);
    expect(electron.BrowserWindow.getAllWindows()).toHaveLength(0);
    expect(trayHostWarnings()).toEqual([]);
  });

  it('shows the status window after 15 s when the session bus cannot be reached, and says so', async () => {
    await startHidden('linux', () => Promise.reject(new Error('Cannot reach the session bus at /run/user/1000/bus: ENOENT')));
    await vi.advanceTimersByTimeAsync(14_999);
    expect(electron.BrowserWindow.getAllWindows()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(electron.BrowserWindow.getAllWindows()).toHaveLength(1);
    expect(trayHostWarnings()).toHaveLength(1);
    expect(trayHostWarnings()[0]!.message).toBe('Could not reach the session bus to find a tray host; showing the status window instead of running invisible');
    expect(trayHostWarnings()[0]!.details.error).toEqual({ name: 'Error', message: 'Cannot reach the session bus at /run/user/1000/bus: ENOENT' });
  });

  it('stops looking when the app quits before the 15 s are up', async () => {
    let asked = 0;
    await startHidden('linux', async () => {
      asked++;
      return false;
    });
    electron.app.quit();
    await vi.advanceTimersByTimeAsync(0);
    const askedAtQuit = asked;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(asked).toBe(askedAtQuit);
    expect(electron.BrowserWindow.getAllWindows()).toHaveLength(0);
  });

  it('does not look for a tray host on other systems, or when not started hidden', async () => {
    let asked = 0;
    const hasTrayHost = async () => {
      asked++;
      return false;
    };
    for (const platform of ['win32', 'darwin'] as const) {
      electron.resetElectronFake();
      electron.app.fakeReady();
      await startHidden(platform, hasTrayHost);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(electron.BrowserWindow.getAllWindows()).toHaveLength(0);
    }
    electron.resetElectronFake();
    electron.app.fakeReady();
    await startShell('linux', { hasTrayHost });
    expect(electron.BrowserWindow.getAllWindows()).toHaveLength(1); // opened at once, as always
    await vi.advanceTimersByTimeAsync(60_000);
    expect(asked).toBe(0);
  });
});
