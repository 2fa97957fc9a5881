import type { AppInfo } from '../../src-main/common/contract.js';
import { api, windowHref } from '../api/hostApi.js';
import { errorText } from '../lib/errors.js';

/** Opens the settings window: a button in Electron; in browser mode a link to a new tab, carrying this tab's access token. */
export function OpenSettings({ appInfo, label, onError }: { appInfo: AppInfo | null; label: string; onError: (message: string) => void }) {
  // A browser tab cannot be opened from the server; a link does it.
  return appInfo?.host === 'browser' ? (
    <a className="button-link" href={windowHref('settings.html')} target="_blank" rel="noopener">
      {label}
    </a>
  ) : (
    <button type="button" onClick={() => api.openWindow('settings').catch((e) => onError(errorText(e)))}>
      {label}
    </button>
  );
}
