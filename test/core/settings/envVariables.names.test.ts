/** The variable names each secret is known by, and URLs whose "@" is not userinfo. */
import { describe, expect, it } from 'vitest';
import { SECRET_VARIABLE_OF, SECRET_VARIABLES } from '../../../src-main/core/settings/envVariables.js';
import { parseSettings } from '../../../src-main/core/settings/validation.js';

describe('secret variable names', () => {
  it('map both ways', () => {
    expect(SECRET_VARIABLE_OF).toEqual({ supabaseKey: 'SUPABASE_KEY', neo4jPassword: 'NEO4J_PASSWORD' });
    expect(SECRET_VARIABLES).toEqual({ SUPABASE_KEY: 'supabaseKey', NEO4J_PASSWORD: 'neo4jPassword' });
  });
});

describe('userinfo in an endpoint', () => {
  it('is looked for only right after the scheme', () => {
    expect(parseSettings({ neo4j: { uri: 'neo4j://h:7687/?next=http://u@x' } }).neo4j.uri).toBe('neo4j://h:7687/?next=http://u@x');
    expect(() => parseSettings({ supabase: { url: 'https://u@abcd.supabase.co' } })).toThrow(
      'Supabase URL must not contain credentials ("user:password@"); the API key belongs in SUPABASE_KEY (the Supabase API key field)',
    );
  });
});
