/** Every settings field: its default, what it accepts, how it normalises, and the message when it refuses. */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  ImportReportSchema,
  SecretEditSchema,
  SecretEditsSchema,
  SettingsDraftSchema,
  SettingsSchema,
  SettingsViewSchema,
  TestConnectionRequestSchema,
} from '../../src-main/common/settings-schema.js';

const EMPTY_DATABASES = { supabase: { url: null, probeTable: null }, neo4j: { uri: null, user: 'neo4j', database: null } };
const DEFAULTS = {
  version: 2,
  environments: [{ id: 'default', name: 'default', colour: null, databases: EMPTY_DATABASES }],
  monitor: { intervalSec: 30, timeoutMs: 5_000, retries: 2, backoffInitialMs: 1_000, backoffMaxMs: 4_000, slowMs: 1_000, recoverySuccesses: 2 },
  app: { notifications: true, startAtLogin: false },
};
const environment = (databases: object, more: object = {}) => ({ id: 'prod', name: 'Production', databases, ...more });
const inEnvironment = (databases: object) => ({ environments: [environment(databases)] });

/** The first problem zod reports: "dotted.path: message", or "ok". */
function verdict(schema: z.ZodType, input: unknown): string {
  const r = schema.safeParse(input);
  return r.success ? 'ok' : `${r.error.issues[0]!.path.join('.')}: ${r.error.issues[0]!.message}`;
}
/** Sets one field: a database's inside one environment, the monitor's at the top. */
const input = (section: string, field: string, value: unknown) =>
  section === 'monitor' ? { monitor: { [field]: value } } : inEnvironment({ [section]: { [field]: value } });
const value = (section: string, field: string, given: unknown) => {
  const r = SettingsSchema.safeParse(input(section, field, given));
  if (!r.success) throw new Error(`refused: ${r.error.issues[0]!.message}`);
  return r.data.environments[0]!.databases[section]![field];
};
/** The verdict on one database field, with the path inside the environment's databases. */
const fieldVerdict = (section: string, field: string, given: unknown) =>
  verdict(SettingsSchema, input(section, field, given)).replace(/^environments\.0\.databases\./, '');

describe('defaults', () => {
  it('of everything, and of each section left empty', () => {
    expect(SettingsSchema.parse({})).toEqual(DEFAULTS);
    expect(SettingsSchema.parse({ monitor: {}, app: {} })).toEqual(DEFAULTS);
    expect(SettingsSchema.parse({ environments: [environment({ supabase: {}, neo4j: {} })] })).toEqual({
      ...DEFAULTS,
      environments: [{ id: 'prod', name: 'Production', colour: null, databases: EMPTY_DATABASES }],
    });
  });

  it('a kind left out of an environment is not monitored there', () => {
    expect(SettingsSchema.parse({ environments: [environment({ neo4j: {} })] }).environments[0]!.databases).toEqual({ neo4j: EMPTY_DATABASES.neo4j });
    expect(SettingsSchema.parse({ environments: [environment({})] }).environments[0]!.databases).toEqual({});
  });

  it('notifications on and start at login off', () => {
    expect(SettingsSchema.parse({ app: {} }).app).toEqual({ notifications: true, startAtLogin: false });
    expect(SettingsSchema.parse({ app: { notifications: false, startAtLogin: true } }).app).toEqual({ notifications: false, startAtLogin: true });
    expect(verdict(SettingsSchema, { app: { notifications: 'yes' } })).toBe('app.notifications: Invalid input: expected boolean, received string');
  });
});

