/**
 * Browser mode's notifications on down and recovery: the operator opts in with a click ("Notify me",
 * never asked on load), and the one NotificationPolicy (common/) decides when, with the words of
 * Electron's desktop notifications. Acknowledged, muted and in-maintenance databases are not news.
 */
import { useSyncExternalStore } from 'react';
import { mayNotify } from '../../src-main/common/attention.js';
import { NotificationPolicy, watchedKey, type NotificationDecision, type WatchedDatabase } from '../../src-main/common/notificationPolicy.js';
import { notificationText } from '../../src-main/common/notificationText.js';
import type { Snapshot } from '../../src-main/common/schemas.js';
import { snapshotChanges } from '../lib/snapshotChanges.js';

export type NotifyPermission = NotificationPermission | 'unsupported';
export interface NotifyState {
  permission: NotifyPermission;
  /** The operator clicked "Notify me" in this tab and the browser allowed it. */
  optedIn: boolean;
}

/** Per tab, like the access token: a reload keeps the choice, another tab asks again. */
const OPT_IN_KEY = 'walltrack-notify';
const supported = (): boolean => typeof Notification === 'function';

function storedOptIn(): boolean {
  try {
    return sessionStorage.getItem(OPT_IN_KEY) === '1';
  } catch {
    return false; // storage disabled: the choice lasts as long as the page
  }
}

let state: NotifyState = supported() ? { permission: Notification.permission, optedIn: storedOptIn() } : { permission: 'unsupported', optedIn: false };
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

export const useNotifyState = (): NotifyState => useSyncExternalStore(subscribe, () => state);

/** Called from the "Notify me" click only: browsers ask the user, and remember a refusal. */
export async function askToNotify(): Promise<void> {
  if (!supported()) return;
  const permission = await Notification.requestPermission();
  if (permission === 'granted') {
    try {
      sessionStorage.setItem(OPT_IN_KEY, '1');
    } catch {
      // kept in memory only
    }
  }
  state = { permission, optedIn: permission === 'granted' };
  for (const listener of listeners) listener();
}

/** Read at each notification: a permission revoked in the browser's settings stops them at once. */
const notifying = (): boolean => state.optedIn && supported() && Notification.permission === 'granted';

/**
 * Turns snapshots into state changes for the policy and shows what it decides. Before the opt-in (or
 * once the browser revokes it) changes are not offered to the policy, so it remembers only what the
 * operator was actually told: a down before "Notify me" does not silence the next one.
 */
export function createPageNotifier(now: () => number = Date.now) {
  const policy = new NotificationPolicy({ now });
  const timers = new Map<string, number>();
  let latest: Snapshot | null = null;

  const show = (decision: NotificationDecision | null): void => {
    if (!decision || !latest || !notifying()) return; // a held recovery may outlive the permission
    try {
      const { title, body } = notificationText(decision, latest.environments.length > 1);
      const notification = new Notification(title, { body });
      notification.onclick = () => {
        window.focus();
        notification.close();
      };
    } catch {
      // A browser that refuses (or a kind this page was not built with) costs the notification only.
    }
  };

  const scheduleHeld = (watched: WatchedDatabase): void => {
    const key = watchedKey(watched);
    window.clearTimeout(timers.get(key));
    timers.delete(key);
    const at = policy.heldUntil(watched);
    if (at === null) return;
    const timer = window.setTimeout(() => {
      timers.delete(key);
      show(policy.releaseHeld(watched));
    }, Math.max(0, at - now()));
    timers.set(key, timer);
  };

  return {
    onSnapshot(snapshot: Snapshot): void {
      const changes = snapshotChanges(latest, snapshot);
      latest = snapshot;
      for (const change of changes) {
        const database = snapshot.environments.find((e) => e.id === change.environment.id)?.databases[change.database];
        // Not told, so the policy remembers nothing to recover from either (as Electron).
        if (!notifying() || (database && !mayNotify(database))) continue;
        show(policy.decide(change));
        scheduleHeld({ environment: change.environment.id, database: change.database });
      }
    },
    dispose(): void {
      for (const timer of timers.values()) window.clearTimeout(timer);
      timers.clear();
    },
  };
}
