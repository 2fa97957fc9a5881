import { useState } from 'react';
import type { AppInfo } from '../../src-main/common/contract.js';
import type { Snapshot } from '../../src-main/common/schemas.js';
import { api, windowHref } from '../api/hostApi.js';
import { errorText } from '../lib/errors.js';

interface Props {
  snapshot: Snapshot;
  appInfo: AppInfo | null;
  onSnapshot: (s: Snapshot) => void;
}

/** Check now, Pause 1 h / Resume, Settings. */
export function StatusControls({ snapshot, appInfo, onSnapshot }: Props) {
  const [busy, setBusy] = useState<null | 'check' | 'pause'>(null);
  const [error, setError] = useState<string | null>(null);

  const run = (what: 'check' | 'pause', action: () => Promise<Snapshot>) => async () => {
    setBusy(what);
    setError(null);
    try {
      onSnapshot(await action());
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="controls">
      <button type="button" onClick={run('check', () => api.checkNow())} disabled={busy !== null} aria-busy={busy === 'check'}>
        {busy === 'check' ? 'Checking…' : 'Check now'}
      </button>
      {snapshot.paused ? (
        <button type="button" onClick={run('pause', () => api.resume())} disabled={busy !== null}>
          Resume
        </button>
      ) : (
        <button type="button" onClick={run('pause', () => api.pause({ hours: 1 }))} disabled={busy !== null}>
          Pause (1 h)
        </button>
      )}
      {appInfo?.host === 'browser' ? (
        // A browser tab cannot be opened from the server; a link does it, carrying this tab's access token.
        <a className="button-link" href={windowHref('settings.html')} target="_blank" rel="noopener">
          Settings…
        </a>
      ) : (
        <button type="button" onClick={() => api.openWindow('settings').catch((e) => setError(errorText(e)))}>
          Settings…
        </button>
      )}
      {error && (
        <p className="controls-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