describe('supabase', () => {
  it.each([
    ['', null],
    ['  https://abcd.supabase.co/  ', 'https://abcd.supabase.co'],
    ['http://127.0.0.1:54321/', 'http://127.0.0.1:54321'],
    ['HTTPS://ABCD.SUPABASE.CO', 'HTTPS://ABCD.SUPABASE.CO'],
  ])('url %j is %j', (input, out) => {
    expect(value('supabase', 'url', input)).toBe(out);
  });

  it.each(['ftp://x', 'xhttps://abcd.supabase.co', 'abcd.supabase.co'])('url %j is refused with an example', (input) => {
    expect(fieldVerdict('supabase', 'url', input)).toBe(
      'supabase.url: Supabase URL must start with https:// (or http:// for a local stack), e.g. https://abcd.supabase.co',
    );
  });

  // Since the endpoint rules moved into the schema (common/endpointUrl.ts) each problem has its own message.
  it.each([
    ['https://', 'Supabase URL must name a host, e.g. https://abcd.supabase.co'],
    ['https:// x', 'Supabase URL host must be a valid host name or IP address, e.g. https://abcd.supabase.co'],
    ['https://abcd.supabase.co//', 'Supabase URL must not have a path (such as /rest/v1); use the project URL alone, e.g. https://abcd.supabase.co'],
    ['https://abcd.supabase.co/rest', 'Supabase URL must not have a path (such as /rest/v1); use the project URL alone, e.g. https://abcd.supabase.co'],
  ])('url %j is refused: %s', (input, message) => {
    expect(fieldVerdict('supabase', 'url', input)).toBe(`supabase.url: ${message}`);
  });

  it.each([
    ['', null],
    [' wallets ', 'wallets'],
    ['_t1', '_t1'],
    ['A'.repeat(63), 'A'.repeat(63)],
  ])('probeTable %j is %j', (input, out) => {
    expect(value('supabase', 'probeTable', input)).toBe(out);
  });

  it.each(['1wallets', 'a-b', 'wallets; drop table x', 'A'.repeat(64), 'x.y'])('probeTable %j is refused', (input) => {
    expect(fieldVerdict('supabase', 'probeTable', input)).toBe(
      'supabase.probeTable: Probe table must be a plain table name (letters, digits, underscore), e.g. wallets',
    );
  });
});

describe('neo4j', () => {
  it.each(['neo4j://h', 'neo4j+s://h:7687', 'neo4j+ssc://h', 'bolt://127.0.0.1:7687', 'bolt+s://h', 'bolt+ssc://h', 'BOLT://H'])('uri %j is accepted', (uri) => {
    expect(value('neo4j', 'uri', uri)).toBe(uri);
  });

  it('an empty uri is "not set", and spaces are trimmed', () => {
    expect(value('neo4j', 'uri', '')).toBeNull();
    expect(value('neo4j', 'uri', '  bolt://h:7687  ')).toBe('bolt://h:7687');
  });

  it.each([
    ['bolt://', 'Neo4j URI must name a host, e.g. neo4j://localhost:7687'],
    ['bolt:// h', 'Neo4j URI host must be a valid host name or IP address, e.g. neo4j://localhost:7687'],
  ])('uri %j is refused: %s', (uri, message) => {
    expect(fieldVerdict('neo4j', 'uri', uri)).toBe(`neo4j.uri: ${message}`);
  });

  it.each(['http://h:7474', 'xbolt://h', '.bolt://h', 'bolt:h', 'neo4j+x://h', 'h:7687'])('uri %j is refused naming every scheme', (uri) => {
    expect(fieldVerdict('neo4j', 'uri', uri)).toBe(
      'neo4j.uri: Neo4j URI must use one of neo4j://, neo4j+s://, neo4j+ssc://, bolt://, bolt+s://, bolt+ssc://, e.g. neo4j://localhost:7687',
    );
  });

  it('user is trimmed and must not be empty', () => {
    expect(value('neo4j', 'user', ' graph ')).toBe('graph');
    expect(fieldVerdict('neo4j', 'user', '  ')).toBe('neo4j.user: Neo4j user must not be empty (usually "neo4j")');
  });

  it.each([
    ['', null],
    [' neo4j ', 'neo4j'],
    ['a.b-c9', 'a.b-c9'],
    ['a'.repeat(63), 'a'.repeat(63)],
  ])('database %j is %j', (input, out) => {
    expect(value('neo4j', 'database', input)).toBe(out);
  });

  it.each(['1db', '_db', 'a'.repeat(64), 'my db', 'db;'])('database %j is refused', (input) => {
    expect(fieldVerdict('neo4j', 'database', input)).toBe(
      'neo4j.database: Neo4j database must be a database name such as neo4j, or empty for the server default',
    );
  });
});

