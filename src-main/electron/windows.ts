/**
 * The status and settings windows: at most one of each, created on demand, destroyed on close
 * (the app lives on in the tray). Every window gets the same locked-down webPreferences and
 * loads its page from app:// (or the Vite dev server in development).
 */
import { BrowserWindow, type WebContents, type WebPreferences } from 'electron';
import type { z } from 'zod';
import type { WindowNameSchema } from '../common/contract.js';
import { settingsFocusQuery, type SettingsFocus } from '../common/settingsFocus.js';
import { APP_ORIGIN, appPageUrl } from './protocol.js';
import { errorSummary, type ShellLog } from './log.js';

export type WindowName = z.infer<typeof WindowNameSchema>;

/** Electron security checklist 2-4, 6: isolation, sandbox, no Node, web security on. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

export interface RendererLocation {
  /** Where pages load from, e.g. app://walltrack or http://localhost:5173. */
  origin: string;
  pageUrl(name: WindowName): string;
}

/** The dev server only when running unpackaged with VITE_DEV_SERVER_URL set; app:// otherwise. */
export function rendererLocation(isPackaged: boolean, env: NodeJS.ProcessEnv): RendererLocation {
  const dev = env.VITE_DEV_SERVER_URL?.trim();
  if (!isPackaged && dev) {
    const base = new URL(dev);
    if (base.protocol !== 'http:' && base.protocol !== 'https:') {
      throw new Error(`VITE_DEV_SERVER_URL must be an http(s) URL, got "${base.protocol}"`);
    }
    return { origin: base.origin, pageUrl: (name) => new URL(`${name}.html`, base).toString() };
  }
  return { origin: APP_ORIGIN, pageUrl: (name) => appPageUrl(`${name}.html`) };
}

const WINDOW_OPTIONS: Record<WindowName, { title: string; width: number; height: number; minWidth: number; minHeight: number }> = {
  status: { title: 'WallTrack Monitor', width: 460, height: 620, minWidth: 360, minHeight: 420 },
  settings: { title: 'WallTrack Monitor — Settings', width: 620, height: 760, minWidth: 480, minHeight: 520 },
};

export interface WindowManager {
  /**
   * Shows (creating if needed) and focuses a window. A new settings window opens at `focus`; one already
   * open is only brought forward, so edits not yet saved in it are not thrown away.
   */
  open(name: WindowName, focus?: SettingsFocus): BrowserWindow;
  /** Open, not destroyed windows. */
  all(): BrowserWindow[];
  /** True for the webContents of one of our windows. */
  owns(contents: WebContents): boolean;
  readonly location: RendererLocation;
  closeAll(): void;
}

export function setupWindows(deps: { preloadPath: string; location: RendererLocation; log: ShellLog }): WindowManager {
  const windows = new Map<WindowName, BrowserWindow>();

  const create = (name: WindowName, focus: SettingsFocus | undefined): BrowserWindow => {
    const win = new BrowserWindow({
      ...WINDOW_OPTIONS[name],
      show: false,
      autoHideMenuBar: true,
      webPreferences: secureWebPreferences(deps.preloadPath),
    });
    windows.set(name, win);
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      if (windows.get(name) === win) windows.delete(name);
    });
    win.loadURL(deps.location.pageUrl(name) + (focus ? settingsFocusQuery(focus) : '')).catch((error: unknown) => {
      deps.log.error({ window: name, error: errorSummary(error) }, `Could not load the ${name} window`);
    });
    return win;
  };

  return {
    location: deps.location,
    open(name, focus) {
      const existing = windows.get(name);
      const win = existing && !existing.isDestroyed() ? existing : create(name, focus);
      if (win.isMinimized()) win.restore();
      if (existing) win.show();
      win.focus();
      return win;
    },
    all: () => [...windows.values()].filter((w) => !w.isDestroyed()),
    owns: (contents) => [...windows.values()].some((w) => !w.isDestroyed() && w.webContents === contents),
    closeAll() {
      for (const win of windows.values()) if (!win.isDestroyed()) win.destroy();
      windows.clear();
    },
  };
}
