/** Electron's WebContents: what a window's page sent, its URL and preventable navigation events. Part of the electron fake (test/mocks/electron.ts). */
import { EventEmitter } from 'node:events';
import type {
  HandlerDetails,
  WindowOpenHandlerResponse,
  WebContents as ElectronWebContents,
} from 'electron';
import { fakeId } from './ids.js';
import { WebFrameMain } from './webFrameMain.js';
import { Session, defaultSessionNow } from './session.js';

export class WebContents extends EventEmitter implements Pick<ElectronWebContents, 'id' | 'send' | 'setWindowOpenHandler' | 'isDestroyed' | 'getURL' | 'loadURL'> {
  readonly id = fakeId();
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;
  mainFrame = new WebFrameMain('about:blank');
  destroyed = false;
  constructor(readonly session: Session = defaultSessionNow()) {
    super();
  }
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args });
  }
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  async loadURL(url: string): Promise<void> {
    this.mainFrame = new WebFrameMain(url);
  }
  /** Emits a preventable event the way Electron does (event first), returning whether it was prevented. */
  fakeEmitPreventable(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => (prevented = true), url: args[0] }, ...args);
    return prevented;
  }
}
