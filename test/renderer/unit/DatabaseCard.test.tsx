import { renderToStaticMarkup } from 'react-dom/server';
import { emptyHistoryView } from '../../support/historyViews.js';
import { describe, expect, it } from 'vitest';
import type { ChartRange, HistoryView } from '../../../src-main/common/history.js';
import type { Freshness } from '../../../src-main/common/freshness.js';
import type { DatabaseStatus } from '../../../src-main/common/schemas.js';
import { DatabaseCard } from '../../../src-renderer/status/DatabaseCard.js';
import { status } from './fixtures.js';

/** 12:12 on the fixtures' day: 12 min after a check at 12:00, 72 min after `since` (11:00). */
const NOW = Date.parse('2026-01-01T12:12:00.000Z');
const LIVE: Freshness = { kind: 'live' };

function card(s: DatabaseStatus, opts: { view?: HistoryView | null; freshness?: Freshness; environment?: string; headingLevel?: 2 | 3; range?: ChartRange } = {}) {
  return renderToStaticMarkup(
    <DatabaseCard
      environment={opts.environment ?? 'default'}
      status={s}
      freshness={opts.freshness ?? LIVE}
      now={NOW}
      history={{ view: opts.view === undefined ? null : opts.view, error: null }}
      range={opts.range ?? '1h'}
      onRange={() => undefined}
      headingLevel={opts.headingLevel}
    />,
  );
}

const withUptime = (ratios: [number | null, number | null, number | null, number | null]): HistoryView => ({
  ...emptyHistoryView('default', 'neo4j'),
  uptime: (['24h', '7d', '30d', '365d'] as const).map((window, i) => ({ window, ratio: ratios[i]!, checks: ratios[i] === null ? 0 : 100 })),
});

