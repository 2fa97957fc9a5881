/** A window's whole snapshots, rebuilt from the host's first whole push (or getSnapshot's answer) and the patches after it. */
import { describe, expect, it } from 'vitest';
import type { RendererApi } from '../../../src-main/common/contract.js';
import type { Snapshot } from '../../../src-main/common/schemas.js';
import { patchBetween, type SnapshotPatch } from '../../../src-main/common/snapshotPatch.js';
import { withWholeSnapshots } from '../../../src-renderer/api/wholeSnapshots.js';
import { environmentStatus, snapshotOf } from '../../headless/browser/fakeCore.js';

const production = environmentStatus('production', { supabase: 'healthy', neo4j: 'healthy' }, 'ok');
const staging = environmentStatus('staging', { supabase: 'healthy', neo4j: 'healthy' }, 'ok');
const stagingDown = environmentStatus('staging', { supabase: 'healthy', neo4j: 'down' }, 'down');
const healthy = snapshotOf([production, staging], 'ok');
const oneDown = snapshotOf([production, stagingDown], 'down');

/** A host double: pushes whole snapshots and patches, answers getSnapshot with `whole`, counts the asks. */
function host(whole: Snapshot) {
  const wholeListeners: ((s: Snapshot) => void)[] = [];
  const patchListeners: ((p: SnapshotPatch) => void)[] = [];
  const state = { whole, asked: 0 };
  const api = {
    getSnapshot: async () => {
      state.asked++;
      return state.whole;
    },
    onSnapshot: (l: (s: Snapshot) => void) => (wholeListeners.push(l), () => undefined),
    onSnapshotPatch: (l: (p: SnapshotPatch) => void) => (patchListeners.push(l), () => undefined),
  } as unknown as RendererApi;
  return {
    api,
    state,
    pushWhole: (s: Snapshot) => wholeListeners.forEach((l) => l(s)),
    pushPatch: (p: SnapshotPatch) => patchListeners.forEach((l) => l(p)),
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('withWholeSnapshots', () => {
  it('browser mode: the first push is whole, a patch after it gives the whole next snapshot; nothing is asked for', () => {
    const h = host(healthy);
    const api = withWholeSnapshots(h.api);
    const seen: Snapshot[] = [];
    api.onSnapshot((s) => seen.push(s));
    h.pushWhole(healthy);
    h.pushPatch(patchBetween(healthy, oneDown));
    expect(seen).toEqual([healthy, oneDown]);
    expect(h.state.asked).toBe(0);
  });

  it('Electron: a patch applies to the answer of getSnapshot', async () => {
    const h = host(healthy);
    const api = withWholeSnapshots(h.api);
    const seen: Snapshot[] = [];
    api.onSnapshot((s) => seen.push(s));
    expect(await api.getSnapshot()).toEqual(healthy);
    h.pushPatch(patchBetween(healthy, oneDown));
    expect(seen).toEqual([oneDown]);
    expect(h.state.asked).toBe(1);
  });

  it('a patch with nothing to apply it to asks for the whole snapshot and shows that', async () => {
    const h = host(oneDown);
    const api = withWholeSnapshots(h.api);
    const seen: Snapshot[] = [];
    api.onSnapshot((s) => seen.push(s));
    h.pushPatch(patchBetween(healthy, oneDown));
    await flush();
    expect(h.state.asked).toBe(1);
    expect(seen).toEqual([oneDown]);
    // From then on patches apply to it.
    h.pushPatch(patchBetween(oneDown, healthy));
    expect(seen).toEqual([oneDown, healthy]);
    expect(h.state.asked).toBe(1);
  });

  it('every listener gets each snapshot until it unsubscribes', () => {
    const h = host(healthy);
    const api = withWholeSnapshots(h.api);
    const first: Snapshot[] = [];
    const second: Snapshot[] = [];
    const off = api.onSnapshot((s) => first.push(s));
    api.onSnapshot((s) => second.push(s));
    h.pushWhole(healthy);
    off();
    h.pushWhole(oneDown);
    expect(first).toEqual([healthy]);
    expect(second).toEqual([healthy, oneDown]);
  });
});
