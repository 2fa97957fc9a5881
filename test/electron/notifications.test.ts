import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../mocks/electron.js'));
import * as electron from '../mocks/electron.js';
import type { DatabaseState } from '../../src-main/common/schemas.js';
import type { StateChange } from '../../src-main/core/MonitorCore.js';
import { setupNotifications } from '../../src-main/electron/notifications.js';
import { FakeMonitorCore, makeEnvironment, makeSnapshotOf } from './fixtures.js';
import { recordingLog } from './recordingLog.js';

function change(from: DatabaseState, to: DatabaseState, environment = { id: 'default', name: 'default' }): StateChange {
  const up = to === 'healthy';
  return {
    environment,
    database: 'neo4j',
    from,
    to,
    result: {
      database: 'neo4j',
      healthy: up,
      state: to,
      latencyMs: up ? 12 : null,
      checkedAt: '2026-01-01T12:00:00.000Z',
      ...(up ? {} : { kind: 'auth_failed' as const, message: 'neo4j (bolt://127.0.0.1:7687): authentication failed', hint: 'Check the Neo4j password in Settings.' }),
    },
  };
}

let core: FakeMonitorCore;
let enabled: boolean;
let clicks: number;
let dispose: () => void;

beforeEach(() => {
  electron.resetElectronFake();
  electron.app.fakeReady(); // what these tests use exists only once the app is ready
  vi.useFakeTimers({ now: Date.parse('2026-01-01T12:00:00Z') });
  core = new FakeMonitorCore();
  enabled = true;
  clicks = 0;
  dispose = setupNotifications({ core, enabled: () => enabled, onClick: () => clicks++, log: recordingLog(), now: () => Date.now() });
});
afterEach(() => {
  dispose();
  vi.useRealTimers();
});

const shown = () => electron.Notification.fakeShown.map((n) => `${n.title} | ${n.body}`);

/** A full GC, after the current job (which keeps WeakRef targets alive) has ended. */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
async function collectGarbage(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    gc();
  }
}

describe('desktop notifications', () => {
  it('shows down with message and hint, and recovery; a click opens the status window', () => {
    core.emitStateChange(change('healthy', 'down'));
    vi.advanceTimersByTime(6 * 60_000);
    core.emitStateChange(change('down', 'healthy'));
    expect(shown()).toEqual([
      'Neo4j is down | neo4j (bolt://127.0.0.1:7687): authentication failed — Check the Neo4j password in Settings.',
      'Neo4j is back | Neo4j answers again (12 ms).',
    ]);
    electron.Notification.fakeShown[0]!.emit('click');
    expect(clicks).toBe(1);
  });

  it.each(['click', 'close', 'failed'])('keeps a shown notification referenced until %s (Electron holds it weakly)', async (event) => {
    vi.useRealTimers();
    core.emitStateChange(change('healthy', 'down'));
    const notification = new WeakRef(electron.Notification.fakeShown[0]!);
    electron.Notification.fakeShown.length = 0; // the fake's record; Electron keeps no strong reference
    await collectGarbage();
    expect(notification.deref(), 'collected while still on screen: its click would do nothing').toBeDefined();
    notification.deref()!.emit(event, {});
    await collectGarbage();
    expect(notification.deref(), `still held after ${event}`).toBeUndefined();
  });

  it('shows a state change once, and nothing for results going stale or paused, or when the core stops', async () => {
    core.emitStateChange(change('healthy', 'down'));
    core.emitSnapshot(makeSnapshotOf([makeEnvironment({ paused: { until: null } })])); // paused: its results age
    vi.advanceTimersByTime(3 * 3_600_000); // hours past staleAfterMs
    const stopping = core.stop();
    await vi.advanceTimersByTimeAsync(0);
    await stopping;
    expect(shown()).toEqual(['Neo4j is down | neo4j (bolt://127.0.0.1:7687): authentication failed — Check the Neo4j password in Settings.']);
  });

  it('shows nothing for retries', () => {
    core.emitStateChange(change('healthy', 'retrying'));
    core.emitStateChange(change('retrying', 'healthy'));
    expect(shown()).toEqual([]);
  });

  it('shows a held-back recovery when the 5 minutes are over', () => {
    core.emitStateChange(change('healthy', 'down'));
    vi.advanceTimersByTime(60_000);
    core.emitStateChange(change('down', 'healthy'));
    expect(shown()).toHaveLength(1);
    vi.advanceTimersByTime(4 * 60_000 - 1);
    expect(shown()).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(shown()[1]).toMatch(/^Neo4j is back/);
  });

  it('names the environment when there is more than one, and tells each environment its own news', () => {
    core.current = makeSnapshotOf([makeEnvironment({ id: 'production', name: 'Production' }), makeEnvironment({ id: 'staging', name: 'Staging' })]);
    const production = { id: 'production', name: 'Production' };
    const staging = { id: 'staging', name: 'Staging' };
    core.emitStateChange(change('healthy', 'down', production));
    core.emitStateChange(change('healthy', 'down', staging));
    vi.advanceTimersByTime(60_000);
    core.emitStateChange(change('down', 'healthy', staging)); // held back: told "down" a minute ago
    vi.advanceTimersByTime(4 * 60_000);
    expect(shown()).toEqual([
      'Production: Neo4j is down | neo4j (bolt://127.0.0.1:7687): authentication failed — Check the Neo4j password in Settings.',
      'Staging: Neo4j is down | neo4j (bolt://127.0.0.1:7687): authentication failed — Check the Neo4j password in Settings.',
      'Staging: Neo4j is back | Neo4j answers again (12 ms).',
    ]);
  });

  it('shows nothing when switched off in settings', () => {
    enabled = false;
    core.emitStateChange(change('healthy', 'down'));
    expect(shown()).toEqual([]);
  });

  it('logs once and carries on where notifications are unsupported', () => {
    electron.Notification.supported = false;
    const log = recordingLog();
    dispose();
    dispose = setupNotifications({ core, enabled: () => true, onClick: () => {}, log });
    core.emitStateChange(change('healthy', 'down'));
    core.emitStateChange(change('down', 'not_configured'));
    core.emitStateChange(change('not_configured', 'down'));
    expect(shown()).toEqual([]);
    expect(log.entries.filter((e) => e.level === 'warn')).toHaveLength(1);
  });
});

describe('notifications and the operator\'s word', () => {
  const until = '2026-01-01T16:00:00.000Z';
  for (const [what, attention] of [
    ['muted', { muted: { until } }],
    ['in maintenance', { maintenance: { until, window: 'Upgrade' } }],
    ['acknowledged', { acknowledged: { at: '2026-01-01T12:00:00.000Z' } }],
  ] as const) {
    it(`says nothing about a database that is ${what}, and nothing about its recovery either`, () => {
      core.current = makeSnapshotOf([makeEnvironment({ neo4j: { status: 'down', healthy: false, attention } })]);
      core.emitStateChange(change('healthy', 'down'));
      vi.advanceTimersByTime(6 * 60_000);
      core.emitStateChange(change('down', 'healthy'));
      expect(shown()).toEqual([]);
    });
  }

  it('still tells about another database of the same environment', () => {
    core.current = makeSnapshotOf([makeEnvironment({ supabase: { attention: { muted: { until } } }, neo4j: { status: 'down', healthy: false } })]);
    core.emitStateChange(change('healthy', 'down'));
    expect(shown()).toEqual(['Neo4j is down | neo4j (bolt://127.0.0.1:7687): authentication failed — Check the Neo4j password in Settings.']);
  });
});
