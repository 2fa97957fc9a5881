/**
 * `walltrack-monitor history` and `incidents`: read the durable record through a core that is never
 * started (no check runs, no client opens) and that has no keychain (nothing here needs a secret).
 */
import { DATABASE_KINDS } from '../common/databases.js';
import type { ChartRange, HistoryView, Incident, IncidentList } from '../common/history.js';
import type { DatabaseId, DatabaseStatus, EnvironmentStatus, Snapshot } from '../common/schemas.js';
import type { SecretVault } from '../core/credentials/CredentialVault.js';
import { createMonitorCore } from '../core/createMonitorCore.js';
import { CredentialStoreError } from '../core/errors.js';
import type { Logger } from '../core/logging.js';
import type { MonitorCore } from '../core/MonitorCore.js';
import { selectEnvironments, type CoreFactory } from './check.js';
import { chooseConfig } from './configSource.js';
import { formatDuration } from '../common/duration.js';

/** Any use is a bug: reading the record must never unlock (or wait for) the keychain. */
const refuse = () => Promise.reject(new CredentialStoreError('history and incidents do not read the keychain'));
const NO_KEYCHAIN: SecretVault = { get: refuse, set: refuse, delete: refuse, has: refuse, readAccount: refuse, writeAccount: refuse, deleteAccount: refuse };

export interface RecordCoreOptions {
  env: NodeJS.ProcessEnv;
  dataDir: string;
  logger: Logger;
  configFile?: string | undefined;
  createCore?: CoreFactory;
}

/** The same configuration sources as `check` (so the same environments), without start(). Stop it when done. */
export function openRecordCore(options: RecordCoreOptions): MonitorCore {
  const override = chooseConfig({ env: options.env, configFile: options.configFile });
  return (options.createCore ?? createMonitorCore)({
    dataDir: options.dataDir,
    logger: options.logger,
    vault: NO_KEYCHAIN,
    ...(override ? { env: override } : {}),
  });
}

/** The selected environments (all by default), in settings order; a ConfigurationError naming the known ids otherwise. */
function environmentsOf(snapshot: Snapshot, wanted: string[]): EnvironmentStatus[] {
  const ids = selectEnvironments(
    snapshot.environments.map((e) => e.id),
    wanted,
  );
  return snapshot.environments.filter((e) => ids.includes(e.id));
}

export interface HistoryEntry {
  environment: EnvironmentStatus;
  status: DatabaseStatus | undefined;
  view: HistoryView;
  /** The newest recorded check, when the core does not know the current state (it is never started here). */
  lastCheck?: { state: string; at: string };
}

/** The newest raw check of the last hour with its state, if any. */
function lastCheckOf(core: MonitorCore, environment: string, database: DatabaseId, view: HistoryView): HistoryEntry['lastCheck'] {
  const raw = view.range === '1h' ? view : core.getHistory({ environment, database, range: '1h' });
  const point = raw.points.findLast((p) => p.state !== undefined);
  return point ? { state: point.state!, at: point.at } : undefined;
}

/** One view per selected environment and database (each monitored database in registry order, or only `database`). */
export function readHistory(core: MonitorCore, { environments, database, range }: { environments: string[]; database?: DatabaseId; range: ChartRange }): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  for (const env of environmentsOf(core.snapshot(), environments)) {
    const databases = database ? [database] : DATABASE_KINDS.map((k) => k.id).filter((id) => env.databases[id] !== undefined);
    for (const id of databases) {
      const status = env.databases[id];
      const view = core.getHistory({ environment: env.id, database: id, range });
      const lastCheck = status?.since ? undefined : lastCheckOf(core, env.id, id, view);
      entries.push({ environment: env, status, view, ...(lastCheck ? { lastCheck } : {}) });
    }
  }
  return entries;
}

/** Newest first across the selected environments, at most `limit`. */
export function readIncidents(core: MonitorCore, request: { environments: string[]; database?: DatabaseId; since?: string; limit: number }): IncidentList {
  const { database, since, limit } = request;
  const filter = { ...(database ? { database } : {}), ...(since ? { since } : {}), limit };
  if (request.environments.length === 0) return core.getIncidents(filter);
  const incidents = environmentsOf(core.snapshot(), request.environments).flatMap((env) => core.getIncidents({ ...filter, environment: env.id }).incidents);
  incidents.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  return { incidents: incidents.slice(0, limit) };
}

const SINCE_UNITS_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const MAX_SINCE_DAYS = 400;

/** "30m", "24h", "7d" → the ISO time that long before `now`; null when `text` is not such a duration. */
export function sinceDuration(text: string, now = Date.now()): string | null {
  const m = /^([1-9]\d{0,5})([mhd])$/.exec(text.trim());
  if (!m) return null;
  const ms = Number(m[1]) * SINCE_UNITS_MS[m[2] as keyof typeof SINCE_UNITS_MS];
  return ms > MAX_SINCE_DAYS * SINCE_UNITS_MS.d ? null : new Date(now - ms).toISOString();
}
export const SINCE_DURATION_HELP = `a duration: minutes, hours or days, e.g. 30m, 24h, 7d (at most ${MAX_SINCE_DAYS}d)`;

