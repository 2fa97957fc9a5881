/** Runs a bench step in a Node child of its own and reads back what it printed last. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';

/**
 * Starts Node with `args` (its stderr shown as it goes) and returns the JSON of the last line it wrote to
 * stdout; a non-zero exit throws, naming `what`.
 */
export async function lastJsonLineOf<T>(what: string, args: readonly string[], options: { cwd?: string } = {}): Promise<T> {
  const child = spawn(process.execPath, args, { ...options, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (out += text));
  // 'close', not 'exit': the last line may still be in the pipe when the process has exited.
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0) throw new Error(`${what} exited with ${code}`);
  return JSON.parse(out.trim().split('\n').pop()!) as T;
}
