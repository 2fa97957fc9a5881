/**
 * The one diagnostics report every host hands out (tray, status window, `walltrack-monitor diagnostics`):
 * plain text in sections, lines of at most 100 columns where a word allows, the same order every time
 * (settings order, then the registry's), times in UTC, and no secret (see ./redactReport.ts).
 */
import { attentionText } from '../../common/attention.js';
import { wrap } from '../../common/columns.js';
import { DIAGNOSTICS_MAX_CHARS } from '../../common/contract.js';
import { DATABASE_KINDS, kindSecrets, type DatabaseKind } from '../../common/databases.js';
import { hintText, type HintHost } from '../../common/hints.js';
import type { MaintenanceWindow } from '../../common/maintenance.js';
import type { DatabaseStatus, EnvironmentStatus, Snapshot } from '../../common/schemas.js';
import type { Settings } from '../../common/settings-schema.js';
import { stateText } from '../../common/hints.js';
import type { MonitorSettings } from '../monitor/types.js';
import type { RecordedStateChange } from '../history/stateChanges.js';
import { redactReport } from './redactReport.js';

export const DIAGNOSTICS_HEADING = 'WallTrack Monitor diagnostics';
export const STATE_CHANGES_SHOWN = 50;

export type HostMode = 'electron' | 'browser' | 'cli';

/** Per environment, per secret name: "stored", "missing", or "unreadable: <why>". Never a value. */
export type SecretStates = Record<string, Record<string, string>>;

export interface DiagnosticsInput {
  generatedAt: string;
  version: string;
  host: HostMode;
  system: { platform: string; release: string; arch: string; node: string; electron: string | null };
  dataDir: string;
  /** Where the settings come from, e.g. "saved settings and OS keychain", "environment variables". */
  configSource: string;
  settings: Settings;
  /** The settings the monitor runs with (saved ones plus any flags such as --interval). */
  monitor: MonitorSettings;
  secrets: SecretStates;
  /** Databases this process has not checked carry their last recorded check instead (the CLI's). */
  snapshot: Snapshot;
  recorded: ReadonlySet<string>;
  hintHost: (environmentId: string) => HintHost;
  stateChanges: { changes: RecordedStateChange[] } | { unavailable: string };
  /** Every secret value this process holds, for the last pass: none may appear. */
  secretValues: readonly string[];
}

export const recordedKey = (environment: string, database: string) => `${environment}/${database}`;

export function formatDiagnostics(input: DiagnosticsInput): string {
  const sections = [
    heading(input),
    application(input),
    monitorSection(input.monitor),
    environments(input),
    targets(input),
    attention(input.snapshot),
    stateChanges(input),
  ];
  return bound(redactReport(sections.map((s) => s.join('\n')).join('\n\n') + '\n', input.secretValues));
}

function heading(input: DiagnosticsInput): string[] {
  return [DIAGNOSTICS_HEADING, '='.repeat(DIAGNOSTICS_HEADING.length), `Generated: ${input.generatedAt}`];
}

function section(title: string): string[] {
  return [`== ${title} ==`];
}

function application({ version, host, system, dataDir, configSource }: DiagnosticsInput): string[] {
  return [
    ...section('Application'),
    `Version:     ${version}`,
    `Host:        ${host}`,
    `OS:          ${system.platform} ${system.release} ${system.arch}`,
    `Node:        ${system.node}`,
    `Electron:    ${system.electron ?? '-'}`,
    ...wrap(dataDir, 'Data folder: ', '             ', LONG),
    ...wrap(configSource, 'Settings:    ', '             ', LONG),
  ];
}

/** Reports keep every word: a path or a URL is never cut. */
const LONG = { maxLines: Infinity, keepLongWords: true };

function monitorSection(monitor: MonitorSettings): string[] {
  return [...section('Monitor settings'), ...Object.entries(monitor).map(([key, value]) => `${key}: ${String(value)}`)];
}

