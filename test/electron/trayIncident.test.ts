/** The tray's one line about the newest incident: wording, durations, and its place in the 127-character tooltip. */
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Incident } from '../../src-main/common/schemas.js';
import { incidentSummary } from '../../src-main/electron/trayIncident.js';
import { TOOLTIP_MAX, trayMenuTemplate, trayTooltip } from '../../src-main/electron/trayModel.js';
import { atFixtureTime, makeEnvironment, makeSnapshot, makeSnapshotOf } from './fixtures.js';

const utc = (iso: string) => iso.slice(11, 16);
const incident = (over: Partial<Incident> = {}): Incident => ({
  id: 3,
  environment: 'production',
  database: 'neo4j',
  endpoint: 'bolt://127.0.0.1:7687',
  startedAt: '2026-01-01T02:13:00.000Z',
  endedAt: '2026-01-01T02:17:00.000Z',
  durationMs: 240_000,
  ...over,
});
const failing = (id: string) => makeEnvironment({ id, name: `${id}-environment`, status: 'down', neo4j: { status: 'down', healthy: false, latencyMs: null, kind: 'refused' } });

beforeEach(atFixtureTime);
afterEach(() => vi.useRealTimers());

describe('incident summary', () => {
  it('names an environment or kind no longer in the snapshot by its id, and keeps names on one line', () => {
    const snapshot = makeSnapshotOf([makeEnvironment({ id: 'staging', name: 'stag\ning' }), makeEnvironment({ id: 'dev', name: 'dev' })]);
    expect(incidentSummary({ ...snapshot, lastIncident: incident({ environment: 'gone', database: 'redis' }) }, utc)).toBe('last incident: gone: redis down 4 min, 02:13');
    expect(incidentSummary({ ...snapshot, lastIncident: incident({ environment: 'staging' }) }, utc)).toBe('last incident: stag ing: Neo4j down 4 min, 02:13');
  });

  it('gives the state the tooltip first: with many environments the summary follows "+N more"', () => {
    const snapshot = makeSnapshotOf(['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'].map(failing), { lastIncident: incident({ environment: 'alpha' }) });
    const text = trayTooltip(snapshot, utc);
    expect(text).toBe('WallTrack — alpha-environment: Neo4j down · +5 more · last incident: alpha-environment: Neo4j down 4 min, 02:13');
    expect(text.length).toBeLessThanOrEqual(TOOLTIP_MAX);
  });

  it('leaves the tooltip when it would crowd out the state, and stays in the menu', () => {
    const name = 'x'.repeat(60);
    const snapshot = makeSnapshotOf([makeEnvironment({ id: 'a', name }), makeEnvironment({ id: 'b', name: 'b' })], { lastIncident: incident({ environment: 'a' }) });
    expect(trayTooltip(snapshot, utc)).toBe(`WallTrack — ${name} ok · b ok`);
    const menu = trayMenuTemplate(snapshot, { startAtLogin: false, canStartAtLogin: true }, {
      acknowledge: () => {},
      mute: () => {},
      unmute: () => {},
      checkNow: () => {},
      pauseOneHour: () => {},
      resume: () => {},
      openStatus: () => {},
      openSettings: () => {},
      copyDiagnostics: () => {},
      setStartAtLogin: () => {},
      quit: () => {},
    }, utc);
    expect(menu.map((i: MenuItemConstructorOptions) => i.label ?? '---').slice(0, 4)).toEqual([`${name}: ok`, 'b: ok', `last incident: ${name}: Neo4j down 4 min, 02:13`, '---']);
  });

  it('is left out of a one-environment tooltip and menu when there is none', () => {
    expect(trayTooltip(makeSnapshot({}), utc)).toBe('WallTrack — Supabase ok 42 ms · Neo4j ok 7 ms');
    expect(incidentSummary(makeSnapshot({}), utc)).toBeNull();
  });
});
