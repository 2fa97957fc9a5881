/** Electron's contextBridge: what a preload exposes to the page. Part of the electron fake (test/mocks/electron.ts). */
import type {
  ContextBridge,
} from 'electron';

class FakeContextBridge implements Pick<ContextBridge, 'exposeInMainWorld'> {
  readonly exposed = new Map<string, unknown>();
  exposeInMainWorld(apiKey: string, api: unknown): void {
    if (this.exposed.has(apiKey)) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${apiKey}`);
    this.exposed.set(apiKey, api);
  }
}
export let contextBridge = new FakeContextBridge();

/** A fresh contextBridge for the next test (importers see it: `let` exports are live). */
export function resetContextBridge(): void {
  contextBridge = new FakeContextBridge();
}
