/**
 * A hand-written fake of the `electron` module for shell tests (no Electron binary runs here).
 * Every export implements a Pick<> of Electron's own type from electron.d.ts, so a renamed or
 * retyped API fails `tsc` instead of silently drifting. Use:
 *   vi.mock('electron', () => import('../mocks/electron.js'));
 * and call `resetElectronFake()` in beforeEach. Test-only helpers are prefixed with `fake`.
 * One file per Electron object in ./electron/; this module puts them together as `electron`.
 */
import { app, resetApp } from './electron/app.js';
import { BrowserWindow } from './electron/browserWindow.js';
import { clipboard, resetClipboard } from './electron/clipboard.js';
import { contextBridge, resetContextBridge } from './electron/contextBridge.js';
import { dialog, resetDialog } from './electron/dialog.js';
import { ipcMain, resetIpcMain } from './electron/ipcMain.js';
import { ipcRenderer, resetIpcRenderer } from './electron/ipcRenderer.js';
import { Menu, MenuItem } from './electron/menu.js';
import { nativeImage } from './electron/nativeImage.js';
import { nativeTheme, resetNativeTheme } from './electron/nativeTheme.js';
import { net, resetNet } from './electron/net.js';
import { Notification } from './electron/notification.js';
import { powerMonitor, resetPowerMonitor } from './electron/powerMonitor.js';
import { protocol, resetProtocol } from './electron/protocol.js';
import { Session, session } from './electron/session.js';
import { shell, resetShell } from './electron/shell.js';
import { Tray } from './electron/tray.js';
import { utilityProcess } from './electron/utilityProcess.js';

export { app } from './electron/app.js';
export { BrowserWindow } from './electron/browserWindow.js';
export { clipboard } from './electron/clipboard.js';
export { contextBridge } from './electron/contextBridge.js';
export { dialog } from './electron/dialog.js';
export { ipcMain } from './electron/ipcMain.js';
export { ipcRenderer } from './electron/ipcRenderer.js';
export { Menu, MenuItem } from './electron/menu.js';
export { NativeImage, nativeImage } from './electron/nativeImage.js';
export { nativeTheme } from './electron/nativeTheme.js';
export { net } from './electron/net.js';
export { Notification } from './electron/notification.js';
export { powerMonitor } from './electron/powerMonitor.js';
export { protocol } from './electron/protocol.js';
export { Session, session } from './electron/session.js';
export { shell } from './electron/shell.js';
export { Tray, handTypedMembersExist } from './electron/tray.js';
export { UtilityProcess, utilityProcess, utilityProcessChecked, type FakeFork } from './electron/utilityProcess.js';
export { WebContents } from './electron/webContents.js';
export { WebFrameMain } from './electron/webFrameMain.js';

/** Fresh fakes for each test; module-level `let` bindings are live, so importers see the new ones. */
export function resetElectronFake(): void {
  resetApp();
  resetIpcMain();
  resetIpcRenderer();
  resetContextBridge();
  resetPowerMonitor();
  resetNet();
  resetNativeTheme();
  resetShell();
  resetProtocol();
  resetDialog();
  resetClipboard();
  session.defaultSession = new Session();
  for (const f of utilityProcess.fakeForks) if (!f.process.exited) f.process.child.kill('SIGKILL');
  utilityProcess.fakeForks.length = 0;
  BrowserWindow.fakeAll.length = 0;
  Menu.fakeApplicationMenu = undefined;
  Tray.fakeAll.length = 0;
  Notification.fakeShown.length = 0;
  Notification.supported = true;
}

export default {
  get app() { return app; },
  get ipcMain() { return ipcMain; },
  get ipcRenderer() { return ipcRenderer; },
  get contextBridge() { return contextBridge; },
  get powerMonitor() { return powerMonitor; },
  get net() { return net; },
  get nativeTheme() { return nativeTheme; },
  get shell() { return shell; },
  get protocol() { return protocol; },
  get dialog() { return dialog; },
  get clipboard() { return clipboard; },
  session,
  utilityProcess,
  BrowserWindow,
  Tray,
  Menu,
  MenuItem,
  nativeImage,
  Notification,
};
