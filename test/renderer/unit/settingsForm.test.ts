import { describe, expect, it } from 'vitest';
import { SettingsDraftSchema, SettingsSchema } from '../../../src-main/common/settings-schema.js';
import { buildDraft, formFromSettings, secretErrors, validateForm, type SettingsForm } from '../../../src-renderer/lib/settingsForm.js';

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
});
