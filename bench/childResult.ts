/** Runs a bench step in a Node child of its own and reads back what it printed last. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';

/**
 * Starts Node with `args` (its stderr shown as it goes) and returns the JSON of the last line it wrote to
 * stdout; a non-zero exit throws, naming `what`.
 */
export async function lastJsonLineOf<T>(what: string, args: readonly string[], options: { cwd?: string; onSpawn?: () => () => void } = {}): Promise<T> {
  const { onSpawn, ...spawnOptions } = options;
  const child = spawn(process.execPath, args, { ...spawnOptions, stdio: ['ignore', 'pipe', 'inherit'] });
  // Run once the child exists (so it does not inherit what the hook changes); its return value undoes it.
  const undo = onSpawn?.();
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (out += text));
  // 'close', not 'exit': the last line may still be in the pipe when the process has exited.
  let code: number | null;
  try {
    [code] = (await once(child, 'close')) as [number | null];
  } finally {
    // Also when the child could not start ('error'), or later steps would inherit the change.
    undo?.();
  }
  if (code !== 0) throw new Error(`${what} exited with ${code}`);
  return JSON.parse(out.trim().split('\n').pop()!) as T;
}
