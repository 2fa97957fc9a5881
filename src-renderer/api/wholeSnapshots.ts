/**
 * Whole snapshots for the windows again: a host pushes the whole snapshot once (browser mode) or answers
 * getSnapshot with it (Electron), and after that only what changed (src-main/common/snapshotPatch.ts).
 * Components keep calling `onSnapshot` and get whole snapshots; the patches stay in here.
 */
import type { RendererApi } from '../../src-main/common/contract.js';
import type { Snapshot } from '../../src-main/common/schemas.js';
import { applyPatch } from '../../src-main/common/snapshotPatch.js';

export function withWholeSnapshots(api: RendererApi): RendererApi {
  let current: Snapshot | null = null;
  const listeners = new Set<(snapshot: Snapshot) => void>();
  const show = (snapshot: Snapshot): void => {
    current = snapshot;
    for (const listener of listeners) listener(snapshot);
  };
  // A host sends in order, so what arrives last (push or answer) is the newest.
  const fetchWhole = (): Promise<Snapshot> =>
    api.getSnapshot().then((snapshot) => {
      current = snapshot;
      return snapshot;
    });
  api.onSnapshot(show);
  api.onSnapshotPatch((patch) => {
    const next = applyPatch(current, patch);
    // Nothing to apply it to yet (or a push was missed): the whole snapshot instead.
    if (next) show(next);
    else fetchWhole().then(show, () => undefined);
  });
  return {
    ...api,
    getSnapshot: fetchWhole,
    onSnapshot(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
