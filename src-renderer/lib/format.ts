/** Words, marks and numbers shown for states: the word and mark carry the meaning, colour only repeats it. */
import { DATABASE_KINDS } from '../../src-main/common/databases.js';
import type { DatabaseId, DatabaseState, DatabaseStatus, EnvironmentStatus, OverallStatus, Snapshot } from '../../src-main/common/schemas.js';
import type { Uptime, UptimeWindow } from '../../src-main/common/history.js';
import { formatDuration } from '../../src-main/common/duration.js';
import { OVERALL_STATES, STATE_MARKS, STATE_TONES, STATE_WORDS, type Tone } from '../../src-main/common/stateWords.js';

/** One home for durations (the tray and the CLI use it too); re-exported for the windows. */
export { formatDuration };

/** For forms that have no DatabaseStatus to read a label from; the status window uses DatabaseStatus.label. */
export const DATABASE_LABELS = Object.fromEntries(DATABASE_KINDS.map((k) => [k.id, k.label])) as Record<DatabaseId, string>;

/** One home for state words, marks and tones (the CLI uses them too); re-exported for the windows. */
export { STATE_MARKS, STATE_TONES, STATE_WORDS, type Tone };

export const OVERALL_TONES = Object.fromEntries(Object.entries(OVERALL_STATES).map(([overall, state]) => [overall, STATE_TONES[state]])) as Record<OverallStatus, Tone>;

/** What is wrong in one environment, e.g. "Neo4j down", naming databases by their snapshot label. */
export function environmentHeadline(env: Pick<EnvironmentStatus, 'status' | 'databases'>): string {
  const dbs = Object.values(env.databases).filter((d): d is DatabaseStatus => d !== undefined);
  const names = (pred: (s: DatabaseState) => boolean): string =>
    dbs.filter((d) => pred(d.status)).map((d) => d.label).join(' and ');
  switch (env.status) {
    case 'ok':
      return 'All databases healthy';
    case 'down':
      return `${names((s) => s === 'down')} down`;
    case 'degraded':
      if (dbs.some((d) => d.status === 'retrying')) return `${names((s) => s === 'degraded' || s === 'retrying' || s === 'recovering')} having trouble`;
      if (dbs.some((d) => d.status === 'recovering')) return `${names((s) => s === 'degraded' || s === 'recovering')} recovering`;
      return `${names((s) => s === 'degraded')} slow`;
    case 'unconfigured':
      return dbs.length ? `${names((s) => s === 'not_configured')} not configured — open Settings` : 'No databases set up — open Settings';
    case 'unknown':
      return 'Checking databases…';
  }
}

/** Environments named in the banner before the rest are only counted, so it stays one or two lines. */
const NAMED_IN_BANNER = 2;

/**
 * The banner's sentence. One environment reads as before ("Neo4j down"); with several, each environment
 * with a problem is named with its problem, worst first (`environments` comes in problems-first order).
 */
export function overallHeadline(snapshot: Pick<Snapshot, 'status'>, environments: readonly EnvironmentStatus[]): string {
  if (environments.length === 0) return 'No environments set up — open Settings';
  if (environments.length === 1) return environmentHeadline(environments[0]!);
  if (snapshot.status === 'ok') return 'All databases healthy';
  if (snapshot.status === 'unknown') return 'Checking databases…';
  const problems = environments.filter((e) => e.status !== 'ok' && e.status !== 'unknown');
  const named = problems.slice(0, NAMED_IN_BANNER).map((e) => `${e.name}: ${environmentHeadline(e)}`);
  const more = problems.length - named.length;
  return named.join('; ') + (more > 0 ? `; ${more} more ${more === 1 ? 'environment' : 'environments'} with problems` : '');
}

export function formatLatency(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 10_000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

export function formatUptime(pct: number | null | undefined): string {
  if (pct === null || pct === undefined) return '—';
  return pct === 100 ? '100 %' : `${pct.toFixed(pct >= 99 ? 2 : 1)} %`;
}

/** "just now", "12 s ago", "3 min ago", "2 h ago"; "never" when not checked yet. */
export function formatRelative(iso: string | null, nowMs: number): string {
  if (!iso) return 'never';
  const sec = Math.max(0, Math.round((nowMs - Date.parse(iso)) / 1000));
  if (sec < 2) return 'just now';
  if (sec < 60) return `${sec} s ago`;
  const min = Math.floor(sec / 60);
  if (min < 60) return `${min} min ago`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} days ago`;
}

export function formatClock(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** "Recovering (1/2)": the badge word, with the successes so far while a database recovers (flap control). */
export function stateWord(state: DatabaseState, recovery?: { successes: number; needed: number }): string {
  return recovery && state === 'recovering' ? `${STATE_WORDS[state]} (${recovery.successes}/${recovery.needed})` : STATE_WORDS[state];
}

/** "Down for 12 min": the state and how long it has lasted (the duration part is what a <time> carries). */
export function stateDuration(state: DatabaseState, sinceIso: string, nowMs: number): { word: string; duration: string } {
  return { word: `${STATE_WORDS[state]} for`, duration: formatDuration(nowMs - Date.parse(sinceIso)) };
}

/** The period an uptime value is over, written next to it: "24 h", "7 d". */
export const UPTIME_PERIOD_WORDS: Record<UptimeWindow, string> = { '24h': '24 h', '7d': '7 d', '30d': '30 d', '365d': '365 d' };

/** An uptime ratio as shown, or "—" with why there is no value. */
export function uptimeText(uptime: Uptime | undefined): { value: string; reason?: string } {
  if (!uptime) return { value: '—', reason: 'not loaded yet' };
  // The period is written next to the value already (UPTIME_PERIOD_WORDS).
  if (uptime.ratio === null) return { value: '—', reason: 'no checks in this period' };
  return { value: formatUptime(uptime.ratio * 100) };
}
