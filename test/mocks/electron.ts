/**
 * A hand-written fake of the `electron` module for shell tests (no Electron binary runs here).
 * Every export implements a Pick<> of Electron's own type from electron.d.ts, so a renamed or
 * retyped API fails `tsc` instead of silently drifting. Use:
 *   vi.mock('electron', () => import('../mocks/electron.js'));
 * and call `resetElectronFake()` in beforeEach. Test-only helpers are prefixed with `fake`.
 */
import { fork as forkNodeChild, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import type {
  App,
  BrowserWindowConstructorOptions,
  ContextBridge,
  CreateFromBufferOptions,
  AddRepresentationOptions,
  HandlerDetails,
  IpcMain,
  IpcMainInvokeEvent,
  IpcRenderer,
  MenuItemConstructorOptions,
  NativeTheme,
  Net,
  NotificationConstructorOptions,
  Protocol,
  Dialog,
  CustomScheme,
  Shell,
  Settings,
  LoginItemSettings,
  WindowOpenHandlerResponse,
  BrowserWindow as ElectronBrowserWindow,
  WebContents as ElectronWebContents,
  WebFrameMain as ElectronWebFrameMain,
  Session as ElectronSession,
  Tray as ElectronTray,
  MenuItem as ElectronMenuItem,
  Menu as ElectronMenu,
  NativeImage as ElectronNativeImage,
  Notification as ElectronNotification,
  ForkOptions,
  UtilityProcess as ElectronUtilityProcess,
} from 'electron';

let nextId = 1;

/** Like Electron: these objects exist only once the app is ready (tray, windows, notifications, protocol handlers, power events). */
function requireReady(what: string): void {
  if (!app.isReady()) throw new Error(`${what} cannot be used before app is ready (fake: call app.fakeReady() first)`);
}

// ---------------------------------------------------------------- frames, webContents, session

export class WebFrameMain extends EventEmitter implements Pick<ElectronWebFrameMain, 'url' | 'origin' | 'processId' | 'routingId' | 'isDestroyed'> {
  // parent/top return fakes, so they are checked by shape in the tests rather than by Pick<>.
  readonly processId = 1;
  readonly routingId = nextId++;
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
const defaultSessionNow = (): Session => session.defaultSession;

export class WebContents extends EventEmitter implements Pick<ElectronWebContents, 'id' | 'send' | 'setWindowOpenHandler' | 'isDestroyed' | 'getURL' | 'loadURL'> {
  readonly id = nextId++;
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

// ---------------------------------------------------------------- windows

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
  readonly id = nextId++;
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

// ---------------------------------------------------------------- app

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
  setPath(name: string, path: string): void {
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

// ---------------------------------------------------------------- ipc

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

class FakeContextBridge implements Pick<ContextBridge, 'exposeInMainWorld'> {
  readonly exposed = new Map<string, unknown>();
  exposeInMainWorld(apiKey: string, api: unknown): void {
    if (this.exposed.has(apiKey)) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${apiKey}`);
    this.exposed.set(apiKey, api);
  }
}
export let contextBridge = new FakeContextBridge();

// ---------------------------------------------------------------- images, tray, menu

export class NativeImage implements Pick<ElectronNativeImage, 'addRepresentation' | 'isEmpty' | 'setTemplateImage' | 'isTemplateImage'> {
  readonly representations: { scaleFactor: number; buffer: Buffer }[] = [];
  template = false;
  addRepresentation(options: AddRepresentationOptions): void {
    if (!options.buffer) throw new Error('fake: only buffer representations are modelled');
    this.representations.push({ scaleFactor: options.scaleFactor ?? 1, buffer: options.buffer });
  }
  isEmpty(): boolean {
    return this.representations.length === 0;
  }
  setTemplateImage(option: boolean): void {
    this.template = option;
  }
  isTemplateImage(): boolean {
    return this.template;
  }
}

export const nativeImage: { createFromBuffer(buffer: Buffer, options?: CreateFromBufferOptions): NativeImage; createEmpty(): NativeImage } = {
  createFromBuffer(buffer, options) {
    const image = new NativeImage();
    image.addRepresentation({ buffer, scaleFactor: options?.scaleFactor ?? 1 });
    return image;
  },
  createEmpty: () => new NativeImage(),
};

export class MenuItem implements Pick<ElectronMenuItem, 'id' | 'label' | 'enabled' | 'checked' | 'type'> {
  id: string;
  label: string;
  enabled: boolean;
  checked: boolean;
  type: ElectronMenuItem['type'];
  constructor(readonly options: MenuItemConstructorOptions) {
    this.id = options.id ?? '';
    this.label = options.label ?? '';
    this.enabled = options.enabled ?? true;
    this.checked = options.checked ?? false;
    this.type = options.type ?? 'normal';
  }
  /** Clicks like Electron: a checkbox toggles before its click handler runs. */
  fakeClick(): void {
    if (this.type === 'checkbox') this.checked = !this.checked;
    this.options.click?.(this as unknown as ElectronMenuItem, undefined, { triggeredByAccelerator: false } as never);
  }
}

/** Menu's methods return fake MenuItems, so the fake mirrors Electron's static/instance names by hand. */
export class Menu extends EventEmitter {
  static buildFromTemplate(template: MenuItemConstructorOptions[]): Menu {
    return new Menu(template.map((t) => new MenuItem(t)));
  }
  static setApplicationMenu(_menu: Menu | null): void {}
  constructor(readonly items: MenuItem[]) {
    super();
  }
  getMenuItemById(id: string): MenuItem | null {
    return this.items.find((i) => i.id === id) ?? null;
  }
}

/** setImage/setContextMenu take fakes (NativeImage, Menu) and are kept to Electron's names by hand. */
export class Tray extends EventEmitter implements Pick<ElectronTray, 'setToolTip' | 'destroy' | 'isDestroyed'> {
  static readonly fakeAll: Tray[] = [];
  image: NativeImage;
  tooltip = '';
  menu: Menu | null = null;
  destroyed = false;
  constructor(image: NativeImage) {
    super();
    requireReady('Tray');
    this.image = image;
    Tray.fakeAll.push(this);
  }
  setImage(image: NativeImage): void {
    this.image = image;
  }
  setToolTip(toolTip: string): void {
    this.tooltip = toolTip;
  }
  setContextMenu(menu: Menu | null): void {
    this.menu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

/**
 * Members typed by hand above (they take or return other fakes) must still be real Electron
 * members with the same parameter types: these assignments fail to compile otherwise.
 */
type ParamsOf<T, K extends keyof T> = T[K] extends (...args: infer P) => unknown ? P : never;
export const handTypedMembersExist = {
  tray: ['setImage', 'setContextMenu'] satisfies (keyof ElectronTray)[],
  menu: ['getMenuItemById', 'items'] satisfies (keyof ElectronMenu)[],
  menuStatics: ['buildFromTemplate', 'setApplicationMenu'] satisfies (keyof typeof ElectronMenu)[],
  buildFromTemplateTakes: [[]] as ParamsOf<typeof ElectronMenu, 'buildFromTemplate'> satisfies [(MenuItemConstructorOptions | ElectronMenuItem)[]],
  setImageTakes: ['x'] as ParamsOf<ElectronTray, 'setImage'> satisfies [ElectronNativeImage | string],
} as const;

// ---------------------------------------------------------------- notifications, power, net, theme, shell, protocol

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

class FakeNet implements Pick<Net, 'isOnline'> {
  online = true;
  isOnline(): boolean {
    return this.online;
  }
}
export let net = new FakeNet();

class FakeNativeTheme extends EventEmitter implements Pick<NativeTheme, 'shouldUseDarkColors'> {
  shouldUseDarkColors = false;
}
export let nativeTheme = new FakeNativeTheme();

class FakeShell implements Pick<Shell, 'openExternal'> {
  readonly opened: string[] = [];
  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  }
}
export let shell = new FakeShell();

class FakeProtocol implements Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle' | 'unhandle' | 'isProtocolHandled'> {
  readonly privileged: CustomScheme[] = [];
  readonly handlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  registerSchemesAsPrivileged(customSchemes: CustomScheme[]): void {
    this.privileged.push(...customSchemes);
  }
  /**
   * Like Electron: only once ready, once per scheme, and a handler that resolves to anything but
   * a Response fails the request (the stored handler throws a TypeError then).
   */
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    requireReady('protocol.handle');
    if (this.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    this.handlers.set(scheme, async (request) => {
      const response: unknown = await handler(request);
      if (!(response instanceof Response)) throw new TypeError(`protocol.handle('${scheme}') handler must return a Response, got ${Object.prototype.toString.call(response)}`);
      return response;
    });
  }
  unhandle(scheme: string): void {
    this.handlers.delete(scheme);
  }
  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  }
}
export let protocol = new FakeProtocol();

class FakeDialog implements Pick<Dialog, 'showErrorBox'> {
  readonly errors: { title: string; content: string }[] = [];
  showErrorBox(title: string, content: string): void {
    this.errors.push({ title, content });
  }
}
export let dialog = new FakeDialog();

// ---------------------------------------------------------------- utility processes

/**
 * utilityProcess.fork really runs the module, in a Node child with an IPC channel that
 * test/mocks/utilityProcessChild.mjs turns into process.parentPort (.ts modules run through tsx).
 * Each fork is recorded with its arguments and, on Linux, the child's real /proc cmdline and environ.
 */
export class UtilityProcess extends EventEmitter implements Pick<ElectronUtilityProcess, 'pid' | 'stdout' | 'stderr' | 'kill' | 'postMessage'> {
  pid: number | undefined = undefined;
  stdout: NodeJS.ReadableStream | null;
  stderr: NodeJS.ReadableStream | null;
  exited = false;
  /** Every message the child posted, in order. */
  readonly fakeMessages: unknown[] = [];
  constructor(readonly child: ChildProcess) {
    super();
    this.stdout = child.stdout;
    this.stderr = child.stderr;
    child.on('spawn', () => {
      this.pid = child.pid;
      this.emit('spawn');
    });
    child.on('message', (message) => {
      this.fakeMessages.push(message);
      this.emit('message', message);
    });
    child.on('exit', (code, signal) => {
      this.exited = true;
      this.emit('exit', code ?? 128 + (signal ? osConstants.signals[signal] : 0));
      this.pid = undefined;
      this.stdout = this.stderr = null;
    });
  }
  /** Like Electron on POSIX: SIGTERM. */
  kill(): boolean {
    return this.child.kill('SIGTERM');
  }
  postMessage(message: unknown): void {
    if (this.child.connected) this.child.send(message as never);
  }
}

export interface FakeFork {
  modulePath: string;
  args: string[];
  options: ForkOptions;
  process: UtilityProcess;
  /** /proc/<pid>/cmdline and environ of the real child, read once it has spawned (Linux). */
  cmdline?: string;
  environ?: string;
}

const UTILITY_CHILD = new URL('./utilityProcessChild.mjs', import.meta.url);
const stdioOf = (options: ForkOptions, fd: 1 | 2): 'pipe' | 'ignore' | 'inherit' => {
  const stdio = options.stdio ?? 'inherit';
  return (typeof stdio === 'string' ? stdio : (stdio[fd] ?? 'inherit')) as 'pipe' | 'ignore' | 'inherit';
};

export const utilityProcess = {
  fakeForks: [] as FakeFork[],
  fork(modulePath: string, args: string[] = [], options: ForkOptions = {}): UtilityProcess {
    if (!app.isReady()) throw new Error('utilityProcess cannot be created before app is ready.');
    const child = forkNodeChild(UTILITY_CHILD, [modulePath, ...args], {
      env: (options.env as NodeJS.ProcessEnv | undefined) ?? process.env,
      cwd: options.cwd,
      execArgv: modulePath.endsWith('.ts') ? ['--import', 'tsx', ...(options.execArgv ?? [])] : (options.execArgv ?? []),
      stdio: ['ignore', stdioOf(options, 1), stdioOf(options, 2), 'ipc'],
      serialization: 'advanced', // structured clone, like Electron's message ports
    });
    const record: FakeFork = { modulePath, args, options, process: new UtilityProcess(child) };
    child.once('spawn', () => {
      try {
        record.cmdline = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8');
        record.environ = readFileSync(`/proc/${child.pid}/environ`, 'utf8');
      } catch {
        // not Linux
      }
    });
    utilityProcess.fakeForks.push(record);
    return record.process;
  },
};
/** Fails to compile if the fake's fork (arguments or the returned fake process) drifts from Electron's. */
export const utilityProcessChecked = utilityProcess satisfies Pick<typeof Electron.utilityProcess, 'fork'>;

// ---------------------------------------------------------------- reset

/** Fresh fakes for each test; module-level `let` bindings are live, so importers see the new ones. */
export function resetElectronFake(): void {
  app = new FakeApp();
  ipcMain = new FakeIpcMain();
  ipcRenderer = new FakeIpcRenderer();
  contextBridge = new FakeContextBridge();
  powerMonitor = new FakePowerMonitor();
  net = new FakeNet();
  nativeTheme = new FakeNativeTheme();
  shell = new FakeShell();
  protocol = new FakeProtocol();
  dialog = new FakeDialog();
  session.defaultSession = new Session();
  for (const f of utilityProcess.fakeForks) if (!f.process.exited) f.process.child.kill('SIGKILL');
  utilityProcess.fakeForks.length = 0;
  BrowserWindow.fakeAll.length = 0;
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
  session,
  utilityProcess,
  BrowserWindow,
  Tray,
  Menu,
  MenuItem,
  nativeImage,
  Notification,
};
