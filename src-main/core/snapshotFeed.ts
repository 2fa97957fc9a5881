/**
 * What a host sends its windows, from the core's snapshots: a window starts from the whole snapshot this
 * feed sent last, then gets only what changed (common/snapshotPatch.ts). One feed per host, so every
 * window of it applies each push to the same snapshot.
 */
import type { Snapshot } from '../common/schemas.js';
import { patchBetween, type SnapshotPatch } from '../common/snapshotPatch.js';
import type { MonitorCore } from './MonitorCore.js';

export interface SnapshotFeed {
  /** The whole snapshot a new window starts from: the one the next patch applies to. */
  current(): Snapshot;
  onPatch(listener: (patch: SnapshotPatch) => void): () => void;
  close(): void;
}

export function createSnapshotFeed(core: Pick<MonitorCore, 'on' | 'snapshot'>): SnapshotFeed {
  let sent: Snapshot | null = null;
  const listeners = new Set<(patch: SnapshotPatch) => void>();
  const off = core.on('snapshot', (snapshot) => {
    const patch = patchBetween(sent, snapshot);
    sent = snapshot;
    for (const listener of listeners) listener(patch);
  });
  return {
    current: () => (sent ??= core.snapshot()),
    onPatch(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close: off,
  };
}
