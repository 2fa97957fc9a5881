/** Settings validation as a caller sees it: which field a ValidationError names, and its message, written out. */
import { describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../../src-main/common/settings-schema.js';
import { ValidationError } from '../../../src-main/core/errors.js';
import { applyEnvVariables } from '../../../src-main/core/settings/envVariables.js';
import { assertNoSecretKeys, parseSettings, validationErrorFrom } from '../../../src-main/core/settings/validation.js';

const MONITOR = { intervalSec: 30, timeoutMs: 5_000, retries: 2, backoffInitialMs: 1_000, backoffMaxMs: 4_000, slowMs: 1_000, recoverySuccesses: 2 };
/** The default settings file (version 2: one environment, both kinds present and empty). */
const DEFAULTS = {
  version: 2,
  environments: [
    { id: 'default', name: 'default', colour: null, databases: { supabase: { url: null, probeTable: null }, neo4j: { uri: null, user: 'neo4j', database: null } } },
  ],
  monitor: MONITOR,
  app: { notifications: true, startAtLogin: false },
};
/** One environment's config as env variables apply to it. */
const CONFIG = { databases: DEFAULTS.environments[0]!.databases, monitor: MONITOR };
const inEnvironment = (databases: object) => ({ environments: [{ id: 'default', name: 'default', databases }] });

function thrown(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('validationErrorFrom', () => {
  it('names the first field, with a prefix, and counts the other problems', () => {
    const two = SettingsSchema.safeParse({ monitor: { intervalSec: 0, retries: 99 } }).error!;
    expect(validationErrorFrom(two)).toMatchObject({ field: 'monitor.intervalSec', message: 'Checks: Check interval must be at least 1 second (and 1 more problem(s))' });
    const one = SettingsSchema.safeParse({ monitor: { retries: 99 } }).error!;
    expect(validationErrorFrom(one, 'draft')).toMatchObject({ field: 'draft.monitor.retries', message: 'Settings: Retries must be between 0 and 10' });
  });

  it('says "(settings)" when the whole value is wrong and there is no prefix', () => {
    const whole = SettingsSchema.safeParse('text').error!;
    expect(validationErrorFrom(whole).field).toBe('(settings)');
    expect(validationErrorFrom(whole, 'secrets').field).toBe('secrets');
  });
});

describe('parseSettings', () => {
  it('returns the parsed settings', () => {
    expect(parseSettings(inEnvironment({ neo4j: { uri: 'bolt://h:7687' } }))).toEqual({
      ...DEFAULTS,
      environments: [{ id: 'default', name: 'default', colour: null, databases: { neo4j: { uri: 'bolt://h:7687', user: 'neo4j', database: null } } }],
    });
    expect(parseSettings({})).toEqual(DEFAULTS);
  });

  // The schema refuses these now (common/endpointUrl.ts); parseSettings names the field.
  it.each([
    ['environments.0.databases.supabase.url', inEnvironment({ supabase: { url: 'https://key@abcd.supabase.co' } }), 'Supabase URL must not contain credentials ("user:password@"); the API key belongs in SUPABASE_KEY (the Supabase API key field)'],
    ['environments.0.databases.neo4j.uri', inEnvironment({ neo4j: { uri: 'bolt://neo4j:pw@h:7687' } }), 'Neo4j URI must not contain credentials ("user:password@"); put the user in NEO4J_USER (the Neo4j user field) and the password in NEO4J_PASSWORD (the Neo4j password field)'],
    ['environments.0.databases.neo4j.uri', inEnvironment({ neo4j: { uri: 'NEO4J+S://neo4j@h:7687' } }), 'Neo4j URI must not contain credentials ("user:password@"); put the user in NEO4J_USER (the Neo4j user field) and the password in NEO4J_PASSWORD (the Neo4j password field)'],
  ])('refuses credentials in %s', (field, input, message) => {
    expect(thrown(() => parseSettings(input))).toMatchObject({ field, message: `Environment "default": ${message}` });
  });

  it('an "@" after the host (path or query) is not a credential', () => {
    expect(parseSettings(inEnvironment({ neo4j: { uri: 'neo4j://h:7687/?policy=a@b' } })).environments[0]!.databases.neo4j!.uri).toBe('neo4j://h:7687/?policy=a@b');
    // A Supabase URL is the project URL alone: the path is what is refused, not a credential.
    expect(thrown(() => parseSettings(inEnvironment({ supabase: { url: 'https://abcd.supabase.co/a@b' } }))).message).toBe(
      'Environment "default": Supabase URL must not have a path (such as /rest/v1); use the project URL alone, e.g. https://abcd.supabase.co',
    );
  });
});

describe('assertNoSecretKeys', () => {
  it.each(['apiKey', 'password', 'PASSWD', 'clientSecret', 'token', 'credentials', 'Authorization'])('refuses a key named %s, naming its path', (key) => {
    expect(thrown(() => assertNoSecretKeys({ supabase: { nested: { [key]: 'x' } } }))).toMatchObject({
      field: `supabase.nested.${key}`,
      message: `supabase.nested.${key}: looks like a secret and may not be written to the settings file; secrets belong in the OS keychain`,
    });
  });

  it.each(['supabaseKey', 'NEO4J_PASSWORD', 'neo4jpassword', 'Supabase_Key'])('refuses a registry secret\'s name or variable %s inside an environment', (key) => {
    expect(thrown(() => assertNoSecretKeys({ environments: [{ id: 'prod', databases: { neo4j: { uri: null, [key]: 'x' } } }] })).field).toBe(
      `environments.0.databases.neo4j.${key}`,
    );
  });

  it('accepts settings, primitives and null', () => {
    expect(() => assertNoSecretKeys(DEFAULTS)).not.toThrow();
    expect(() => assertNoSecretKeys(null)).not.toThrow();
    expect(() => assertNoSecretKeys('password')).not.toThrow();
    expect(() => assertNoSecretKeys([{ user: 'neo4j' }])).not.toThrow();
    expect(thrown(() => assertNoSecretKeys([{ token: 'x' }])).field).toBe('0.token');
  });
});

describe('applyEnvVariables', () => {
  it('maps each variable to its setting, numbers as numbers, secrets aside', () => {
    const applied = applyEnvVariables(
      Object.entries({
        SUPABASE_URL: ' https://abcd.supabase.co ',
        SUPABASE_PROBE_TABLE: 'wallets',
        NEO4J_URI: 'neo4j://h:7687',
        NEO4J_USER: 'graph',
        NEO4J_DATABASE: 'walltrack',
        WALLTRACK_TIMEOUT_MS: '2500',
        WALLTRACK_SLOW_MS: '800',
        SUPABASE_KEY: ' sb_key ',
        NEO4J_PASSWORD: 'pw',
        UNSET: undefined,
      }),
      CONFIG,
    );
    expect(applied.config).toEqual({
      databases: {
        supabase: { url: 'https://abcd.supabase.co', probeTable: 'wallets' },
        neo4j: { uri: 'neo4j://h:7687', user: 'graph', database: 'walltrack' },
      },
      monitor: { ...MONITOR, timeoutMs: 2_500, slowMs: 800 },
    });
    expect(applied.secrets.supabaseKey?.reveal()).toBe('sb_key');
    expect(applied.secrets.neo4jPassword?.reveal()).toBe('pw');
    expect(applied.secretNames).toEqual(['SUPABASE_KEY', 'NEO4J_PASSWORD']);
    expect(applied.applied.map((a) => a.name)).toEqual(['SUPABASE_URL', 'SUPABASE_PROBE_TABLE', 'NEO4J_URI', 'NEO4J_USER', 'NEO4J_DATABASE', 'WALLTRACK_TIMEOUT_MS', 'WALLTRACK_SLOW_MS']);
    expect(applied.applied[0]).toEqual({ name: 'SUPABASE_URL', value: 'https://abcd.supabase.co' });
    expect(applied.ignored).toEqual([]);
  });

  it('does not change the base config', () => {
    const base = structuredClone(CONFIG);
    applyEnvVariables([['NEO4J_USER', 'graph'], ['WALLTRACK_TIMEOUT_MS', '900']], base);
    expect(base).toEqual(CONFIG);
    const empty = { databases: {}, monitor: MONITOR };
    applyEnvVariables([['NEO4J_USER', 'graph']], empty);
    expect(empty).toEqual({ databases: {}, monitor: MONITOR });
  });

  it('a variable of a kind the environment lacks adds that kind, empty but for the variable', () => {
    expect(applyEnvVariables([['NEO4J_USER', 'graph']], { databases: {}, monitor: MONITOR }).config).toEqual({
      databases: { neo4j: { uri: null, user: 'graph', database: null } },
      monitor: MONITOR,
    });
    expect(applyEnvVariables([['SUPABASE_KEY', 'k'], ['WALLTRACK_SLOW_MS', '5']], { databases: {}, monitor: MONITOR }).config).toEqual({
      databases: {},
      monitor: { ...MONITOR, slowMs: 5 },
    });
  });

  it('a value the schema refuses is named by its variable, with the setting it lands in', () => {
    expect(thrown(() => applyEnvVariables([['NEO4J_DATABASE', '1db']], CONFIG))).toMatchObject({
      field: 'NEO4J_DATABASE',
      message: 'NEO4J_DATABASE: Neo4j database must be a database name such as neo4j, or empty for the server default',
    });
    expect(thrown(() => applyEnvVariables([['WALLTRACK_SLOW_MS', '0']], CONFIG))).toMatchObject({
      field: 'WALLTRACK_SLOW_MS',
      message: 'WALLTRACK_SLOW_MS: Slow threshold must be at least 1 ms',
    });
  });

  it('reports 100 unknown variables by name, and counts those past 100', () => {
    const unknown = (n: number) => Array.from({ length: n }, (_, i) => [`X${i}`, '1'] as const);
    expect(applyEnvVariables(unknown(100), CONFIG).ignored.map((i) => i.name)).toEqual(unknown(100).map(([name]) => name));
    const past = applyEnvVariables(unknown(101), CONFIG).ignored;
    expect(past).toHaveLength(101);
    expect(past[100]).toEqual({ name: '1 more variables', reason: 'not WallTrack Monitor settings; skipped' });
  });

  it('names the field when a schema problem is not from a variable', () => {
    const broken = { ...CONFIG, monitor: { ...MONITOR, retries: 99 } };
    expect(thrown(() => applyEnvVariables([], broken))).toMatchObject({ field: 'monitor.retries', message: 'Checks: Retries must be between 0 and 10' });
    const withCredentials = { ...CONFIG, databases: { supabase: { url: 'https://k@x.supabase.co', probeTable: null } } };
    expect(thrown(() => applyEnvVariables([], withCredentials)).field).toBe('supabase.url');
  });
});
