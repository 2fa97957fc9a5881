/** Electron's session: the default session's permission handlers. Part of the electron fake (test/mocks/electron.ts). */
import { EventEmitter } from 'node:events';
import type {
  Session as ElectronSession,
} from 'electron';

export class Session extends EventEmitter implements Pick<ElectronSession, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> {
  permissionRequestHandler: Parameters<ElectronSession['setPermissionRequestHandler']>[0] = null;
  permissionCheckHandler: Parameters<ElectronSession['setPermissionCheckHandler']>[0] = null;
  setPermissionRequestHandler(handler: Parameters<ElectronSession['setPermissionRequestHandler']>[0]): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Parameters<ElectronSession['setPermissionCheckHandler']>[0]): void {
    this.permissionCheckHandler = handler;
  }
}

export const session: { defaultSession: Session } = { defaultSession: new Session() };
export const defaultSessionNow = (): Session => session.defaultSession;
