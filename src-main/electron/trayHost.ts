/**
 * Linux only: is anyone going to show our tray icon? Electron's Tray speaks StatusNotifierItem when
 * some process owns org.kde.StatusNotifierWatcher on the session bus (KDE, most panels, GNOME with
 * the AppIndicator extension) and otherwise falls back to an XEmbed icon that vanilla GNOME never
 * shows. An app started hidden at login with no tray host would run invisible, so after a grace
 * period (the panel may start after us) it shows its status window instead.
 */
import { errorSummary, type ShellLog } from './log.js';
import { sessionBusNameHasOwner } from './sessionBus.js';

export const STATUS_NOTIFIER_WATCHER = 'org.kde.StatusNotifierWatcher';
/** How long a login session gets to start its panel before we give up on it. */
export const TRAY_HOST_GRACE_MS = 15_000;
const POLL_EVERY_MS = 1_000;
const QUERY_TIMEOUT_MS = 1_000;

/** True when a StatusNotifierWatcher owns its name on the session bus; rejects (with the reason) when the bus cannot be asked. */
export type HasTrayHost = () => Promise<boolean>;

export function statusNotifierWatcherPresent(env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  return sessionBusNameHasOwner(STATUS_NOTIFIER_WATCHER, { env, timeoutMs: QUERY_TIMEOUT_MS });
}

/**
 * Polls hasTrayHost until it says yes; if it has not by TRAY_HOST_GRACE_MS, logs one line and calls
 * onNoTrayHost once. An unreachable bus counts as no host (but is polled again: at login the bus may
 * come up after us). Returns a stop function (for quitting before the grace period ends).
 */
export function watchForTrayHost(deps: { hasTrayHost: HasTrayHost; onNoTrayHost: () => void; log: ShellLog }): () => void {
  let done = false;
  let busProblem: { name: string; message: string } | null = null;
  let poll: NodeJS.Timeout | undefined;
  const stop = (): void => {
    done = true;
    clearTimeout(poll);
    clearTimeout(giveUp);
  };
  const giveUp = setTimeout(() => {
    if (done) return;
    stop();
    deps.log.warn(
      { waitedMs: TRAY_HOST_GRACE_MS, name: STATUS_NOTIFIER_WATCHER, ...(busProblem ? { error: busProblem } : {}) },
      busProblem
        ? 'Could not reach the session bus to find a tray host; showing the status window instead of running invisible'
        : 'No tray host on the session bus (this desktop would not show the tray icon); showing the status window instead of running invisible',
    );
    deps.onNoTrayHost();
  }, TRAY_HOST_GRACE_MS);
  const check = (): void => {
    void deps.hasTrayHost().then(
      (present) => {
        if (done) return;
        busProblem = null;
        if (present) stop();
        else poll = setTimeout(check, POLL_EVERY_MS);
      },
      (error: unknown) => {
        busProblem = errorSummary(error);
        if (!done) poll = setTimeout(check, POLL_EVERY_MS);
      },
    );
  };
  check();
  return stop;
}
