/**
 * Last-chance cleanup for test services: when the process exits or is interrupted,
 * kill what we spawned and delete temp dirs, so a failed or Ctrl-C'd run leaves nothing behind.
 * Handlers run synchronously (an 'exit' handler cannot await).
 */
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
