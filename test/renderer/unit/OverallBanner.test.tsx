import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SnapshotSchema, type EnvironmentStatus } from '../../../src-main/common/schemas.js';
import type { ViewState } from '../../../src-renderer/lib/freshnessWords.js';
import { OverallBanner } from '../../../src-renderer/status/OverallBanner.js';
import { env } from './fixtures.js';

const FRESH: ViewState = { now: Date.parse('2026-01-01T12:00:30.000Z'), connectionLostSince: null };
const prod = env('prod', { supabase: 'healthy', neo4j: 'healthy' }, 'ok', 'Production');
const dev = env('dev', { supabase: 'healthy', neo4j: 'healthy' }, 'ok', 'Development');
const paused = (e: EnvironmentStatus): EnvironmentStatus => ({ ...e, paused: { until: null } });

function banner(environments: EnvironmentStatus[], view = FRESH, status: 'ok' | 'down' = 'ok') {
  const everyPaused = environments.every((e) => e.paused);
  const snapshot = SnapshotSchema.parse({
    status,
    version: '0.1.0',
    checkedAt: '2026-01-01T12:00:00.000Z',
    paused: everyPaused ? { until: null } : null,
    staleAfterMs: 65_000,
    lastIncident: null,
    environments,
  });
  return renderToStaticMarkup(<OverallBanner snapshot={snapshot} environments={environments} view={view} />);
}

describe('overall banner and freshness', () => {
  it('says "All databases healthy" in green only while every database is live', () => {
    const html = banner([prod, dev]);
    expect(html).toContain('class="banner tone-good"');
    expect(html).toContain('<span class="banner-text">All databases healthy</span>');
  });

  it('is grey and never "All databases healthy" when some environments are paused and the rest are fine', () => {
    const html = banner([prod, paused(dev)]);
    expect(html).toContain('class="banner tone-neutral"');
    expect(html).toContain('data-freshness="partly-paused"');
    expect(html).toContain('<span class="banner-text">No problems where checked; Paused: Development</span>');
  });

  it('keeps a live problem in front when another environment is paused', () => {
    const down = env('prod', { supabase: 'healthy', neo4j: 'down' }, 'down', 'Production');
    const html = banner([down, paused(dev)], FRESH, 'down');
    expect(html).toContain('class="banner tone-bad"');
    expect(html).toContain('<span class="banner-text">Production: Neo4j down</span>');
  });

  it('replaces the headline when everything is paused, stale, or the host is lost', () => {
    expect(banner([paused(prod), paused(dev)])).toMatch(/<span class="banner-text">Paused — last known: Healthy [^<]+<\/span>/);
    expect(banner([prod, dev], { now: Date.parse('2026-01-01T12:02:00.000Z'), connectionLostSince: null })).toMatch(
      /class="banner tone-neutral"[^>]*data-freshness="stale"[\s\S]*<span class="banner-text">Stale — last result [^<]+<\/span>/,
    );
    const lost = banner([paused(prod), paused(dev)], { ...FRESH, connectionLostSince: '2026-01-01T12:00:20.000Z' });
    expect(lost).toMatch(/<span class="banner-text">Unknown — connection lost since [^<]+<\/span>/);
    expect(lost).not.toContain('Checks paused');
    expect(lost).not.toContain('tone-good');
  });
});
