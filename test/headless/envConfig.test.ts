import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../src-main/common/databases.js';
import { ConfigurationError } from '../../src-main/core/errors.js';
import { applyVariables, MONITOR_VARIABLES, readEnvConfig, variablesSet } from '../../src-main/headless/envConfig.js';

function configError(env: NodeJS.ProcessEnv): ConfigurationError {
  try {
    readEnvConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  throw new Error('expected a ConfigurationError');
}

const ALL = {
  SUPABASE_URL: 'http://127.0.0.1:54321/',
  SUPABASE_KEY: 'sb_publishable_abc',
  SUPABASE_PROBE_TABLE: 'wallets',
  NEO4J_URI: 'bolt://127.0.0.1:7687',
  NEO4J_USER: 'graph',
  NEO4J_PASSWORD: 'pw',
  NEO4J_DATABASE: 'neo4j',
  WALLTRACK_TIMEOUT_MS: '2500',
  WALLTRACK_SLOW_MS: '4000',
};

describe('readEnvConfig', () => {
  it('is null when none of the variables is set (saved settings are used)', () => {
    expect(readEnvConfig({ HOME: '/h', PATH: '/bin', NEO4J_URI: '' })).toBeNull();
  });

  it('builds one environment "default" from the original names; the keychain is not read', () => {
    const config = readEnvConfig(ALL)!;
    expect(config.source).toBe('environment variables');
    expect(config.readKeychain).toBe(false);
    expect(config.settings.environments).toEqual([
      {
        id: 'default',
        name: 'default',
        colour: null,
        databases: {
          supabase: { url: 'http://127.0.0.1:54321', probeTable: 'wallets' },
          neo4j: { uri: 'bolt://127.0.0.1:7687', user: 'graph', database: 'neo4j' },
        },
      },
    ]);
    expect(config.settings.monitor.timeoutMs).toBe(2500);
    expect(config.settings.monitor.slowMs).toBe(4000);
    expect(Object.keys(config.secrets)).toEqual(['default']);
    expect(config.secrets.default!.neo4jPassword!.reveal()).toBe('pw');
    expect(config.secrets.default!.supabaseKey!.reveal()).toBe('sb_publishable_abc');
    expect(JSON.stringify(config)).not.toContain('sb_publishable_abc');
  });

  it('names the environment after WALLTRACK_ENV, and its secrets with it', () => {
    const config = readEnvConfig({ ...ALL, WALLTRACK_ENV: 'eu-production' })!;
    expect(config.settings.environments.map((e) => [e.id, e.name])).toEqual([['eu-production', 'eu-production']]);
    expect(Object.keys(config.secrets)).toEqual(['eu-production']);
    expect(config.secrets['eu-production']!.neo4jPassword!.reveal()).toBe('pw');
  });

  it.each(['Production', 'prod_1', '-prod', 'a'.repeat(33), 'prod env'])('refuses WALLTRACK_ENV=%j saying what an id looks like', (id) => {
    const error = configError({ ...ALL, WALLTRACK_ENV: id });
    expect(error.message).toBe(
      'Invalid environment variable WALLTRACK_ENV: it must be 1–32 lowercase letters, digits or "-" (starting and ending with a letter or digit), e.g. WALLTRACK_ENV=production',
    );
    expect(error.hint).toBe('Fix or unset WALLTRACK_ENV (unset, the environment is called "default")');
  });

  it('monitors only the databases whose variables are set: an unset one is absent, not "down"', () => {
    const config = readEnvConfig({ NEO4J_URI: 'bolt://127.0.0.1:7687', NEO4J_PASSWORD: 'pw' })!;
    expect(config.settings.environments[0]!.databases).toEqual({ neo4j: { uri: 'bolt://127.0.0.1:7687', user: 'neo4j', database: null } });
    expect(Object.keys(config.secrets.default!)).toEqual(['neo4jPassword']);
  });

  it.each([
    [{ NEO4J_URI: 'bolt://h:7687' }, 'NEO4J_URI is set but NEO4J_PASSWORD is not: set NEO4J_PASSWORD (or unset NEO4J_URI)'],
    [{ SUPABASE_KEY: 'k' }, 'SUPABASE_KEY is set but SUPABASE_URL is not: set SUPABASE_URL (or unset SUPABASE_KEY)'],
    [
      { SUPABASE_URL: 'https://abcd.supabase.co', SUPABASE_KEY: 'k', NEO4J_USER: 'graph' },
      'NEO4J_USER is set but NEO4J_URI and NEO4J_PASSWORD are not: set NEO4J_URI and NEO4J_PASSWORD (or unset NEO4J_USER)',
    ],
    [
      { NEO4J_URI: 'bolt://h:7687', NEO4J_DATABASE: 'graph', SUPABASE_PROBE_TABLE: 'wallets', SUPABASE_URL: 'https://abcd.supabase.co' },
      'SUPABASE_URL, SUPABASE_PROBE_TABLE are set but SUPABASE_KEY is not: set SUPABASE_KEY (or unset SUPABASE_URL, SUPABASE_PROBE_TABLE); ' +
        'NEO4J_URI, NEO4J_DATABASE are set but NEO4J_PASSWORD is not: set NEO4J_PASSWORD (or unset NEO4J_URI, NEO4J_DATABASE)',
    ],
  ])('%j: each database needs its endpoint and its secret together', (env, message) => {
    const error = configError(env);
    expect(error.message).toBe(message);
    expect(error.hint).toBe('Set both variables of each database you want checked');
  });

  it.each([
    [{ NEO4J_USER: 'neo4j' }, /^Nothing to check: set SUPABASE_URL and SUPABASE_KEY and\/or NEO4J_URI and NEO4J_PASSWORD \(optionally SUPABASE_ACCESS_TOKEN, SUPABASE_PROBE_TABLE, SUPABASE_PROJECT_REF, SUPABASE_MANAGEMENT_API_URL, NEO4J_USER, NEO4J_DATABASE\), or pass --config FILE/],
    [{ WALLTRACK_SLOW_MS: '3000' }, /^Nothing to check: /],
    [{ NEO4J_URI: 'bolt://h:7687', NEO4J_PASSWORD: 'p', WALLTRACK_TIMEOUT_MS: '5s' }, /^Invalid environment variable WALLTRACK_TIMEOUT_MS: must be a whole number/],
    [{ NEO4J_URI: 'bolt://h:7687', NEO4J_PASSWORD: 'p', WALLTRACK_TIMEOUT_MS: '10' }, /^Invalid environment variable WALLTRACK_TIMEOUT_MS: Timeout must be at least 100 ms/],
    [{ NEO4J_URI: 'bolt://h:7687', NEO4J_PASSWORD: 'p', WALLTRACK_SLOW_MS: 'slow' }, /^Invalid environment variable WALLTRACK_SLOW_MS: must be a whole number/],
    [{ NEO4J_URI: 'http://h:7474', NEO4J_PASSWORD: 'p' }, /^Invalid environment variable NEO4J_URI: Neo4j URI must use one of/],
  ])('%j is a configuration error saying what to set', (env, message) => {
    expect(configError(env).message).toMatch(message);
  });

  it('the monitor variables --help lists are the ones applyEnvVariables applies', () => {
    // A value each accepts: milliseconds for the two thresholds, 1–10 for the successes.
    for (const name of MONITOR_VARIABLES) expect(variablesSet(applyVariables({ [name]: name === 'WALLTRACK_RECOVERY_SUCCESSES' ? '3' : '3000' }))).toEqual([name]);
  });

  it('spells out no variable of the registry: names, pairs and messages come from src-main/common/databases.ts', () => {
    const source = readFileSync(new URL('../../src-main/headless/envConfig.ts', import.meta.url), 'utf8');
    const names = DATABASE_KINDS.flatMap((k) => [k.endpoint.envVar, k.secret.envVar, ...k.options.map((o) => o.envVar)]);
    expect(names).toHaveLength(9);
    for (const name of names) expect(source).not.toContain(name);
  });
});
