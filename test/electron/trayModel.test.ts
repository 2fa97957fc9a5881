/** The tray's words as plain data: tooltip and menu for one environment (as before environments) and for several. */
import { readFileSync } from 'node:fs';
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EnvironmentId } from '../../src-main/common/schemas.js';
import { TOOLTIP_MAX, describeDatabase, trayMenuTemplate, trayTooltip, type TrayActions } from '../../src-main/electron/trayModel.js';
import { atFixtureTime, makeEnvironment, makeSnapshot, makeSnapshotOf, makeStatus } from './fixtures.js';

const fixedTime = () => '13:00';
beforeEach(atFixtureTime);
afterEach(() => vi.useRealTimers());
const options = { startAtLogin: false, canStartAtLogin: true };

/** Labels as a tree: "---" for a separator, { label: [...] } for a submenu. */
type Shape = string | Record<string, Shape[]>;
function shape(template: MenuItemConstructorOptions[]): Shape[] {
  return template.map((item) => {
    if (item.type === 'separator') return '---';
    if (Array.isArray(item.submenu)) return { [item.label!]: shape(item.submenu) };
    return item.label!;
  });
}
function findItem(template: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions | undefined {
  for (const item of template) {
    if (item.id === id) return item;
    const inner = Array.isArray(item.submenu) ? findItem(item.submenu, id) : undefined;
    if (inner) return inner;
  }
  return undefined;
}
function recordingActions(): { actions: TrayActions; calls: string[] } {
  const calls: string[] = [];
  const scoped = (name: string) => (environment?: EnvironmentId) => void calls.push(environment === undefined ? `${name}(all)` : `${name}(${environment})`);
  return {
    calls,
    actions: {
      acknowledge: (environment, database) => void calls.push(`acknowledge(${environment}/${database})`),
      mute: (environment, database, hours) => void calls.push(`mute(${environment}/${database}, ${hours})`),
      unmute: (environment, database) => void calls.push(`unmute(${environment}/${database})`),
      checkNow: scoped('checkNow'),
      pauseOneHour: scoped('pauseOneHour'),
      resume: scoped('resume'),
      openStatus: () => void calls.push('openStatus'),
      openSettings: () => void calls.push('openSettings'),
      copyDiagnostics: () => void calls.push('copyDiagnostics'),
      setStartAtLogin: (on) => void calls.push(`setStartAtLogin(${on})`),
      quit: () => void calls.push('quit'),
    },
  };
}
const click = (template: MenuItemConstructorOptions[], id: string) => (findItem(template, id)!.click as () => void)();

/** Settings order: staging, production, dev; production's Neo4j is down. */
const productionNeo4jDown = () =>
  makeSnapshotOf(
    [
      makeEnvironment({ id: 'staging', name: 'staging' }),
      makeEnvironment({ id: 'production', name: 'production', status: 'down', neo4j: { status: 'down', healthy: false, latencyMs: null, kind: 'auth_failed' } }),
      makeEnvironment({ id: 'dev', name: 'dev' }),
    ],
    { status: 'down' },
  );

describe('tray tooltip with one environment: as before environments', () => {
  it('reads "WallTrack — Supabase ok 42 ms · Neo4j down: authentication failed", no environment name', () => {
    const snapshot = makeSnapshot({ status: 'down', neo4j: { status: 'down', healthy: false, latencyMs: null, kind: 'auth_failed' } });
    expect(trayTooltip(snapshot)).toBe('WallTrack — Supabase ok 42 ms · Neo4j down: authentication failed');
  });

  it.each([
    [{ status: 'degraded' as const, latencyMs: 1234.4 }, 'slow 1234 ms'],
    [{ status: 'retrying' as const, healthy: false, kind: 'timeout' as const }, 'retrying: no answer in time'],
    [{ status: 'down' as const, healthy: false, kind: 'dns' as const }, 'down: host name could not be resolved'],
    [{ status: 'down' as const, healthy: false }, 'down: check failed'],
    [{ status: 'not_configured' as const, healthy: false, latencyMs: null }, 'not configured'],
    [{ status: 'unknown' as const, healthy: false, latencyMs: null }, 'not checked yet'],
  ])('describes %o as "%s"', (over, text) => {
    expect(describeDatabase(makeStatus(over))).toBe(text);
  });

  it('says when checks are paused, and shows the results as last known, not as current', () => {
    expect(trayTooltip(makeSnapshot({ paused: { until: '2026-01-01T13:00:00.000Z' } }), fixedTime)).toBe(
      'WallTrack — paused until 13:00 · Supabase last known: ok 13:00 · Neo4j last known: ok 13:00',
    );
    expect(trayTooltip(makeSnapshot({ paused: { until: null }, neo4j: { status: 'unknown', checkedAt: null, latencyMs: null } }), fixedTime)).toBe(
      'WallTrack — paused · Supabase last known: ok 13:00 · Neo4j not checked yet',
    );
  });

  it('stays within the Windows tooltip limit, ending in "…" when cut', () => {
    const long = makeSnapshot({ paused: { until: '2026-01-01T13:00:00.000Z' }, supabase: { status: 'retrying', healthy: false, kind: 'invalid_config' }, neo4j: { status: 'retrying', healthy: false, kind: 'refused' } });
    const text = trayTooltip(long, () => 'a very long localised time string'.repeat(3));
    expect(text.length).toBe(TOOLTIP_MAX);
    expect(text.endsWith('…')).toBe(true);
  });

  it('takes each database label from the snapshot, so a kind the shell was not built with shows by its own name', () => {
    const snapshot = makeSnapshotOf([
      makeEnvironment({ neo4j: null, supabase: { database: 'supabase', label: 'Supabase' } }),
    ]);
    const renamed = structuredClone(snapshot);
    renamed.environments[0]!.databases.supabase!.label = 'Postgres (REST)';
    expect(trayTooltip(snapshot)).toBe('WallTrack — Supabase ok 42 ms');
    expect(trayTooltip(renamed)).toBe('WallTrack — Postgres (REST) ok 42 ms');
  });
});

describe('tray tooltip with several environments: what is wrong first', () => {
  it('reads "WallTrack — production: Neo4j down · staging ok · dev ok" (failing first, then settings order)', () => {
    expect(trayTooltip(productionNeo4jDown())).toBe('WallTrack — production: Neo4j down · staging ok · dev ok');
  });

  it('orders the worst first: down, then slow or retrying, then unchecked or unconfigured, then paused, then ok', () => {
    const snapshot = makeSnapshotOf([
      makeEnvironment({ id: 'qa', name: 'qa' }),
      makeEnvironment({ id: 'dev', name: 'dev', status: 'unconfigured', supabase: { status: 'not_configured', healthy: false, latencyMs: null }, neo4j: { status: 'not_configured', healthy: false, latencyMs: null } }),
      makeEnvironment({ id: 'demo', name: 'demo', paused: { until: null } }),
      makeEnvironment({ id: 'staging', name: 'staging', status: 'ok', neo4j: { status: 'degraded', latencyMs: 1500 } }),
      makeEnvironment({ id: 'production', name: 'production', status: 'down', supabase: { status: 'down', healthy: false, kind: 'refused' }, neo4j: { status: 'down', healthy: false, kind: 'dns' } }),
    ]);
    expect(trayTooltip(snapshot, fixedTime)).toBe(
      'WallTrack — production down · staging: Neo4j slow · dev not configured · demo paused — last known: ok 13:00 · qa ok',
    );
  });

  it('says "not checked yet" for a paused environment that never had a result', () => {
    const never = { status: 'unknown' as const, healthy: false, latencyMs: null, checkedAt: null };
    const snapshot = makeSnapshotOf([makeEnvironment({ id: 'qa', name: 'qa' }), makeEnvironment({ id: 'demo', name: 'demo', status: 'unknown', paused: { until: null }, supabase: never, neo4j: never })]);
    expect(trayTooltip(snapshot, fixedTime)).toBe('WallTrack — demo paused — not checked yet · qa ok');
    expect(shape(trayMenuTemplate(snapshot, options, recordingActions().actions, fixedTime))[1]).toEqual({
      'demo: paused — not checked yet': ['Supabase: paused — not checked yet', 'Neo4j: paused — not checked yet', '---', 'Check now', 'Resume (paused)'],
    });
  });

  it('stays within 127 characters (Windows cuts there) and says how many environments it left out', () => {
    const failing = (id: string) =>
      makeEnvironment({ id, name: `${id}-environment`, status: 'down', neo4j: { status: 'down', healthy: false, latencyMs: null, kind: 'refused' } });
    const snapshot = makeSnapshotOf(['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'].map(failing));
    const text = trayTooltip(snapshot);
    expect(text).toBe(
      'WallTrack — alpha-environment: Neo4j down · bravo-environment: Neo4j down · charlie-environment: Neo4j down · +3 more',
    );
    expect(text.length).toBeLessThanOrEqual(TOOLTIP_MAX);
    expect(TOOLTIP_MAX).toBe(127);
  });

  it('cuts even a single over-long part, still saying how many it left out', () => {
    const name = 'x'.repeat(60);
    const snapshot = makeSnapshotOf([
      makeEnvironment({ id: 'a', name, status: 'down', supabase: { label: 'A very long database label', status: 'down', healthy: false }, neo4j: { label: 'Another long database label', status: 'retrying', healthy: false } }),
      makeEnvironment({ id: 'b', name: 'b' }),
    ]);
    const text = trayTooltip(snapshot);
    expect(text).toBe(`WallTrack — ${name}: A very long database label down, Another l… · +1 more`);
    expect(text.length).toBe(TOOLTIP_MAX);
  });
});

describe('tray menu with one environment: as before environments', () => {
  it('has a line per database, then Check now, Pause for 1 hour, windows, start at login and quit', () => {
    const template = trayMenuTemplate(makeSnapshot({}), options, recordingActions().actions);
    expect(shape(template)).toEqual([
      'Supabase: ok 42 ms',
      'Neo4j: ok 7 ms',
      '---',
      'Check now',
      'Pause for 1 hour',
      '---',
      'Open status window',
      'Settings…',
      'Copy diagnostics',
      '---',
      'Start at login',
      '---',
      'Quit WallTrack Monitor',
    ]);
    expect(findItem(template, 'database-supabase')!.enabled).toBe(false);
  });

  it('offers Resume with the time when paused, and its actions act on everything', () => {
    const { actions, calls } = recordingActions();
    const template = trayMenuTemplate(makeSnapshot({ paused: { until: '2026-01-01T13:00:00.000Z' } }), options, actions, fixedTime);
    expect(shape(template).slice(3, 5)).toEqual(['Check now', 'Resume (paused until 13:00)']);
    click(template, 'check-now');
    click(template, 'resume');
    click(trayMenuTemplate(makeSnapshot({}), options, actions), 'pause');
    expect(calls).toEqual(['checkNow(all)', 'resume(all)', 'pauseOneHour(all)']);
  });
});

describe('tray menu with several environments', () => {
  it('has a submenu per environment (name and its worst state) with its databases and actions, then the global items', () => {
    const template = trayMenuTemplate(productionNeo4jDown(), options, recordingActions().actions);
    const environment = (databases: Shape[]) => [...databases, '---', 'Check now', 'Pause for 1 hour'];
    expect(shape(template)).toEqual([
      { 'staging: ok': environment(['Supabase: ok 42 ms', 'Neo4j: ok 7 ms']) },
      { 'production: down': environment(['Supabase: ok 42 ms', 'Neo4j: down: authentication failed', 'Acknowledge Neo4j', { 'Mute Neo4j': ['For 1 hour', 'For 4 hours', 'For 8 hours'] }]) },
      { 'dev: ok': environment(['Supabase: ok 42 ms', 'Neo4j: ok 7 ms']) },
      '---',
      'Check all now',
      'Pause all for 1 hour',
      '---',
      'Open status window',
      'Settings…',
      'Copy diagnostics',
      '---',
      'Start at login',
      '---',
      'Quit WallTrack Monitor',
    ]);
    expect(findItem(template, 'database-production-neo4j')!.enabled).toBe(false);
  });

  it('offers Copy diagnostics among the global items, after Settings…', () => {
    const { actions, calls } = recordingActions();
    const template = trayMenuTemplate(productionNeo4jDown(), options, actions);
    expect(findItem(template, 'copy-diagnostics')!.label).toBe('Copy diagnostics');
    click(template, 'copy-diagnostics');
    expect(calls).toEqual(['copyDiagnostics']);
  });

  it('acts on that environment from its submenu and on all from the global items', () => {
    const { actions, calls } = recordingActions();
    const template = trayMenuTemplate(productionNeo4jDown(), options, actions);
    click(template, 'check-now-production');
    click(template, 'pause-production');
    click(template, 'check-now');
    click(template, 'pause');
    expect(calls).toEqual(['checkNow(production)', 'pauseOneHour(production)', 'checkNow(all)', 'pauseOneHour(all)']);
  });

  it('offers Resume in a paused environment, and Resume all next to Pause all while some are paused', () => {
    const { actions, calls } = recordingActions();
    const snapshot = productionNeo4jDown();
    snapshot.environments[1]!.paused = { until: '2026-01-01T13:00:00.000Z' };
    const template = trayMenuTemplate(snapshot, options, actions, fixedTime);
    expect(shape(template).slice(0, 6)).toEqual([
      { 'staging: ok': ['Supabase: ok 42 ms', 'Neo4j: ok 7 ms', '---', 'Check now', 'Pause for 1 hour'] },
      {
        'production: paused — last known: down 13:00': [
          'Supabase: paused — last known: ok 13:00',
          'Neo4j: paused — last known: down 13:00',
          '---',
          'Check now',
          'Resume (paused until 13:00)',
        ],
      },
      { 'dev: ok': ['Supabase: ok 42 ms', 'Neo4j: ok 7 ms', '---', 'Check now', 'Pause for 1 hour'] },
      '---',
      'Check all now',
      'Pause all for 1 hour',
    ]);
    expect(shape(template)[6]).toBe('Resume all');
    click(template, 'resume-production');
    click(template, 'resume');
    expect(calls).toEqual(['resume(production)', 'resume(all)']);

    for (const env of snapshot.environments) env.paused = { until: null };
    const allPaused = shape(trayMenuTemplate({ ...snapshot, paused: { until: null } }, options, actions));
    expect(allPaused.slice(3, 7)).toEqual(['---', 'Check all now', 'Resume all', '---']);
  });

  it('doubles an "&" in a name, which Electron would otherwise take for a Windows access key', () => {
    const snapshot = productionNeo4jDown();
    snapshot.environments[0]!.name = 'R&D';
    expect(shape(trayMenuTemplate(snapshot, options, recordingActions().actions))[0]).toHaveProperty(['R&&D: ok']);
  });
});

describe('names from the settings file', () => {
  it('are shown on one line: a line break or tab in a name cannot add lines to the tooltip or menu', () => {
    const snapshot = productionNeo4jDown();
    snapshot.environments[1]!.name = 'prod\nuction\t eu';
    expect(trayTooltip(snapshot)).toBe('WallTrack — prod uction eu: Neo4j down · staging ok · dev ok');
    expect(shape(trayMenuTemplate(snapshot, options, recordingActions().actions))[1]).toHaveProperty(['prod uction eu: down']);
  });
});

describe('the tray names no database kind itself', () => {
  it.each(['electron/trayModel', 'electron/tray', 'electron/trayIcons', 'electron/notifications', 'common/notificationPolicy', 'common/notificationText'])('src-main/%s.ts spells out no kind', (file) => {
    const source = readFileSync(new URL(`../../src-main/${file}.ts`, import.meta.url), 'utf8');
    expect(source).not.toMatch(/supabase|neo4j/i);
  });
});

describe('acknowledge and mute from the tray', () => {
  const downNeo4j = { status: 'down' as const, healthy: false, latencyMs: null, kind: 'refused' as const };
  it('offers Acknowledge and Mute on a failing database, and each reaches the core for that environment and database', () => {
    const { actions, calls } = recordingActions();
    const template = trayMenuTemplate(productionNeo4jDown(), options, actions, fixedTime);
    click(template, 'acknowledge-production-neo4j');
    click(template, 'mute-production-neo4j-4');
    expect(calls).toEqual(['acknowledge(production/neo4j)', 'mute(production/neo4j, 4)']);
  });

  it('says who acknowledged when, drops Acknowledge once done, and offers Unmute with the end while muted', () => {
    const { actions, calls } = recordingActions();
    const snapshot = makeSnapshot({ status: 'down', neo4j: { ...downNeo4j, attention: { acknowledged: { at: '2026-01-01T12:00:00.000Z' }, muted: { until: '2026-01-01T16:00:00.000Z' } } } });
    const template = trayMenuTemplate(snapshot, options, actions, (iso) => iso.slice(11, 16));
    expect(shape(template).slice(0, 4)).toEqual(['Supabase: ok 42 ms', 'Neo4j: down: connection refused — Acknowledged 12:00', 'Unmute Neo4j (muted until 16:00)', '---']);
    click(template, 'unmute-default-neo4j');
    expect(calls).toEqual(['unmute(default/neo4j)']);
  });

  it('says Maintenance with the window and its end, and offers nothing on a healthy database', () => {
    const snapshot = makeSnapshot({ neo4j: { attention: { maintenance: { until: '2026-01-01T13:00:00.000Z', window: 'Upgrade' } } } });
    const template = trayMenuTemplate(snapshot, options, recordingActions().actions, (iso) => iso.slice(11, 16));
    expect(shape(template).slice(0, 3)).toEqual(['Supabase: ok 42 ms', 'Neo4j: ok 7 ms — Maintenance (Upgrade) until 13:00', '---']);
  });
});
