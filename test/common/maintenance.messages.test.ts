/** Each message a maintenance window can get from the schema, word for word (people read them in Settings). */
import { describe, expect, it } from 'vitest';
import { MaintenanceWindowSchema, MaintenanceWindowsSchema } from '../../src-main/common/maintenance.js';

const messageOf = (input: unknown, schema: { safeParse(i: unknown): { success: boolean; error?: { issues: { message: string }[] } } } = MaintenanceWindowSchema) => {
  const r = schema.safeParse(input);
  return r.success ? null : r.error!.issues[0]!.message;
};
const once = (from: string, to: string) => ({ kind: 'once', label: 'Upgrade', from, to });
const weekly = (start: string, end: string, database?: string) => ({ kind: 'weekly', label: 'Backups', day: 'sun', start, end, timeZone: 'UTC', ...(database ? { database } : {}) });

describe('maintenance window messages', () => {
  it('a one-off window that ends before it starts, or lasts more than a year', () => {
    expect(messageOf(once('2026-12-24T04:00:00Z', '2026-12-24T02:00:00Z'))).toBe('Maintenance window "Upgrade" must end after it starts');
    expect(messageOf(once('2026-12-24T02:00:00Z', '2026-12-24T02:00:00Z'))).toBe('Maintenance window "Upgrade" must end after it starts');
    expect(messageOf(once('2026-01-01T00:00:00Z', '2027-01-02T00:00:00Z'))).toBe('Maintenance window "Upgrade" may last at most one year; split it or use a weekly window');
    expect(messageOf(once('2026-12-24T02:00:00Z', '2026-12-24T02:00:01Z'))).toBeNull();
  });

  it('a weekly window must end after it starts on the same day; the end equal to the start is refused too', () => {
    const said = 'Weekly maintenance window "Backups" must end after it starts on the same day (03:00–02:00); use 24:00 for midnight';
    expect(messageOf(weekly('03:00', '02:00'))).toBe(said);
    expect(messageOf(weekly('03:00', '03:00'))).toBe('Weekly maintenance window "Backups" must end after it starts on the same day (03:00–03:00); use 24:00 for midnight');
    expect(messageOf(weekly('03:00', '03:01'))).toBeNull();
  });

  it('at most 20 windows per scope, named in the message', () => {
    const many = (n: number, database?: string) => Array.from({ length: n }, () => weekly('01:00', '02:00', database));
    expect(messageOf(many(20), MaintenanceWindowsSchema)).toBeNull();
    expect(messageOf(many(21), MaintenanceWindowsSchema)).toBe('At most 20 maintenance windows for the environment; remove old ones first');
    expect(messageOf([...many(20), ...many(21, 'neo4j')], MaintenanceWindowsSchema)).toBe('At most 20 maintenance windows for neo4j; remove old ones first');
  });
});
