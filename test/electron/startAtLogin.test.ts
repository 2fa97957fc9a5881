import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../mocks/electron.js'));
import * as electron from '../mocks/electron.js';
import { ShellSettings } from '../../src-main/electron/shellSettings.js';
import { autostartDesktopEntry, autostartFile, createStartAtLogin } from '../../src-main/electron/startAtLogin.js';
import { SettingsDraftSchema } from '../../src-main/common/settings-schema.js';
import { FakeMonitorCore } from './fixtures.js';
import { recordingLog } from './recordingLog.js';

let home: string;
beforeEach(() => {
  electron.resetElectronFake();
  home = mkdtempSync(join(tmpdir(), 'walltrack-autostart-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

/** The Desktop Entry spec's string-value unescaping: \s \n \t \r \\ (written here from the spec, not the code). */
function unescapeString(value: string): string {
  const map: Record<string, string> = { s: ' ', n: '\n', t: '\t', r: '\r', '\\': '\\' };
  return value.replace(/\\(.)/g, (whole, c: string) => map[c] ?? whole);
}

/** The spec's Exec rules: split on spaces; "…" quotes, inside which \" \` \$ \\ stand for the character; %% is %. */
function parseExec(exec: string): string[] {
  const args: string[] = [];
  let i = 0;
  while (i < exec.length) {
    if (exec[i] === ' ') {
      i++;
      continue;
    }
    let arg = '';
    if (exec[i] === '"') {
      for (i++; exec[i] !== '"'; i++) {
        if (i >= exec.length) throw new Error(`unterminated quote in ${exec}`);
        if (exec[i] === '\\') {
          const next = exec[++i]!;
          if (!'"`$\\'.includes(next)) throw new Error(`"\\${next}" is not a valid escape inside quotes`);
          arg += next;
        } else if ('`$'.includes(exec[i]!)) throw new Error(`unescaped ${exec[i]} inside quotes`);
        else arg += exec[i];
      }
      i++;
    } else {
      for (; i < exec.length && exec[i] !== ' '; i++) {
        if ('"\'\\><~|&;$*?#()`'.includes(exec[i]!)) throw new Error(`reserved ${exec[i]} outside quotes`);
        arg += exec[i];
      }
    }
    args.push(arg.replace(/%(.?)/g, (whole, c: string) => {
      if (c === '%') return '%';
      throw new Error(`field code ${whole} in an argument`);
    }));
  }
  return args;
}

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
  });

  // The Exec value is unescaped twice: first as a string value (\\ -> \), then by the Exec quoting
  // rules ("…" with \" \` \$ \\ inside, %% for %). Written out literally from the spec's examples.
  it.each([
    ['/a"b$c', String.raw`Exec="/a\\"b\\$c" --hidden`],
    ['/opt/WallTrack 100%/app', String.raw`Exec="/opt/WallTrack 100%%/app" --hidden`],
    [String.raw`/opt/back\slash/app`, String.raw`Exec="/opt/back\\\\slash/app" --hidden`],
    ['/opt/a`b/app', 'Exec="/opt/a\\\\`b/app" --hidden'],
  ])('escapes %s in the Exec key per the Desktop Entry spec', (path, line) => {
    expect(autostartDesktopEntry([path]).split('\n')).toContain(line);
  });

  it('writes an Exec line that a spec-following launcher turns back into the same arguments', async () => {
    electron.app.isPackaged = true;
    const appImage = String.raw`/home/j doe/Apps 50%/W\T "$HOME" ${'`x`'}/WallTrack Monitor.AppImage`;
    const env = { XDG_CONFIG_HOME: home, APPIMAGE: appImage };
    await createStartAtLogin('linux', env).apply(true);
    const exec = /^Exec=(.*)$/m.exec(readFileSync(autostartFile(env), 'utf8'))![1]!;
    expect(parseExec(unescapeString(exec))).toEqual([appImage, '--hidden']);
  });

  it('is saved in settings.app.startAtLogin (secrets kept) and applied to the OS once per change', async () => {
    const core = new FakeMonitorCore();
    const applied: boolean[] = [];
    const settings = new ShellSettings({ core, login: { supported: true, apply: async (v) => void applied.push(v) }, log: recordingLog() });
    await settings.load();
    expect(applied).toEqual([false]);
    await settings.setStartAtLogin(true);
    const saved = core.calls.find((c) => c.method === 'saveSettings')!.args[0] as { settings: { app: unknown; environments: unknown }; secrets: unknown };
    expect(saved.settings.app).toEqual({ notifications: true, startAtLogin: true });
    expect(saved.secrets).toEqual({}); // absent = keep, in every environment
    expect(SettingsDraftSchema.safeParse(saved).success).toBe(true); // what the real core accepts
    expect(saved.settings.environments).toEqual((await core.getSettings()).settings.environments);
    expect(settings.startAtLogin).toBe(true);
    expect(applied).toEqual([false, true]);
    await settings.afterSave({ ...(await core.getSettings()), settings: saved.settings as never });
    expect(applied).toEqual([false, true]);
  });

  it('logs (and keeps the setting) when the OS refuses', async () => {
    const log = recordingLog();
    const settings = new ShellSettings({ core: new FakeMonitorCore(), login: { supported: true, apply: async () => { throw new Error('read-only home'); } }, log });
    await settings.load();
    expect(log.entries.map((e) => e.level)).toEqual(['warn']);
  });
});
