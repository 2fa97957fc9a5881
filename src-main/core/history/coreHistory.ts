/**
 * The core's side of the durable history: records each check under its series, answers getHistory and
 * getIncidents, and puts the durable "since" into each database's status (a state that held before a
 * restart keeps its start: "Healthy for 3 d").
 */
import { endpointIn, publicTarget, type EndpointFields } from '../../common/endpointIdentity.js';
import type { HistoryRequest, HistoryView, IncidentList, IncidentsRequest } from '../../common/history.js';
import type { DatabaseStatus, EnvironmentId, EnvironmentStatus, ProbeResult } from '../../common/schemas.js';
import { ValidationError } from '../errors.js';
import type { Logger } from '../logging.js';
import { NO_EXCLUSIONS, type Exclusions } from './queries.js';
import { SqliteHistoryStore, type SqliteHistoryStoreOptions } from './SqliteHistoryStore.js';
import type { CheckContext } from './uptimeExclusion.js';
import type { RecordedCheck, RecordedStateChange } from './stateChanges.js';

export class CoreHistory {
  private readonly store: SqliteHistoryStore;

  constructor(options: { file: string; logger: Logger; onIncident: () => void } & Partial<SqliteHistoryStoreOptions>) {
    this.store = new SqliteHistoryStore(options);
  }

  /** A check of a database whose probe checks `endpoint` (the status's public target); `context` may exclude it from uptime. */
  record(environment: EnvironmentId, endpoint: string | null, result: ProbeResult, context: CheckContext = {}): void {
    if (endpoint !== null) this.store.record({ environment, database: result.database, endpoint }, result, context);
  }

  /** The status with each database's `since` taken from the record where it has held the same state since earlier. */
  withDurableSince(status: EnvironmentStatus): EnvironmentStatus {
    let databases: EnvironmentStatus['databases'] | null = null;
    for (const [database, db] of Object.entries(status.databases)) {
      if (!db || db.target === null) continue;
      const durable = this.store.stateSince({ environment: status.id, database, endpoint: db.target });
      if (!durable || durable.state !== db.status || (db.since !== null && durable.since >= db.since)) continue;
      databases ??= { ...status.databases };
      databases[database] = { ...db, since: durable.since };
    }
    return databases ? { ...status, databases } : status;
  }

  /**
   * A database this process has not checked yet (the CLI's core is never started, so it has no probe and no
   * target) as the record last saw it at its configured endpoint: its recorded state and, while an incident
   * is open, that incident's kind.
   */
  withRecordedState(environment: EnvironmentId, db: DatabaseStatus, settings: EndpointFields): DatabaseStatus {
    if (db.checkedAt !== null) return db;
    const configured = endpointIn(db.database, settings);
    const endpoint = db.target ?? (configured === null ? null : publicTarget(configured));
    if (endpoint === null) return db;
    const recorded = this.store.stateSince({ environment, database: db.database, endpoint });
    if (!recorded) return db;
    const [open] = this.store.incidents({ environment, database: db.database, limit: 1 }).filter((i) => i.endedAt === null);
    return { ...db, status: recorded.state, ...(open?.kind ? { kind: open.kind } : {}) };
  }

  /**
   * `status` is the environment's current one: it says which databases exist and which endpoint the probe checks;
   * before start() (the CLI) there are no probes yet and the endpoint comes from the settings.
   */
  view(status: EnvironmentStatus, settings: EndpointFields, { database, range = '1h', endpoint }: HistoryRequest, exclude: Exclusions = NO_EXCLUSIONS): HistoryView {
    const db = status.databases[database];
    if (!db) {
      const known = Object.keys(status.databases).join(', ') || 'none';
      throw new ValidationError('database', `${database} is not monitored in environment "${status.id}" (known: ${known}); add it in Settings first`);
    }
    const configured = endpointIn(database, settings);
    const target = endpoint ?? db.target ?? (configured === null ? null : publicTarget(configured));
    // A database not configured has no series: the empty endpoint is never recorded.
    const view = this.store.history({ environment: status.id, database, endpoint: target ?? '' }, range, Date.now(), exclude);
    return { environment: status.id, database, endpoint: target, ...view };
  }

  incidents(request?: IncidentsRequest): IncidentList {
    return { incidents: this.store.incidents(request) };
  }

  lastIncident() {
    return this.store.lastIncident();
  }

  /** Newest first, or why there are none to read (a read-only store without its file, or a read that failed). */
  stateChanges(limit: number, environments?: readonly string[]): { changes: RecordedStateChange[] } | { unavailable: string } {
    if (this.store.unreadable !== null) return { unavailable: this.store.unreadable };
    try {
      return { changes: this.store.stateChanges(limit, environments) };
    } catch (error) {
      return { unavailable: (error as Error).message };
    }
  }

  /** The newest recorded check of a database at `endpoint` (its public form), or null. */
  lastCheck(environment: EnvironmentId, database: string, endpoint: string): RecordedCheck | null {
    try {
      return this.store.lastCheck({ environment, database, endpoint });
    } catch {
      return null;
    }
  }

  close(): void {
    this.store.close();
  }
}
