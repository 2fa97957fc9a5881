/** Electron's BrowserWindow: created only once the app is ready; close is preventable. Part of the electron fake (test/mocks/electron.ts). */
import { EventEmitter } from 'node:events';
import type {
  BrowserWindowConstructorOptions,
  BrowserWindow as ElectronBrowserWindow,
} from 'electron';
import { fakeId } from './ids.js';
import { WebContents } from './webContents.js';
import { app, requireReady } from './app.js';

export class BrowserWindow
  extends EventEmitter
  implements Pick<ElectronBrowserWindow, 'id' | 'loadURL' | 'show' | 'hide' | 'focus' | 'close' | 'destroy' | 'isDestroyed' | 'isVisible' | 'isMinimized' | 'restore'>
{
  static readonly fakeAll: BrowserWindow[] = [];
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.fakeAll.filter((w) => !w.destroyed);
  }
  static fromWebContents(wc: WebContents): BrowserWindow | null {
    return BrowserWindow.getAllWindows().find((w) => w.webContents === wc) ?? null;
  }
  readonly id = fakeId();
  readonly webContents = new WebContents();
  visible = false;
  minimized = false;
  focused = false;
  destroyed = false;
  constructor(readonly options: BrowserWindowConstructorOptions = {}) {
    super();
    requireReady('BrowserWindow');
    if (options.webPreferences?.session) throw new Error('fake: custom sessions are not modelled');
    this.visible = options.show !== false;
    BrowserWindow.fakeAll.push(this);
    app.emit('web-contents-created', { preventDefault() {} }, this.webContents);
  }
  async loadURL(url: string): Promise<void> {
    await this.webContents.loadURL(url);
    this.webContents.emit('did-finish-load');
    this.emit('ready-to-show');
  }
  show(): void {
    this.visible = true;
    this.minimized = false;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.focused = true;
  }
  restore(): void {
    this.minimized = false;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Like Electron: 'close' can be prevented; otherwise the window is destroyed and 'closed' follows. */
  close(): void {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}
