/**
 * This computer's own connectivity. It is offline when the host says so (Electron's net.isOnline()) or when
 * every database being checked failed at once with a network-level kind (no DNS, no route), as Gatus'
 * connectivity checker reads it: then no database is to blame, and the windows say "This computer is
 * offline" once instead of showing every card red.
 */
import type { Connectivity, DatabaseState, EnvironmentId, EnvironmentStatus, FailureKind, ProbeResult } from '../common/schemas.js';

/** Failures that say this computer's network failed, not the server. */
export const NETWORK_KINDS: ReadonlySet<FailureKind> = new Set(['dns', 'no_route']);

function networkFailed(state: DatabaseState, kind: FailureKind | undefined): boolean {
  return (state === 'down' || state === 'retrying') && kind !== undefined && NETWORK_KINDS.has(kind);
}

/**
 * True when at least one database is being checked (configured, its environment not paused) and each one's
 * latest result is a network-level failure; `latest` is a result not in `environments` yet. O(databases).
 */
export function everyTargetUnreachable(environments: readonly EnvironmentStatus[], latest?: { environment: EnvironmentId; result: ProbeResult }): boolean {
  let targets = 0;
  for (const env of environments) {
    if (env.paused) continue;
    for (const db of Object.values(env.databases)) {
      if (!db || db.target === null) continue;
      const fresh = latest?.environment === env.id && latest.result.database === db.database ? latest.result : null;
      if (!(fresh ? networkFailed(fresh.state, fresh.kind) : networkFailed(db.status, db.kind))) return false;
      targets++;
    }
  }
  return targets > 0;
}

/** What the host says and what the checks imply, and since when the computer has been offline. */
export class ConnectivityTracker {
  private hostOnline = true;
  private inferredOffline = false;
  private offlineSince: number | null = null;

  get online(): boolean {
    return this.hostOnline && !this.inferredOffline;
  }

  /** The host's own view (Electron's net.isOnline()); true when whether the computer is shown offline changed. */
  setHost(online: boolean, now: number): boolean {
    const before = this.online;
    this.hostOnline = online;
    return this.settle(before, now);
  }

  /** What the latest results imply (everyTargetUnreachable); true when it changed what is shown. */
  infer(offline: boolean, now: number): boolean {
    const before = this.online;
    this.inferredOffline = offline;
    return this.settle(before, now);
  }

  view(): Connectivity {
    return { online: this.online, since: this.offlineSince === null ? null : new Date(this.offlineSince).toISOString() };
  }

  private settle(before: boolean, now: number): boolean {
    if (this.online) this.offlineSince = null;
    else this.offlineSince ??= now;
    return before !== this.online;
  }
}
