/** Desktop notifications for state changes, decided by NotificationPolicy; off via settings.app.notifications. */
import { Notification } from 'electron';
import { mayNotify } from '../common/attention.js';
import type { MonitorCore, StateChange } from '../core/MonitorCore.js';
import { errorSummary, type ShellLog } from './log.js';
import { NotificationPolicy, type NotificationDecision, type WatchedDatabase, watchedKey } from '../common/notificationPolicy.js';
import { notificationText } from '../common/notificationText.js';

export interface NotificationsDeps {
  core: Pick<MonitorCore, 'on' | 'snapshot'>;
  enabled(): boolean;
  onClick(): void;
  log: ShellLog;
  policy?: NotificationPolicy<StateChange>;
  now?: () => number;
}

export function setupNotifications(deps: NotificationsDeps): () => void {
  const policy = deps.policy ?? new NotificationPolicy<StateChange>({ now: deps.now });
  const now = deps.now ?? Date.now;
  /** Held-back recoveries, per environment and database. */
  const timers = new Map<string, NodeJS.Timeout>();
  let warnedUnsupported = false;
  // Electron holds a shown Notification only weakly: once collected, its click does nothing.
  // Each is kept here until the user or the OS is done with it.
  const onScreen = new Set<Notification>();

  const show = (decision: NotificationDecision | null): void => {
    if (!decision || !deps.enabled()) return;
    if (!Notification.isSupported()) {
      if (!warnedUnsupported) deps.log.warn({}, 'Desktop notifications are not supported on this system; the tray icon still shows the state.');
      warnedUnsupported = true;
      return;
    }
    try {
      const notification = new Notification(notificationText(decision, deps.core.snapshot().environments.length > 1));
      const done = (): boolean => onScreen.delete(notification);
      notification.on('click', () => {
        done();
        deps.onClick();
      });
      notification.once('close', done);
      notification.once('failed', done);
      onScreen.add(notification);
      notification.show();
    } catch (error) {
      deps.log.warn({ error: errorSummary(error) }, 'Could not show a desktop notification');
    }
  };

  const scheduleHeld = (watched: WatchedDatabase): void => {
    const key = watchedKey(watched);
    clearTimeout(timers.get(key));
    timers.delete(key);
    const at = policy.heldUntil(watched);
    if (at === null) return;
    const timer = setTimeout(() => {
      timers.delete(key);
      show(policy.releaseHeld(watched));
    }, Math.max(0, at - now()));
    timer.unref?.();
    timers.set(key, timer);
  };

  /** Muted, acknowledged or in maintenance (common/attention.ts decides): the change is not news. */
  const quiet = (change: StateChange): boolean => {
    const database = deps.core.snapshot().environments.find((e) => e.id === change.environment.id)?.databases[change.database];
    return database !== undefined && !mayNotify(database);
  };

  const off = deps.core.on('stateChange', (change) => {
    // Not told, so the policy remembers nothing to recover from either.
    if (quiet(change)) return;
    show(policy.decide(change));
    scheduleHeld({ environment: change.environment.id, database: change.database });
  });
  return () => {
    off();
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
    onScreen.clear();
  };
}
