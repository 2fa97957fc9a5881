/** Desktop notifications for state changes, decided by NotificationPolicy; off via settings.app.notifications. */
import { Notification } from 'electron';
import type { DatabaseId } from '../common/schemas.js';
import type { MonitorCore } from '../core/MonitorCore.js';
import { errorSummary, type ShellLog } from './log.js';
import { NotificationPolicy, type NotificationDecision } from './notificationPolicy.js';
import { DATABASE_LABELS } from './trayModel.js';

/** Title and body; the core's messages and hints are already free of secrets. */
export function notificationText(decision: NotificationDecision): { title: string; body: string } {
  const name = DATABASE_LABELS[decision.database];
  const r = decision.change.result;
  if (decision.kind === 'down') {
    const why = [r.message, r.hint].filter(Boolean).join(' — ');
    return { title: `${name} is down`, body: why || 'The last checks failed.' };
  }
  const ms = r.latencyMs === null ? '' : ` (${Math.round(r.latencyMs)} ms)`;
  return { title: `${name} is back`, body: `${name} answers again${ms}.` };
}

export interface NotificationsDeps {
  core: Pick<MonitorCore, 'on'>;
  enabled(): boolean;
  onClick(): void;
  log: ShellLog;
  policy?: NotificationPolicy;
  now?: () => number;
}

export function setupNotifications(deps: NotificationsDeps): () => void {
  const policy = deps.policy ?? new NotificationPolicy({ now: deps.now });
  const now = deps.now ?? Date.now;
  const timers = new Map<DatabaseId, NodeJS.Timeout>();
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
      const notification = new Notification(notificationText(decision));
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

  const scheduleHeld = (database: DatabaseId): void => {
    clearTimeout(timers.get(database));
    timers.delete(database);
    const at = policy.heldUntil(database);
    if (at === null) return;
    const timer = setTimeout(() => {
      timers.delete(database);
      show(policy.releaseHeld(database));
    }, Math.max(0, at - now()));
    timer.unref?.();
    timers.set(database, timer);
  };

  const off = deps.core.on('stateChange', (change) => {
    show(policy.decide(change));
    scheduleHeld(change.database);
  });
  return () => {
    off();
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
    onScreen.clear();
  };
}
