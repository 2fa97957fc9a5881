import type { EnvironmentStatus, Snapshot } from '../../src-main/common/schemas.js';
import { api } from '../api/hostApi.js';
import { useSnapshotAction } from './useSnapshotAction.js';

/** Check now and Pause 1 h / Resume of one environment; their names carry the environment's, to tell sections apart. */
export function EnvironmentControls({ env, onSnapshot }: { env: EnvironmentStatus; onSnapshot: (s: Snapshot) => void }) {
  const { busy, error, run } = useSnapshotAction<'check' | 'pause'>(onSnapshot);
  const environment = env.id;
  const check = busy === 'check' ? 'Checking…' : 'Check now';
  const pause = env.paused ? 'Resume' : 'Pause 1 h';
  return (
    <div className="environment-controls">
      <button
        type="button"
        onClick={run('check', () => api.checkNow({ environment }))}
        disabled={busy !== null}
        aria-busy={busy === 'check'}
        aria-label={`${check}: ${env.name}`}
      >
        {check}
      </button>
      <button
        type="button"
        onClick={run('pause', () => (env.paused ? api.resume({ environment }) : api.pause({ hours: 1, environment })))}
        disabled={busy !== null}
        aria-label={`${pause}: ${env.name}`}
      >
        {pause}
      </button>
      {error && (
        <p className="controls-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
