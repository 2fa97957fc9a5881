/** Electron's app: readiness, quitting, paths and login items (which differ by OS). Part of the electron fake (test/mocks/electron.ts). */
import { EventEmitter } from 'node:events';
import { isAbsolute } from 'node:path';
import type {
  App,
  Settings,
  LoginItemSettings,
} from 'electron';

class FakeApp
  extends EventEmitter
  implements Pick<App, 'whenReady' | 'requestSingleInstanceLock' | 'quit' | 'exit' | 'getPath' | 'setPath' | 'getVersion' | 'setLoginItemSettings' | 'getLoginItemSettings' | 'isPackaged' | 'getAppPath' | 'setAppUserModelId' | 'enableSandbox' | 'getName' | 'setName' | 'isReady'>
{
  /** The OS this fake behaves like where Electron differs by OS (login items). */
  fakePlatform: NodeJS.Platform = process.platform;
  /** What getLoginItemSettings().wasOpenedAtLogin answers (macOS only, like Electron). */
  fakeOpenedAtLogin = false;
  ready = false;
  isReady(): boolean {
    return this.ready;
  }
  name = 'walltrack-monitor';
  getName(): string {
    return this.name;
  }
  setName(name: string): void {
    this.name = name;
  }
  sandboxEnabled = false;
  enableSandbox(): void {
    this.sandboxEnabled = true;
  }
  readonly paths = new Map<string, string>();
  isPackaged = false;
  singleInstanceLockAvailable = true;
  quitCalls = 0;
  exitCode: number | null = null;
  loginItemSettings: Settings[] = [];
  appUserModelId: string | null = null;
  private readyResolve!: () => void;
  private readyPromise = new Promise<void>((r) => (this.readyResolve = r));
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  requestSingleInstanceLock(): boolean {
    return this.singleInstanceLockAvailable;
  }
  /** Like Electron: emits a preventable before-quit, then quits unless prevented. */
  quit(): void {
    this.quitCalls++;
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) this.emit('will-quit', { preventDefault: () => {} });
  }
  exit(exitCode = 0): void {
    this.exitCode = exitCode;
  }
  getPath(name: Parameters<App['getPath']>[0]): string {
    return this.paths.get(name) ?? `/tmp/fake-electron/${name}`;
  }
  /** Like Electron: a relative path throws. */
  setPath(name: string, path: string): void {
    if (!isAbsolute(path)) throw new Error(`Path must be absolute: ${path}`);
    this.paths.set(name, path);
  }
  appPath = '/tmp/fake-electron/app';
  getAppPath(): string {
    return this.appPath;
  }
  getVersion(): string {
    return '0.1.0';
  }
  /** Like Electron: macOS ignores `args` (a login item starts the app bundle without arguments). */
  setLoginItemSettings(settings: Settings): void {
    if (this.fakePlatform === 'darwin') {
      const { args: _ignored, ...kept } = settings;
      this.loginItemSettings.push(kept);
    } else this.loginItemSettings.push(settings);
  }
  getLoginItemSettings(): LoginItemSettings {
    const last = this.loginItemSettings.at(-1);
    const openAtLogin = last?.openAtLogin ?? false;
    const wasOpenedAtLogin = this.fakePlatform === 'darwin' && this.fakeOpenedAtLogin;
    return { openAtLogin, wasOpenedAtLogin, status: openAtLogin ? 'enabled' : 'not-registered', executableWillLaunchAtLogin: openAtLogin, launchItems: [] };
  }
  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }
  fakeReady(): void {
    this.ready = true;
    this.emit('ready');
    this.readyResolve();
  }
}

export let app = new FakeApp();

/** Like Electron: these objects exist only once the app is ready (tray, windows, notifications, protocol handlers, power events). */
export function requireReady(what: string): void {
  if (!app.isReady()) throw new Error(`${what} cannot be used before app is ready (fake: call app.fakeReady() first)`);
}

/** A fresh app for the next test (importers see it: `let` exports are live). */
export function resetApp(): void {
  app = new FakeApp();
}
