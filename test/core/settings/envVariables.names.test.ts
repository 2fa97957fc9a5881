/** The variable names each secret is known by, and URLs whose "@" is not userinfo. */
import { describe, expect, it } from 'vitest';
import { SECRET_VARIABLE_OF, SECRET_VARIABLES } from '../../../src-main/core/settings/envVariables.js';
import { credentialsInUrl } from '../../../src-main/core/settings/validation.js';

describe('secret variable names', () => {
  it('map both ways', () => {
    expect(SECRET_VARIABLE_OF).toEqual({ supabaseKey: 'SUPABASE_KEY', neo4jPassword: 'NEO4J_PASSWORD' });
    expect(SECRET_VARIABLES).toEqual({ SUPABASE_KEY: 'supabaseKey', NEO4J_PASSWORD: 'neo4jPassword' });
  });
});

describe('credentialsInUrl', () => {
  it('looks for userinfo only right after the scheme', () => {
    const settings = (url: string) => ({
      supabase: { url, probeTable: null },
      neo4j: { uri: null, user: 'neo4j', database: null },
      monitor: { intervalSec: 30, timeoutMs: 5_000, retries: 2, backoffInitialMs: 1_000, backoffMaxMs: 4_000, slowMs: 1_000 },
      app: { notifications: true, startAtLogin: false },
    });
    expect(credentialsInUrl(settings('https://abcd.supabase.co/?next=http://u@x'))).toBeNull();
    expect(credentialsInUrl(settings('https://u@abcd.supabase.co'))?.field).toBe('supabase.url');
  });
});
