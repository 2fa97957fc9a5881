/**
 * "Start at login", kept in settings.app.startAtLogin and applied to the OS: Electron's
 * setLoginItemSettings on macOS and Windows; on Linux (where Electron has no such API) an XDG
 * autostart entry, ~/.config/autostart/walltrack-monitor.desktop. The app starts hidden (tray only).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { app } from 'electron';

export const HIDDEN_ARG = '--hidden';

export interface StartAtLogin {
  readonly supported: boolean;
  apply(enabled: boolean): Promise<void>;
}

/**
 * One Exec argument per the Desktop Entry spec: double-quoted with \" \` \$ \\ escaped inside, and
 * % written %% (a lone % starts a field code).
 */
function execArgument(arg: string): string {
  return `"${arg.replace(/(["`$\\])/g, '\\$1').replace(/%/g, '%%')}"`;
}

/** A string value in a .desktop file: the file format unescapes \\ \n \t \r before Exec is parsed. */
function desktopStringValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r');
}

/** The autostart entry; each Exec argument is quoted per the Desktop Entry spec. */
export function autostartDesktopEntry(command: readonly string[]): string {
  const exec = desktopStringValue([...command.map(execArgument), HIDDEN_ARG].join(' '));
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=WallTrack Monitor',
    'Comment=Shows whether the WallTrack databases are reachable',
    `Exec=${exec}`,
    'X-GNOME-Autostart-enabled=true',
    'Terminal=false',
    '',
  ].join('\n');
}

export function autostartFile(env: NodeJS.ProcessEnv = process.env): string {
  const configHome = env.XDG_CONFIG_HOME?.trim() || join(env.HOME || homedir(), '.config');
  return join(configHome, 'autostart', 'walltrack-monitor.desktop');
}

/** How to start this app again: the packaged executable, or electron + the app folder in development. */
export function launchCommand(env: NodeJS.ProcessEnv = process.env): string[] {
  // An AppImage runs from a temporary mount; APPIMAGE is the file to start next time.
  if (app.isPackaged) return [env.APPIMAGE || process.execPath];
  return [process.execPath, app.getAppPath()];
}

export function createStartAtLogin(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): StartAtLogin {
  if (platform === 'darwin' || platform === 'win32') {
    return {
      supported: true,
      apply: async (enabled) => {
        const [path, ...args] = launchCommand(env);
        app.setLoginItemSettings({ openAtLogin: enabled, path, args: [...args, HIDDEN_ARG] });
      },
    };
  }
  if (platform === 'linux') {
    return {
      supported: true,
      apply: async (enabled) => {
        const file = autostartFile(env);
        if (!enabled) return rm(file, { force: true });
        await mkdir(join(file, '..'), { recursive: true });
        await writeFile(file, autostartDesktopEntry(launchCommand(env)), { mode: 0o644 });
      },
    };
  }
  return { supported: false, apply: async () => {} };
}
