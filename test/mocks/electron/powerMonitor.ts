/** Electron's powerMonitor: its events can be subscribed only once the app is ready. Part of the electron fake (test/mocks/electron.ts). */
import { EventEmitter } from 'node:events';
import { requireReady } from './app.js';

/** Like Electron: subscribing to power events before the app is ready throws. */
class FakePowerMonitor extends EventEmitter {
  override on(event: string | symbol, listener: (...args: unknown[]) => void): this {
    requireReady('powerMonitor');
    return super.on(event, listener);
  }
  override once(event: string | symbol, listener: (...args: unknown[]) => void): this {
    requireReady('powerMonitor');
    return super.once(event, listener);
  }
  override addListener(event: string | symbol, listener: (...args: unknown[]) => void): this {
    return this.on(event, listener);
  }
}
export let powerMonitor = new FakePowerMonitor();

/** A fresh powerMonitor for the next test (importers see it: `let` exports are live). */
export function resetPowerMonitor(): void {
  powerMonitor = new FakePowerMonitor();
}
