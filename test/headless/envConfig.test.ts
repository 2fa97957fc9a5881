import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src-main/core/errors.js';
import { readEnvConfig } from '../../src-main/headless/envConfig.js';

function configError(env: NodeJS.ProcessEnv): ConfigurationError {
  try {
    readEnvConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  throw new Error('expected a ConfigurationError');
}

describe('readEnvConfig', () => {
  it('is null when none of the variables is set (saved settings are used)', () => {
    expect(readEnvConfig({ HOME: '/h', PATH: '/bin', NEO4J_URI: '' })).toBeNull();
  });

  it('builds a complete configuration from the original names', () => {
    const config = readEnvConfig({
      SUPABASE_URL: 'http://127.0.0.1:54321/',
      SUPABASE_KEY: 'sb_publishable_abc',
      SUPABASE_PROBE_TABLE: 'wallets',
      NEO4J_URI: 'bolt://127.0.0.1:7687',
      NEO4J_USER: 'graph',
      NEO4J_PASSWORD: 'pw',
      NEO4J_DATABASE: 'neo4j',
      WALLTRACK_TIMEOUT_MS: '2500',
      WALLTRACK_SLOW_MS: '4000',
    })!;
    expect(config.source).toBe('environment variables');
    expect(config.settings.supabase).toEqual({ url: 'http://127.0.0.1:54321', probeTable: 'wallets' });
    expect(config.settings.neo4j).toEqual({ uri: 'bolt://127.0.0.1:7687', user: 'graph', database: 'neo4j' });
    expect(config.settings.monitor.timeoutMs).toBe(2500);
    expect(config.settings.monitor.slowMs).toBe(4000);
    expect(config.secrets.neo4jPassword!.reveal()).toBe('pw');
    expect(JSON.stringify(config)).not.toContain('sb_publishable_abc');
  });

  it.each([
    [{ NEO4J_URI: 'bolt://h:7687' }, /NEO4J_URI is set but NEO4J_PASSWORD is not: set NEO4J_PASSWORD/],
    [{ SUPABASE_KEY: 'k' }, /SUPABASE_KEY is set but SUPABASE_URL is not: set SUPABASE_URL/],
    [{ NEO4J_USER: 'neo4j' }, /Nothing to check: set SUPABASE_URL and SUPABASE_KEY and\/or NEO4J_URI and NEO4J_PASSWORD/],
    [{ NEO4J_URI: 'bolt://h:7687', NEO4J_PASSWORD: 'p', WALLTRACK_TIMEOUT_MS: '5s' }, /WALLTRACK_TIMEOUT_MS: must be a whole number/],
    [{ NEO4J_URI: 'bolt://h:7687', NEO4J_PASSWORD: 'p', WALLTRACK_TIMEOUT_MS: '10' }, /WALLTRACK_TIMEOUT_MS: Timeout must be at least 100 ms/],
    [{ NEO4J_URI: 'bolt://h:7687', NEO4J_PASSWORD: 'p', WALLTRACK_SLOW_MS: 'slow' }, /WALLTRACK_SLOW_MS: must be a whole number/],
    [{ NEO4J_URI: 'http://h:7474', NEO4J_PASSWORD: 'p' }, /NEO4J_URI: Neo4j URI must use one of/],
  ])('%j is a configuration error saying what to set', (env, message) => {
    const error = configError(env);
    expect(error.message).toMatch(message);
  });
});
