import type { AppInfo } from '../../src-main/common/contract.js';
import type { Snapshot } from '../../src-main/common/schemas.js';
import { api, windowHref } from '../api/hostApi.js';
import { errorText } from '../lib/errors.js';
import { CopyDiagnostics } from './CopyDiagnostics.js';
import { useSnapshotAction } from './useSnapshotAction.js';

interface Props {
  snapshot: Snapshot;
  appInfo: AppInfo | null;
  onSnapshot: (s: Snapshot) => void;
}

/** Check now, Pause 1 h / Resume (of every environment), Settings, Copy diagnostics. */
export function StatusControls({ snapshot, appInfo, onSnapshot }: Props) {
  const { busy, error, setError, run } = useSnapshotAction<'check' | 'pause'>(onSnapshot);
  // With several environments each section has its own buttons; these then act on all of them and say so.
  const all = snapshot.environments.length > 1 ? ' all' : '';

  return (
    <div className="controls">
      <button type="button" onClick={run('check', () => api.checkNow())} disabled={busy !== null} aria-busy={busy === 'check'}>
        {busy === 'check' ? 'Checking…' : `Check${all} now`}
      </button>
      {snapshot.paused ? (
        <button type="button" onClick={run('pause', () => api.resume())} disabled={busy !== null}>
          {`Resume${all}`}
        </button>
      ) : (
        <button type="button" onClick={run('pause', () => api.pause({ hours: 1 }))} disabled={busy !== null}>
          {`Pause${all} (1 h)`}
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
      <CopyDiagnostics />
      {error && (
        <p className="controls-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
