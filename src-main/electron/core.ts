/**
 * Builds the monitoring core for the Electron host: data in app.getPath('userData'), settings in
 * an electron-store (a Conf subclass the core's SettingsStore accepts), logs in <userData>/logs,
 * secrets in the OS keychain through utility processes.
 */
import { ipcMain, utilityProcess } from 'electron';
import ElectronStore from 'electron-store';
import { createMonitorCore } from '../core/createMonitorCore.js';
import { CredentialVault } from '../core/credentials/CredentialVault.js';
import { createLogger, type Logger } from '../core/logging.js';
import type { MonitorCore } from '../core/MonitorCore.js';
import { appPaths } from '../core/paths.js';
import { createKeychainUtilityRunner } from './keychainUtilityRunner.js';

/** electron-store answers this sync channel to any renderer; ours never needs it (see below). */
const ELECTRON_STORE_CHANNEL = 'electron-store-get-data';

export function setupCore(options: { dataDir: string; devConsole: boolean }): { core: MonitorCore; logger: Logger; closeLog: () => void } {
  const paths = appPaths(options.dataDir);
  const { logger, close } = createLogger({
    file: paths.logFile,
    console: options.devConsole ? { stream: process.stderr, pretty: true } : false,
  });
  const core = createMonitorCore({
    dataDir: options.dataDir,
    logger,
    host: 'electron',
    // Keychain calls run in killable utility processes (see keychainUtilityRunner.ts), not on a worker thread.
    vault: new CredentialVault({ runner: createKeychainUtilityRunner({ fork: (...args) => utilityProcess.fork(...args) }) }),
    store: ({ cwd, configName }) => {
      const store = new ElectronStore<Record<string, unknown>>({ cwd, name: configName, clearInvalidConfig: false });
      // Every IPC channel the app answers is derived from the contract (prefix "walltrack:"); the
      // renderer reads settings through that API, so drop the store's own renderer channel.
      ipcMain.removeAllListeners(ELECTRON_STORE_CHANNEL);
      return store;
    },
  });
  return { core, logger, closeLog: close };
}
