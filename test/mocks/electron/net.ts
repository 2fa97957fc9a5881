/** Electron's net: online state. Part of the electron fake (test/mocks/electron.ts). */
import type {
  Net,
} from 'electron';

class FakeNet implements Pick<Net, 'isOnline'> {
  online = true;
  isOnline(): boolean {
    return this.online;
  }
}
export let net = new FakeNet();

/** A fresh net for the next test (importers see it: `let` exports are live). */
export function resetNet(): void {
  net = new FakeNet();
}
