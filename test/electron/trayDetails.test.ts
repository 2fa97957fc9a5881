/** The tray names what a deeper check found (an unhealthy service, an offline database) without turning red for it. */
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DatabaseDetails } from '../../src-main/common/schemas.js';
import { trayMenuTemplate, trayTooltip } from '../../src-main/electron/trayModel.js';
import { atFixtureTime, makeEnvironment, makeSnapshot, makeSnapshotOf } from './fixtures.js';

beforeEach(atFixtureTime);
afterEach(() => vi.useRealTimers());
const options = { startAtLogin: false, canStartAtLogin: true };
const noActions = { checkNow() {}, pauseOneHour() {}, resume() {}, openStatus() {}, openSettings() {}, copyDiagnostics() {}, setStartAtLogin() {}, quit() {}, acknowledge() {}, mute() {}, unmute() {} };
const labels = (template: MenuItemConstructorOptions[]): string[] =>
  template.flatMap((item) => [item.label ?? '---', ...(Array.isArray(item.submenu) ? labels(item.submenu).map((l) => `  ${l}`) : [])]);

const REALTIME_DOWN: DatabaseDetails = {
  status: 'ACTIVE_HEALTHY',
  parts: [
    { name: 'auth', status: 'ACTIVE_HEALTHY', ok: true },
    { name: 'realtime', status: 'UNHEALTHY', ok: false, message: 'realtime is not answering' },
  ],
  checkedAt: '2026-01-01T12:59:00.000Z',
};
const ALL_OK: DatabaseDetails = { status: 'ACTIVE_HEALTHY', parts: [{ name: 'auth', status: 'ACTIVE_HEALTHY', ok: true }], checkedAt: '2026-01-01T12:59:00.000Z' };
const REFUSED: DatabaseDetails = { parts: [], problem: 'Management API at https://api.supabase.com: HTTP 429: rate limited', checkedAt: '2026-01-01T12:59:00.000Z' };
const OTHER_DB_OFFLINE: DatabaseDetails = {
  parts: [
    { name: 'neo4j', status: 'online', ok: true },
    { name: 'reports', status: 'offline', ok: false, message: 'store corrupt' },
  ],
  checkedAt: '2026-01-01T12:59:00.000Z',
};

describe('tray and deeper-check details', () => {
  it('one environment: the tooltip adds the unhealthy service to its database; the menu has a line for it', () => {
    const snapshot = makeSnapshot({ supabase: { details: REALTIME_DOWN } });
    expect(trayTooltip(snapshot)).toBe('WallTrack — Supabase ok 42 ms (realtime UNHEALTHY) · Neo4j ok 7 ms');
    expect(labels(trayMenuTemplate(snapshot, options, noActions)).slice(0, 4)).toEqual(['Supabase: ok 42 ms', 'Supabase — realtime UNHEALTHY', 'Neo4j: ok 7 ms', '---']);
  });

  it('several environments: an offline database in a healthy environment is named in its summary and its submenu', () => {
    const snapshot = makeSnapshotOf([
      makeEnvironment({ id: 'production', name: 'production', neo4j: { details: OTHER_DB_OFFLINE } }),
      makeEnvironment({ id: 'staging', name: 'staging' }),
    ]);
    expect(trayTooltip(snapshot)).toBe('WallTrack — production ok (Neo4j: reports offline) · staging ok');
    expect(labels(trayMenuTemplate(snapshot, options, noActions)).slice(0, 4)).toEqual([
      'production: ok',
      '  Supabase: ok 42 ms',
      '  Neo4j: ok 7 ms',
      '  Neo4j — reports offline',
    ]);
  });

  it('says nothing more when every part is ok or the deeper check itself failed (that is the status window\'s line)', () => {
    for (const details of [ALL_OK, REFUSED]) {
      const snapshot = makeSnapshot({ supabase: { details } });
      expect(trayTooltip(snapshot)).toBe('WallTrack — Supabase ok 42 ms · Neo4j ok 7 ms');
      expect(labels(trayMenuTemplate(snapshot, options, noActions)).slice(0, 3)).toEqual(['Supabase: ok 42 ms', 'Neo4j: ok 7 ms', '---']);
    }
  });

  it('not while paused: the details are as old as the last result', () => {
    const snapshot = makeSnapshot({ paused: { until: null }, supabase: { details: REALTIME_DOWN } });
    expect(trayTooltip(snapshot, () => '13:00')).toBe('WallTrack — paused · Supabase last known: ok 13:00 · Neo4j last known: ok 13:00');
    expect(labels(trayMenuTemplate(snapshot, options, noActions, () => '13:00'))).not.toContain('Supabase — realtime UNHEALTHY');
  });
});
