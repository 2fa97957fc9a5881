/** Electron's shell: URLs opened in the browser. Part of the electron fake (test/mocks/electron.ts). */
import type {
  Shell,
} from 'electron';

class FakeShell implements Pick<Shell, 'openExternal'> {
  readonly opened: string[] = [];
  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  }
}
export let shell = new FakeShell();

/** A fresh shell for the next test (importers see it: `let` exports are live). */
export function resetShell(): void {
  shell = new FakeShell();
}
