/**
 * The tray icon: image, tooltip and menu follow every snapshot, and redraw themselves when a result
 * turns stale (nothing pushes a snapshot when checks stop). Clicking opens the status window
 * where the platform sends clicks; Linux AppIndicator does not, hence the menu item too.
 */
import { Menu, Tray, clipboard, nativeImage, nativeTheme, type NativeImage } from 'electron';
import type { MonitorCore } from '../core/MonitorCore.js';
import { errorSummary, type ShellLog } from './log.js';
import { nextStaleAt, renderTrayIconSet, trayBaseSize, trayIconStateFor, type MenuBarVariant, type TrayIconState } from './trayIcons.js';
import { defaultFormatTime, trayMenuTemplate, trayTooltip, type TrayActions } from './trayModel.js';
import type { WindowName } from './windows.js';

/** setTimeout's longest delay (a longer one fires at once). */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export interface TrayDeps {
  core: Pick<MonitorCore, 'snapshot' | 'on' | 'checkNow' | 'pause' | 'resume' | 'acknowledge' | 'mute' | 'unmute' | 'getDiagnostics'>;
  openWindow(name: WindowName): void;
  startAtLogin: { enabled(): boolean; supported: boolean; set(enabled: boolean): Promise<void> };
  quit(): void;
  log: ShellLog;
  platform?: NodeJS.Platform;
  /** How times read in the tooltip and menu; local "14:02" by default. */
  formatTime?: (iso: string) => string;
}

export interface TrayHandle {
  tray: Tray;
  /** Redraws from the core's current snapshot (e.g. after start-at-login changed). */
  refresh(): void;
  dispose(): void;
}

export function setupTray(deps: TrayDeps): TrayHandle {
  const platform = deps.platform ?? process.platform;
  const baseSize = trayBaseSize(platform);
  const images = new Map<string, NativeImage>();
  const imageFor = (state: TrayIconState): NativeImage => {
    const variant: MenuBarVariant = nativeTheme.shouldUseDarkColors ? 'dark' : 'light';
    const key = `${state}-${variant}`;
    let image = images.get(key);
    if (!image) {
      const [one, two] = renderTrayIconSet(state, baseSize, variant);
      image = nativeImage.createFromBuffer(one!.png, { scaleFactor: one!.scaleFactor });
      image.addRepresentation({ scaleFactor: two!.scaleFactor, buffer: two!.png });
      images.set(key, image);
    }
    return image;
  };

  const run = (action: string, fn: () => unknown): void => {
    Promise.resolve()
      .then(fn)
      .catch((error: unknown) => deps.log.warn({ action, error: errorSummary(error) }, `Tray action "${action}" failed`));
  };
  // No environment = every environment (the core's own default).
  const actions: TrayActions = {
    acknowledge: (environment, database) => run('acknowledge', () => deps.core.acknowledge({ environment, database })),
    mute: (environment, database, hours) => run('mute', () => deps.core.mute({ environment, database, hours })),
    unmute: (environment, database) => run('unmute', () => deps.core.unmute({ environment, database })),
    checkNow: (environment) => run('check now', () => deps.core.checkNow({ environment })),
    pauseOneHour: (environment) => run('pause', () => deps.core.pause({ hours: 1, environment })),
    resume: (environment) => run('resume', () => deps.core.resume({ environment })),
    openStatus: () => deps.openWindow('status'),
    openSettings: () => deps.openWindow('settings'),
    // A failure (a keychain that does not answer) is logged; the clipboard keeps what it held.
    copyDiagnostics: () => run('copy diagnostics', async () => clipboard.writeText(await deps.core.getDiagnostics())),
    setStartAtLogin: (enabled: boolean) => run('start at login', () => deps.startAtLogin.set(enabled).then(() => refresh())),
    quit: () => deps.quit(),
  };

  const formatTime = deps.formatTime ?? defaultFormatTime;
  const initial = deps.core.snapshot();
  const tray = new Tray(imageFor(trayIconStateFor(initial)));
  /** The one pending redraw: when the next result shown as current turns stale. */
  let staleTimer: NodeJS.Timeout | undefined;
  const render = (snapshot: ReturnType<MonitorCore['snapshot']>): void => {
    clearTimeout(staleTimer);
    if (tray.isDestroyed()) return;
    const now = Date.now();
    tray.setImage(imageFor(trayIconStateFor(snapshot, now)));
    tray.setToolTip(trayTooltip(snapshot, formatTime, now));
    const options = { startAtLogin: deps.startAtLogin.enabled(), canStartAtLogin: deps.startAtLogin.supported };
    tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(snapshot, options, actions, formatTime, now)));
    const staleAt = nextStaleAt(snapshot, now);
    if (staleAt === null) return;
    staleTimer = setTimeout(() => render(snapshot), Math.min(staleAt - now, MAX_TIMEOUT_MS));
    staleTimer.unref?.();
  };
  const refresh = (): void => render(deps.core.snapshot());

  // On macOS a click opens the context menu; a handler would open the window on top of it.
  if (platform !== 'darwin') tray.on('click', () => actions.openStatus());
  const offSnapshot = deps.core.on('snapshot', render);
  const onTheme = (): void => refresh();
  nativeTheme.on('updated', onTheme);
  render(initial);

  return {
    tray,
    refresh,
    dispose: () => {
      clearTimeout(staleTimer);
      offSnapshot();
      nativeTheme.off('updated', onTheme);
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}
