import { MUTE_HOURS } from '../../src-main/common/attention.js';
import type { DatabaseStatus, EnvironmentId, Snapshot } from '../../src-main/common/schemas.js';
import { api } from '../api/hostApi.js';
import { useSnapshotAction } from './useSnapshotAction.js';

/**
 * What an operator can say about a card's database: Acknowledge (a failing one, once), Mute for 1/4/8 h (a
 * native <details> list of buttons, so it opens with Enter or Space), or Unmute. Nothing on a healthy, unmuted one.
 */
export function AttentionControls({ environment, status, onSnapshot }: { environment: EnvironmentId; status: DatabaseStatus; onSnapshot: (s: Snapshot) => void }) {
  const { busy, error, run } = useSnapshotAction<'ack' | 'mute' | 'unmute'>(onSnapshot);
  const database = status.database;
  const failing = status.status === 'down' || status.status === 'retrying';
  const muted = status.attention?.muted;
  if (!failing && status.status !== 'degraded' && !muted) return null;
  return (
    <div className="attention-controls">
      {failing && !status.attention?.acknowledged && (
        <button type="button" onClick={run('ack', () => api.acknowledge({ environment, database }))} disabled={busy !== null} aria-label={`Acknowledge ${status.label}`}>
          Acknowledge
        </button>
      )}
      {muted ? (
        <button type="button" onClick={run('unmute', () => api.unmute({ environment, database }))} disabled={busy !== null} aria-label={`Unmute ${status.label}`}>
          Unmute
        </button>
      ) : (
        <details className="mute-menu">
          <summary aria-label={`Mute ${status.label}…`}>Mute…</summary>
          <div className="mute-choices" role="group" aria-label={`Mute ${status.label} for`}>
            {MUTE_HOURS.map((hours) => (
              <button key={hours} type="button" onClick={run('mute', () => api.mute({ environment, database, hours }))} disabled={busy !== null}>
                {hours === 1 ? '1 hour' : `${hours} hours`}
              </button>
            ))}
          </div>
        </details>
      )}
      {error && (
        <p className="controls-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
