/** Electron's Menu and MenuItem: templates and clicks. Part of the electron fake (test/mocks/electron.ts). */
import { EventEmitter } from 'node:events';
import type {
  MenuItemConstructorOptions,
  MenuItem as ElectronMenuItem,
} from 'electron';

export class MenuItem implements Pick<ElectronMenuItem, 'id' | 'label' | 'enabled' | 'checked' | 'type'> {
  id: string;
  /** Built from the template's submenu like Electron does; undefined when the item has none. */
  submenu: Menu | undefined;
  label: string;
  enabled: boolean;
  checked: boolean;
  type: ElectronMenuItem['type'];
  constructor(readonly options: MenuItemConstructorOptions) {
    this.id = options.id ?? '';
    this.label = options.label ?? '';
    this.enabled = options.enabled ?? true;
    this.checked = options.checked ?? false;
    this.type = options.type ?? (options.submenu ? 'submenu' : 'normal');
    const sub = options.submenu;
    this.submenu = sub === undefined ? undefined : sub instanceof Menu ? sub : Menu.buildFromTemplate(sub as MenuItemConstructorOptions[]);
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
  /** What setApplicationMenu was last given; undefined = never called (Electron's default menu). */
  static fakeApplicationMenu: Menu | null | undefined = undefined;
  static setApplicationMenu(menu: Menu | null): void {
    Menu.fakeApplicationMenu = menu;
  }
  constructor(readonly items: MenuItem[]) {
    super();
  }
  /** Searches submenus too, as Electron does. */
  getMenuItemById(id: string): MenuItem | null {
    for (const item of this.items) {
      const found = item.id === id ? item : (item.submenu?.getMenuItemById(id) ?? null);
      if (found) return found;
    }
    return null;
  }
}
