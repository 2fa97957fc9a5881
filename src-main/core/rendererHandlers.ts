/**
 * The renderer API implemented over a MonitorCore. Both hosts (Electron IPC and the browser-mode
 * WebSocket bridge) register exactly these handlers; only getAppInfo and openWindow differ per host.
 */
import type { AppInfo, RendererApiHandlers } from '../common/contract.js';
import type { MonitorCore } from './MonitorCore.js';

export interface HostHooks {
  appInfo: () => AppInfo;
  openWindow: (name: 'status' | 'settings') => void | Promise<void>;
  /** Called after settings were saved, e.g. so Electron can apply "start at login". */
  afterSave?: (view: Awaited<ReturnType<MonitorCore['saveSettings']>>) => void | Promise<void>;
}

export function createRendererHandlers(core: MonitorCore, host: HostHooks): RendererApiHandlers {
  return {
    getAppInfo: () => host.appInfo(),
    getSnapshot: () => core.snapshot(),
    checkNow: () => core.checkNow(),
    pause: ({ hours }) => core.pause(hours),
    resume: () => core.resume(),
    getHistory: ({ database, limit }) => core.history(database, limit),
    getSettings: () => core.getSettingsView(),
    testConnection: (req) => core.testConnection(req),
    saveSettings: async (draft) => {
      const view = await core.saveSettings(draft);
      await host.afterSave?.(view);
      return view;
    },
    importEnv: ({ content }) => core.importEnv(content),
    openWindow: async (name) => {
      await host.openWindow(name);
      return undefined;
    },
  };
}
