/**
 * Issue 13 item 3: every message the settings form can show is written for people. Each field is made
 * wrong in every way the form allows (empty, too long, wrong type, out of range, bad URL, bad slug,
 * duplicate id, maintenance windows…) and every message collected; none may carry zod's default wording
 * or an internal path.
 */
import { describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../../src-main/common/databases.js';
import type { MaintenanceWindow } from '../../../src-main/common/maintenance.js';
import { SettingsSchema, type SettingsView } from '../../../src-main/common/settings-schema.js';
import {
  NUMBER_FIELDS,
  addEnvironment,
  allShownSecrets,
  formFromSettings,
  maintenanceWindowFrom,
  newIdProblem,
  removeEnvironment,
  setField,
  updateEnvironment,
  validateForm,
  type MaintenanceInput,
  type NumberFieldId,
  type SettingsForm,
} from '../../../src-renderer/lib/settingsForm.js';

const saved = SettingsSchema.parse({
  environments: [
    { id: 'production', name: 'Production', databases: { supabase: { url: 'https://abcd.supabase.co' }, neo4j: { uri: 'neo4j://db.example.com:7687' } } },
    { id: 'staging', name: 'Staging', databases: { neo4j: { uri: 'bolt://staging.example.com:7687' } } },
  ],
});
const view: SettingsView = { settings: saved, secrets: { production: { neo4jPassword: 'stored' }, staging: {} }, paths: { settingsFile: '/s.json', logFile: '/l.log' } };
const fresh = (): SettingsForm => formFromSettings(saved);

/** Zod's own words and paths a person should never read. */
const MACHINE_WORDING = /invalid input|\bexpected\b|\breceived\b|too small|too big|invalid string|\brequired\b|invalid option|invalid type|neo4j\.uri|supabase\.url|\(setting|environments\.\d|monitor\.|\bNaN\b/i;

function formErrors(form: SettingsForm): string[] {
  const result = validateForm(form);
  return result.ok ? [] : Object.values(result.errors);
}

const BAD_TEXT = ['', ' ', 'x', 'not a url', 'x'.repeat(300), 'ftp://host', 'http://user:pw@host', 'http://host:99999', 'http://host:0', 'http://host/path?q=1#f', 'neo4j://', 'bolt://[::1', 'bolt://::1:7687', 'https://', '1nvalid name!', '-', 'ümlaut'];
const BAD_NUMBERS = ['', ' ', 'abc', '1.5', '-1', '0', '0.5', '1e9', '99999999', '11', 'Infinity'];

function everyFormMessage(): string[] {
  const messages: string[] = [];
  for (const id of Object.keys(NUMBER_FIELDS) as NumberFieldId[]) {
    for (const value of BAD_NUMBERS) messages.push(...formErrors({ ...fresh(), numbers: { ...fresh().numbers, [id]: value } }));
  }
  for (const env of ['production', 'staging']) {
    for (const kind of DATABASE_KINDS) {
      for (const field of [kind.endpoint, ...kind.options]) {
        for (const value of BAD_TEXT) messages.push(...formErrors(setField(fresh(), env, kind.id, field.key, value)));
      }
    }
    for (const name of ['', '   ', 'N'.repeat(61)]) messages.push(...formErrors(updateEnvironment(fresh(), env, { name })));
    for (const colour of ['red', '#12345', '#gggggg']) messages.push(...formErrors(updateEnvironment(fresh(), env, { colour })));
  }
  // Ids: a bad slug, one used twice, one belonging to an environment being removed, and too many environments.
  for (const id of ['', 'Bad_Id', '-x', 'x'.repeat(33), 'staging']) {
    messages.push(...formErrors(addEnvironment(fresh(), 'New', id).form));
    messages.push(newIdProblem(id, ['staging']) ?? '');
  }
  const removed = removeEnvironment(fresh(), 'staging');
  messages.push(...formErrors(addEnvironment(removed, 'Staging again', 'staging').form));
  let many = fresh();
  for (let i = 0; i < 40; i++) many = addEnvironment(many, `E${i}`, `e${i}`).form;
  messages.push(...formErrors(many));
  // Maintenance windows: each input wrong, too many for one scope, one for a database the environment lacks.
  const input: MaintenanceInput = { kind: 'weekly', label: 'Backup', database: '', from: '', to: '', day: 'sun', start: '02:00', end: '03:00', timeZone: 'UTC' };
  const once: MaintenanceInput = { ...input, kind: 'once', from: '2026-12-24T02:00', to: '2026-12-24T04:00' };
  const badInputs: MaintenanceInput[] = [
    { ...input, label: '' },
    { ...input, label: 'L'.repeat(61) },
    { ...input, day: 'someday' },
    { ...input, start: '25:00' },
    { ...input, start: '' },
    { ...input, end: '2am' },
    { ...input, end: '01:00' },
    { ...input, timeZone: 'Mars/Olympus' },
    { ...input, timeZone: 'Z'.repeat(100) },
    { ...input, database: 'redis' },
    { ...once, from: '' },
    { ...once, to: 'soon' },
    { ...once, to: '2026-12-24T01:00' },
    { ...once, to: '2028-12-24T01:00' },
  ];
  for (const bad of badInputs) {
    const made = maintenanceWindowFrom(bad);
    messages.push(made.ok ? '' : made.error);
  }
  const weekly: MaintenanceWindow = { kind: 'weekly', label: 'Backup', day: 'sun', start: '02:00', end: '03:00', timeZone: 'UTC' };
  messages.push(...formErrors(updateEnvironment(fresh(), 'production', { maintenance: Array.from({ length: 21 }, () => weekly) })));
  messages.push(...formErrors(updateEnvironment(fresh(), 'staging', { maintenance: [{ ...weekly, database: 'supabase' }] })));
  // A secret opened for replacing and left empty.
  messages.push(...Object.values(allShownSecrets(fresh(), { production: { neo4jPassword: { mode: 'replace', value: '' } } }, view).errors));
  // One too long for the keychain edit main accepts.
  messages.push(...Object.values(allShownSecrets(fresh(), { production: { neo4jPassword: { mode: 'replace', value: 'p'.repeat(8_193) } } }, view).errors));
  return messages.filter((m) => m !== '');
}

describe('validation messages in the settings form', () => {
  it('are written for people: no zod wording and no internal path in any of them', () => {
    const messages = [...new Set(everyFormMessage())];
    // The walk reaches the ways each field can be wrong (a sample, stated literally).
    expect(messages).toEqual(
      expect.arrayContaining([
        'Neo4j URI must use one of neo4j://, neo4j+s://, neo4j+ssc://, bolt://, bolt+s://, bolt+ssc://, e.g. neo4j://localhost:7687',
        'Environment name must not be empty, e.g. Production',
        'Environment id "staging" is used twice; each environment needs its own id',
        'At most 32 environments can be monitored',
        'Neo4j password: A secret must be at most 8192 characters',
      ]),
    );
    expect(messages.length).toBeGreaterThan(40);
    expect(messages.filter((m) => MACHINE_WORDING.test(m))).toEqual([]);
  });

  it('say what a number field must be, naming it and its unit', () => {
    const errorOf = (id: NumberFieldId, value: string) => {
      const result = validateForm({ ...fresh(), numbers: { ...fresh().numbers, [id]: value } });
      return result.ok ? null : result.errors[id];
    };
    expect(errorOf('monitor.timeoutMs', '1500.5')).toBe('Timeout must be a whole number of milliseconds');
    expect(errorOf('monitor.timeoutMs', '200000')).toBe('Timeout must be at most 120000 ms (2 minutes)');
    expect(errorOf('monitor.intervalSec', '100000')).toBe('Check interval must be at most 86400 seconds (one day)');
    expect(errorOf('monitor.retries', '-1')).toBe('Retries before down: Retries must be between 0 and 10');
    expect(errorOf('monitor.retries', '1.5')).toBe('Retries before down: Retries must be a whole number between 0 and 10');
    expect(errorOf('monitor.slowMs', '0.5')).toBe('Slow threshold must be a whole number of milliseconds');
    expect(errorOf('monitor.slowMs', '200000')).toBe('Slow threshold must be at most 120000 ms (2 minutes)');
  });
});