function environments({ settings, secrets }: DiagnosticsInput): string[] {
  const lines = [...section('Environments and settings (no secrets: only whether each is stored)')];
  for (const env of settings.environments) {
    lines.push(`${env.name} (${env.id})${env.colour ? ` colour ${env.colour}` : ''}`);
    for (const kind of kindsOf(env.databases)) {
      const fields = env.databases[kind.id]!;
      lines.push(`  ${kind.label}`);
      for (const field of [kind.endpoint, ...kind.options]) lines.push(...wrap(fields[field.key] ?? '-', `    ${field.label}: `, '      ', LONG));
      for (const secret of kindSecrets(kind)) lines.push(`    ${kind.label} ${secret.label}: ${secrets[env.id]?.[secret.name] ?? 'missing'}`);
    }
    for (const w of env.maintenance ?? []) lines.push(...wrap(maintenanceText(w), '  Maintenance: ', '    ', LONG));
  }
  lines.push(...Object.entries(settings.app).map(([key, value]) => `App ${key}: ${String(value)}`));
  return lines;
}

function maintenanceText(w: MaintenanceWindow): string {
  const when = w.kind === 'once' ? `${w.from} to ${w.to}` : `weekly ${w.day} ${w.start}–${w.end} ${w.timeZone}`;
  return `"${w.label}" ${when}${w.database ? ` (${w.database} only)` : ''}`;
}

function targets({ snapshot, recorded, hintHost }: DiagnosticsInput): string[] {
  const lines = [...section('Targets (each database\'s last result)')];
  for (const env of snapshot.environments) {
    for (const db of databasesOf(env)) {
      const from = recorded.has(recordedKey(env.id, db.database)) ? ' (last recorded check)' : db.checkedAt === null ? ' (no check recorded)' : '';
      lines.push(`${env.name} / ${db.label}: ${stateText(db)}${from}`);
      lines.push(...wrap(db.target ?? '-', '  Target: ', '    ', LONG));
      const latency = db.latencyMs === null ? '-' : `${Math.round(db.latencyMs)} ms`;
      lines.push(`  Kind: ${db.kind ?? '-'}  Latency: ${latency}  Checked: ${db.checkedAt ?? 'not yet'}  Since: ${db.since ?? '-'}`);
      if (env.paused) lines.push(`  Paused${env.paused.until ? ` until ${env.paused.until}` : ' until resumed'}`);
      if (db.message) lines.push(...wrap(db.message, '  Message: ', '    ', LONG));
      const hint = hintText(db, hintHost(env.id));
      if (hint) lines.push(...wrap(hint, '  What to do: ', '    ', LONG));
    }
  }
  return lines;
}

function attention(snapshot: Snapshot): string[] {
  const lines = [...section('Attention (acknowledged, muted, maintenance)')];
  for (const env of snapshot.environments) {
    for (const db of databasesOf(env)) {
      const text = attentionText(db, (iso) => iso);
      if (text) lines.push(`${env.name} / ${db.label}: ${text}`);
    }
  }
  if (lines.length === 1) lines.push('none');
  return lines;
}

function stateChanges({ stateChanges: read, snapshot }: DiagnosticsInput): string[] {
  const lines = [...section(`State changes (the last ${STATE_CHANGES_SHOWN}, newest first, from the history)`)];
  if ('unavailable' in read) return [...lines, ...wrap(read.unavailable, 'history unavailable: ', '  ', LONG)];
  const names = new Map(snapshot.environments.map((e) => [e.id, e.name]));
  for (const c of read.changes) {
    const label = DATABASE_KINDS.find((k) => k.id === c.database)?.label ?? c.database;
    lines.push(...wrap(`${c.at} ${names.get(c.environment) ?? c.environment} / ${label}: ${c.from} -> ${c.to}${c.kind ? ` (${c.kind})` : ''} at ${c.endpoint}`, '', '  ', LONG));
  }
  if (read.changes.length === 0) lines.push('none recorded');
  return lines;
}

function kindsOf(databases: Record<string, unknown>): DatabaseKind[] {
  return DATABASE_KINDS.filter((k) => databases[k.id] !== undefined);
}

/** Registry order; a kind the environment does not monitor has no entry. */
function databasesOf(env: EnvironmentStatus): DatabaseStatus[] {
  return DATABASE_KINDS.map((k) => env.databases[k.id]).filter((s): s is DatabaseStatus => s !== undefined);
}

/** Cut at a line end, with a line that says so, so the whole stays within the contract's bound. */
function bound(report: string): string {
  if (report.length <= DIAGNOSTICS_MAX_CHARS) return report;
  const note = `… truncated: the report was ${report.length} characters, over the limit of ${DIAGNOSTICS_MAX_CHARS}; the rest is left out\n`;
  const room = DIAGNOSTICS_MAX_CHARS - note.length;
  const end = report.lastIndexOf('\n', room - 1) + 1;
  return report.slice(0, end) + note;
}
