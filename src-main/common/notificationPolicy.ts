/**
 * When to show a notification, as pure logic with an injected clock: Electron's desktop notifications
 * and browser mode's page notifications use this one policy. Per database of each
 * environment (the same kind of database in production and in staging is told apart):
 * - "down" when it goes down, unless the operator was already told it is down; never for a retry;
 * - "recovered" when a database we reported down is healthy (or just slow) again;
 * - at most one notification per database per `intervalMs`, unless the news is worse (down after
 *   a recovery is never held back). A held-back recovery is offered again once the interval ends.
 */
import type { DatabaseId, DatabaseState, EnvironmentId, ProbeResult } from './schemas.js';

export const NOTIFICATION_INTERVAL_MS = 5 * 60_000;

/** One monitored database: what the policy remembers things by. */
export interface WatchedDatabase {
  environment: EnvironmentId;
  database: DatabaseId;
}

/**
 * What the policy and the notification text need of a state change: the core's StateChange is one; a
 * browser window derives one from two snapshots.
 */
export interface NotifiableChange {
  environment: { id: EnvironmentId; name: string };
  database: DatabaseId;
  to: DatabaseState;
  result: Pick<ProbeResult, 'message' | 'hint' | 'latencyMs'>;
  /** The change happened while this computer was offline: not the database's fault. */
  offline?: true;
}

export interface NotificationDecision<C extends NotifiableChange = NotifiableChange> {
  environment: C['environment'];
  database: DatabaseId;
  kind: 'down' | 'recovered';
  change: C;
}

/** Environment ids are slugs (no "/"), so this cannot collide. */
export const watchedKey = (w: WatchedDatabase): string => `${w.environment}/${w.database}`;
const watched = (change: NotifiableChange): WatchedDatabase => ({ environment: change.environment.id, database: change.database });

interface DatabaseMemory<C> {
  /** What the operator was last told. */
  told: 'down' | 'recovered' | null;
  toldAt: number;
  /** A recovery held back by the interval, still true unless a later change cancels it. */
  heldRecovery: C | null;
}

const UP_STATES: ReadonlySet<DatabaseState> = new Set(['healthy', 'degraded']);

export class NotificationPolicy<C extends NotifiableChange = NotifiableChange> {
  private readonly memory = new Map<string, DatabaseMemory<C>>();
  private readonly intervalMs: number;
  private readonly now: () => number;

  constructor(options: { intervalMs?: number; now?: () => number } = {}) {
    this.intervalMs = options.intervalMs ?? NOTIFICATION_INTERVAL_MS;
    this.now = options.now ?? Date.now;
  }

  private of(key: string): DatabaseMemory<C> {
    let m = this.memory.get(key);
    if (!m) this.memory.set(key, (m = { told: null, toldAt: Number.NEGATIVE_INFINITY, heldRecovery: null }));
    return m;
  }

  /** The notification to show for this change, if any. */
  decide(change: C): NotificationDecision<C> | null {
    const key = watchedKey(watched(change));
    const m = this.of(key);
    if (change.to === 'not_configured') {
      this.memory.delete(key); // no longer monitored: forget what was said
      return null;
    }
    if (change.to === 'down') {
      m.heldRecovery = null;
      if (change.offline) return null; // this computer is offline: not the database's news

      if (m.told === 'down') return null;
      return this.tell(m, 'down', change); // worse than anything told before: never held back
    }
    if (UP_STATES.has(change.to) && m.told === 'down') {
      if (this.now() - m.toldAt < this.intervalMs) {
        m.heldRecovery = change;
        return null;
      }
      return this.tell(m, 'recovered', change);
    }
    // Anything else (retrying, unknown) is not news yet.
    return null;
  }

  /** When a held-back recovery may be shown (ms since epoch), or null when nothing is held. */
  heldUntil(database: WatchedDatabase): number | null {
    const m = this.memory.get(watchedKey(database));
    return m?.heldRecovery ? m.toldAt + this.intervalMs : null;
  }

  /** The held-back recovery, once its interval has passed and nothing cancelled it. */
  releaseHeld(database: WatchedDatabase): NotificationDecision<C> | null {
    const m = this.memory.get(watchedKey(database));
    if (!m?.heldRecovery || this.now() - m.toldAt < this.intervalMs) return null;
    const change = m.heldRecovery;
    m.heldRecovery = null;
    return this.tell(m, 'recovered', change);
  }

  private tell(m: DatabaseMemory<C>, kind: 'down' | 'recovered', change: C): NotificationDecision<C> {
    m.told = kind;
    m.toldAt = this.now();
    m.heldRecovery = null;
    return { environment: change.environment, database: change.database, kind, change };
  }
}
