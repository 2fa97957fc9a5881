/** Electron's ipcRenderer (preload side): invoke, wired to whatever a test answers. Part of the electron fake (test/mocks/electron.ts). */
import { EventEmitter } from 'node:events';
import type {
  IpcRenderer,
} from 'electron';

class FakeIpcRenderer extends EventEmitter implements Pick<IpcRenderer, 'invoke'> {
  /** Wire the renderer side to a main side: returns what main's handler returns. */
  invokeImpl: (channel: string, ...args: unknown[]) => Promise<unknown> = async (channel) => {
    throw new Error(`fake ipcRenderer: nothing answers '${channel}'`);
  };
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    return this.invokeImpl(channel, ...args);
  }
}
export let ipcRenderer = new FakeIpcRenderer();

/** A fresh ipcRenderer for the next test (importers see it: `let` exports are live). */
export function resetIpcRenderer(): void {
  ipcRenderer = new FakeIpcRenderer();
}
