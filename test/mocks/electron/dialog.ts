/** Electron's dialog: error boxes shown. Part of the electron fake (test/mocks/electron.ts). */
import type {
  Dialog,
} from 'electron';

class FakeDialog implements Pick<Dialog, 'showErrorBox'> {
  readonly errors: { title: string; content: string }[] = [];
  showErrorBox(title: string, content: string): void {
    this.errors.push({ title, content });
  }
}
export let dialog = new FakeDialog();

/** A fresh dialog for the next test (importers see it: `let` exports are live). */
export function resetDialog(): void {
  dialog = new FakeDialog();
}
