import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../mocks/electron.js'));
import * as electron from '../mocks/electron.js';
import { setupLifecycle } from '../../src-main/electron/lifecycle.js';
import { setupSingleInstance } from '../../src-main/electron/singleInstance.js';
import { FakeMonitorCore } from './fixtures.js';
import { recordingLog } from './recordingLog.js';

beforeEach(() => electron.resetElectronFake());
afterEach(() => vi.useRealTimers());

describe('single instance', () => {
  it('takes the lock and opens the status window when a second copy is launched', () => {
    const opened: string[] = [];
    expect(setupSingleInstance(() => opened.push('status'))).toBe(true);
    electron.app.emit('second-instance', {}, ['walltrack'], '/');
    electron.app.emit('second-instance', {}, ['walltrack'], '/');
    expect(opened).toEqual(['status', 'status']);
  });

  it('reports false (the caller quits) when another copy holds the lock', () => {
    electron.app.singleInstanceLockAvailable = false;
    const onSecond = vi.fn();
    expect(setupSingleInstance(onSecond)).toBe(false);
    electron.app.emit('second-instance', {}, [], '/');
    expect(onSecond).not.toHaveBeenCalled();
  });
});

describe('lifecycle', () => {
  it('keeps running when every window is closed', () => {
    const core = new FakeMonitorCore();
    setupLifecycle({ core, log: recordingLog() });
    // Electron's rule: when nobody handles window-all-closed, the app quits.
    const handled = electron.app.emit('window-all-closed');
    if (!handled) electron.app.quit();
    expect(handled).toBe(true);
    expect(electron.app.quitCalls).toBe(0);
    expect(core.calls).toEqual([]);
    expect(core.stopped).toBe(false);
  });

  it('holds the quit until the core has stopped, then quits for real', async () => {
    const core = new FakeMonitorCore();
    core.stopDelayMs = 50;
    const cleanup = vi.fn();
    const willQuit = vi.fn();
    electron.app.on('will-quit', willQuit);
    const life = setupLifecycle({ core, log: recordingLog(), cleanup });
    electron.app.quit();
    expect(willQuit).not.toHaveBeenCalled();
    expect(core.calls.map((c) => c.method)).toEqual(['stop']);
    electron.app.quit(); // a second request while stopping changes nothing
    expect(core.calls.filter((c) => c.method === 'stop')).toHaveLength(1);
    await life.stopped();
    expect(core.stopped).toBe(true);
    expect(cleanup).toHaveBeenCalledTimes(1);
    expect(willQuit).toHaveBeenCalledTimes(1);
    expect(electron.app.quitCalls).toBe(3);
  });

  it('quits anyway when the core hangs, after its own bound plus a grace second', async () => {
    vi.useFakeTimers();
    const core = new FakeMonitorCore();
    core.stopDelayMs = Infinity;
    const log = recordingLog();
    const willQuit = vi.fn();
    electron.app.on('will-quit', willQuit);
    const life = setupLifecycle({ core, log, stopTimeoutMs: 2_000 });
    electron.app.quit();
    expect(core.calls[0]!.args).toEqual([2_000]);
    await vi.advanceTimersByTimeAsync(2_999);
    expect(willQuit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await life.stopped();
    expect(willQuit).toHaveBeenCalledTimes(1);
    expect(log.entries).toContainEqual(expect.objectContaining({ level: 'warn', message: expect.stringContaining('did not stop in time') }));
  });

  it('turns SIGTERM into the same orderly quit when asked to', async () => {
    const core = new FakeMonitorCore();
    const sigintBefore = process.listeners('SIGINT');
    const life = setupLifecycle({ core, log: recordingLog(), handleSignals: true });
    const before = process.listenerCount('SIGTERM');
    process.emit('SIGTERM');
    expect(process.listenerCount('SIGTERM')).toBe(before - 1);
    // Remove only our SIGINT once-listener; the test runner's own stay.
    for (const l of process.listeners('SIGINT')) if (!sigintBefore.includes(l)) process.off('SIGINT', l);
    await life.stopped();
    expect(core.stopped).toBe(true);
  });

  it('quits anyway when stopping throws', async () => {
    const core = new FakeMonitorCore();
    core.stop = () => Promise.reject(new Error('driver exploded'));
    const willQuit = vi.fn();
    electron.app.on('will-quit', willQuit);
    const life = setupLifecycle({ core, log: recordingLog() });
    electron.app.quit();
    await life.stopped();
    expect(willQuit).toHaveBeenCalledTimes(1);
  });
});
