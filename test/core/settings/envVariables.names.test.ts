/** The variable names each setting and secret is known by (from the registry), and URLs whose "@" is not userinfo. */
import { describe, expect, it } from 'vitest';
import { KNOWN_VARIABLES, SECRET_VARIABLE_OF, SECRET_VARIABLES, SETTING_VARIABLES, variableOf } from '../../../src-main/core/settings/envVariables.js';
import { parseSettings } from '../../../src-main/core/settings/validation.js';

const inEnvironment = (databases: object) => ({ environments: [{ id: 'default', name: 'default', databases }] });

describe('secret variable names', () => {
  it('map both ways', () => {
    expect(SECRET_VARIABLE_OF).toEqual({ supabaseKey: 'SUPABASE_KEY', supabaseAccessToken: 'SUPABASE_ACCESS_TOKEN', neo4jPassword: 'NEO4J_PASSWORD' });
    expect(SECRET_VARIABLES).toEqual({ SUPABASE_KEY: 'supabaseKey', SUPABASE_ACCESS_TOKEN: 'supabaseAccessToken', NEO4J_PASSWORD: 'neo4jPassword' });
  });
});

describe('setting variable names', () => {
  it('each kind\'s endpoint and options in registry order, then the monitor\'s, then the secrets', () => {
    expect(KNOWN_VARIABLES).toEqual([
      'SUPABASE_URL',
      'SUPABASE_PROBE_TABLE',
      'SUPABASE_PROJECT_REF',
      'SUPABASE_MANAGEMENT_API_URL',
      'NEO4J_URI',
      'NEO4J_USER',
      'NEO4J_DATABASE',
      'WALLTRACK_TIMEOUT_MS',
      'WALLTRACK_SLOW_MS',
      'WALLTRACK_RECOVERY_SUCCESSES',
      'SUPABASE_KEY',
      'SUPABASE_ACCESS_TOKEN',
      'NEO4J_PASSWORD',
    ]);
    expect(SETTING_VARIABLES).toEqual({
      SUPABASE_URL: { database: 'supabase', field: 'url', path: 'supabase.url', numeric: false },
      SUPABASE_PROBE_TABLE: { database: 'supabase', field: 'probeTable', path: 'supabase.probeTable', numeric: false },
      SUPABASE_PROJECT_REF: { database: 'supabase', field: 'projectRef', path: 'supabase.projectRef', numeric: false },
      SUPABASE_MANAGEMENT_API_URL: { database: 'supabase', field: 'managementApiUrl', path: 'supabase.managementApiUrl', numeric: false },
      NEO4J_URI: { database: 'neo4j', field: 'uri', path: 'neo4j.uri', numeric: false },
      NEO4J_USER: { database: 'neo4j', field: 'user', path: 'neo4j.user', numeric: false },
      NEO4J_DATABASE: { database: 'neo4j', field: 'database', path: 'neo4j.database', numeric: false },
      WALLTRACK_TIMEOUT_MS: { database: null, field: 'timeoutMs', path: 'monitor.timeoutMs', numeric: true },
      WALLTRACK_SLOW_MS: { database: null, field: 'slowMs', path: 'monitor.slowMs', numeric: true },
      WALLTRACK_RECOVERY_SUCCESSES: { database: null, field: 'recoverySuccesses', path: 'monitor.recoverySuccesses', numeric: true },
    });
  });

  it('variableOf names the variable of a settings path', () => {
    expect(variableOf('neo4j.user')).toBe('NEO4J_USER');
    expect(variableOf('supabase.url')).toBe('SUPABASE_URL');
    expect(variableOf('monitor.slowMs')).toBe('WALLTRACK_SLOW_MS');
    expect(variableOf('monitor.retries')).toBeUndefined();
    expect(variableOf('neo4jPassword')).toBeUndefined();
  });
});

describe('userinfo in an endpoint', () => {
  it('is looked for only right after the scheme', () => {
    expect(parseSettings(inEnvironment({ neo4j: { uri: 'neo4j://h:7687/?next=http://u@x' } })).environments[0]!.databases.neo4j!.uri).toBe(
      'neo4j://h:7687/?next=http://u@x',
    );
    expect(() => parseSettings(inEnvironment({ supabase: { url: 'https://u@abcd.supabase.co' } }))).toThrow(
      'Supabase URL must not contain credentials ("user:password@"); the API key belongs in SUPABASE_KEY (the Supabase API key field)',
    );
  });
});
