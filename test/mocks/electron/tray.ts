/** Electron's Tray: created only once the app is ready. Part of the electron fake (test/mocks/electron.ts). */
import { EventEmitter } from 'node:events';
import type {
  MenuItemConstructorOptions,
  Tray as ElectronTray,
  MenuItem as ElectronMenuItem,
  Menu as ElectronMenu,
  NativeImage as ElectronNativeImage,
} from 'electron';
import { NativeImage } from './nativeImage.js';
import { Menu } from './menu.js';
import { requireReady } from './app.js';

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
  menuItem: ['submenu'] satisfies (keyof ElectronMenuItem)[],
  menuStatics: ['buildFromTemplate', 'setApplicationMenu'] satisfies (keyof typeof ElectronMenu)[],
  buildFromTemplateTakes: [[]] as ParamsOf<typeof ElectronMenu, 'buildFromTemplate'> satisfies [(MenuItemConstructorOptions | ElectronMenuItem)[]],
  setImageTakes: ['x'] as ParamsOf<ElectronTray, 'setImage'> satisfies [ElectronNativeImage | string],
} as const;
