import type { AppInfo } from '../../src-main/common/contract.js';
import type { Snapshot } from '../../src-main/common/schemas.js';
import { api } from '../api/hostApi.js';
import { CopyDiagnostics } from './CopyDiagnostics.js';
import { NotifyControl } from './NotifyControl.js';
import { OpenSettings } from './OpenSettings.js';
import { useSnapshotAction } from './useSnapshotAction.js';

interface Props {
  snapshot: Snapshot;
  appInfo: AppInfo | null;
  onSnapshot: (s: Snapshot) => void;
}

/** Check now, Pause 1 h / Resume (of every environment), Settings, Copy diagnostics; in browser mode also Notify me. */
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
      <OpenSettings appInfo={appInfo} label="Settings…" onError={setError} />
      {appInfo?.host === 'browser' && <NotifyControl />}
      <CopyDiagnostics />
      {error && (
        <p className="controls-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
