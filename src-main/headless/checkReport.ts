/**
 * `check`'s report for people: state words and marks as the windows show them, local time with the
 * age, what to do (runCheck has put it in the words of the configuration source), the library's wording only as
 * "Details", lines of at most 100 columns, colour only when asked for (a TTY without NO_COLOR).
 */
import { DATABASE_KINDS } from '../common/databases.js';
import { detailsNote } from '../common/detailsSummary.js';
import { formatDuration } from '../common/duration.js';
import { MAX_COLUMNS, cut, wrap } from '../common/columns.js';
import { problemHeadline, stateText } from '../common/hints.js';
import type { DatabaseStatus, EnvironmentStatus, OverallStatus, Snapshot } from '../common/schemas.js';
import { OVERALL_STATES, STATE_TONES, type Tone } from '../common/stateWords.js';
import { localTime } from './record.js';

const MAX_NAME_COLUMN = 24;
const MAX_STATE_COLUMN = 42;

/** The whole's word; its colour is that of the state it sums up (OVERALL_STATES). */
const OVERALL_WORDS: Record<OverallStatus, string> = {
  ok: 'OK',
  degraded: 'Degraded',
  down: 'Down',
  unconfigured: 'Not configured',
  unknown: 'Not checked yet',
};

const ANSI: Record<Tone | 'bold', string> = { good: '32', warn: '33', bad: '31', neutral: '90', bold: '1' };

export interface ReportOptions {
  colour: boolean;
  now: number;
  timeZone?: string | undefined;
}

/** NO_COLOR (any non-empty value, no-color.org) and --no-color turn colour off; so does a stream that is not a terminal. */
export function wantsColour(stream: NodeJS.WritableStream, env: NodeJS.ProcessEnv, flag: boolean): boolean {
  return flag && !env.NO_COLOR && Boolean((stream as NodeJS.WriteStream).isTTY);
}

export function formatReport(snapshot: Snapshot, options: ReportOptions): string {
  const paint = (tone: Tone | 'bold', text: string) => (options.colour ? `\x1b[${ANSI[tone]}m${text}\x1b[0m` : text);
  const overall = { word: OVERALL_WORDS[snapshot.status], tone: STATE_TONES[OVERALL_STATES[snapshot.status]] };
  const age = formatDuration(options.now - Date.parse(snapshot.checkedAt));
  const lines = [`WallTrack Monitor ${snapshot.version}: ${paint(overall.tone, overall.word)} (checked ${localTime(snapshot.checkedAt, options.timeZone)}, ${age} ago)`, ''];
  const rows = snapshot.environments.flatMap((env) => databasesOf(env).map((s) => ({ env, s, state: stateText(s) })));
  const envWidth = Math.min(MAX_NAME_COLUMN, Math.max('ENVIRONMENT'.length, ...rows.map((r) => r.env.name.length)) + 2);
  const dbWidth = Math.max('DATABASE'.length, ...DATABASE_KINDS.map((k) => k.label.length)) + 2;
  const stateWidth = Math.min(MAX_STATE_COLUMN, Math.max('STATE'.length, ...rows.map((r) => r.state.length)) + 2);
  const latencyWidth = 10;
  const targetWidth = MAX_COLUMNS - envWidth - dbWidth - stateWidth - latencyWidth;
  lines.push(`${cell('ENVIRONMENT', envWidth)}${cell('DATABASE', dbWidth)}${cell('STATE', stateWidth)}${cell('LATENCY', latencyWidth)}TARGET`);
  const notes: string[] = [];
  for (const { env, s, state } of rows) {
    const latency = s.latencyMs === null ? '-' : `${Math.round(s.latencyMs)} ms`;
    const target = cut(s.target ?? '-', targetWidth);
    const stateCell = cell(state, stateWidth);
    const painted = paint(STATE_TONES[s.status], stateCell.trimEnd()) + ' '.repeat(stateCell.length - stateCell.trimEnd().length);
    lines.push(`${cell(env.name, envWidth)}${cell(s.label, dbWidth)}${painted}${cell(latency, latencyWidth)}${target}`);
    notes.push(...notesOf(env, s, paint));
  }
  if (notes.length) lines.push('', ...notes);
  return lines.join('\n') + '\n';
}

function notesOf(env: EnvironmentStatus, s: DatabaseStatus, paint: (tone: Tone | 'bold', text: string) => string): string[] {
  const out: string[] = [];
  const failed = s.status !== 'healthy' && s.status !== 'degraded' && s.status !== 'unknown';
  const hint = failed ? s.hint : undefined;
  if (failed && (s.message || hint)) {
    out.push(...wrap(`${env.name} / ${s.label}: ${problemHeadline(s)}`, '', '  ').map((l, i) => (i === 0 ? paint('bold', l) : l)));
    if (hint) out.push(...wrap(hint, '  What to do: ', '    '));
    if (s.message) out.push(...wrap(s.message, '  Details: ', '    '));
  }
  const details = detailsNote(s.details);
  if (details) out.push(...wrap(details, `  ${env.name} / ${s.label}: `, '    '));
  return out;
}

function cell(text: string, width: number): string {
  return text.length >= width ? text.slice(0, width - 2) + '… ' : text.padEnd(width);
}

/** Registry order; a kind the environment does not monitor has no row. */
function databasesOf(env: EnvironmentStatus): DatabaseStatus[] {
  return DATABASE_KINDS.map((k) => env.databases[k.id]).filter((s): s is DatabaseStatus => s !== undefined);
}
