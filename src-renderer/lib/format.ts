/** Words, marks and numbers shown for states: the word and mark carry the meaning, colour only repeats it. */
import type { DatabaseId, DatabaseState, OverallStatus, Snapshot } from '../../src-main/common/schemas.js';

export const DATABASE_LABELS: Record<DatabaseId, string> = { supabase: 'Supabase', neo4j: 'Neo4j' };

export const STATE_WORDS: Record<DatabaseState, string> = {
  healthy: 'Healthy',
  degraded: 'Slow',
  retrying: 'Retrying',
  down: 'Down',
  not_configured: 'Not configured',
  unknown: 'Checking…',
};

/** A distinct shape per state so the badge reads without colour (and in forced-colours mode). */
export const STATE_MARKS: Record<DatabaseState, string> = {
  healthy: '✓',
  degraded: '◐',
  retrying: '↻',
  down: '✕',
  not_configured: '–',
  unknown: '…',
};

/** Colour family per state, used as a CSS class suffix. */
export type Tone = 'good' | 'warn' | 'bad' | 'neutral';
export const STATE_TONES: Record<DatabaseState, Tone> = {
  healthy: 'good',
  degraded: 'warn',
  retrying: 'warn',
  down: 'bad',
  not_configured: 'neutral',
  unknown: 'neutral',
};

export const OVERALL_TONES: Record<OverallStatus, Tone> = {
  ok: 'good',
  degraded: 'warn',
  down: 'bad',
  unconfigured: 'neutral',
  unknown: 'neutral',
};

export function overallHeadline(snapshot: Snapshot): string {
  const dbs = Object.entries(snapshot.databases) as [DatabaseId, Snapshot['databases'][DatabaseId]][];
  const names = (pred: (s: DatabaseState) => boolean): string =>
    dbs.filter(([, d]) => pred(d.status)).map(([id]) => DATABASE_LABELS[id]).join(' and ');
  switch (snapshot.status) {
    case 'ok':
      return 'All databases healthy';
    case 'down':
      return `${names((s) => s === 'down')} down`;
    case 'degraded':
      return `${names((s) => s === 'degraded' || s === 'retrying')} ${dbs.some(([, d]) => d.status === 'retrying') ? 'having trouble' : 'slow'}`;
    case 'unconfigured':
      return `${names((s) => s === 'not_configured')} not configured — open Settings`;
    case 'unknown':
      return 'Checking databases…';
  }
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
