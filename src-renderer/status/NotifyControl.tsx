import { useState } from 'react';
import { errorText } from '../lib/errors.js';
import { askToNotify, useNotifyState } from './pageNotifications.js';

/** Browser mode only: "Notify me" asks the browser from a click; then it says whether notifications are on or blocked. */
export function NotifyControl() {
  const { permission, optedIn } = useNotifyState();
  const [error, setError] = useState<string | null>(null);
  if (permission === 'unsupported') return null;
  if (permission === 'denied') {
    return <p className="notify-state">Notifications are blocked for this page: allow them in the browser's site settings, then reload.</p>;
  }
  if (optedIn && permission === 'granted') return <p className="notify-state">Notifications on: down and recovery</p>;
  return (
    <>
      <button type="button" onClick={() => askToNotify().catch((e) => setError(errorText(e)))}>
        Notify me
      </button>
      {error && (
        <p className="controls-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
