import type { AppInfo } from '../../src-main/common/contract.js';
import { settingsFocusQuery, type SettingsFocus } from '../../src-main/common/settingsFocus.js';
import { api, windowHref } from '../api/hostApi.js';
import { errorText } from '../lib/errors.js';

interface Props {
  appInfo: AppInfo | null;
  label: string;
  onError: (message: string) => void;
  /** Open it at this field (a failing card's, a first run's "Set up …"). */
  focus?: SettingsFocus | null;
}

/** Opens the settings window: a button in Electron; in browser mode a link to a new tab, carrying this tab's access token. */
export function OpenSettings({ appInfo, label, onError, focus = null }: Props) {
  // A browser tab cannot be opened from the server; a link does it.
  return appInfo?.host === 'browser' ? (
    <a className="button-link" href={windowHref(`settings.html${focus ? settingsFocusQuery(focus) : ''}`)} target="_blank" rel="noopener">
      {label}
    </a>
  ) : (
    <button type="button" onClick={() => api.openWindow(focus ? { name: 'settings', focus } : 'settings').catch((e) => onError(errorText(e)))}>
      {label}
    </button>
  );
}
