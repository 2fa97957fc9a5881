/** Electron's ipcMain: invoke handlers, one per channel. Part of the electron fake (test/mocks/electron.ts). */
import { EventEmitter } from 'node:events';
import type {
  IpcMain,
  IpcMainInvokeEvent,
} from 'electron';
import { WebContents } from './webContents.js';
import { WebFrameMain } from './webFrameMain.js';

type InvokeListener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

class FakeIpcMain extends EventEmitter implements Pick<IpcMain, 'handle' | 'removeHandler'> {
  readonly handlers = new Map<string, InvokeListener>();
  handle(channel: string, listener: InvokeListener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What a renderer's ipcRenderer.invoke would trigger, from `sender` / `frame`. */
  async fakeInvoke(channel: string, from: { sender: WebContents; frame?: WebFrameMain | null }, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const frame = from.frame === undefined ? from.sender.mainFrame : from.frame;
    const event = { sender: from.sender, senderFrame: frame, frameId: frame?.routingId ?? -1, processId: 1, type: 'frame', preventDefault() {}, defaultPrevented: false };
    return handler(event as unknown as IpcMainInvokeEvent, ...args);
  }
}
export let ipcMain = new FakeIpcMain();

/** A fresh ipcMain for the next test (importers see it: `let` exports are live). */
export function resetIpcMain(): void {
  ipcMain = new FakeIpcMain();
}
