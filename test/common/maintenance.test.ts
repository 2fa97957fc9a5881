/** Maintenance windows: what the settings accept (and the message when they refuse), and when a window is on. */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { activeMaintenance, localDateTimeToIso, maintenanceIntervals, mergeIntervals, nextMaintenanceChange, windowOccurrences, type MaintenanceWindow } from '../../src-main/common/maintenance.js';
import { SettingsSchema } from '../../src-main/common/settings-schema.js';

const NEO4J = { uri: 'bolt://127.0.0.1:7687', user: 'neo4j', database: null };
const withWindows = (maintenance: unknown[], databases: object = { neo4j: NEO4J }) => ({ environments: [{ id: 'prod', name: 'Production', databases, maintenance }] });
function verdict(schema: z.ZodType, input: unknown): string {
  const r = schema.safeParse(input);
  return r.success ? 'ok' : `${r.error.issues[0]!.path.join('.')}: ${r.error.issues[0]!.message}`;
}
const sunday = { kind: 'weekly', label: 'Weekly backup', day: 'sun', start: '02:00', end: '03:00', timeZone: 'Europe/Berlin' } as const;
const once = { kind: 'once', label: 'Upgrade', from: '2026-12-24T02:00:00Z', to: '2026-12-24T04:00:00Z' } as const;
const t = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('maintenance windows in the settings', () => {
  it('accepts a one-off and a weekly window, for the environment or one of its databases; none is the default', () => {
    expect(verdict(SettingsSchema, withWindows([once, { ...sunday, database: 'neo4j' }]))).toBe('ok');
    const parsed = SettingsSchema.parse({ environments: [{ id: 'prod', name: 'Production', databases: { neo4j: NEO4J } }] });
    expect(parsed.environments[0]!.maintenance).toBeUndefined();
  });

  it('refuses, naming the window and what to do', () => {
    const at = (w: object) => verdict(SettingsSchema, withWindows([w])).replace(/^environments\.0\.maintenance\.0\./, '');
    expect(at({ ...once, to: '2026-12-24T02:00:00Z' })).toBe('to: Maintenance window "Upgrade" must end after it starts');
    expect(at({ ...once, to: '2027-12-25T02:00:00Z' })).toBe('to: Maintenance window "Upgrade" may last at most one year; split it or use a weekly window');
    expect(at({ ...once, from: 'tomorrow' })).toBe('from: Maintenance start must be a date and time, e.g. 2026-12-24T02:00:00Z');
    expect(at({ ...sunday, start: '2am' })).toBe('start: Weekly maintenance start must be a time as HH:MM, e.g. 02:00');
    expect(at({ ...sunday, end: '01:00' })).toBe('end: Weekly maintenance window "Weekly backup" must end after it starts on the same day (02:00–01:00); use 24:00 for midnight');
    expect(at({ ...sunday, day: 'sunday' })).toBe('day: Weekly maintenance day must be one of sun, mon, tue, wed, thu, fri, sat');
    expect(at({ ...sunday, timeZone: 'Mars/Olympus' })).toBe('timeZone: Maintenance time zone must be an IANA name such as Europe/Berlin or UTC');
    expect(at({ ...sunday, label: ' ' })).toBe('label: Maintenance window needs a name, e.g. Weekly backup');
    expect(verdict(SettingsSchema, withWindows([{ ...sunday, database: 'supabase' }]))).toBe(
      'environments.0.maintenance.0.database: Maintenance window "Weekly backup" is for supabase, which environment "prod" does not monitor',
    );
  });

  it('allows 20 windows per scope and refuses the 21st, naming the scope', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => ({ ...once, label: `w${i}` }));
    expect(verdict(SettingsSchema, withWindows([...twenty, ...twenty.map((w) => ({ ...w, database: 'neo4j' }))]))).toBe('ok');
    expect(verdict(SettingsSchema, withWindows([...twenty, once]))).toBe('environments.0.maintenance.20: At most 20 maintenance windows for the environment; remove old ones first');
  });
});

