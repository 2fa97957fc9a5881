/**
 * What a browser tab shows of the window's state, so a background tab still tells it: the title
 * ("✕ Neo4j down — WallTrack Monitor", the worst environment named when there are several) and a
 * favicon in the state's colour with its mark. Marks and words come from the windows' one table.
 */
import type { EnvironmentStatus, Snapshot } from '../../src-main/common/schemas.js';
import { OVERALL_MARKS } from '../../src-main/common/stateWords.js';
import { OVERALL_TONES, STATE_MARKS, STATE_WORDS, environmentHeadline, type Tone } from './format.js';
import { FRESHNESS_BADGES, OFFLINE_MARK, bannerFreshness, type ViewState } from './freshnessWords.js';
import { nothingConfigured } from '../../src-main/common/firstRun.js';

export const APP_TITLE = 'WallTrack Monitor';

export interface TabState {
  title: string;
  tone: Tone;
}

const tab = (mark: string, words: string, tone: Tone): TabState => ({ title: `${mark} ${words} — ${APP_TITLE}`, tone });

/** `environments` in problems-first order, as the banner gets them. */
export function tabState(snapshot: Snapshot, environments: readonly EnvironmentStatus[], view: ViewState): TabState {
  const fresh = bannerFreshness(snapshot, environments, view, '');
  if (fresh.kind === 'lost') return tab(FRESHNESS_BADGES.lost.mark, 'Connection lost', 'neutral');
  if (snapshot.connectivity?.online === false) return tab(OFFLINE_MARK, 'Offline', 'neutral');
  if (fresh.kind === 'stale' || fresh.kind === 'paused') return tab(FRESHNESS_BADGES[fresh.kind].mark, FRESHNESS_BADGES[fresh.kind].word, 'neutral');
  if (nothingConfigured(snapshot)) return tab(STATE_MARKS.not_configured, STATE_WORDS.not_configured, 'neutral');
  const status = snapshot.status;
  if (status === 'ok') {
    return fresh.kind === 'partly-paused' ? tab(FRESHNESS_BADGES.paused.mark, 'No problems where checked', 'neutral') : tab(OVERALL_MARKS.ok, 'All healthy', 'good');
  }
  if (status === 'unknown') return tab(OVERALL_MARKS.unknown, STATE_WORDS.unknown, 'neutral');
  if (status === 'unconfigured') return tab(OVERALL_MARKS.unconfigured, STATE_WORDS.not_configured, 'neutral');
  const worst = environments.find((e) => e.status === status) ?? environments[0]!;
  const words = environments.length > 1 ? `${worst.name}: ${environmentHeadline(worst)}` : environmentHeadline(worst);
  return tab(OVERALL_MARKS[status], words, OVERALL_TONES[status]);
}

const DISC: Record<Tone, string> = { good: '#1a7f37', warn: '#9a6700', bad: '#cf222e', neutral: '#6e7781' };
/** The mark drawn as strokes (a glyph would depend on the browser's fonts): ✓, !, ✕ and –. */
const MARK_PATH: Record<Tone, string> = {
  good: 'M9 16.5l4.5 4.5L23 11.5',
  warn: 'M16 8v10M16 23.5v.5',
  bad: 'M10.5 10.5l11 11M21.5 10.5l-11 11',
  neutral: 'M10 16h12',
};

/** The favicon for a tone, as a data: URL (the windows' CSP allows `img-src 'self' data:`). */
export function faviconHref(tone: Tone): string {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="14" fill="${DISC[tone]}"/>` +
    `<path d="${MARK_PATH[tone]}" fill="none" stroke="#fff" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
