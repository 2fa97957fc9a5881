/**
 * The electron fake keeps Electron's own rules, so shell code that breaks them fails here rather
 * than on a user's first launch: what exists only once the app is ready, protocol.handle's
 * contract, notifications that are unsupported, and macOS login items, which drop `args`.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import * as electron from './electron.js';

beforeEach(() => electron.resetElectronFake());

describe('the electron fake before the app is ready', () => {
  it('refuses a Tray, a BrowserWindow, a Notification, protocol.handle and powerMonitor events', () => {
    const notReady = /cannot be used before app is ready/;
    expect(() => new electron.Tray(electron.nativeImage.createEmpty())).toThrow(notReady);
    expect(() => new electron.BrowserWindow()).toThrow(notReady);
    expect(() => new electron.Notification({ title: 't' })).toThrow(notReady);
    expect(() => electron.protocol.handle('app', () => new Response('x'))).toThrow(notReady);
    expect(() => electron.powerMonitor.on('resume', () => undefined)).toThrow(notReady);
    // Privileged schemes are the one protocol call that must come before ready.
    expect(() => electron.protocol.registerSchemesAsPrivileged([{ scheme: 'app' }])).not.toThrow();
  });

  it('allows all of them once ready', () => {
    electron.app.fakeReady();
    expect(new electron.Tray(electron.nativeImage.createEmpty()).isDestroyed()).toBe(false);
    expect(new electron.BrowserWindow({ show: false }).isVisible()).toBe(false);
    expect(new electron.Notification({ title: 't' }).title).toBe('t');
    expect(() => electron.powerMonitor.on('resume', () => undefined)).not.toThrow();
  });
});

describe('protocol.handle', () => {
  beforeEach(() => electron.app.fakeReady());

  it('refuses a second handler for the same scheme', () => {
    electron.protocol.handle('app', () => new Response('one'));
    expect(() => electron.protocol.handle('app', () => new Response('two'))).toThrow('Failed to register protocol: app');
    electron.protocol.unhandle('app');
    expect(() => electron.protocol.handle('app', () => new Response('three'))).not.toThrow();
  });

  it('fails the request when the handler returns anything but a Response', async () => {
    electron.protocol.handle('app', () => ({ status: 200 }) as unknown as Response);
    await expect(electron.protocol.handlers.get('app')!(new Request('app://walltrack/status.html'))).rejects.toThrow(TypeError);
    electron.protocol.handle('ok', async () => new Response('fine'));
    expect(await (await electron.protocol.handlers.get('ok')!(new Request('ok://x/'))).text()).toBe('fine');
  });
});

describe('notifications and login items', () => {
  it('Notification.isSupported() can be false', () => {
    expect(electron.Notification.isSupported()).toBe(true);
    electron.Notification.supported = false;
    expect(electron.Notification.isSupported()).toBe(false);
  });

  it('drops login-item args on macOS and keeps them elsewhere; wasOpenedAtLogin is macOS only', () => {
    electron.app.fakePlatform = 'darwin';
    electron.app.fakeOpenedAtLogin = true;
    electron.app.setLoginItemSettings({ openAtLogin: true, path: '/Applications/WallTrack Monitor.app', args: ['--hidden'] });
    expect(electron.app.loginItemSettings).toEqual([{ openAtLogin: true, path: '/Applications/WallTrack Monitor.app' }]);
    expect(electron.app.getLoginItemSettings()).toMatchObject({ openAtLogin: true, wasOpenedAtLogin: true });
    electron.app.fakePlatform = 'win32';
    electron.app.setLoginItemSettings({ openAtLogin: true, path: 'C:\\WallTrack Monitor.exe', args: ['--hidden'] });
    expect(electron.app.loginItemSettings.at(-1)).toEqual({ openAtLogin: true, path: 'C:\\WallTrack Monitor.exe', args: ['--hidden'] });
    expect(electron.app.getLoginItemSettings().wasOpenedAtLogin).toBe(false);
  });
});
