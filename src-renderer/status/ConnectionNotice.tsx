import { useConnection } from '../api/hooks.js';

/** Shown only when the host cannot be reached (browser mode after the server stopped). */
export function ConnectionNotice() {
  const state = useConnection();
  if (state !== 'lost') return null;
  return (
    <p className="connection-lost" role="alert">
      Lost the connection to WallTrack Monitor; reconnecting… If this persists, start it again
      (walltrack-monitor serve) and open the URL it prints.
    </p>
  );
}
