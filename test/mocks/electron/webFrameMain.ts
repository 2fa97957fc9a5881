/** Electron's WebFrameMain: a frame of a page, with its URL and origin. Part of the electron fake (test/mocks/electron.ts). */
import { EventEmitter } from 'node:events';
import type {
  WebFrameMain as ElectronWebFrameMain,
} from 'electron';
import { fakeId } from './ids.js';

export class WebFrameMain extends EventEmitter implements Pick<ElectronWebFrameMain, 'url' | 'origin' | 'processId' | 'routingId' | 'isDestroyed'> {
  // parent/top return fakes, so they are checked by shape in the tests rather than by Pick<>.
  readonly processId = 1;
  readonly routingId = fakeId();
  parent: WebFrameMain | null = null;
  constructor(public url: string) {
    super();
  }
  get origin(): string {
    try {
      const u = new URL(this.url);
      return `${u.protocol}//${u.host}`;
    } catch {
      return 'null';
    }
  }
  get top(): WebFrameMain {
    return this.parent ? this.parent.top : this;
  }
  isDestroyed(): boolean {
    return false;
  }
  /** A child frame (e.g. an iframe) of this frame. */
  fakeChild(url: string): WebFrameMain {
    const child = new WebFrameMain(url);
    child.parent = this;
    return child;
  }
}
