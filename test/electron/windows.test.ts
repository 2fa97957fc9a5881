import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../mocks/electron.js'));
import * as electron from '../mocks/electron.js';
import { rendererLocation, secureWebPreferences, setupWindows } from '../../src-main/electron/windows.js';
import { setupWebSecurity } from '../../src-main/electron/webSecurity.js';
import { recordingLog } from './recordingLog.js';

let log: ReturnType<typeof recordingLog>;
beforeEach(() => {
  electron.resetElectronFake();
  electron.app.fakeReady(); // what these tests use exists only once the app is ready
  log = recordingLog();
});

const manager = (location = rendererLocation(true, {})) => {
  setupWebSecurity(electron.session.defaultSession as never, log, location.origin);
  return setupWindows({ preloadPath: '/app/dist/electron/preload.cjs', location, log });
};
const fake = (w: unknown) => w as electron.BrowserWindow;

describe('windows', () => {
  it.each(['status', 'settings'] as const)('gives the %s window the secure webPreferences and loads it from app://', async (name) => {
    const win = fake(manager().open(name));
    await Promise.resolve();
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/dist/electron/preload.cjs',
    });
    expect(win.webContents.getURL()).toBe(`app://walltrack/${name}.html`);
  });

  it('uses no insecure preference anywhere', () => {
    const prefs = secureWebPreferences('/p.cjs');
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs.experimentalFeatures).toBe(false);
  });

  it('shows a window once ready and reuses it: one status window however often it is opened', async () => {
    const windows = manager();
    const first = fake(windows.open('status'));
    expect(first.visible).toBe(false);
    await Promise.resolve();
    await Promise.resolve();
    expect(first.visible).toBe(true);
    first.hide();
    first.minimized = true;
    const again = fake(windows.open('status'));
    expect(again).toBe(first);
    expect(again.visible && !again.minimized && again.focused).toBe(true);
    expect(electron.BrowserWindow.getAllWindows()).toHaveLength(1);
  });

  it('forgets a closed window and creates a fresh one next time', () => {
    const windows = manager();
    const first = fake(windows.open('settings'));
    first.close();
    expect(windows.all()).toEqual([]);
    expect(windows.owns(first.webContents as never)).toBe(false);
    const second = fake(windows.open('settings'));
    expect(second).not.toBe(first);
    expect(windows.owns(second.webContents as never)).toBe(true);
  });

  it('uses the dev server only when unpackaged and VITE_DEV_SERVER_URL is set', () => {
    const env = { VITE_DEV_SERVER_URL: 'http://localhost:5173/' };
    expect(rendererLocation(false, env).pageUrl('status')).toBe('http://localhost:5173/status.html');
    expect(rendererLocation(false, env).origin).toBe('http://localhost:5173');
    expect(rendererLocation(true, env).pageUrl('status')).toBe('app://walltrack/status.html');
    expect(rendererLocation(false, {}).origin).toBe('app://walltrack');
    expect(() => rendererLocation(false, { VITE_DEV_SERVER_URL: 'file:///tmp/x' })).toThrow(/VITE_DEV_SERVER_URL must be an http/);
  });
});

describe('web security', () => {
  it('denies every navigation and redirect; an allowed https link opens in the browser', () => {
    const win = fake(manager().open('status'));
    expect(win.webContents.fakeEmitPreventable('will-navigate', 'https://evil.example/phish')).toBe(true);
    expect(win.webContents.fakeEmitPreventable('will-navigate', 'app://walltrack/settings.html')).toBe(true);
    expect(win.webContents.fakeEmitPreventable('will-navigate', 'https://supabase.com/dashboard')).toBe(true);
    expect(win.webContents.fakeEmitPreventable('will-redirect', 'https://evil.example/')).toBe(true);
    expect(win.webContents.fakeEmitPreventable('will-attach-webview')).toBe(true);
    expect(electron.shell.opened).toEqual(['https://supabase.com/dashboard']);
    expect(log.entries.filter((e) => e.level === 'warn').length).toBeGreaterThanOrEqual(5);
  });

  it.each([
    ['https://supabase.com/docs', true],
    ['https://app.supabase.com/project/x', true],
    ['https://neo4j.com/docs/', true],
    ['http://supabase.com/', false],
    ['https://supabase.com.evil.example/', false],
    ['https://evilsupabase.com/', false],
    ['https://user:pw@github.com/', false],
    ['https://github.com:8443/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['smb://server/share', false],
    ['not a url', false],
  ])('window.open(%s) is denied; opened externally: %s', (url, external) => {
    const win = fake(manager().open('status'));
    expect(win.webContents.windowOpenHandler!({ url } as never)).toEqual({ action: 'deny' });
    expect(electron.shell.opened).toEqual(external ? [url] : []);
  });

  it('logs blocked URLs without their query string (it could hold a token)', () => {
    const win = fake(manager().open('status'));
    win.webContents.fakeEmitPreventable('will-navigate', 'https://evil.example/cb?access_token=hunter2-secret');
    expect(JSON.stringify(log.entries)).not.toContain('hunter2');
  });

  it('opens a new settings window at the field a card asks for; one already open is only brought forward', async () => {
    const windows = manager();
    const win = fake(windows.open('settings', { environment: 'production', database: 'neo4j', field: 'user' }));
    await Promise.resolve();
    expect(win.webContents.getURL()).toBe('app://walltrack/settings.html?environment=production&database=neo4j&field=user');
    const again = fake(windows.open('settings', { environment: 'staging', database: 'supabase', field: 'url' }));
    await Promise.resolve();
    expect(again).toBe(win);
    expect(again.webContents.getURL()).toBe('app://walltrack/settings.html?environment=production&database=neo4j&field=user');
  });

  it('grants a clipboard write ("Copy diagnostics") to its own pages only, and never a clipboard read', () => {
    manager();
    const ses = electron.session.defaultSession;
    const asked = (permission: string, requestingUrl: string, requestingOrigin: string) => {
      const callback = vi.fn();
      ses.permissionRequestHandler!({} as never, permission as never, callback, { requestingUrl } as never);
      return [callback.mock.calls[0]![0], ses.permissionCheckHandler!({} as never, permission as never, requestingOrigin, {} as never)];
    };
    expect(asked('clipboard-sanitized-write', 'app://walltrack/status.html', 'app://walltrack')).toEqual([true, true]);
    expect(asked('clipboard-sanitized-write', 'https://evil.example/', 'https://evil.example')).toEqual([false, false]);
    expect(asked('clipboard-sanitized-write', 'app://walltrack.evil/status.html', 'app://walltrack.evil')).toEqual([false, false]);
    expect(asked('clipboard-sanitized-write', 'app://walltrack@evil/x', 'app://evil')).toEqual([false, false]);
    expect(asked('clipboard-read', 'app://walltrack/status.html', 'app://walltrack')).toEqual([false, false]);
  });

  it('denies every permission request and check', () => {
    manager();
    const ses = electron.session.defaultSession;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      ses.permissionRequestHandler!({} as never, permission as never, callback, {} as never);
      expect(callback).toHaveBeenCalledWith(false);
      expect(ses.permissionCheckHandler!({} as never, permission as never, 'app://walltrack', {} as never)).toBe(false);
    }
  });
});
