import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createMetricsCollector } from '../../../src-main/headless/metrics/collector.js';
import { createCoreDouble } from './coreDouble.js';

const lines = (body: string, name: string) => body.split('\n').filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));

describe('the metrics collector', () => {
  it('before any check: build info and the one-hot "unknown" state, but no success or duration', async () => {
    const core = createCoreDouble(['production']);
    const { contentType, body } = await createMetricsCollector(core).render();
    expect(contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(lines(body, 'walltrack_build_info')).toEqual(['walltrack_build_info{version="9.8.7"} 1']);
    expect(lines(body, 'walltrack_probe_success')).toEqual([]);
    expect(lines(body, 'walltrack_probe_last_duration_seconds')).toEqual([]);
    expect(lines(body, 'walltrack_state').filter((l) => l.endsWith(' 1'))).toEqual([
      'walltrack_state{environment="production",database="supabase",state="unknown"} 1',
      'walltrack_state{environment="production",database="neo4j",state="unknown"} 1',
    ]);
    expect(body).not.toMatch(/^up[{ ]/m);
    // Nothing checked in any window: no uptime series rather than a false 0.
    expect(lines(body, 'walltrack_uptime_ratio')).toEqual([]);
  });

  it('walltrack_uptime_ratio per environment, database and window (24h, 7d, 30d) from the history; a window without checks is absent', async () => {
    const core = createCoreDouble(['production', 'staging']);
    core.setUptime('production', 'neo4j', [
      { window: '24h', ratio: 0.995, checks: 2_880 },
      { window: '7d', ratio: 0.9999, checks: 20_160 },
      { window: '30d', ratio: null, checks: 0 },
      { window: '365d', ratio: 0.5, checks: 40_000 },
    ]);
    core.setUptime('staging', 'supabase', [
      { window: '24h', ratio: 0, checks: 10 },
      { window: '7d', ratio: 0, checks: 10 },
      { window: '30d', ratio: 1, checks: 10 },
      { window: '365d', ratio: 1, checks: 10 },
    ]);
    const { body } = await createMetricsCollector(core).render();
    expect(lines(body, 'walltrack_uptime_ratio')).toEqual([
      'walltrack_uptime_ratio{environment="production",database="neo4j",window="24h"} 0.995',
      'walltrack_uptime_ratio{environment="production",database="neo4j",window="7d"} 0.9999',
      'walltrack_uptime_ratio{environment="staging",database="supabase",window="24h"} 0',
      'walltrack_uptime_ratio{environment="staging",database="supabase",window="7d"} 0',
      'walltrack_uptime_ratio{environment="staging",database="supabase",window="30d"} 1',
    ]);
    expect(body).toContain('# TYPE walltrack_uptime_ratio gauge');
  });

  it('reads the history at most once a minute, and again at once when a database is pointed elsewhere', async () => {
    const core = createCoreDouble(['production']);
    let now = Date.parse('2026-12-01T00:00:00.000Z');
    const collector = createMetricsCollector(core, { now: () => now });
    const day = (ratio: number) => [{ window: '24h' as const, ratio, checks: 100 }];
    core.setUptime('production', 'neo4j', day(0.9));
    const ratio = async () => lines((await collector.render()).body, 'walltrack_uptime_ratio');
    expect(await ratio()).toEqual(['walltrack_uptime_ratio{environment="production",database="neo4j",window="24h"} 0.9']);
    // One read per database (Supabase and Neo4j).
    expect(core.historyReads()).toBe(2);
    core.setUptime('production', 'neo4j', day(0.8));
    now += 59_000;
    for (let i = 0; i < 50; i++) await collector.render();
    expect(await ratio()).toEqual(['walltrack_uptime_ratio{environment="production",database="neo4j",window="24h"} 0.9']);
    expect(core.historyReads()).toBe(2);
    now += 1_000;
    expect(await ratio()).toEqual(['walltrack_uptime_ratio{environment="production",database="neo4j",window="24h"} 0.8']);
    expect(core.historyReads()).toBe(4);
    // A settings change: the new endpoint is a new series, read at once.
    core.setUptime('production', 'neo4j', day(0.7));
    core.moveTarget('production', 'neo4j', 'bolt://127.0.0.1:7688');
    expect(await ratio()).toEqual(['walltrack_uptime_ratio{environment="production",database="neo4j",window="24h"} 0.7']);
    expect(core.historyReads()).toBe(6);
  });

  it('reports each check by environment and database: success, last duration, one-hot state, histogram and failures by kind', async () => {
    const core = createCoreDouble(['production', 'staging']);
    const collector = createMetricsCollector(core);
    core.finishCheck('production', 'neo4j', 'healthy', 3);
    core.finishCheck('production', 'neo4j', 'degraded', 1_500);
    core.finishCheck('production', 'supabase', 'retrying', null, 'timeout');
    core.finishCheck('production', 'supabase', 'down', null, 'timeout');
    core.finishCheck('staging', 'neo4j', 'down', null, 'auth_failed');
    core.finishCheck('staging', 'supabase', 'not_configured', null, 'not_configured');
    const { body } = await collector.render();

    expect(lines(body, 'walltrack_probe_success')).toEqual([
      'walltrack_probe_success{environment="production",database="supabase"} 0',
      'walltrack_probe_success{environment="production",database="neo4j"} 1',
      'walltrack_probe_success{environment="staging",database="neo4j"} 0',
    ]);
    expect(lines(body, 'walltrack_probe_last_duration_seconds')).toEqual(['walltrack_probe_last_duration_seconds{environment="production",database="neo4j"} 1.5']);
    expect(lines(body, 'walltrack_state').filter((l) => l.endsWith(' 1'))).toEqual([
      'walltrack_state{environment="production",database="supabase",state="down"} 1',
      'walltrack_state{environment="production",database="neo4j",state="degraded"} 1',
      'walltrack_state{environment="staging",database="supabase",state="not_configured"} 1',
      'walltrack_state{environment="staging",database="neo4j",state="down"} 1',
    ]);
    expect(lines(body, 'walltrack_state')).toHaveLength(4 * 7);
    expect(lines(body, 'walltrack_probe_duration_seconds_bucket').filter((l) => l.includes('"production",database="neo4j"'))).toEqual([
      'walltrack_probe_duration_seconds_bucket{le="0.001",environment="production",database="neo4j"} 0',
      'walltrack_probe_duration_seconds_bucket{le="0.0025",environment="production",database="neo4j"} 0',
      'walltrack_probe_duration_seconds_bucket{le="0.005",environment="production",database="neo4j"} 1',
      'walltrack_probe_duration_seconds_bucket{le="0.01",environment="production",database="neo4j"} 1',
      'walltrack_probe_duration_seconds_bucket{le="0.025",environment="production",database="neo4j"} 1',
      'walltrack_probe_duration_seconds_bucket{le="0.05",environment="production",database="neo4j"} 1',
      'walltrack_probe_duration_seconds_bucket{le="0.1",environment="production",database="neo4j"} 1',
      'walltrack_probe_duration_seconds_bucket{le="0.25",environment="production",database="neo4j"} 1',
      'walltrack_probe_duration_seconds_bucket{le="0.5",environment="production",database="neo4j"} 1',
      'walltrack_probe_duration_seconds_bucket{le="1",environment="production",database="neo4j"} 1',
      'walltrack_probe_duration_seconds_bucket{le="2.5",environment="production",database="neo4j"} 2',
      'walltrack_probe_duration_seconds_bucket{le="5",environment="production",database="neo4j"} 2',
      'walltrack_probe_duration_seconds_bucket{le="10",environment="production",database="neo4j"} 2',
      'walltrack_probe_duration_seconds_bucket{le="+Inf",environment="production",database="neo4j"} 2',
    ]);
    expect(lines(body, 'walltrack_probe_duration_seconds_sum')).toContain('walltrack_probe_duration_seconds_sum{environment="production",database="neo4j"} 1.503');
    expect(lines(body, 'walltrack_probe_duration_seconds_count')).toEqual([
      'walltrack_probe_duration_seconds_count{environment="production",database="neo4j"} 2',
      'walltrack_probe_duration_seconds_count{environment="production",database="supabase"} 0',
      'walltrack_probe_duration_seconds_count{environment="staging",database="neo4j"} 0',
      'walltrack_probe_duration_seconds_count{environment="staging",database="supabase"} 0',
    ]);
    expect(lines(body, 'walltrack_probe_failures_total')).toEqual([
      'walltrack_probe_failures_total{environment="production",database="supabase",kind="timeout"} 2',
      'walltrack_probe_failures_total{environment="staging",database="neo4j",kind="auth_failed"} 1',
    ]);
    expect(body).not.toContain('secret.example');
    expect(body).not.toContain('kkkkkkkk');
  });

  it('drops the series of a removed environment', async () => {
    const core = createCoreDouble(['production', 'staging']);
    const collector = createMetricsCollector(core);
    core.finishCheck('staging', 'neo4j', 'down', null, 'refused');
    core.finishCheck('production', 'neo4j', 'healthy', 2);
    core.removeEnvironment('staging');
    const { body } = await collector.render();
    expect(body).not.toContain('staging');
    expect(lines(body, 'walltrack_probe_duration_seconds_count')).toEqual(['walltrack_probe_duration_seconds_count{environment="production",database="neo4j"} 1']);
  });

  it('stops listening to the core when closed', () => {
    const core = createCoreDouble(['production']);
    const collector = createMetricsCollector(core);
    expect(core.listeners()).toBe(1);
    collector.close();
    expect(core.listeners()).toBe(0);
  });

  it('passes promtool check metrics (text format and Prometheus naming rules)', async () => {
    const core = createCoreDouble(['production', 'eu-staging']);
    const collector = createMetricsCollector(core);
    core.finishCheck('production', 'neo4j', 'healthy', 3);
    core.finishCheck('eu-staging', 'supabase', 'down', null, 'dns');
    core.setUptime('production', 'neo4j', [{ window: '24h', ratio: 0.75, checks: 4 }]);
    const { body } = await collector.render();
    expect(body).toContain('walltrack_uptime_ratio{environment="production",database="neo4j",window="24h"} 0.75');
    const lint = spawnSync('promtool', ['check', 'metrics'], { input: body, encoding: 'utf8' });
    expect({ status: lint.status, output: lint.stdout + lint.stderr }).toEqual({ status: 0, output: '' });
  });
});

describe('the metrics collector between scrapes (each metric is formatted again only when it changed)', () => {
  it('every render shows what changed since the one before: a state, a latency, a check, a failure, an uptime, a removed environment', async () => {
    const core = createCoreDouble(['production', 'staging']);
    let now = Date.parse('2026-12-01T00:00:00.000Z');
    const collector = createMetricsCollector(core, { now: () => now });
    const render = async () => (await collector.render()).body;
    core.finishCheck('production', 'neo4j', 'healthy', 4);
    let body = await render();
    expect(lines(body, 'walltrack_state').filter((l) => l.includes('"production",database="neo4j"') && l.endsWith(' 1'))).toEqual([
      'walltrack_state{environment="production",database="neo4j",state="healthy"} 1',
    ]);
    expect(lines(body, 'walltrack_probe_last_duration_seconds')).toEqual(['walltrack_probe_last_duration_seconds{environment="production",database="neo4j"} 0.004']);

    // Same state, new latency: the duration gauge and the histogram move, the state does not.
    core.finishCheck('production', 'neo4j', 'healthy', 7);
    body = await render();
    expect(lines(body, 'walltrack_probe_last_duration_seconds')).toEqual(['walltrack_probe_last_duration_seconds{environment="production",database="neo4j"} 0.007']);
    expect(lines(body, 'walltrack_probe_duration_seconds_count')).toContain('walltrack_probe_duration_seconds_count{environment="production",database="neo4j"} 2');

    // A failure: state, success and the failure counter.
    core.finishCheck('production', 'neo4j', 'down', null, 'refused');
    body = await render();
    expect(lines(body, 'walltrack_state').filter((l) => l.includes('"production",database="neo4j"') && l.endsWith(' 1'))).toEqual([
      'walltrack_state{environment="production",database="neo4j",state="down"} 1',
    ]);
    expect(lines(body, 'walltrack_probe_success')).toEqual(['walltrack_probe_success{environment="production",database="neo4j"} 0']);
    expect(lines(body, 'walltrack_probe_failures_total')).toEqual(['walltrack_probe_failures_total{environment="production",database="neo4j",kind="refused"} 1']);
    core.finishCheck('production', 'neo4j', 'down', null, 'refused');
    expect(lines(await render(), 'walltrack_probe_failures_total')).toEqual(['walltrack_probe_failures_total{environment="production",database="neo4j",kind="refused"} 2']);

    // Uptime: read again after a minute.
    core.setUptime('production', 'neo4j', [{ window: '24h', ratio: 0.5, checks: 4 }]);
    now += 60_000;
    expect(lines(await render(), 'walltrack_uptime_ratio')).toEqual(['walltrack_uptime_ratio{environment="production",database="neo4j",window="24h"} 0.5']);

    // An environment removed: gone from every metric at the next scrape.
    core.finishCheck('staging', 'supabase', 'healthy', 9);
    expect(await render()).toContain('environment="staging"');
    core.removeEnvironment('staging');
    body = await render();
    expect(body).not.toContain('staging');
    expect(lines(body, 'walltrack_state')).toHaveLength(2 * 7);
  });
});
