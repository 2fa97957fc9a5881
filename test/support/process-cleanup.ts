/**
 * Last-chance cleanup for test services: when the process exits or is interrupted,
 * kill what we spawned and delete temp dirs, so a failed or Ctrl-C'd run leaves nothing behind.
 * Handlers run synchronously (an 'exit' handler cannot await).
 */
import fs from 'node:fs';

type SyncCleanup = () => void;

const cleanups = new Set<SyncCleanup>();
let installed = false;

function runAll(): void {
  for (const cleanup of [...cleanups].reverse()) {
    try {
      cleanup();
    } catch {
      // best effort: one failed cleanup must not stop the others
    }
  }
  cleanups.clear();
}

function install(): void {
  if (installed) return;
  installed = true;
  process.once('exit', runAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      runAll();
      // if nobody else (e.g. vitest) handles the signal, re-raise it so the default action ends the process
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}

/** Registers a synchronous cleanup; returns a function that unregisters it (call it after a clean stop). */
export function onProcessExit(cleanup: SyncCleanup): () => void {
  install();
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** Sends a signal to a pid, ignoring "no such process". */
export function killQuietly(pid: number | undefined, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (!pid) return;
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** Linux: a pid is gone once /proc no longer lists it or it is a zombie (dead, not yet reaped by us). */
function isRunning(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/**
 * Signals a pid and blocks (exit handlers cannot await) until it has died, for at most timeoutMs,
 * so a temp dir deleted next is not re-populated by a server still writing to it.
 */
export function killAndWaitSync(pid: number | undefined, signal: NodeJS.Signals = 'SIGKILL', timeoutMs = 3_000): void {
  if (!pid) return;
  killQuietly(pid, signal);
  const deadline = Date.now() + timeoutMs;
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  while (isRunning(pid) && Date.now() < deadline) Atomics.wait(sleeper, 0, 0, 20);
}