describe('when a window is on', () => {
  it('puts a weekly window at its wall-clock time in its own zone, across daylight saving', () => {
    const w = sunday as MaintenanceWindow;
    // Berlin: CET (+1) until 29 March 2026, CEST (+2) after.
    const got = windowOccurrences(w, t('2026-03-20T00:00:00Z'), t('2026-04-06T00:00:00Z')).map(([s, e]) => [iso(s), iso(e)]);
    expect(got).toEqual([
      ['2026-03-22T01:00:00.000Z', '2026-03-22T02:00:00.000Z'],
      // 29 March: 02:00–03:00 does not exist in Berlin (clocks jump from 02:00 to 03:00), so that night has no window
      ['2026-04-05T00:00:00.000Z', '2026-04-05T01:00:00.000Z'],
    ]);
  });

  it('clips occurrences to the range asked about, and a one-off window is its own interval', () => {
    expect(windowOccurrences(once as MaintenanceWindow, t('2026-12-24T03:00:00Z'), t('2026-12-25T00:00:00Z'))).toEqual([[t('2026-12-24T03:00:00Z'), t('2026-12-24T04:00:00Z')]]);
    expect(windowOccurrences(once as MaintenanceWindow, t('2026-12-25T00:00:00Z'), t('2026-12-26T00:00:00Z'))).toEqual([]);
  });

  it('joins overlapping windows, of the environment and of the database, and leaves out other databases\' windows', () => {
    const windows = [
      { ...once, database: 'neo4j' },
      { ...once, label: 'Later', from: '2026-12-24T03:00:00Z', to: '2026-12-24T05:00:00Z' },
      { ...once, label: 'Supabase only', database: 'supabase', from: '2026-12-24T06:00:00Z', to: '2026-12-24T07:00:00Z' },
    ] as MaintenanceWindow[];
    expect(maintenanceIntervals(windows, 'neo4j', t('2026-12-24T00:00:00Z'), t('2026-12-25T00:00:00Z'))).toEqual([[t('2026-12-24T02:00:00Z'), t('2026-12-24T05:00:00Z')]]);
    expect(mergeIntervals([[5, 6], [1, 3], [3, 4]])).toEqual([[1, 4], [5, 6]]);
  });

  it('says which window is on now and until when, and when the next change comes', () => {
    const w = [sunday] as MaintenanceWindow[];
    expect(activeMaintenance(w, 'neo4j', t('2026-12-06T01:30:00Z'))).toEqual({ until: t('2026-12-06T02:00:00Z'), window: 'Weekly backup' });
    expect(activeMaintenance(w, 'neo4j', t('2026-12-06T02:00:00Z'))).toBeNull();
    expect(nextMaintenanceChange(w, t('2026-12-02T12:00:00Z'))).toBe(t('2026-12-06T01:00:00Z'));
    expect(nextMaintenanceChange(w, t('2026-12-06T01:00:00Z'))).toBe(t('2026-12-06T02:00:00Z'));
  });
});

describe('edges', () => {
  it('accepts 24:00 as the end of a weekly window and "00:00" as its start; refuses 24:01 and a name over 60 characters', () => {
    const at = (w: object) => verdict(SettingsSchema, withWindows([w])).replace(/^environments\.0\.maintenance\.0\./, '');
    expect(at({ ...sunday, start: '00:00', end: '24:00' })).toBe('ok');
    expect(at({ ...sunday, end: '24:01' })).toBe('end: Weekly maintenance end must be a time as HH:MM, e.g. 02:00');
    expect(at({ ...sunday, label: 'x'.repeat(61) })).toBe('label: Maintenance window name must be at most 60 characters');
    expect(at({ ...once, to: 'later' })).toBe('to: Maintenance end must be a date and time, e.g. 2026-12-24T04:00:00Z');
    // Exactly a year is allowed.
    expect(at({ ...once, to: '2027-12-24T02:00:00Z' })).toBe('ok');
  });

  it('a one-off window is on from its start (included) to its end (excluded), and its edges are the next changes', () => {
    const w = [once] as MaintenanceWindow[];
    expect(activeMaintenance(w, 'neo4j', t('2026-12-24T02:00:00Z'))).toEqual({ until: t('2026-12-24T04:00:00Z'), window: 'Upgrade' });
    expect(activeMaintenance(w, 'neo4j', t('2026-12-24T01:59:59.999Z'))).toBeNull();
    expect(activeMaintenance(w, 'neo4j', t('2026-12-24T04:00:00Z'))).toBeNull();
    expect(nextMaintenanceChange(w, t('2026-12-01T00:00:00Z'))).toBe(t('2026-12-24T02:00:00Z'));
    expect(nextMaintenanceChange(w, t('2026-12-24T03:00:00Z'))).toBe(t('2026-12-24T04:00:00Z'));
    expect(nextMaintenanceChange(w, t('2026-12-24T04:00:00Z'))).toBeNull();
    expect(nextMaintenanceChange(undefined, t('2026-12-24T04:00:00Z'))).toBeNull();
  });

  it('when windows overlap, says the one that ends last; another database\'s window is not this one\'s', () => {
    const w = [once, { ...once, label: 'Longer', to: '2026-12-24T05:00:00Z' }, { ...once, label: 'Other', database: 'supabase', to: '2026-12-24T06:00:00Z' }] as MaintenanceWindow[];
    expect(activeMaintenance(w, 'neo4j', t('2026-12-24T03:00:00Z'))).toEqual({ until: t('2026-12-24T05:00:00Z'), window: 'Longer' });
    expect(activeMaintenance(w, 'supabase', t('2026-12-24T05:30:00Z'))).toEqual({ until: t('2026-12-24T06:00:00Z'), window: 'Other' });
  });

  it('reads a datetime-local value in the given zone', () => {
    expect(localDateTimeToIso('2026-07-01T02:00', 'Europe/Berlin')).toBe('2026-07-01T00:00:00.000Z');
    expect(localDateTimeToIso('2026-01-01T02:00', 'Europe/Berlin')).toBe('2026-01-01T01:00:00.000Z');
    expect(localDateTimeToIso('2026-01-01 02:00', 'UTC')).toBeNull();
  });
});