describe('environments', () => {
  it('need an id (a slug), a name of 1 to 60 characters, and may have a colour', () => {
    expect(SettingsSchema.parse({ environments: [environment({}, { colour: '#D33682' })] }).environments[0]!.colour).toBe('#D33682');
    expect(verdict(SettingsSchema, { environments: [environment({}, { colour: 'red' })] })).toBe('environments.0.colour: Environment colour must be #rrggbb, e.g. #d33682');
    expect(verdict(SettingsSchema, { environments: [environment({}, { id: 'Prod' })] })).toBe(
      'environments.0.id: Environment id must be 1–32 lowercase letters, digits or "-", e.g. production or eu-staging',
    );
    expect(verdict(SettingsSchema, { environments: [environment({}, { name: ' ' })] })).toBe('environments.0.name: Environment name must not be empty, e.g. Production');
    expect(verdict(SettingsSchema, { environments: [environment({}, { name: 'x'.repeat(61) })] })).toBe('environments.0.name: Environment name must be at most 60 characters');
  });

  it('from 1 to 32, each id once; a kind outside the registry is refused', () => {
    expect(verdict(SettingsSchema, { environments: [] })).toBe('environments: At least one environment is needed');
    const many = Array.from({ length: 33 }, (_, i) => environment({}, { id: `e${i}` }));
    expect(verdict(SettingsSchema, { environments: many.slice(0, 32) })).toBe('ok');
    expect(verdict(SettingsSchema, { environments: many })).toBe('environments: At most 32 environments can be monitored');
    expect(verdict(SettingsSchema, { environments: [environment({}), environment({})] })).toBe(
      'environments.1.id: Environment id "prod" is used twice; each environment needs its own id',
    );
    expect(verdict(SettingsSchema, inEnvironment({ mysql: {} }))).toBe('environments.0.databases: Unrecognized key: "mysql"');
  });
});

describe('monitor', () => {
  it.each([
    ['intervalSec', 1, 'ok'],
    ['intervalSec', 0.5, 'monitor.intervalSec: Check interval must be at least 1 second'],
    ['intervalSec', 86_400, 'ok'],
    ['intervalSec', 86_401, 'monitor.intervalSec: Check interval must be at most 86400 seconds (one day)'],
    ['intervalSec', 1.5, 'ok'],
    ['timeoutMs', 100, 'ok'],
    ['timeoutMs', 99, 'monitor.timeoutMs: Timeout must be at least 100 ms'],
    ['timeoutMs', 120_000, 'ok'],
    ['timeoutMs', 120_001, 'monitor.timeoutMs: Timeout must be at most 120000 ms (2 minutes)'],
    ['timeoutMs', 150.5, 'monitor.timeoutMs: Timeout must be a whole number of milliseconds'],
    ['retries', 0, 'ok'],
    ['retries', -1, 'monitor.retries: Retries must be between 0 and 10'],
    ['retries', 10, 'ok'],
    ['retries', 11, 'monitor.retries: Retries must be between 0 and 10'],
    ['retries', 1.5, 'monitor.retries: Retries must be a whole number between 0 and 10'],
    ['backoffInitialMs', 10, 'ok'],
    ['backoffInitialMs', 9, 'monitor.backoffInitialMs: First backoff delay must be at least 10 ms'],
    ['backoffInitialMs', 4_000, 'ok'],
    ['backoffInitialMs', 10.5, 'monitor.backoffInitialMs: First backoff delay must be a whole number of milliseconds'],
    ['backoffMaxMs', 1_000, 'ok'],
    ['backoffMaxMs', 300_000, 'ok'],
    ['backoffMaxMs', 300_001, 'monitor.backoffMaxMs: Backoff cap must be at most 300000 ms (5 minutes)'],
    ['backoffMaxMs', 1_000.5, 'monitor.backoffMaxMs: Backoff cap must be a whole number of milliseconds'],
    ['slowMs', 1, 'ok'],
    ['slowMs', 0, 'monitor.slowMs: Slow threshold must be at least 1 ms'],
    ['slowMs', 120_000, 'ok'],
    ['slowMs', 120_001, 'monitor.slowMs: Slow threshold must be at most 120000 ms (2 minutes)'],
    ['slowMs', 1.5, 'monitor.slowMs: Slow threshold must be a whole number of milliseconds'],
  ])('%s = %s: %s', (field, input, expected) => {
    expect(verdict(SettingsSchema, { monitor: { [field]: input } })).toBe(expected);
  });

  it('backoff bounds: first delay up to 60 s, the cap from 10 ms, and the cap at least the first delay', () => {
    expect(verdict(SettingsSchema, { monitor: { backoffInitialMs: 60_000, backoffMaxMs: 60_000 } })).toBe('ok');
    expect(verdict(SettingsSchema, { monitor: { backoffInitialMs: 60_001, backoffMaxMs: 70_000 } })).toBe(
      'monitor.backoffInitialMs: First backoff delay must be at most 60000 ms (1 minute)',
    );
    expect(verdict(SettingsSchema, { monitor: { backoffInitialMs: 10, backoffMaxMs: 10 } })).toBe('ok');
    expect(verdict(SettingsSchema, { monitor: { backoffInitialMs: 10, backoffMaxMs: 9 } })).toBe('monitor.backoffMaxMs: Backoff cap must be at least 10 ms');
    expect(verdict(SettingsSchema, { monitor: { backoffInitialMs: 5_000, backoffMaxMs: 4_999 } })).toBe(
      'monitor.backoffMaxMs: Backoff cap must be at least the first backoff delay',
    );
  });
});

