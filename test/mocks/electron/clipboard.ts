/** Electron's clipboard (plain text only; Electron 45's is asynchronous, like navigator.clipboard). Part of the electron fake (test/mocks/electron.ts). */
import type { Clipboard } from 'electron';

class FakeClipboard implements Pick<Clipboard, 'writeText' | 'readText'> {
  private text = '';
  /** Every text written, oldest first. */
  readonly fakeWrites: string[] = [];
  /** Set to make writes fail, as a clipboard another program holds can. */
  fakeRefuse: Error | null = null;
  async writeText(text: string): Promise<void> {
    if (this.fakeRefuse) throw this.fakeRefuse;
    this.text = text;
    this.fakeWrites.push(text);
  }
  async readText(): Promise<string> {
    return this.text;
  }
}
export let clipboard = new FakeClipboard();

/** An empty clipboard for the next test (importers see it: `let` exports are live). */
export function resetClipboard(): void {
  clipboard = new FakeClipboard();
}
