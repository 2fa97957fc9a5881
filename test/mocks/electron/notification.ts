/** Electron's Notification: created only once the app is ready; isSupported() can be false. Part of the electron fake (test/mocks/electron.ts). */
import { EventEmitter } from 'node:events';
import type {
  NotificationConstructorOptions,
  Notification as ElectronNotification,
} from 'electron';
import { requireReady } from './app.js';

export class Notification extends EventEmitter implements Pick<ElectronNotification, 'show' | 'title' | 'body'> {
  static supported = true;
  static readonly fakeShown: Notification[] = [];
  static isSupported(): boolean {
    return Notification.supported;
  }
  title: string;
  body: string;
  constructor(readonly options: NotificationConstructorOptions = {}) {
    super();
    requireReady('Notification');
    this.title = options.title ?? '';
    this.body = options.body ?? '';
  }
  show(): void {
    Notification.fakeShown.push(this);
  }
}
