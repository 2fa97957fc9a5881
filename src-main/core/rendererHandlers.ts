/**
 * The renderer API implemented over a MonitorCore, derived from the contract: every method the core
 * implements (it has the contract's names and inputs) is passed through; only the host methods
 * (getAppInfo, openWindow) come from the host. Both hosts (Electron IPC and the browser-mode
 * WebSocket bridge) register exactly these handlers.
 */
import { coreMethodNames, type AppInfo, type RendererApiHandlers } from '../common/contract.js';
import type { SettingsView } from '../common/settings-schema.js';
import type { SettingsFocus } from '../common/settingsFocus.js';
import type { MonitorCore } from './MonitorCore.js';

export interface HostHooks {
  appInfo: () => AppInfo;
  /** `focus` only for the settings window: the field it should open at. */
  openWindow: (name: 'status' | 'settings', focus?: SettingsFocus) => void | Promise<void>;
  /** Called after settings were saved, e.g. so Electron can apply "start at login". */
  afterSave?: (view: SettingsView) => void | Promise<void>;
}

export function createRendererHandlers(core: MonitorCore, host: HostHooks): RendererApiHandlers {
  const handlers: Partial<Record<string, (input: never) => unknown>> = {};
  for (const name of coreMethodNames) handlers[name] = (input: never) => (core[name] as (input: never) => unknown).call(core, input);
  const saveSettings: RendererApiHandlers['saveSettings'] = async (draft) => {
    const view = await core.saveSettings(draft);
    await host.afterSave?.(view);
    return view;
  };
  return {
    ...(handlers as Omit<RendererApiHandlers, 'getAppInfo' | 'openWindow'>),
    saveSettings,
    getAppInfo: () => host.appInfo(),
    openWindow: async (request) => {
      if (typeof request === 'string') await host.openWindow(request);
      else await host.openWindow(request.name, request.focus);
      return undefined;
    },
  };
}
