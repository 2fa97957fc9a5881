import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../mocks/electron.js'));
import * as electron from '../mocks/electron.js';
import { ShellSettings } from '../../src-main/electron/shellSettings.js';
import { autostartDesktopEntry, autostartFile, createStartAtLogin } from '../../src-main/electron/startAtLogin.js';
import { FakeMonitorCore } from './fixtures.js';
import { recordingLog } from './recordingLog.js';

let home: string;
beforeEach(() => {
  electron.resetElectronFake();
  home = mkdtempSync(join(tmpdir(), 'walltrack-autostart-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('start at login', () => {
  it('uses the login item API on macOS and Windows, starting hidden', async () => {
    electron.app.isPackaged = true;
    for (const platform of ['darwin', 'win32'] as const) {
      const login = createStartAtLogin(platform, {});
      expect(login.supported).toBe(true);
      await login.apply(true);
    }
    expect(electron.app.loginItemSettings).toEqual([
      { openAtLogin: true, path: process.execPath, args: ['--hidden'] },
      { openAtLogin: true, path: process.execPath, args: ['--hidden'] },
    ]);
  });

  it('writes and removes an XDG autostart entry on Linux (the AppImage path when packaged as one)', async () => {
    electron.app.isPackaged = true;
    const env = { XDG_CONFIG_HOME: home, APPIMAGE: '/opt/apps/WallTrack Monitor.AppImage' };
    const login = createStartAtLogin('linux', env);
    await login.apply(true);
    const file = autostartFile(env);
    expect(file).toBe(join(home, 'autostart', 'walltrack-monitor.desktop'));
    expect(readFileSync(file, 'utf8')).toContain('Exec="/opt/apps/WallTrack Monitor.AppImage" --hidden');
    await login.apply(false);
    expect(existsSync(file)).toBe(false);
  });

  it('starts electron with the app folder when unpackaged', () => {
    expect(autostartDesktopEntry(['/usr/bin/electron', '/src/app'])).toContain('Exec="/usr/bin/electron" "/src/app" --hidden');
    expect(autostartDesktopEntry(['/a"b$c'])).toContain('Exec="/a\\"b\\$c" --hidden');
  });

  it('is saved in settings.app.startAtLogin (secrets kept) and applied to the OS once per change', async () => {
    const core = new FakeMonitorCore();
    const applied: boolean[] = [];
    const settings = new ShellSettings({ core, login: { supported: true, apply: async (v) => void applied.push(v) }, log: recordingLog() });
    await settings.load();
    expect(applied).toEqual([false]);
    await settings.setStartAtLogin(true);
    const saved = core.calls.find((c) => c.method === 'saveSettings')!.args[0] as { settings: { app: unknown }; secrets: unknown };
    expect(saved.settings.app).toEqual({ notifications: true, startAtLogin: true });
    expect(saved.secrets).toEqual({ supabaseKey: { action: 'keep' }, neo4jPassword: { action: 'keep' } });
    expect(settings.startAtLogin).toBe(true);
    expect(applied).toEqual([false, true]);
    await settings.afterSave({ ...(await core.getSettingsView()), settings: saved.settings as never });
    expect(applied).toEqual([false, true]);
  });

  it('logs (and keeps the setting) when the OS refuses', async () => {
    const log = recordingLog();
    const settings = new ShellSettings({ core: new FakeMonitorCore(), login: { supported: true, apply: async () => { throw new Error('read-only home'); } }, log });
    await settings.load();
    expect(log.entries.map((e) => e.level)).toEqual(['warn']);
  });
});
