/**
 * How the windows word what freshness() (src-main/common/freshness.ts, the one place that decides it)
 * says about a last result: a paused, stale or disconnected view reads grey with its reason, never green.
 */
import { freshness, type Freshness } from '../../src-main/common/freshness.js';
import type { DatabaseStatus, EnvironmentStatus, Snapshot } from '../../src-main/common/schemas.js';
import { STATE_WORDS, formatClock } from './format.js';

type Clock = (iso: string) => string;
export type NotLive = Exclude<Freshness, { kind: 'live' }>;

/** The badge of a card that cannot show its state as current: a word and a mark of its own, tone neutral. */
export const FRESHNESS_BADGES: Record<NotLive['kind'], { word: string; mark: string }> = {
  paused: { word: 'Paused', mark: '‖' },
  stale: { word: 'Stale', mark: '◷' },
  lost: { word: 'Unknown', mark: '?' },
};

/** Said once for the whole window (banner, tab) when this computer is offline. */
export const OFFLINE_MARK = '⊘';

/** "Paused — last known: Healthy 14:02", "Stale — last result 14:02", "Unknown — connection lost since 14:05". */
export function freshnessSentence(f: NotLive, clock: Clock = formatClock): string {
  switch (f.kind) {
    case 'paused':
      return f.at ? `Paused — last known: ${STATE_WORDS[f.lastKnown]} ${clock(f.at)}` : 'Paused — not checked yet';
    case 'stale':
      return `Stale — last result ${clock(f.at)}`;
    case 'lost':
      return `Unknown — connection lost since ${clock(f.since)}`;
  }
}

export interface ViewState {
  now: number;
  /** When this window lost its host; null while connected. */
  connectionLostSince: string | null;
}

/** One card's freshness, from the snapshot it came in (its environment's pause, the snapshot's stale bound). */
export function cardFreshness(database: DatabaseStatus, env: Pick<EnvironmentStatus, 'paused'>, snapshot: Pick<Snapshot, 'staleAfterMs'>, view: ViewState): Freshness {
  return freshness({ database, paused: env.paused !== null, staleAfterMs: snapshot.staleAfterMs, now: view.now, connectionLostSince: view.connectionLostSince });
}

export interface BannerFreshness {
  /** 'live' = every configured database is current: the headline may stand as it is. */
  kind: 'live' | 'lost' | 'stale' | 'paused' | 'partly-paused';
  /** Replaces the headline ('lost', 'stale', 'paused'), or follows it ('partly-paused'). */
  text: string | null;
}

/**
 * The banner follows the cards: lost beats stale beats paused. Only when every configured database is
 * current may it say "All databases healthy"; a problem among the live ones still leads the banner.
 */
export function bannerFreshness(snapshot: Pick<Snapshot, 'staleAfterMs' | 'checkedAt'>, environments: readonly EnvironmentStatus[], view: ViewState, headline: string, clock: Clock = formatClock): BannerFreshness {
  const cards = environments.flatMap((env) =>
    Object.values(env.databases)
      .filter((d): d is DatabaseStatus => d !== undefined && d.status !== 'not_configured')
      .map((d) => ({ env, f: cardFreshness(d, env, snapshot, view) })),
  );
  if (view.connectionLostSince !== null) return { kind: 'lost', text: `Unknown — connection lost since ${clock(view.connectionLostSince)}` };
  const stale = cards.flatMap((c) => (c.f.kind === 'stale' ? [c.f.at] : [])).sort();
  if (stale.length > 0) return { kind: 'stale', text: `Stale — last result ${clock(stale[0]!)}` };
  const paused = cards.filter((c) => c.f.kind === 'paused');
  if (paused.length > 0 && paused.length === cards.length) {
    const at = snapshot.checkedAt;
    return { kind: 'paused', text: at ? `Paused — last known: ${headlineWord(headline)} ${clock(at)}` : 'Paused — not checked yet' };
  }
  if (paused.length > 0) {
    const names = [...new Set(paused.map((c) => c.env.name))].join(', ');
    return { kind: 'partly-paused', text: `Paused: ${names}` };
  }
  return { kind: 'live', text: null };
}

/** "All databases healthy" reads "Healthy" after "last known:"; a problem headline stays as it is. */
function headlineWord(headline: string): string {
  return headline === 'All databases healthy' ? STATE_WORDS.healthy : headline;
}

const NOT_LIVE_RANK: Record<NotLive['kind'], number> = { lost: 0, stale: 1, paused: 2 };

/** An environment heading's freshness: the least current of its configured databases, or undefined when all are live. */
export function environmentFreshness(env: EnvironmentStatus, snapshot: Pick<Snapshot, 'staleAfterMs'>, view: ViewState): NotLive | undefined {
  let worst: NotLive | undefined;
  for (const d of Object.values(env.databases)) {
    if (!d || d.status === 'not_configured') continue;
    const f = cardFreshness(d, env, snapshot, view);
    if (f.kind !== 'live' && (!worst || NOT_LIVE_RANK[f.kind] < NOT_LIVE_RANK[worst.kind])) worst = f;
  }
  return worst;
}
