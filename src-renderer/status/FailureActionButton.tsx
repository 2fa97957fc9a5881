import type { AppInfo } from '../../src-main/common/contract.js';
import { failureAction } from '../../src-main/common/hints.js';
import type { DatabaseStatus, EnvironmentId, Snapshot } from '../../src-main/common/schemas.js';
import type { SettingsFocus } from '../../src-main/common/settingsFocus.js';
import { api } from '../api/hostApi.js';
import { OpenSettings } from './OpenSettings.js';
import { useSnapshotAction } from './useSnapshotAction.js';

interface Props {
  environment: EnvironmentId;
  status: DatabaseStatus;
  appInfo: AppInfo | null;
  onSnapshot: (s: Snapshot) => void;
}

/** The one button a failure offers (common/hints.ts decides which): Settings at the field to fix, or a fresh check of this environment. */
export function FailureActionButton({ environment, status, appInfo, onSnapshot }: Props) {
  const { busy, error, setError, run } = useSnapshotAction<'check'>(onSnapshot);
  const fits = failureAction(status);
  if (fits === null) return null;
  const focus: SettingsFocus | null = fits.field ? { environment, database: status.database, field: fits.field } : null;
  return (
    <div className="problem-action">
      {fits.action === 'checkNow' ? (
        <button type="button" onClick={run('check', () => api.checkNow({ environment }))} disabled={busy !== null} aria-busy={busy === 'check'}>
          {busy === 'check' ? 'Checking…' : 'Check now'}
        </button>
      ) : (
        <OpenSettings appInfo={appInfo} label="Open settings" onError={setError} focus={focus} />
      )}
      {error && (
        <p className="controls-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
