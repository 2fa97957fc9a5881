/**
 * A value computed once per snapshot: the core returns the same snapshot object until something changes,
 * so a scrape between two changes reuses what the last one computed.
 */
import type { Snapshot } from '../../common/schemas.js';

export function perSnapshot<T>(current: () => Snapshot, compute: (snapshot: Snapshot) => T): () => T {
  let memo: { snapshot: Snapshot; value: T } | null = null;
  return () => {
    const snapshot = current();
    if (memo?.snapshot !== snapshot) memo = { snapshot, value: compute(snapshot) };
    return memo.value;
  };
}
