/**
 * One table of state → word, mark and colour (common/stateWords.ts): the status window's badge and banner,
 * the tray and the CLI each say every state as the table says it, so they cannot drift apart.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SnapshotSchema, type DatabaseState, type OverallStatus } from '../../../src-main/common/schemas.js';
import { describeDatabase } from '../../../src-main/electron/trayModel.js';
import { stateText } from '../../../src-main/common/hints.js';
import { OverallBanner } from '../../../src-renderer/status/OverallBanner.js';
import { StateBadge } from '../../../src-renderer/status/StateBadge.js';
import { env, status } from './fixtures.js';

/** Each surface per state, written out: badge (mark, word, tone), tray (a down/retrying one failed with "connection refused"), CLI. */
const EXPECTED: Record<DatabaseState, { mark: string; word: string; tone: string; tray: string; cli: string }> = {
  healthy: { mark: '✓', word: 'Healthy', tone: 'good', tray: 'ok 12 ms', cli: '✓ Healthy' },
  degraded: { mark: '◐', word: 'Slow', tone: 'warn', tray: 'slow 12 ms', cli: '◐ Slow' },
  retrying: { mark: '↻', word: 'Retrying', tone: 'warn', tray: 'retrying: connection refused', cli: '↻ Retrying — connection refused' },
  down: { mark: '✕', word: 'Down', tone: 'bad', tray: 'down: connection refused', cli: '✕ Down — connection refused' },
  recovering: { mark: '↗', word: 'Recovering', tone: 'warn', tray: 'recovering', cli: '↗ Recovering' },
  not_configured: { mark: '–', word: 'Not configured', tone: 'neutral', tray: 'not configured', cli: '– Not configured' },
  unknown: { mark: '…', word: 'Checking…', tone: 'neutral', tray: 'not checked yet', cli: '… Checking…' },
};

const failing = (state: DatabaseState) => (state === 'down' || state === 'retrying' ? { kind: 'refused' as const } : {});

describe('every surface says a state the same way', () => {
  for (const [state, want] of Object.entries(EXPECTED) as [DatabaseState, (typeof EXPECTED)[DatabaseState]][]) {
    it(`${state}: badge "${want.mark} ${want.word}", tray "${want.tray}", CLI "${want.cli}"`, () => {
      const badge = renderToStaticMarkup(<StateBadge state={state} />);
      expect(badge).toContain(`<span class="badge tone-${want.tone}"`);
      expect(badge).toContain(`<span class="badge-mark" aria-hidden="true">${want.mark}</span><span class="badge-word">${want.word}</span>`);
      expect(describeDatabase(status(state, failing(state)))).toBe(want.tray);
      expect(stateText(status(state, failing(state)))).toBe(want.cli);
    });
  }

  /** The banner's mark for the whole is the mark of the state it sums up. */
  const BANNER: Record<Exclude<OverallStatus, 'unconfigured'>, { mark: string; tone: string; neo4j: DatabaseState }> = {
    ok: { mark: '✓', tone: 'good', neo4j: 'healthy' },
    degraded: { mark: '◐', tone: 'warn', neo4j: 'degraded' },
    down: { mark: '✕', tone: 'bad', neo4j: 'down' },
    unknown: { mark: '…', tone: 'neutral', neo4j: 'unknown' },
  };
  for (const [overall, want] of Object.entries(BANNER)) {
    it(`banner for "${overall}" shows ${want.mark} in tone ${want.tone}`, () => {
      const environments = [env('prod', { neo4j: want.neo4j }, overall as OverallStatus)];
      const snapshot = SnapshotSchema.parse({
        status: overall,
        version: '0.1.0',
        checkedAt: '2026-01-01T12:00:00.000Z',
        paused: null,
        staleAfterMs: 65_000,
        lastIncident: null,
        environments,
      });
      const html = renderToStaticMarkup(<OverallBanner snapshot={snapshot} environments={environments} view={{ now: Date.parse('2026-01-01T12:00:30.000Z'), connectionLostSince: null }} />);
      expect(html).toContain(`class="banner tone-${want.tone}"`);
      expect(html).toContain(`<span class="banner-mark" aria-hidden="true">${want.mark}</span>`);
    });
  }
});
