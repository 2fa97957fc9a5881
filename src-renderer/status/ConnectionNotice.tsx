import { NO_TOKEN_HELP } from '../api/connectionStatus.js';
import { useConnection } from '../api/hooks.js';

/** Shown only when the host cannot be reached or refuses this tab (browser mode). */
export function ConnectionNotice() {
  const state = useConnection();
  if (state === 'unauthorized') {
    return (
      <p className="connection-lost" role="alert">
        {NO_TOKEN_HELP}
      </p>
    );
  }
  if (state !== 'lost') return null;
  return (
    <p className="connection-lost" role="alert">
      Lost the connection to WallTrack Monitor; reconnecting… If this persists, start it again
      (walltrack-monitor serve) and open the URL it prints.
    </p>
  );
}
