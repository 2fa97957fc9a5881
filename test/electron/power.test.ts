import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../mocks/electron.js'));
import * as electron from '../mocks/electron.js';
import { setupPower } from '../../src-main/electron/power.js';
import { FakeMonitorCore } from './fixtures.js';
import { recordingLog } from './recordingLog.js';

let core: FakeMonitorCore;
let stop: () => void;
beforeEach(() => {
  electron.resetElectronFake();
  electron.app.fakeReady(); // what these tests use exists only once the app is ready
  vi.useFakeTimers();
  core = new FakeMonitorCore();
  stop = setupPower({ core, log: recordingLog(), pollMs: 1_000 });
});
afterEach(() => {
  stop();
  vi.useRealTimers();
});

describe('power and network', () => {
  it.each(['resume', 'unlock-screen'])('checks every environment at once on %s', (event) => {
    electron.powerMonitor.emit(event);
    expect(core.businessCalls()).toEqual(['checkNow']);
    expect(core.calls.find((c) => c.method === 'checkNow')!.args).toEqual([]); // no environment = all
  });

  it('checks when the network goes away and when it comes back, not while it stays the same', async () => {
    await vi.advanceTimersByTimeAsync(5_000);
    expect(core.businessCalls()).toEqual([]);
    electron.net.online = false;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(core.businessCalls()).toEqual(['checkNow']);
    await vi.advanceTimersByTimeAsync(3_000);
    electron.net.online = true;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(core.businessCalls()).toEqual(['checkNow', 'checkNow']);
  });

  it("tells the core what net.isOnline() says: at start, and whenever it flips", async () => {
    const told = () => core.calls.filter((c) => c.method === 'setHostConnectivity').map((c) => c.args[0]);
    expect(told()).toEqual([true]);
    electron.net.online = false;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(told()).toEqual([true, false]);
    await vi.advanceTimersByTimeAsync(3_000);
    electron.net.online = true;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(told()).toEqual([true, false, true]);
  });

  it('stops listening when disposed', async () => {
    stop();
    electron.powerMonitor.emit('resume');
    electron.net.online = false;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(core.businessCalls()).toEqual([]);
  });
});