describe('database card', () => {
  it('shows a healthy database with word, mark, latency, p95, and uptime with its period next to each value', () => {
    const html = card(status('healthy'), { view: withUptime([0.995, 0.9999, 1, 0.98]) });
    expect(html).toContain('data-state="healthy"');
    expect(html).toContain('data-freshness="live"');
    expect(html).toContain('>Healthy<');
    expect(html).toContain('✓');
    expect(html).toContain('12 ms');
    expect(html).toContain('20 ms');
    expect(html).toContain('<dt>Uptime 24 h</dt><dd data-uptime="24h">99.50 %</dd>');
    expect(html).toContain('<dt>Uptime 7 d</dt><dd data-uptime="7d">99.99 %</dd>');
    expect(html).toContain('<dt>Uptime 30 d</dt><dd data-uptime="30d">100 %</dd>');
    expect(html).not.toContain('365 d');
    expect(html).not.toContain('What to do');
  });

  it('says "—" and why when a period has no checks, and that uptime is loading before the history arrives', () => {
    expect(card(status('healthy'), { view: withUptime([0.5, null, null, null]) })).toContain(
      '<dd data-uptime="7d">—<span class="uptime-reason"> no checks in this period</span></dd>',
    );
    expect(card(status('healthy'))).toContain('<dd data-uptime="24h">…<span class="uptime-reason"> loading</span></dd>');
  });

  it('says for how long the database has been in its state, in words and as a <time> of when it began', () => {
    expect(card(status('healthy'))).toContain('<p class="card-since">Healthy for <time dateTime="2026-01-01T11:00:00.000Z"');
    expect(card(status('healthy'))).toMatch(/>1 h 12 min<\/time><\/p>/);
    expect(card(status('down', { since: '2026-01-01T12:00:00.000Z' }))).toMatch(/Down for <time dateTime="2026-01-01T12:00:00.000Z"[^>]*>12 min<\/time>/);
    expect(card(status('healthy', { since: '2025-12-29T12:00:00.000Z' }))).toMatch(/>3 d<\/time>/);
    expect(card(status('healthy', { since: null }))).not.toContain('card-since');
  });

  it('shows a paused database grey, with its last known state and time instead of how long it lasted', () => {
    const html = card(status('healthy'), { freshness: { kind: 'paused', lastKnown: 'healthy', at: '2026-01-01T12:00:00.000Z' } });
    expect(html).toContain('class="card tone-neutral"');
    expect(html).toContain('data-freshness="paused"');
    expect(html).toContain('class="badge tone-neutral"');
    expect(html).toContain('>Paused<');
    expect(html).not.toContain('tone-good');
    expect(html).not.toContain('card-since');
    expect(html).toMatch(/<p class="card-freshness">Paused — last known: Healthy [^<]+<\/p>/);
  });

  it('shows a card whose host is gone as Unknown, grey, never its last state', () => {
    const html = card(status('healthy'), { freshness: { kind: 'lost', lastKnown: 'healthy', since: '2026-01-01T12:05:00.000Z' } });
    expect(html).toContain('>Unknown<');
    expect(html).not.toContain('>Healthy<');
    expect(html).not.toContain('tone-good');
    expect(html).toMatch(/<p class="card-freshness">Unknown — connection lost since [^<]+<\/p>/);
  });

  it('leads a failing card with the headline of its failure, then what to do, then the raw message closed under "Details"', () => {
    const html = card(status('down', { kind: 'auth_failed', message: 'Neo.ClientError.Security.Unauthorized: The client is unauthorized', hint: 'Check Settings → Neo4j → User and Password' }));
    const problem = html.slice(html.indexOf('<div class="problem"'));
    expect(problem).toMatch(
      /^<div class="problem" role="group" aria-label="Neo4j problem"><p class="problem-headline">Neo4j rejected the user name or password<\/p><p class="problem-hint"><strong>What to do: <\/strong>Check Settings → Neo4j → User and Password<\/p>/,
    );
    expect(problem).toContain('<details class="problem-details"><summary>Details</summary><p class="problem-message">Neo.ClientError.Security.Unauthorized: The client is unauthorized</p>');
    expect(problem).not.toContain('<details class="problem-details" open');
  });

  it('gives a failure without a headline of its own the kind\'s label and summary, and a not configured card "Neo4j: not configured"', () => {
    expect(card(status('retrying', { kind: 'reset', message: 'read ECONNRESET' }))).toContain('<p class="problem-headline">Neo4j: connection reset</p>');
    expect(card(status('retrying', { kind: 'refused', message: 'connect ECONNREFUSED 127.0.0.1:7687' }))).toContain('<p class="problem-headline">Neo4j is not running, or not at this address</p>');
    expect(card(status('not_configured', { hint: 'Set Settings → Neo4j → URI' }))).toContain('<p class="problem-headline">Neo4j: not configured</p>');
  });

  it('shows the server version while the database answers, and hides it when it is down', () => {
    const server = { agent: 'Neo4j/5.26.30', version: '5.26.30' };
    expect(card(status('healthy', { server }))).toContain('<p class="card-server">Neo4j/5.26.30</p>');
    expect(card(status('down', { server, kind: 'refused', message: 'refused' }))).not.toContain('Neo4j/5.26.30');
    expect(card(status('retrying', { server, kind: 'timeout', message: 'timeout' }))).not.toContain('Neo4j/5.26.30');
  });

  it('shows the failure message and the operator hint when down, in a live-announced badge', () => {
    const html = card(status('down', { kind: 'auth_failed', message: 'neo4j (bolt://x:7687): authentication failed', hint: 'Check NEO4J_PASSWORD in Settings' }), {
      environment: 'production',
    });
    expect(html).toContain('>Down<');
    expect(html).toContain('✕');
    expect(html).toContain('authentication failed');
    expect(html).toContain('Check NEO4J_PASSWORD in Settings');
    expect(html).toMatch(/class="badge tone-bad" aria-live="polite"/);
    expect(html).toContain('aria-labelledby="card-production_neo4j-title"');
    expect(html).toContain('<h2 id="card-production_neo4j-title">Neo4j</h2>');
    expect(html).toContain('aria-label="Neo4j problem"');
  });

  it('renders a kind this window was not built with, from the snapshot alone', () => {
    const redis = status('down', { database: 'redis', label: 'Redis', target: 'redis://cache:6379', message: 'redis (redis://cache:6379): connection refused' });
    const html = card(redis, { environment: 'staging', headingLevel: 3 });
    expect(html).toContain('data-database="redis"');
    expect(html).toContain('data-environment="staging"');
    expect(html).toContain('<h3 id="card-staging_redis-title">Redis</h3>');
    expect(html).toContain('redis://cache:6379');
    expect(html).toContain('aria-label="Redis problem"');
    expect(html).toContain('>Down<');
  });

  it('offers the chart ranges as pressed/unpressed buttons named after the database, and a text summary of the chart', () => {
    const points = [5, 7, null, 6].map((ms, i) => ({ at: `2026-01-01T11:59:${10 + i * 10}.000Z`, checks: 1, failed: ms === null ? 1 : 0, degraded: 0, latencyMs: ms }));
    const html = card(status('healthy'), { view: { ...emptyHistoryView('default', 'neo4j'), points }, range: '1h' });
    expect(html).toContain('role="group" aria-label="Chart range: Neo4j"');
    expect(html).toContain('<button type="button" aria-pressed="true">1 h</button>');
    expect(html).toContain('<button type="button" aria-pressed="false">24 h</button>');
    expect(html).toContain('<button type="button" aria-pressed="false">7 d</button>');
    expect(html).toContain('Latency over the last hour: 4 checks, 5.0 ms to 7.0 ms; 1 failed.');
    expect(html).toContain('aria-label="Neo4j latency chart, the last hour; arrow keys move between checks"');
  });
});
