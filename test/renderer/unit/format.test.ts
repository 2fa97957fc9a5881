import { describe, expect, it } from 'vitest';
import { DATABASE_STATES_FOR_TEST, env, overallFor } from './fixtures.js';
import { STATE_MARKS, STATE_TONES, STATE_WORDS, formatLatency, formatRelative, formatUptime, overallHeadline } from '../../../src-renderer/lib/format.js';

describe('state presentation', () => {
  it('gives every state its own word and its own mark, so colour is never the only cue', () => {
    const words = DATABASE_STATES_FOR_TEST.map((s) => STATE_WORDS[s]);
    const marks = DATABASE_STATES_FOR_TEST.map((s) => STATE_MARKS[s]);
    expect(new Set(words).size).toBe(DATABASE_STATES_FOR_TEST.length);
    expect(new Set(marks).size).toBe(DATABASE_STATES_FOR_TEST.length);
    expect(STATE_TONES.down).toBe('bad');
    expect(STATE_TONES.healthy).toBe('good');
  });

  it('names the databases that are down or not configured in the banner, with one environment as before', () => {
    const headline = (s: ReturnType<typeof overallFor>) => overallHeadline(s, s.environments);
    expect(headline(overallFor('ok', 'healthy', 'healthy'))).toBe('All databases healthy');
    expect(headline(overallFor('down', 'healthy', 'down'))).toBe('Neo4j down');
    expect(headline(overallFor('down', 'down', 'down'))).toBe('Supabase and Neo4j down');
    expect(headline(overallFor('degraded', 'retrying', 'healthy'))).toBe('Supabase having trouble');
    expect(headline(overallFor('degraded', 'healthy', 'degraded'))).toBe('Neo4j slow');
    expect(headline(overallFor('unconfigured', 'not_configured', 'healthy'))).toBe('Supabase not configured — open Settings');
  });

  it('names each environment with a problem, worst first, and counts the rest beyond two', () => {
    const production = env('production', { supabase: 'healthy', neo4j: 'down' }, 'down', 'Production');
    const staging = env('staging', { supabase: 'degraded', neo4j: 'healthy' }, 'degraded', 'Staging');
    const qa = env('qa', { supabase: 'not_configured', neo4j: 'healthy' }, 'unconfigured', 'QA');
    const eu = env('eu', { supabase: 'retrying', neo4j: 'healthy' }, 'degraded', 'EU');
    const dev = env('dev', { supabase: 'healthy', neo4j: 'healthy' }, 'ok', 'Development');
    const fresh = env('new', { supabase: 'unknown', neo4j: 'unknown' }, 'unknown', 'New');
    expect(overallHeadline({ status: 'down' }, [production, staging, dev])).toBe('Production: Neo4j down; Staging: Supabase slow');
    expect(overallHeadline({ status: 'down' }, [production, eu, staging, qa, fresh, dev])).toBe(
      'Production: Neo4j down; EU: Supabase having trouble; 2 more environments with problems',
    );
    expect(overallHeadline({ status: 'degraded' }, [eu, staging, qa])).toBe('EU: Supabase having trouble; Staging: Supabase slow; 1 more environment with problems');
    expect(overallHeadline({ status: 'ok' }, [dev, dev])).toBe('All databases healthy');
    expect(overallHeadline({ status: 'unknown' }, [fresh, dev])).toBe('Checking databases…');
    expect(overallHeadline({ status: 'unconfigured' }, [env('empty', {}, 'unconfigured', 'Empty'), dev])).toBe('Empty: No databases set up — open Settings');
    expect(overallHeadline({ status: 'unknown' }, [])).toBe('No environments set up — open Settings');
  });
});

describe('numbers and times', () => {
  it('formats latency with sensible precision and a dash when unknown', () => {
    expect(formatLatency(null)).toBe('—');
    expect(formatLatency(3.456)).toBe('3.5 ms');
    expect(formatLatency(42.4)).toBe('42 ms');
    expect(formatLatency(12_345)).toBe('12.3 s');
  });

  it('formats uptime', () => {
    expect(formatUptime(null)).toBe('—');
    expect(formatUptime(100)).toBe('100 %');
    expect(formatUptime(99.512)).toBe('99.51 %');
    expect(formatUptime(81.82)).toBe('81.8 %');
  });

  it('says how long ago a check was', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(formatRelative(null, now)).toBe('never');
    expect(formatRelative('2026-01-01T12:00:00Z', now)).toBe('just now');
    expect(formatRelative('2026-01-01T11:59:48Z', now)).toBe('12 s ago');
    expect(formatRelative('2026-01-01T11:57:00Z', now)).toBe('3 min ago');
    expect(formatRelative('2026-01-01T09:00:00Z', now)).toBe('3 h ago');
    expect(formatRelative('2025-12-29T12:00:00Z', now)).toBe('3 days ago');
  });
});
