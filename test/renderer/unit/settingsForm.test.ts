import { describe, expect, it } from 'vitest';
import { SettingsDraftSchema, SettingsSchema } from '../../../src-main/common/settings-schema.js';
import { buildDraft, formFromSettings, secretErrors, secretsToReenter, shownSecrets, validateForm, type SettingsForm } from '../../../src-renderer/lib/settingsForm.js';

const saved = SettingsSchema.parse({
  supabase: { url: 'https://abcd.supabase.co', probeTable: 'wallets' },
  neo4j: { uri: 'neo4j+s://db.example.com:7687', user: 'neo4j', database: null },
});
const edit = (f: (form: SettingsForm) => void): SettingsForm => {
  const form = formFromSettings(saved);
  f(form);
  return form;
};

describe('settings form validation (the schemas main uses)', () => {
  it('round-trips saved settings unchanged', () => {
    const v = validateForm(formFromSettings(saved));
    expect(v).toEqual({ ok: true, settings: saved });
  });

  it('names the field in each error', () => {
    const v = validateForm(
      edit((f) => {
        f.text['neo4j.uri'] = 'http://db.example.com:7474';
        f.text['supabase.url'] = 'abcd.supabase.co';
        f.text['supabase.probeTable'] = 'wallets; drop table x';
        f.numbers['monitor.retries'] = '11';
        f.numbers['monitor.intervalSec'] = 'soon';
      }),
    );
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.errors['neo4j.uri']).toMatch(/^Neo4j URI must use one of/);
    expect(v.errors['supabase.url']).toMatch(/^Supabase URL must start with https:\/\//);
    expect(v.errors['supabase.probeTable']).toMatch(/^Probe table must be a plain table name/);
    expect(v.errors['monitor.retries']).toMatch(/^Retries/);
    expect(v.errors['monitor.intervalSec']).toBe('Check interval must be a number');
    expect(Object.keys(v.errors)).toHaveLength(5);
  });

  it('prefixes generic schema messages with the field label', () => {
    const v = validateForm(edit((f) => (f.numbers['monitor.timeoutMs'] = '500000')));
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors['monitor.timeoutMs']).toMatch(/^Timeout: /);
  });

  it('treats empty optional fields as not set', () => {
    const v = validateForm(edit((f) => ((f.text['supabase.url'] = '  '), (f.text['neo4j.database'] = ''))));
    expect(v.ok && v.settings.supabase.url).toBe(null);
  });
});

describe('secret edits', () => {
  it('keeps stored secrets unless replaced or removed, and the draft passes the contract', () => {
    const draft = buildDraft(saved, { supabaseKey: { mode: 'keep' }, neo4jPassword: { mode: 'replace', value: 'n3w' } });
    expect(draft.secrets).toEqual({ supabaseKey: { action: 'keep' }, neo4jPassword: { action: 'replace', value: 'n3w' } });
    expect(SettingsDraftSchema.safeParse(draft).success).toBe(true);
    expect(buildDraft(saved, { supabaseKey: { mode: 'remove' }, neo4jPassword: { mode: 'keep' } }).secrets.supabaseKey).toEqual({ action: 'remove' });
  });

  it('refuses an empty replacement, naming the secret', () => {
    expect(secretErrors({ supabaseKey: { mode: 'keep' }, neo4jPassword: { mode: 'replace', value: '' } })).toEqual({
      neo4jPassword: 'Type the new Neo4j password or press Cancel',
    });
  });

  describe('a stored secret is asked for again when its endpoint changes', () => {
    const bothStored = { supabaseKey: 'stored', neo4jPassword: 'stored' } as const;
    const keepAll = { supabaseKey: { mode: 'keep' }, neo4jPassword: { mode: 'keep' } } as const;

    it('asks for nothing while the endpoints match the saved ones (scheme family and default port may change for Neo4j)', () => {
      expect(secretsToReenter(formFromSettings(saved), saved, bothStored)).toEqual({});
      expect(secretsToReenter(edit((f) => (f.text['neo4j.uri'] = 'bolt://db.example.com')), saved, bothStored)).toEqual({});
    });

    it('turns a kept secret into an empty password input, with the message naming the new endpoint', () => {
      const form = edit((f) => ((f.text['neo4j.uri'] = 'bolt://new-host:7687'), (f.text['supabase.url'] = 'http://abcd.supabase.co')));
      const reenter = secretsToReenter(form, saved, bothStored);
      expect(reenter).toEqual({
        neo4jPassword: 'The Neo4j URI changed: enter the password for bolt://new-host:7687',
        supabaseKey: 'The Supabase URL changed: enter the API key for http://abcd.supabase.co',
      });
      const shown = shownSecrets(keepAll, reenter);
      expect(shown).toEqual({ supabaseKey: { mode: 'replace', value: '' }, neo4jPassword: { mode: 'replace', value: '' } });
      expect(secretErrors(shown, reenter)).toEqual(reenter);
      // A typed value is what gets sent.
      expect(shownSecrets({ ...keepAll, neo4jPassword: { mode: 'replace', value: 'typed' } }, reenter).neo4jPassword).toEqual({ mode: 'replace', value: 'typed' });
    });

    it('asks again when the Neo4j user changes, and not when nothing is stored or the secret is removed', () => {
      const form = edit((f) => (f.text['neo4j.user'] = 'admin'));
      expect(secretsToReenter(form, saved, bothStored)).toEqual({
        neo4jPassword: 'The Neo4j user changed: enter the password for user "admin" at neo4j+s://db.example.com:7687',
      });
      expect(secretsToReenter(form, saved, { supabaseKey: 'stored', neo4jPassword: 'not_set' })).toEqual({});
      const reenter = secretsToReenter(form, saved, bothStored);
      expect(shownSecrets({ ...keepAll, neo4jPassword: { mode: 'remove' } }, reenter).neo4jPassword).toEqual({ mode: 'remove' });
    });
  });
});
