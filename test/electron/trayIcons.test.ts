import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PNG } from 'pngjs';
import {
  MARK_COLOUR,
  markColourOf,
  TRAY_ICON_STATES,
  TRAY_STATES,
  renderTrayIcon,
  renderTrayIconSet,
  trayIconStateFor,
  type TrayIconState,
} from '../../src-main/electron/trayIcons.js';
import { atFixtureTime, makeEnvironment, makeSnapshot, makeSnapshotOf } from './fixtures.js';

beforeEach(atFixtureTime);
afterEach(() => vi.useRealTimers());

function decode(buffer: Buffer): PNG {
  return PNG.sync.read(buffer);
}
function pixel(png: PNG, x: number, y: number): [number, number, number, number] {
  const i = (y * png.width + x) * 4;
  return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!, png.data[i + 3]!];
}
/**
 * Which pixels carry the mark: the shape that makes a state readable without colour. White on a disc;
 * inside an outline state's transparent middle, the mark in the state's colour.
 */
function markMask(png: PNG, state: TrayIconState): boolean[] {
  const [mr, mg, mb] = markColourOf(state);
  const mask: boolean[] = [];
  const centre = (png.width - 1) / 2;
  for (let y = 0; y < png.height; y++)
    for (let x = 0; x < png.width; x++) {
      const [r, g, b, a] = pixel(png, x, y);
      const inner = Math.hypot(x - centre, y - centre) < png.width * 0.28;
      const close = Math.abs(r - mr) < 20 && Math.abs(g - mg) < 20 && Math.abs(b - mb) < 20;
      mask.push(a > 200 && close && (mr === 255 || inner));
    }
  return mask;
}

