/**
 * The Supabase access token (the registry's extra secret) in the settings window: a write-only field
 * under the Supabase section, after the Management API URL it is sent to; asked for again when that
 * URL moves, as main would refuse to keep it.
 */
import { describe, expect, it } from 'vitest';
import { supabaseKind } from '../../../src-main/common/databases.js';
import { SettingsDraftSchema, SettingsSchema, type SettingsView } from '../../../src-main/common/settings-schema.js';
import {
  allShownSecrets,
  buildDraft,
  formFromSettings,
  kindFormItems,
  secretErrorKey,
  secretErrors,
  secretsToReenter,
  setField,
  shownSecrets,
  validateForm,
} from '../../../src-renderer/lib/settingsForm.js';

const saved = SettingsSchema.parse({
  environments: [{ id: 'production', name: 'Production', databases: { supabase: { url: 'https://abcdefghijklmnopqrst.supabase.co' } } }],
});
const stored: SettingsView['secrets'] = { production: { supabaseKey: 'stored', supabaseAccessToken: 'stored' } };
const view: SettingsView = { settings: saved, secrets: stored, paths: { settingsFile: '/s.json', logFile: '/l.log' } };

describe('the access token in the settings form', () => {
  it('comes after the option naming where it is sent (the Management API URL)', () => {
    const items = kindFormItems(supabaseKind).map((i) => (i.type === 'secret' ? `secret:${i.secret.name}` : i.field.key));
    expect(items).toEqual(['url', 'secret:supabaseKey', 'probeTable', 'projectRef', 'managementApiUrl', 'secret:supabaseAccessToken']);
  });

  it('sends a typed token once, in the draft, which the contract accepts; an empty one is refused by name', () => {
    const form = formFromSettings(saved);
    const s = allShownSecrets(form, { production: { supabaseAccessToken: { mode: 'replace', value: 'sbp_new' } } }, view);
    expect(s.errors).toEqual({});
    const v = validateForm(form);
    const draft = buildDraft(v.ok ? v.settings : saved, form, s.shown);
    expect(draft.secrets).toEqual({ production: { supabaseAccessToken: { action: 'replace', value: 'sbp_new' } } });
    expect(SettingsDraftSchema.safeParse(draft).success).toBe(true);
    expect(secretErrors(shownSecrets({ supabaseAccessToken: { mode: 'replace', value: '' } }, {}))).toEqual({
      supabaseAccessToken: 'Type the new Supabase access token or press Cancel',
    });
    expect(secretErrorKey(form, 'secrets.production.supabaseAccessToken')).toBe('production/supabaseAccessToken');
  });

  it('is asked for again when the Management API URL moves to another origin, with the words main uses', () => {
    const moved = setField(formFromSettings(saved), 'production', 'supabase', 'managementApiUrl', 'http://127.0.0.1:9999');
    const reenter = secretsToReenter(moved.environments[0]!, saved, stored);
    expect(reenter).toEqual({ supabaseAccessToken: 'The Supabase Management API URL changed: enter the Supabase access token for http://127.0.0.1:9999' });
    const s = allShownSecrets(moved, {}, view);
    expect(s.shown.production!.supabaseAccessToken).toEqual({ mode: 'replace', value: '' });
    expect(s.shown.production!.supabaseKey).toEqual({ mode: 'keep' });
    expect(s.errors).toEqual({ 'production/supabaseAccessToken': reenter.supabaseAccessToken });
  });

  it('is not asked for again for the same origin, a moved project URL, or when none is stored', () => {
    const same = setField(formFromSettings(saved), 'production', 'supabase', 'managementApiUrl', 'https://API.supabase.com:443');
    expect(secretsToReenter(same.environments[0]!, saved, stored)).toEqual({});
    const project = setField(formFromSettings(saved), 'production', 'supabase', 'url', 'https://zyxwvutsrqponmlkjihg.supabase.co');
    expect(secretsToReenter(project.environments[0]!, saved, stored)).toEqual({
      supabaseKey: 'The Supabase URL changed: enter the API key for https://zyxwvutsrqponmlkjihg.supabase.co',
    });
    const moved = setField(formFromSettings(saved), 'production', 'supabase', 'managementApiUrl', 'http://127.0.0.1:9999');
    expect(secretsToReenter(moved.environments[0]!, saved, { production: { supabaseKey: 'stored', supabaseAccessToken: 'not_set' } })).toEqual({});
  });
});
