/** The Settings window shows the strict endpoint rules inline, under the field, without the value. */
import { describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../../src-main/common/settings-schema.js';
import { formFromSettings, setField, validateForm } from '../../../src-renderer/lib/settingsForm.js';

const SECRET = 'sb_secret_inline-9f3';

describe('endpoint errors in the settings form', () => {
  it('shows each URL problem under its field, starting with the field label and never quoting the value', () => {
    let form = formFromSettings(SettingsSchema.parse({}));
    form = setField(form, 'default', 'supabase', 'url', `https://abcd.supabase.co/rest/v1?apikey=${SECRET}`);
    form = setField(form, 'default', 'neo4j', 'uri', `neo4j://neo4j:${SECRET}@graph.example.com:7687`);
    const v = validateForm(form);
    expect(v).toEqual({
      ok: false,
      errors: {
        'default/supabase.url':
          'Supabase URL must not have a query string ("?…"); the API key belongs in SUPABASE_KEY (the Supabase API key field), and the URL is the project URL alone, e.g. https://abcd.supabase.co',
        'default/neo4j.uri':
          'Neo4j URI must not contain credentials ("user:password@"); put the user in NEO4J_USER (the Neo4j user field) and the password in NEO4J_PASSWORD (the Neo4j password field)',
      },
    });
  });

  it('accepts a local stack with a port and a trailing slash', () => {
    let form = formFromSettings(SettingsSchema.parse({}));
    form = setField(form, 'default', 'supabase', 'url', 'http://127.0.0.1:54321/');
    form = setField(form, 'default', 'neo4j', 'uri', 'bolt://[::1]:7687');
    const v = validateForm(form);
    const databases = v.ok ? v.settings.environments[0]!.databases : null;
    expect([databases?.supabase?.url, databases?.neo4j?.uri]).toEqual(['http://127.0.0.1:54321', 'bolt://[::1]:7687']);
  });
});