describe('secret edits', () => {
  it('keep, replace with a value of 1 to 8192 characters, or remove; keep by default', () => {
    expect(verdict(SecretEditSchema, { action: 'keep' })).toBe('ok');
    expect(verdict(SecretEditSchema, { action: 'remove' })).toBe('ok');
    expect(verdict(SecretEditSchema, { action: 'replace', value: 'x' })).toBe('ok');
    expect(verdict(SecretEditSchema, { action: 'replace', value: 'x'.repeat(8_192) })).toBe('ok');
    expect(verdict(SecretEditSchema, { action: 'replace', value: '' })).toBe('value: A new secret must not be empty');
    expect(verdict(SecretEditSchema, { action: 'replace', value: 'x'.repeat(8_193) })).toBe('value: A secret must be at most 8192 characters');
    expect(verdict(SecretEditSchema, { action: 'read' })).not.toBe('ok');
    expect(SecretEditsSchema.parse({})).toEqual({});
  });

  it('are per environment and per secret of the registry; absent means keep', () => {
    const edits = { prod: { neo4jPassword: { action: 'replace', value: 'pw' } }, dev: {} };
    expect(SecretEditsSchema.parse(edits)).toEqual(edits);
    expect(verdict(SecretEditsSchema, { prod: { mysqlPassword: { action: 'remove' } } })).not.toBe('ok');
    expect(verdict(SecretEditsSchema, { Prod: {} })).toBe('Prod: Invalid key in record');
  });

  it('a draft and a test request carry settings and secret edits; a test request names its environment and database', () => {
    expect(SettingsDraftSchema.parse({ settings: {}, secrets: {} })).toEqual({ settings: DEFAULTS, secrets: {}, removeEnvironments: [] });
    expect(verdict(TestConnectionRequestSchema, { settings: {}, secrets: {}, environment: 'default', database: 'neo4j' })).toBe('ok');
    expect(verdict(TestConnectionRequestSchema, { settings: {}, secrets: {}, environment: 'default', database: 'mysql' })).not.toBe('ok');
    expect(verdict(TestConnectionRequestSchema, { settings: {}, secrets: {}, database: 'neo4j' })).toBe('environment: Invalid input: expected string, received undefined');
  });
});

describe('views and reports', () => {
  it('a settings view says only whether each secret is stored', () => {
    const view = { settings: DEFAULTS, secrets: { default: { supabaseKey: 'stored', neo4jPassword: 'not_set' } }, paths: { settingsFile: '/s.json', logFile: '/l.log' } };
    expect(SettingsViewSchema.parse(view)).toEqual(view);
    expect(verdict(SettingsViewSchema, { ...view, secrets: { default: { supabaseKey: 'hunter2', neo4jPassword: 'not_set' } } })).not.toBe('ok');
  });

  it('an import report lists names (and non-secret values), stored flags and reasons', () => {
    const report = { environment: 'prod', settings: [{ name: 'NEO4J_URI', value: 'bolt://h' }], secrets: [{ name: 'NEO4J_PASSWORD', stored: true }], ignored: [{ name: 'X', reason: 'r' }] };
    expect(ImportReportSchema.parse(report)).toEqual(report);
    expect(verdict(ImportReportSchema, { ...report, secrets: [{ name: 'NEO4J_PASSWORD', stored: 'yes' }] })).not.toBe('ok');
  });
});
