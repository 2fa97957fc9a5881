import { describe, expect, it } from 'vitest';
import { isExpanded, orderDatabases, orderEnvironments, worstState } from '../../../src-renderer/lib/statusOrder.js';
import { env } from './fixtures.js';

const ids = (list: { id: string }[]) => list.map((e) => e.id);

describe('problems first', () => {
  it('orders environments worst first, equally bad ones in settings order', () => {
    const settingsOrder = [
      env('dev', { supabase: 'healthy', neo4j: 'healthy' }),
      env('staging', { supabase: 'degraded', neo4j: 'healthy' }),
      env('qa', { supabase: 'healthy', neo4j: 'not_configured' }),
      env('production', { supabase: 'healthy', neo4j: 'down' }),
      env('eu', { supabase: 'retrying', neo4j: 'healthy' }),
      env('demo', { supabase: 'healthy', neo4j: 'healthy' }),
      env('us', { supabase: 'down', neo4j: 'down' }),
      env('new', { supabase: 'unknown', neo4j: 'unknown' }),
    ];
    expect(ids(orderEnvironments(settingsOrder))).toEqual(['production', 'us', 'eu', 'staging', 'qa', 'new', 'dev', 'demo']);
    // The input is left as it was.
    expect(ids(settingsOrder)).toEqual(['dev', 'staging', 'qa', 'production', 'eu', 'demo', 'us', 'new']);
  });

  it('orders one environment’s cards worst first, equally bad ones in registry order', () => {
    const cards = (states: Record<string, 'healthy' | 'down' | 'degraded' | 'retrying' | 'not_configured' | 'unknown'>) =>
      orderDatabases(env('e', states)).map((d) => d.database);
    expect(cards({ supabase: 'healthy', neo4j: 'down' })).toEqual(['neo4j', 'supabase']);
    expect(cards({ supabase: 'down', neo4j: 'healthy' })).toEqual(['supabase', 'neo4j']);
    expect(cards({ supabase: 'healthy', neo4j: 'healthy' })).toEqual(['supabase', 'neo4j']);
    expect(cards({ supabase: 'degraded', neo4j: 'retrying', redis: 'down' })).toEqual(['redis', 'neo4j', 'supabase']);
    expect(cards({ supabase: 'unknown', neo4j: 'not_configured', redis: 'healthy' })).toEqual(['neo4j', 'supabase', 'redis']);
  });

  it('takes an environment’s worst database state; one without databases has nothing set up', () => {
    expect(worstState(env('e', { supabase: 'healthy', neo4j: 'degraded' }))).toBe('degraded');
    expect(worstState(env('e', { supabase: 'retrying', neo4j: 'down' }))).toBe('down');
    expect(worstState(env('e', { supabase: 'healthy' }))).toBe('healthy');
    expect(worstState(env('e', {}))).toBe('not_configured');
  });

  it('starts healthy sections collapsed from three environments on, and the user’s choice wins either way', () => {
    const healthy = env('dev', { supabase: 'healthy', neo4j: 'healthy' });
    const slow = env('staging', { supabase: 'degraded', neo4j: 'healthy' });
    expect(isExpanded(healthy, 2, undefined)).toBe(true);
    expect(isExpanded(healthy, 3, undefined)).toBe(false);
    expect(isExpanded(slow, 5, undefined)).toBe(true);
    expect(isExpanded(healthy, 5, true)).toBe(true);
    expect(isExpanded(slow, 5, false)).toBe(false);
  });
});