// ---- text output for people ----

/** "2026-12-02 02:13:05" in the time zone of TZ (or the system's). */
export function localTime(iso: string, timeZone?: string): string {
  const format = new Intl.DateTimeFormat('sv-SE', { timeZone: timeZone || undefined, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  return format.format(new Date(iso));
}

/** "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
const PERIOD: Record<string, string> = { '1h': '1 h', '24h': '24 h', '7d': '7 d', '30d': '30 d', '365d': '365 d' };

function percent(ratio: number): string {
  // Two decimals: 99.95 % and 100 % must not both read "100 %".
  const value = Math.floor(ratio * 10_000 + 1e-6) / 100;
  return `${value} %`;
}

function rangeSummary(view: HistoryView): string {
  const checks = view.points.reduce((n, p) => n + p.checks, 0);
  const failed = view.points.reduce((n, p) => n + p.failed, 0);
  const latencies = view.points.filter((p) => p.latencyMs !== null);
  const answered = latencies.reduce((n, p) => n + (p.checks - p.failed), 0);
  const avg = answered ? latencies.reduce((sum, p) => sum + p.latencyMs! * (p.checks - p.failed), 0) / answered : null;
  const ms = (v: number) => `${Math.round(v)} ms`;
  const latency = latencies.length
    ? `latency min ${ms(Math.min(...latencies.map((p) => p.latencyMs!)))} / avg ${ms(avg ?? 0)} / max ${ms(Math.max(...latencies.map((p) => p.latencyMs!)))}`
    : 'no latency (nothing answered)';
  const step = view.stepSec === 0 ? 'checks' : view.stepSec === 60 ? 'minutes' : 'hours';
  return `${view.points.length} points (${step}), ${checks} checks, ${failed} failed, ${latency}`;
}

function stateLine({ status, lastCheck }: HistoryEntry, now: number, timeZone?: string): string {
  if (!status) return 'not monitored';
  if (!status.since) return lastCheck ? `last recorded check: ${lastCheck.state} at ${localTime(lastCheck.at, timeZone)}` : 'no check recorded in the last hour';
  return `${status.status} since ${localTime(status.since, timeZone)} (for ${formatDuration(now - Date.parse(status.since))})`;
}

/** One block per environment and database: state, uptime and checks per period, the range's summary. */
export function formatHistory(entries: HistoryEntry[], { now = Date.now(), timeZone }: { now?: number; timeZone?: string } = {}): string {
  if (entries.length === 0) return 'No database is monitored in the selected environments.\n';
  const blocks = entries.map((entry) => {
    const { environment, status, view } = entry;
    const label = status?.label ?? DATABASE_KINDS.find((k) => k.id === view.database)?.label ?? view.database;
    const uptime = view.uptime.map((u) => `${u.ratio === null ? '-' : percent(u.ratio)} (${PERIOD[u.window]})`).join('  ');
    const checks = view.uptime.map((u) => `${u.checks} (${PERIOD[u.window]})`).join('  ');
    return [
      `${environment.name} / ${label}${view.endpoint ? `  ${view.endpoint}` : ''}`,
      `  state      ${stateLine(entry, now, timeZone)}`,
      `  uptime     ${uptime}`,
      `  checks     ${checks}`,
      `  last ${PERIOD[view.range]!.padEnd(6)}${rangeSummary(view)}; ${view.recoveredRetries} failed checks recovered on a retry`,
    ].join('\n');
  });
  return blocks.join('\n\n') + '\n';
}

function incidentRow(incident: Incident, names: Map<string, string>, timeZone?: string): string[] {
  const label = DATABASE_KINDS.find((k) => k.id === incident.database)?.label ?? incident.database;
  const duration = incident.endedAt === null || incident.durationMs === null ? 'ongoing' : formatDuration(incident.durationMs);
  return [names.get(incident.environment) ?? incident.environment, label, localTime(incident.startedAt, timeZone), duration, incident.kind ?? '-', incident.message ?? ''];
}

/** A table, newest first: environment, database, start (local time), duration or "ongoing", kind, message. */
export function formatIncidents(list: IncidentList, snapshot: Snapshot, { timeZone }: { timeZone?: string } = {}): string {
  if (list.incidents.length === 0) return 'No incidents recorded for this selection.\n';
  const names = new Map(snapshot.environments.map((e) => [e.id, e.name]));
  const rows = [['ENVIRONMENT', 'DATABASE', 'STARTED', 'DURATION', 'KIND', 'MESSAGE'], ...list.incidents.map((i) => incidentRow(i, names, timeZone))];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]! + 2))).join('').trimEnd()).join('\n') + '\n';
}
