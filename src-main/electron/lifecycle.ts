/**
 * App lifetime: closing every window keeps the app in the tray; quitting first stops the core
 * (schedules, in-flight checks, database clients) and only then lets Electron exit — bounded, so
 * a hung driver cannot keep a zombie tray app alive.
 */
import { app } from 'electron';
import type { MonitorCore } from '../core/MonitorCore.js';
import { errorSummary, type ShellLog } from './log.js';

export const CORE_STOP_TIMEOUT_MS = 5_000;
/** Extra time on top of the core's own bound before we stop waiting for it. */
const STOP_GRACE_MS = 1_000;

export interface LifecycleDeps {
  core: Pick<MonitorCore, 'stop'>;
  log: ShellLog;
  stopTimeoutMs?: number;
  /** Runs after the core stopped (or timed out), before the real quit: tray, timers, log file. */
  cleanup?: () => void;
  /** Turn SIGINT/SIGTERM (Ctrl-C under `npm start`, a service manager) into the same orderly quit. */
  handleSignals?: boolean;
}

export function setupLifecycle(deps: LifecycleDeps): { stopped: () => Promise<void> } {
  const timeoutMs = deps.stopTimeoutMs ?? CORE_STOP_TIMEOUT_MS;
  let stopping: Promise<void> | null = null;
  let done = false;

  // Listening is enough: Electron quits on window-all-closed only when nobody listens.
  app.on('window-all-closed', () => {});

  const stopCore = async (): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs + STOP_GRACE_MS);
    });
    try {
      const outcome = await Promise.race([deps.core.stop(timeoutMs).then(() => 'stopped' as const), deadline]);
      if (outcome === 'timeout') deps.log.warn({ timeoutMs }, 'The monitor did not stop in time; quitting anyway');
    } catch (error) {
      deps.log.warn({ error: errorSummary(error) }, 'Stopping the monitor failed; quitting anyway');
    } finally {
      clearTimeout(timer);
    }
    try {
      deps.cleanup?.();
    } catch (error) {
      deps.log.warn({ error: errorSummary(error) }, 'Cleanup before quit failed');
    }
  };

  app.on('before-quit', (event) => {
    if (done) return; // second pass: let Electron quit
    event.preventDefault();
    if (stopping) return;
    stopping = stopCore().then(() => {
      done = true;
      app.quit();
    });
  });

  if (deps.handleSignals) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());
  }

  return { stopped: () => stopping ?? Promise.resolve() };
}
