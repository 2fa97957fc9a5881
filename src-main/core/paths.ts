/**
 * Where the app keeps its files. Electron and the headless CLI must agree, so this mirrors
 * Electron's app.getPath('userData') for productName "WallTrack Monitor" without importing electron.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'WallTrack Monitor';
export const SETTINGS_FILE_NAME = 'settings.json';
export const LOG_DIR_NAME = 'logs';
export const LOG_FILE_NAME = 'walltrack-monitor.log';
export const HISTORY_FILE_NAME = 'history.sqlite';
export const ATTENTION_FILE_NAME = 'attention.json';

export interface AppPaths {
  dataDir: string;
  settingsFile: string;
  logDir: string;
  logFile: string;
  /** The durable record of checks and incidents (core/history). */
  historyFile: string;
  /** Acknowledgements and mutes (core/attention). */
  attentionFile: string;
}

/** Electron's appData folder for this platform (what app.getPath('appData') returns). */
function platformAppDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  const home = env.HOME || homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support');
  if (platform === 'win32') return env.APPDATA || join(home, 'AppData', 'Roaming');
  return env.XDG_CONFIG_HOME || join(home, '.config');
}

/** `WALLTRACK_DATA_DIR` if set, else the folder Electron uses as userData. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const override = env.WALLTRACK_DATA_DIR?.trim();
  if (override) return override;
  return join(platformAppDataDir(env, platform), PRODUCT_NAME);
}

export function appPaths(dataDir: string = defaultDataDir()): AppPaths {
  const logDir = join(dataDir, LOG_DIR_NAME);
  return {
    dataDir,
    settingsFile: join(dataDir, SETTINGS_FILE_NAME),
    logDir,
    logFile: join(logDir, LOG_FILE_NAME),
    historyFile: join(dataDir, HISTORY_FILE_NAME),
    attentionFile: join(dataDir, ATTENTION_FILE_NAME),
  };
}
