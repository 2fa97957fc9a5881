import { useState } from 'react';
import type { Snapshot } from '../../src-main/common/schemas.js';
import { errorText } from '../lib/errors.js';

/**
 * One row of buttons that each ask the host for a new snapshot (check, pause, resume): which one runs,
 * and the error of the last one. While one runs the row's buttons are disabled.
 */
export function useSnapshotAction<Name extends string>(onSnapshot: (s: Snapshot) => void) {
  const [busy, setBusy] = useState<Name | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = (what: Name, action: () => Promise<Snapshot>) => async () => {
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
  return { busy, error, setError, run };
}
