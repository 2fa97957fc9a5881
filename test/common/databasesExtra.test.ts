/** The registry's extra secret and the options that exist only once set (issue 11's deeper checks). */
import { describe, expect, it } from 'vitest';
import { extraSecret, kindSettingsSchema, supabaseKind } from '../../src-main/common/databases.js';

const supabase = kindSettingsSchema(supabaseKind);
const base = { url: 'https://abcdefghijklmnopqrst.supabase.co', probeTable: null };

describe('extraSecret', () => {
  it('finds the Supabase access token by name, and nothing for a kind’s own secret or an unknown name', () => {
    expect(extraSecret('supabaseAccessToken')).toMatchObject({ name: 'supabaseAccessToken', envVar: 'SUPABASE_ACCESS_TOKEN', account: 'supabase-access-token' });
    expect(extraSecret('neo4jPassword')).toBeUndefined();
    expect(extraSecret('supabaseKey')).toBeUndefined();
    expect(extraSecret('nope')).toBeUndefined();
  });
});

describe('options that exist only once set', () => {
  it('keep a value that is set', () => {
    expect(supabase.parse({ ...base, projectRef: 'abcdefghijklmnopqrst', managementApiUrl: 'https://api.example.com' })).toEqual({
      ...base,
      projectRef: 'abcdefghijklmnopqrst',
      managementApiUrl: 'https://api.example.com',
    });
  });

  it('are left out while empty', () => {
    expect(supabase.parse({ ...base, projectRef: '', managementApiUrl: '' })).toEqual(base);
  });

  it('refuse a Management API URL with a path, naming what is allowed', () => {
    const result = supabase.safeParse({ ...base, managementApiUrl: 'https://api.supabase.com/v1/projects' });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message)).toEqual([
      'Supabase Management API URL must be an origin such as https://api.supabase.com (scheme, host and port only: no path, query or credentials), or empty for that one',
    ]);
  });
});
