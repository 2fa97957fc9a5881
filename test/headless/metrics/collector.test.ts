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
    expect(lines(body, 'walltrack_state')).toHaveLength(4 * 6);
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
    const { body } = await collector.render();
    const lint = spawnSync('promtool', ['check', 'metrics'], { input: body, encoding: 'utf8' });
    expect({ status: lint.status, output: lint.stdout + lint.stderr }).toEqual({ status: 0, output: '' });
  });
});
