import { describe, expect, it } from 'vitest';
import type { EnvironmentStatus } from '../../../src-main/common/schemas.js';
import { bannerFreshness, cardFreshness, environmentFreshness, freshnessSentence } from '../../../src-renderer/lib/freshnessWords.js';
import { env, status } from './fixtures.js';

/** A test clock that prints the UTC hour and minute as written in the ISO string. */
const utc = (iso: string) => iso.slice(11, 16);
const SNAPSHOT = { staleAfterMs: 65_000, checkedAt: '2026-01-01T12:00:00.000Z' };
/** 30 s after every fixture check: fresh. */
const FRESH = Date.parse('2026-01-01T12:00:30.000Z');
const paused = (e: EnvironmentStatus): EnvironmentStatus => ({ ...e, paused: { until: null } });

describe('freshness in words', () => {
  it('words each kind as the cards show it', () => {
    expect(freshnessSentence({ kind: 'paused', lastKnown: 'healthy', at: '2026-01-01T14:02:00.000Z' }, utc)).toBe('Paused — last known: Healthy 14:02');
    expect(freshnessSentence({ kind: 'paused', lastKnown: 'down', at: '2026-01-01T14:02:00.000Z' }, utc)).toBe('Paused — last known: Down 14:02');
    expect(freshnessSentence({ kind: 'paused', lastKnown: 'unknown', at: null }, utc)).toBe('Paused — not checked yet');
    expect(freshnessSentence({ kind: 'stale', lastKnown: 'healthy', at: '2026-01-01T14:02:00.000Z' }, utc)).toBe('Stale — last result 14:02');
    expect(freshnessSentence({ kind: 'lost', lastKnown: 'healthy', since: '2026-01-01T14:05:00.000Z' }, utc)).toBe('Unknown — connection lost since 14:05');
  });

  it("takes a card's freshness from its environment's pause, the snapshot's stale bound and the connection", () => {
    const live = env('prod', { neo4j: 'healthy' });
    const db = live.databases.neo4j!;
    expect(cardFreshness(db, live, SNAPSHOT, { now: FRESH, connectionLostSince: null })).toEqual({ kind: 'live' });
    expect(cardFreshness(db, paused(live), SNAPSHOT, { now: FRESH, connectionLostSince: null }).kind).toBe('paused');
    expect(cardFreshness(db, live, SNAPSHOT, { now: Date.parse('2026-01-01T12:01:05.001Z'), connectionLostSince: null })).toEqual({
      kind: 'stale',
      lastKnown: 'healthy',
      at: '2026-01-01T12:00:00.000Z',
    });
    expect(cardFreshness(db, live, SNAPSHOT, { now: FRESH, connectionLostSince: '2026-01-01T12:00:20.000Z' }).kind).toBe('lost');
  });
});

describe('the banner follows the cards', () => {
  const prod = env('prod', { supabase: 'healthy', neo4j: 'healthy' }, 'ok', 'Production');
  const dev = env('dev', { supabase: 'healthy', neo4j: 'healthy' }, 'ok', 'Development');
  const headline = 'All databases healthy';
  const view = (now = FRESH, connectionLostSince: string | null = null) => ({ now, connectionLostSince });

  it('stands as it is only while every configured database is live', () => {
    expect(bannerFreshness(SNAPSHOT, [prod, dev], view(), headline, utc)).toEqual({ kind: 'live', text: null });
  });

  it('says paused with the last known headline when everything is paused, never "All databases healthy"', () => {
    expect(bannerFreshness(SNAPSHOT, [paused(prod), paused(dev)], view(), headline, utc)).toEqual({ kind: 'paused', text: 'Paused — last known: Healthy 12:00' });
    expect(bannerFreshness(SNAPSHOT, [paused(prod)], view(), 'Neo4j down', utc)).toEqual({ kind: 'paused', text: 'Paused — last known: Neo4j down 12:00' });
  });

  it('names the paused environments when only some are paused', () => {
    expect(bannerFreshness(SNAPSHOT, [prod, paused(dev)], view(), headline, utc)).toEqual({ kind: 'partly-paused', text: 'Paused: Development' });
  });

  it('says stale with the oldest result once a result is older than staleAfterMs, and lost above all', () => {
    const late = Date.parse('2026-01-01T12:01:06.000Z');
    expect(bannerFreshness(SNAPSHOT, [prod, paused(dev)], view(late), headline, utc)).toEqual({ kind: 'stale', text: 'Stale — last result 12:00' });
    expect(bannerFreshness(SNAPSHOT, [paused(prod)], view(late, '2026-01-01T12:00:40.000Z'), headline, utc)).toEqual({
      kind: 'lost',
      text: 'Unknown — connection lost since 12:00',
    });
  });

  it('lets a database that is not configured stay out of it, and gives a section the least current state', () => {
    const unset = env('qa', { supabase: 'not_configured' }, 'unconfigured', 'QA');
    expect(bannerFreshness(SNAPSHOT, [prod, unset], view(), headline, utc).kind).toBe('live');
    expect(environmentFreshness(paused(prod), SNAPSHOT, view())?.kind).toBe('paused');
    // Paused outranks stale (freshness() decides): a paused section is expected to have old results.
    expect(environmentFreshness(paused(prod), SNAPSHOT, view(Date.parse('2026-01-01T12:05:00.000Z')))?.kind).toBe('paused');
    expect(environmentFreshness(prod, SNAPSHOT, view(Date.parse('2026-01-01T12:05:00.000Z')))?.kind).toBe('stale');
    expect(environmentFreshness(prod, SNAPSHOT, view(FRESH, '2026-01-01T12:00:10.000Z'))?.kind).toBe('lost');
    expect(environmentFreshness(prod, SNAPSHOT, view())).toBeUndefined();
    expect(status('healthy').checkedAt).toBe(SNAPSHOT.checkedAt);
  });
});