describe('tray icons', () => {
  for (const size of [16, 32, 64]) {
    it.each(TRAY_ICON_STATES)(`%s at ${size}px has its colour, a transparent corner and a white mark`, (state) => {
      const png = decode(renderTrayIcon(state, size, 'light'));
      expect([png.width, png.height]).toEqual([size, size]);
      expect(pixel(png, 0, 0)[3]).toBe(0);
      // A point inside the disc, above every mark.
      const fill = pixel(png, Math.floor(size / 2), Math.floor(size * 0.18));
      expect(fill.slice(0, 3)).toEqual([...TRAY_STATES[state].colour]);
      expect(fill[3]).toBe(255);
      expect(markMask(png, state).filter(Boolean).length).toBeGreaterThan(0);
    });
  }

  it('uses clearly different colours for ok, degraded, down and grey states', () => {
    const { ok, degraded, down, unknown } = { ok: TRAY_STATES.ok.colour, degraded: TRAY_STATES.degraded.colour, down: TRAY_STATES.down.colour, unknown: TRAY_STATES.unknown.colour };
    expect(ok[1]).toBeGreaterThan(ok[0] + 0x40); // green dominates
    expect(down[0]).toBeGreaterThan(down[1] + 0x80); // red dominates
    expect(degraded[0]).toBeGreaterThan(0xc0);
    expect(degraded[1]).toBeGreaterThan(0x60); // amber: red + green, little blue
    expect(degraded[2]).toBeLessThan(0x40);
    expect(Math.max(...unknown) - Math.min(...unknown)).toBeLessThan(0x20); // grey
  });

  it('draws a different mark shape for every state, so colour is not the only cue', () => {
    for (const size of [16, 32]) {
      const masks = new Map<TrayIconState, boolean[]>(
        TRAY_ICON_STATES.map((s) => [s, markMask(decode(renderTrayIcon(s, size, 'dark')), s)]),
      );
      for (const a of TRAY_ICON_STATES)
        for (const b of TRAY_ICON_STATES) {
          if (a >= b) continue;
          const differing = masks.get(a)!.filter((v, i) => v !== masks.get(b)![i]).length;
          expect(differing, `${a} vs ${b} at ${size}px`).toBeGreaterThanOrEqual(size / 2);
        }
    }
    expect(MARK_COLOUR).toEqual([255, 255, 255]);
  });

  it('rings the disc dark on light menu bars and light on dark ones', () => {
    const edge = (variant: 'light' | 'dark') => pixel(decode(renderTrayIcon('ok', 32, variant)), 16, 0);
    const light = edge('light');
    const dark = edge('dark');
    expect(Math.max(...light.slice(0, 3))).toBeLessThan(0x60);
    expect(Math.min(...dark.slice(0, 3))).toBeGreaterThan(0xc0);
  });

  it('renders a 1x and an @2x image', () => {
    const set = renderTrayIconSet('down', 16, 'light');
    expect(set.map((r) => [r.scaleFactor, decode(r.png).width])).toEqual([
      [1, 16],
      [2, 32],
    ]);
  });

  it('maps snapshots to icon states: paused wins, unconfigured/unknown are grey, a retry is amber', () => {
    expect(trayIconStateFor(makeSnapshot({}))).toBe('ok');
    // The icon follows the databases' own states (each one's freshness decided by common/freshness.ts).
    expect(trayIconStateFor(makeSnapshot({ status: 'down', neo4j: { status: 'down', healthy: false } }))).toBe('down');
    expect(trayIconStateFor(makeSnapshot({ status: 'degraded', supabase: { status: 'degraded' } }))).toBe('degraded');
    expect(trayIconStateFor(makeSnapshot({ status: 'unconfigured', neo4j: { status: 'not_configured', healthy: false } }))).toBe('unknown');
    expect(trayIconStateFor(makeSnapshot({ status: 'unknown', supabase: { status: 'unknown', checkedAt: null }, neo4j: { status: 'unknown', checkedAt: null } }))).toBe('unknown');
    expect(trayIconStateFor(makeSnapshot({ status: 'down', neo4j: { status: 'down', healthy: false }, paused: { until: null } }))).toBe('paused');
    // Older than staleAfterMs (65 s before 12:00:30): stale, whatever it last said.
    expect(trayIconStateFor(makeSnapshot({ neo4j: { checkedAt: '2026-01-01T11:59:24.999Z' } }))).toBe('stale');
    expect(trayIconStateFor(makeSnapshot({ neo4j: { checkedAt: '2026-01-01T11:00:00.000Z', status: 'down', healthy: false } }))).toBe('stale');
    expect(trayIconStateFor(makeSnapshot({ neo4j: { checkedAt: '2026-01-01T11:59:25.000Z' } }), Date.parse('2026-01-01T12:00:30.000Z'))).toBe('ok'); // exactly 65 s: not yet
    expect(trayIconStateFor(makeSnapshot({ neo4j: { status: 'retrying', healthy: false } }))).toBe('degraded');
  });

  it('has one table of states, worst first, with a word for each', () => {
    expect(TRAY_ICON_STATES).toEqual(['down', 'degraded', 'acknowledged', 'stale', 'unknown', 'paused', 'maintenance', 'ok']);
    expect(TRAY_ICON_STATES.map((s) => TRAY_STATES[s].word)).toEqual(['down', 'degraded', 'acknowledged', 'stale', 'unknown', 'paused', 'maintenance', 'ok']);
  });

  it('draws an acknowledged failure as an amber outline with the cross, transparent inside', () => {
    const png = decode(renderTrayIcon('acknowledged', 32, 'light'));
    expect(pixel(png, 16, 3).slice(0, 3)).toEqual([0xe3, 0x9a, 0x00]); // the band
    expect(pixel(png, 16, 11)[3]).toBe(0); // inside the band, off the mark: the menu bar shows through
    expect(pixel(png, 16, 16).slice(0, 3)).toEqual([0xe3, 0x9a, 0x00]); // the cross's centre, in amber
  });

  it('turns an acknowledged or muted failure from red to the acknowledged mark, and a database in maintenance grey', () => {
    const at = '2026-01-01T12:00:00.000Z';
    const down = { status: 'down' as const, healthy: false, kind: 'refused' as const };
    expect(trayIconStateFor(makeSnapshot({ status: 'down', neo4j: { ...down, attention: { acknowledged: { at } } } }))).toBe('acknowledged');
    expect(trayIconStateFor(makeSnapshot({ status: 'down', neo4j: { ...down, attention: { muted: { until: '2026-01-01T13:00:00.000Z' } } } }))).toBe('acknowledged');
    expect(trayIconStateFor(makeSnapshot({ neo4j: { status: 'retrying', healthy: false, attention: { acknowledged: { at } } } }))).toBe('acknowledged');
    expect(trayIconStateFor(makeSnapshot({ status: 'down', neo4j: { ...down, attention: { maintenance: { until: '2026-01-01T13:00:00.000Z', window: 'Upgrade' } } } }))).toBe('maintenance');
    // Anything worse elsewhere still shows: the acknowledged one no longer hides it, nor does it make it red.
    expect(trayIconStateFor(makeSnapshot({ status: 'down', supabase: { status: 'degraded' }, neo4j: { ...down, attention: { acknowledged: { at } } } }))).toBe('degraded');
    expect(trayIconStateFor(makeSnapshot({ status: 'down', supabase: { ...down }, neo4j: { ...down, attention: { acknowledged: { at } } } }))).toBe('down');
    // A muted database that answers is simply ok.
    expect(trayIconStateFor(makeSnapshot({ neo4j: { attention: { muted: { until: '2026-01-01T13:00:00.000Z' } } } }))).toBe('ok');
  });

  it('shows the worst state of all environments; a paused one counts only when all are paused', () => {
    const ok = (id: string) => makeEnvironment({ id, name: id });
    const down = (id: string) => makeEnvironment({ id, name: id, status: 'down', neo4j: { status: 'down', healthy: false } });
    const retrying = (id: string) => makeEnvironment({ id, name: id, neo4j: { status: 'retrying', healthy: false } });
    const unconfigured = (id: string) => makeEnvironment({ id, name: id, status: 'unconfigured', neo4j: { status: 'not_configured', healthy: false } });
    const paused = (env: ReturnType<typeof ok>) => ({ ...env, paused: { until: null } });
    // The snapshot's own status is left at "ok": the icon is decided by the environments.
    const icon = (...envs: ReturnType<typeof ok>[]) => trayIconStateFor(makeSnapshotOf(envs));
    expect(icon(ok('a'), down('b'), ok('c'))).toBe('down');
    expect(icon(ok('a'), retrying('b'))).toBe('degraded');
    expect(icon(unconfigured('a'), ok('b'))).toBe('unknown');
    expect(icon(unconfigured('a'), retrying('b'), ok('c'))).toBe('degraded');
    // One kind left unconfigured must not hide the other one's trouble.
    expect(icon(makeEnvironment({ id: 'a', name: 'a', status: 'unconfigured', supabase: { status: 'not_configured', healthy: false }, neo4j: { status: 'retrying', healthy: false } }))).toBe('degraded');
    expect(icon(paused(down('a')), ok('b'))).toBe('ok');
    expect(icon(paused(down('a')), paused(ok('b')))).toBe('paused');
    const stale = (id: string) => makeEnvironment({ id, name: id, neo4j: { checkedAt: '2026-01-01T11:00:00.000Z' } });
    expect(icon(stale('a'), ok('b'))).toBe('stale'); // never green while anything is stale
    expect(icon(stale('a'), unconfigured('b'))).toBe('stale');
    expect(icon(stale('a'), retrying('b'))).toBe('degraded');
    expect(icon(paused(stale('a')), ok('b'))).toBe('ok'); // a paused environment's old results are paused, not stale
    expect(icon()).toBe('unknown');
  });
});
