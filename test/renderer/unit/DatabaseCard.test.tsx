import { renderToStaticMarkup } from 'react-dom/server';
import { emptyHistoryView } from '../../support/historyViews.js';
import { describe, expect, it } from 'vitest';
import { DatabaseCard } from '../../../src-renderer/status/DatabaseCard.js';
import { Sparkline } from '../../../src-renderer/status/Sparkline.js';
import { status } from './fixtures.js';

describe('database card', () => {
  it('shows a healthy database with word, mark, latency, p95 and uptime, and no problem block', () => {
    const history = { ...emptyHistoryView('default', 'neo4j'), uptime: [{ window: '24h' as const, ratio: 0.995, checks: 2_880 }] };
    const html = renderToStaticMarkup(<DatabaseCard environment="default" status={status('healthy')} history={history} />);
    expect(html).toContain('data-state="healthy"');
    expect(html).toContain('>Healthy<');
    expect(html).toContain('✓');
    expect(html).toContain('12 ms');
    expect(html).toContain('20 ms');
    expect(html).toContain('99.50 %');
    expect(html).not.toContain('What to do');
  });

  it('shows the failure message and the operator hint when down, in a live-announced badge', () => {
    const html = renderToStaticMarkup(
      <DatabaseCard
        environment="production"
        status={status('down', { kind: 'auth_failed', message: 'neo4j (bolt://x:7687): authentication failed', hint: 'Check NEO4J_PASSWORD in Settings' })}
        history={null}
      />,
    );
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
    const html = renderToStaticMarkup(<DatabaseCard environment="staging" status={redis} history={null} headingLevel={3} />);
    expect(html).toContain('data-database="redis"');
    expect(html).toContain('data-environment="staging"');
    expect(html).toContain('<h3 id="card-staging_redis-title">Redis</h3>');
    expect(html).toContain('redis://cache:6379');
    expect(html).toContain('aria-label="Redis problem"');
    expect(html).toContain('>Down<');
  });

  it('draws the sparkline with an accessible summary', () => {
    const points = [5, 7, null, 6].map((ms, i) => ({
      at: `2026-01-01T12:00:0${i}.000Z`,
      checks: 1,
      failed: ms === null ? 1 : 0,
      degraded: 0,
      latencyMs: ms,
    }));
    const html = renderToStaticMarkup(<Sparkline history={{ ...emptyHistoryView('default', 'neo4j'), points }} />);
    expect(html).toContain('role="img"');
    expect(html).toContain('aria-label="Latency of the last 4 checks, up to 7.0 ms; 1 failed"');
    expect(html).toContain('sparkline-failure');
  });
});
