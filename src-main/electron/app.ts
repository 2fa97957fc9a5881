/**
 * Wires the shell together once Electron is ready. Each feature lives in its own module with a
 * setupX(); this file only decides the order and passes the pieces between them.
 */
import { join } from 'node:path';
import { Menu, Notification, app, session } from 'electron';
import type { AppInfo, EventName } from '../common/contract.js';
import { createRendererHandlers } from '../core/rendererHandlers.js';
import { createSnapshotFeed } from '../core/snapshotFeed.js';
import { APP_VERSION } from '../core/version.js';
import { setupCore } from './core.js';
import { broadcast, setupIpc } from './ipc.js';
import { errorSummary } from './log.js';
import { setupLifecycle } from './lifecycle.js';
import { setupNotifications } from './notifications.js';
import { setupPower } from './power.js';
import { setupProtocol } from './protocol.js';
import { ShellSettings } from './shellSettings.js';
import { HIDDEN_ARG, createStartAtLogin } from './startAtLogin.js';
import { setupTray } from './tray.js';
import { statusNotifierWatcherPresent, watchForTrayHost, type HasTrayHost } from './trayHost.js';
import { trayTooltip } from './trayModel.js';
import { setupWebSecurity } from './webSecurity.js';
import { rendererLocation, setupWindows, type WindowManager } from './windows.js';

export interface Shell {
  windows: WindowManager;
}

export interface ShellOptions {
  /** Linux: whether a tray host (StatusNotifierWatcher) is on the session bus; tests inject it. */
  hasTrayHost?: HasTrayHost;
}

export async function startShell(platform: NodeJS.Platform = process.platform, options: ShellOptions = {}): Promise<Shell> {
  const root = app.getAppPath();
  // A tray app has no use for the default File/Edit/View menu bar; macOS keeps its app menu (Cmd+Q, copy/paste).
  if (platform !== 'darwin') Menu.setApplicationMenu(null);
  const { core, logger, closeLog } = setupCore({ dataDir: app.getPath('userData'), devConsole: !app.isPackaged });
  setupProtocol(join(root, 'dist', 'renderer'));
  const location = rendererLocation(app.isPackaged, process.env);
  setupWebSecurity(session.defaultSession, logger, location.origin);

  const windows = setupWindows({
    preloadPath: join(root, 'dist', 'electron', 'preload.cjs'),
    location,
    log: logger,
  });
  const login = createStartAtLogin();
  const settings = new ShellSettings({ core, login, log: logger });
  const appInfo: AppInfo = {
    version: APP_VERSION,
    host: 'electron',
    capabilities: { startAtLogin: login.supported, notifications: Notification.isSupported() },
  };
  const handlers = createRendererHandlers(core, {
    appInfo: () => appInfo,
    openWindow: (name, focus) => void windows.open(name, focus),
    afterSave: (view) => settings.afterSave(view),
  });
  setupIpc({ handlers, policy: { owns: windows.owns, allowedOrigins: [windows.location.origin] }, log: logger });
  const toWindows = (name: EventName, payload: unknown): void => broadcast(windows.all().map((w) => w.webContents), name, payload, logger);
  // A window starts from getSnapshot, then gets only what changed.
  createSnapshotFeed(core).onPatch((patch) => toWindows('snapshotPatch', patch));
  // The core emits it as stop() begins, before lifecycle's cleanup closes the windows: each is told first.
  core.on('stopped', (event) => toWindows('stopped', event));

  const tray = setupTray({
    core,
    openWindow: (name) => void windows.open(name),
    startAtLogin: { enabled: () => settings.startAtLogin, supported: login.supported, set: (v) => settings.setStartAtLogin(v) },
    quit: () => app.quit(),
    log: logger,
    platform,
  });
  const stopNotifications = setupNotifications({ core, enabled: () => settings.notifications, onClick: () => windows.open('status'), log: logger });
  const stopPower = setupPower({ core, log: logger });
  let stopTrayHostWatch = (): void => {};
  setupLifecycle({
    core,
    log: logger,
    handleSignals: true,
    cleanup: () => {
      stopTrayHostWatch();
      stopPower();
      stopNotifications();
      tray.dispose();
      windows.closeAll();
      closeLog();
    },
  });

  await core.start();
  await settings.load().catch((error: unknown) => logger.warn({ error: errorSummary(error) }, 'Could not read settings for the shell'));
  tray.refresh();
  if (process.env.WALLTRACK_E2E === '1') exposeForSmokeTest(() => trayTooltip(core.snapshot()));
  if (!startsHidden(platform)) windows.open('status');
  else if (platform === 'linux') {
    // Hidden is only right if the desktop will show the tray icon (vanilla GNOME has no tray host).
    stopTrayHostWatch = watchForTrayHost({
      hasTrayHost: options.hasTrayHost ?? (() => statusNotifierWatcherPresent()),
      onNoTrayHost: () => void windows.open('status'),
      log: logger,
    });
  }
  // macOS: clicking the Dock icon or opening the app again from Finder.
  app.on('activate', () => void windows.open('status'));
  logger.info({ version: APP_VERSION, packaged: app.isPackaged }, 'WallTrack Monitor started');
  return { windows };
}

/**
 * Started at login: tray only. macOS drops login-item args, so there it asks the login item
 * instead of looking for --hidden.
 */
function startsHidden(platform: NodeJS.Platform): boolean {
  if (process.argv.includes(HIDDEN_ARG)) return true;
  return platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
}

/** Only with WALLTRACK_E2E=1: lets the Playwright smoke test see that the tray exists (Electron has no tray getter). */
function exposeForSmokeTest(tooltip: () => string): void {
  (globalThis as { walltrackSmokeTest?: unknown }).walltrackSmokeTest = Object.freeze({ trayTooltip: tooltip });
}
