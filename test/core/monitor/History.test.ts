import { describe, expect, it } from 'vitest';
import { History, percentile } from '../../../src-main/core/monitor/History.js';
import type { DatabaseState } from '../../../src-main/common/schemas.js';

const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
const entry = (i: number, state: DatabaseState, latencyMs: number | null) => ({ checkedAt: at(i), state, latencyMs });

describe('History', () => {
  it('keeps the last `capacity` results, oldest first', () => {
    const h = new History(3);
    for (let i = 0; i < 5; i++) h.push(entry(i, 'healthy', i));
    expect(h.length).toBe(3);
    expect(h.entries().map((e) => e.latencyMs)).toEqual([2, 3, 4]);
    expect(h.entries(2).map((e) => e.latencyMs)).toEqual([3, 4]);
    expect(h.entries(0)).toEqual([]);
  });

  it('holds 1,000 by default and stays bounded', () => {
    const h = new History();
    for (let i = 0; i < 2_500; i++) h.push(entry(i % 60, 'healthy', i));
    expect(h.length).toBe(1_000);
    expect(h.entries()[0]!.latencyMs).toBe(1_500);
    expect(h.entries().at(-1)!.latencyMs).toBe(2_499);
  });

  it('uptime counts answered checks; percentiles use answered latencies only', () => {
    const h = new History();
    expect(h.stats()).toEqual({ uptimePct: null, p50Ms: null, p95Ms: null });
    for (let i = 1; i <= 20; i++) h.push(entry(i, 'healthy', i));
    h.push({ ...entry(21, 'retrying', null), kind: 'refused' });
    h.push({ ...entry(22, 'down', null), kind: 'refused' });
    h.push(entry(23, 'degraded', 1_000));
    h.push(entry(24, 'unknown', null)); // not a check outcome: not counted
    const s = h.stats();
    expect(s.uptimePct).toBeCloseTo((21 / 23) * 100, 1);
    expect(s.p50Ms).toBe(11);
    expect(s.p95Ms).toBe(20);
    expect(h.view('staging', 'neo4j', 2)).toMatchObject({ environment: 'staging', database: 'neo4j', entries: [{ state: 'degraded' }, { state: 'unknown' }] });
    expect(h.entries().find((e) => e.kind === 'refused')).toBeDefined();
  });

  it('running stats equal a recount over the retained entries, through evictions', () => {
    const h = new History(50);
    const states: DatabaseState[] = ['healthy', 'degraded', 'retrying', 'down', 'unknown'];
    let seed = 7;
    const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < 400; i++) {
      const state = states[Math.floor(rand() * states.length)]!;
      const answered = state === 'healthy' || state === 'degraded';
      h.push(entry(i % 60, state, answered ? Math.round(rand() * 1000) / 10 : null));
      const kept = h.entries();
      const counted = kept.filter((e) => e.state !== 'unknown');
      const ok = counted.filter((e) => e.state === 'healthy' || e.state === 'degraded');
      const sorted = ok.map((e) => e.latencyMs!).sort((a, b) => a - b);
      expect(h.stats()).toEqual({
        uptimePct: counted.length ? Math.round((ok.length / counted.length) * 10_000) / 100 : null,
        p50Ms: percentile(sorted, 50),
        p95Ms: percentile(sorted, 95),
      });
    }
  });

  it('clear() empties it', () => {
    const h = new History(2);
    h.push(entry(1, 'down', null));
    h.clear();
    expect(h.entries()).toEqual([]);
    expect(h.stats().uptimePct).toBeNull();
  });

  it('rejects a useless capacity', () => {
    expect(() => new History(0)).toThrow(/positive integer/);
  });
});

describe('percentile (nearest rank)', () => {
  it('matches hand-computed values', () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(v, 50)).toBe(50);
    expect(percentile(v, 95)).toBe(95);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });
});
