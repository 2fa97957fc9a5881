/** The tray for flap control (a database recovering) and for this computer being offline. */
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { trayIconStateFor } from '../../src-main/electron/trayIcons.js';
import { trayMenuTemplate, trayTooltip, type TrayActions } from '../../src-main/electron/trayModel.js';
import { atFixtureTime, FIXTURE_NOW, makeEnvironment, makeSnapshot, makeSnapshotOf } from './fixtures.js';

beforeEach(atFixtureTime);
afterEach(() => vi.useRealTimers());
const fixedTime = () => '13:00';
const now = FIXTURE_NOW.getTime();
const noop = () => undefined;
const actions: TrayActions = { checkNow: noop, pauseOneHour: noop, resume: noop, openStatus: noop, openSettings: noop, toggleStartAtLogin: noop, quit: noop } as unknown as TrayActions;
const labels = (template: MenuItemConstructorOptions[]): string[] =>
  template.flatMap((item) => [item.label ?? '---', ...(Array.isArray(item.submenu) ? labels(item.submenu) : [])]);

const recovering = { status: 'recovering' as const, healthy: false, latencyMs: 9, recovery: { successes: 1, needed: 2 } };

describe('a database recovering (flap control)', () => {
  it('reads "recovering 1/2" in the tooltip and the menu, with the amber icon as for retrying', () => {
    const snapshot = makeSnapshot({ status: 'degraded', neo4j: recovering });
    expect(trayTooltip(snapshot, fixedTime, now)).toBe('WallTrack — Supabase ok 42 ms · Neo4j recovering 1/2');
    expect(labels(trayMenuTemplate(snapshot, { startAtLogin: false, canStartAtLogin: true }, actions, fixedTime, now))).toContain('Neo4j: recovering 1/2');
    expect(trayIconStateFor(snapshot, now)).toBe('degraded');
  });

  it('with several environments, names it among the problems', () => {
    const snapshot = makeSnapshotOf([makeEnvironment({ id: 'staging', name: 'staging' }), makeEnvironment({ id: 'production', name: 'production', status: 'degraded', neo4j: recovering })], { status: 'degraded' });
    expect(trayTooltip(snapshot, fixedTime, now)).toBe('WallTrack — production: Neo4j recovering 1/2 · staging ok');
  });
});

describe('this computer offline', () => {
  const dnsDown = { status: 'down' as const, healthy: false, latencyMs: null, kind: 'dns' as const };
  const offline = () =>
    makeSnapshotOf(
      [
        makeEnvironment({ id: 'production', name: 'production', status: 'down', supabase: dnsDown, neo4j: dnsDown }),
        makeEnvironment({ id: 'staging', name: 'staging', status: 'down', neo4j: { ...dnsDown, kind: 'no_route' as const }, supabase: null }),
      ],
      { status: 'down', connectivity: { online: false, since: '2026-01-01T11:58:00.000Z' } },
    );

  it('says "This computer is offline" once instead of every database down, with the neutral icon, not red', () => {
    expect(trayTooltip(offline(), fixedTime, now)).toBe('WallTrack — This computer is offline (since 13:00)');
    expect(trayIconStateFor(offline(), now)).toBe('unknown');
    const menu = labels(trayMenuTemplate(offline(), { startAtLogin: false, canStartAtLogin: true }, actions, fixedTime, now));
    expect(menu[0]).toBe('This computer is offline (since 13:00)');
  });

  it('online again (or a host that predates it): as before', () => {
    const online = { ...offline(), connectivity: { online: true, since: null } };
    expect(trayIconStateFor(online, now)).toBe('down');
    expect(trayTooltip(online, fixedTime, now)).toMatch(/^WallTrack — production down · staging/);
  });
});
