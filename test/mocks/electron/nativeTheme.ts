/** Electron's nativeTheme: dark or light. Part of the electron fake (test/mocks/electron.ts). */
import { EventEmitter } from 'node:events';
import type {
  NativeTheme,
} from 'electron';

class FakeNativeTheme extends EventEmitter implements Pick<NativeTheme, 'shouldUseDarkColors'> {
  shouldUseDarkColors = false;
}
export let nativeTheme = new FakeNativeTheme();

/** A fresh nativeTheme for the next test (importers see it: `let` exports are live). */
export function resetNativeTheme(): void {
  nativeTheme = new FakeNativeTheme();
}
