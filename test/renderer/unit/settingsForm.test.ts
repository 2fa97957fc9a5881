import { describe, expect, it } from 'vitest';
import { SettingsDraftSchema, SettingsSchema, type SettingsView } from '../../../src-main/common/settings-schema.js';
import {
  addEnvironment,
  allShownSecrets,
  buildDraft,
  cancelOutcome,
  discardNote,
  environmentNameFromFile,
  formFromSettings,
  importTarget,
  kindFormItems,
  moveEnvironment,
  newIdProblem,
  notSavedNotice,
  removeEnvironment,
  removeQuestion,
  secretErrorKey,
  secretErrors,
  secretsToReenter,
  setField,
  shownSecrets,
  slugFromName,
  takenIds,
  testBlocker,
  uniqueId,
  unsavedChanges,
  updateEnvironment,
  validateForm,
  type SettingsForm,
} from '../../../src-renderer/lib/settingsForm.js';
import { supabaseKind, neo4jKind } from '../../../src-main/common/databases.js';

const saved = SettingsSchema.parse({
  environments: [
    {
      id: 'production',
      name: 'Production',
      colour: '#d33682',
      databases: {
        supabase: { url: 'https://abcd.supabase.co', probeTable: 'wallets' },
        neo4j: { uri: 'neo4j+s://db.example.com:7687', user: 'neo4j', database: null },
      },
    },
    { id: 'staging', name: 'staging', databases: { neo4j: { uri: 'bolt://staging.example.com:7687' } } },
  ],
});
const presence: SettingsView['secrets'] = {
  production: { supabaseKey: 'stored', neo4jPassword: 'stored' },
  staging: { neo4jPassword: 'stored' },
};
const view: SettingsView = { settings: saved, secrets: presence, paths: { settingsFile: '/s.json', logFile: '/l.log' } };
const edit = (f: (form: SettingsForm) => SettingsForm | void): SettingsForm => {
  const form = formFromSettings(saved);
  return f(form) ?? form;
};

describe('the form is built from the registry', () => {
  it('orders each kind as endpoint, secret-binding options, secret, other options', () => {
    const names = (k: typeof supabaseKind | typeof neo4jKind) => kindFormItems(k).map((i) => (i.type === 'secret' ? 'SECRET' : i.field.key));
    expect(names(supabaseKind)).toEqual(['url', 'SECRET', 'probeTable', 'projectRef', 'managementApiUrl', 'SECRET']);
    expect(names(neo4jKind)).toEqual(['uri', 'user', 'SECRET', 'database']);
  });

  it('round-trips saved settings unchanged, an absent kind staying absent', () => {
    expect(validateForm(formFromSettings(saved))).toEqual({ ok: true, settings: saved });
  });

  it('adds a kind the environment lacked once one of its fields is typed', () => {
    const v = validateForm(edit((f) => setField(f, 'staging', 'supabase', 'url', 'https://stage.supabase.co')));
    expect(v.ok && v.settings.environments[1]!.databases).toEqual({
      supabase: { url: 'https://stage.supabase.co', probeTable: null },
      neo4j: { uri: 'bolt://staging.example.com:7687', user: 'neo4j', database: null },
    });
  });

  it('names the field in each error, keyed by environment and input id', () => {
    const v = validateForm(
      edit((f) => {
        f = setField(f, 'staging', 'neo4j', 'uri', 'http://db.example.com:7474');
        f = setField(f, 'production', 'supabase', 'url', 'abcd.supabase.co');
        f = setField(f, 'production', 'supabase', 'probeTable', 'wallets; drop table x');
        f = updateEnvironment(f, 'staging', { name: '  ', colour: 'red' });
        f.numbers['monitor.retries'] = '11';
        f.numbers['monitor.intervalSec'] = 'soon';
        return f;
      }),
    );
    expect(v).toEqual({
      ok: false,
      errors: {
        'staging/neo4j.uri': 'Neo4j URI must use one of neo4j://, neo4j+s://, neo4j+ssc://, bolt://, bolt+s://, bolt+ssc://, e.g. neo4j://localhost:7687',
        'production/supabase.url': 'Supabase URL must start with https:// (or http:// for a local stack), e.g. https://abcd.supabase.co',
        'production/supabase.probeTable': 'Probe table must be a plain table name (letters, digits, underscore), e.g. wallets',
        'staging/env.name': 'Environment name must not be empty, e.g. Production',
        'staging/env.colour': 'Environment colour must be #rrggbb, e.g. #d33682',
        'monitor.retries': 'Retries before down: Retries must be between 0 and 10',
        'monitor.intervalSec': 'Check interval must be a number',
      },
    });
  });

  it('prefixes a schema message with the field label unless it starts with it', () => {
    const v = validateForm(edit((f) => void (f.numbers['monitor.retries'] = '-1')));
    expect(v).toEqual({ ok: false, errors: { 'monitor.retries': 'Retries before down: Retries must be between 0 and 10' } });
    const t = validateForm(edit((f) => void (f.numbers['monitor.timeoutMs'] = '500000')));
    expect(t).toEqual({ ok: false, errors: { 'monitor.timeoutMs': 'Timeout must be at most 120000 ms (2 minutes)' } });
  });
});

describe('environment ids', () => {
  it('derives a slug from the name', () => {
    expect(slugFromName('Staging')).toBe('staging');
    expect(slugFromName('EU Staging (new)')).toBe('eu-staging-new');
    expect(slugFromName('Prödüction – Zürich')).toBe('production-zurich');
    expect(slugFromName('  ---  ')).toBe('env');
    expect(slugFromName('a'.repeat(40))).toBe('a'.repeat(32));
  });

  it('makes it unique with -2, -3…, staying within 32 characters', () => {
    expect(uniqueId('staging', ['production'])).toBe('staging');
    expect(uniqueId('staging', ['staging', 'staging-2'])).toBe('staging-3');
    expect(uniqueId('a'.repeat(32), ['a'.repeat(32)])).toBe(`${'a'.repeat(30)}-2`);
  });

  it('refuses an id that is no slug or is taken, with the schema message', () => {
    expect(newIdProblem('Staging', [])).toBe('Environment id must be 1–32 lowercase letters, digits or "-", e.g. production or eu-staging');
    expect(newIdProblem('staging', ['production', 'staging'])).toBe('Environment id "staging" is already used; choose another');
    expect(newIdProblem('qa', ['production'])).toBeNull();
  });

  it('counts the ids of environments being removed as taken', () => {
    expect(takenIds(removeEnvironment(formFromSettings(saved), 'staging'))).toEqual(['production', 'staging']);
  });
});

describe('editing the list', () => {
  it('adds an environment with every kind present and empty, then saves it in the list order', () => {
    const { form, key } = addEnvironment(formFromSettings(saved), ' QA ', 'qa');
    expect(key).toBe('_new1');
    const v = validateForm(form);
    expect(v.ok && v.settings.environments.map((e) => e.id)).toEqual(['production', 'staging', 'qa']);
    expect(v.ok && v.settings.environments[2]).toEqual({
      id: 'qa',
      name: 'QA',
      colour: null,
      databases: { supabase: { url: null, probeTable: null }, neo4j: { uri: null, user: 'neo4j', database: null } },
    });
  });

  it('renames without touching the id (the keychain key)', () => {
    const v = validateForm(edit((f) => updateEnvironment(f, 'staging', { name: 'Staging (EU)' })));
    expect(v.ok && v.settings.environments[1]!.id).toBe('staging');
    expect(v.ok && v.settings.environments[1]!.name).toBe('Staging (EU)');
  });

  it('moves up and down, and not past either end', () => {
    const form = addEnvironment(formFromSettings(saved), 'QA', 'qa').form;
    const order = (f: SettingsForm) => f.environments.map((e) => e.id);
    expect(order(moveEnvironment(form, '_new1', -1))).toEqual(['production', 'qa', 'staging']);
    expect(order(moveEnvironment(form, 'production', 1))).toEqual(['staging', 'production', 'qa']);
    expect(order(moveEnvironment(form, 'production', -1))).toEqual(['production', 'staging', 'qa']);
    expect(order(moveEnvironment(form, '_new1', 1))).toEqual(['production', 'staging', 'qa']);
  });

  it('lists a removed saved environment in removeEnvironments; an unsaved one just goes; the last one stays', () => {
    let form = addEnvironment(formFromSettings(saved), 'QA', 'qa').form;
    form = removeEnvironment(removeEnvironment(form, '_new1'), 'staging');
    const v = validateForm(form);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    const draft = buildDraft(v.settings, form, allShownSecrets(form, {}, view).shown);
    expect(draft.removeEnvironments).toEqual(['staging']);
    expect(draft.settings.environments.map((e) => e.id)).toEqual(['production']);
    expect(SettingsDraftSchema.safeParse(draft).success).toBe(true);
    expect(removeEnvironment(form, 'production').environments.map((e) => e.id)).toEqual(['production']);
  });

  it('asks before removing, naming what is deleted', () => {
    const form = formFromSettings(saved);
    const [production, staging] = form.environments;
    expect(removeQuestion(production!, presence)).toBe('Remove Production? Its settings and its 2 stored secrets are deleted from the keychain.');
    expect(removeQuestion(staging!, presence)).toBe('Remove staging? Its settings and its 1 stored secret are deleted from the keychain.');
    expect(removeQuestion(staging!, { staging: { neo4jPassword: 'not_set' } })).toBe('Remove staging? Its settings are deleted; it has no stored secrets.');
    const added = addEnvironment(form, 'QA', 'qa');
    expect(removeQuestion(added.form.environments[2]!, presence)).toBe('Remove QA? It has not been saved yet, so nothing is deleted from the keychain.');
  });
});

describe('import target', () => {
  it('names a new environment after the file', () => {
    expect(environmentNameFromFile('staging.env')).toBe('staging');
    expect(environmentNameFromFile('.env.production')).toBe('production');
    expect(environmentNameFromFile('C:\\work\\eu-west.env')).toBe('eu-west');
    expect(environmentNameFromFile('.env')).toBe('imported');
  });

  it('sends into an existing environment, or a new one with a unique id', () => {
    expect(importTarget({ kind: 'existing', id: 'staging' }, 'prod.env', ['production', 'staging'])).toEqual({ kind: 'existing', id: 'staging' });
    expect(importTarget({ kind: 'new' }, 'staging.env', ['production', 'staging'])).toEqual({ kind: 'new', id: 'staging-2', name: 'staging' });
    expect(importTarget({ kind: 'new' }, 'QA Berlin.env', ['production'])).toEqual({ kind: 'new', id: 'qa-berlin', name: 'QA Berlin' });
  });
});

describe('secret edits per environment', () => {
  it('sends only what changes, keyed by environment id; the draft passes the contract', () => {
    const form = formFromSettings(saved);
    const states = { staging: { neo4jPassword: { mode: 'replace', value: 'n3w' } }, production: { supabaseKey: { mode: 'remove' } } } as const;
    const s = allShownSecrets(form, states, view);
    expect(s.errors).toEqual({});
    const v = validateForm(form);
    const draft = buildDraft(v.ok ? v.settings : saved, form, s.shown);
    expect(draft.secrets).toEqual({ staging: { neo4jPassword: { action: 'replace', value: 'n3w' } }, production: { supabaseKey: { action: 'remove' } } });
    expect(draft.removeEnvironments).toEqual([]);
    expect(SettingsDraftSchema.safeParse(draft).success).toBe(true);
  });

  it('keys a new environment’s secrets by its id', () => {
    const { form, key } = addEnvironment(formFromSettings(saved), 'QA', 'qa');
    const s = allShownSecrets(form, { [key]: { supabaseKey: { mode: 'replace', value: 'sb_qa' } } }, view);
    const v = validateForm(form);
    expect(v.ok && buildDraft(v.settings, form, s.shown).secrets).toEqual({ qa: { supabaseKey: { action: 'replace', value: 'sb_qa' } } });
  });

  it('refuses an empty replacement, naming the secret, under its environment', () => {
    expect(secretErrors(shownSecrets({ neo4jPassword: { mode: 'replace', value: '' } }, {}))).toEqual({ neo4jPassword: 'Type the new Neo4j password or press Cancel' });
    expect(allShownSecrets(formFromSettings(saved), { staging: { supabaseKey: { mode: 'replace', value: '' } } }, view).errors).toEqual({
      'staging/supabaseKey': 'Type the new Supabase API key or press Cancel',
    });
  });

  it('maps main’s refusal "secrets.<env>.<name>" to that environment’s input', () => {
    const form = formFromSettings(saved);
    expect(secretErrorKey(form, 'secrets.staging.neo4jPassword')).toBe('staging/neo4jPassword');
    expect(secretErrorKey(form, 'secrets.neo4jPassword')).toBe('production/neo4jPassword');
    expect(secretErrorKey(form, 'secrets.gone.neo4jPassword')).toBeNull();
    expect(secretErrorKey(form, 'settings.environments')).toBeNull();
  });

  describe('a stored secret is asked for again when its endpoint changes (in its own environment only)', () => {
    it('asks for nothing while the endpoints match the saved ones (scheme family and default port may change for Neo4j)', () => {
      const form = edit((f) => setField(f, 'production', 'neo4j', 'uri', 'bolt://db.example.com'));
      expect(secretsToReenter(form.environments[0]!, saved, presence)).toEqual({});
    });

    it('turns a kept secret into an empty password input, with the message naming the new endpoint', () => {
      const form = edit((f) => setField(setField(f, 'production', 'neo4j', 'uri', 'bolt://new-host:7687'), 'production', 'supabase', 'url', 'http://abcd.supabase.co'));
      const s = allShownSecrets(form, {}, view);
      expect(s.reenter).toEqual({
        production: {
          neo4jPassword: 'The Neo4j URI changed: enter the password for bolt://new-host:7687',
          supabaseKey: 'The Supabase URL changed: enter the API key for http://abcd.supabase.co',
        },
        staging: {},
      });
      expect(s.shown.production).toEqual({ supabaseKey: { mode: 'replace', value: '' }, supabaseAccessToken: { mode: 'keep' }, neo4jPassword: { mode: 'replace', value: '' } });
      expect(s.shown.staging).toEqual({ supabaseKey: { mode: 'keep' }, supabaseAccessToken: { mode: 'keep' }, neo4jPassword: { mode: 'keep' } });
      expect(s.errors).toEqual({
        'production/neo4jPassword': 'The Neo4j URI changed: enter the password for bolt://new-host:7687',
        'production/supabaseKey': 'The Supabase URL changed: enter the API key for http://abcd.supabase.co',
      });
    });

    it('asks again when the Neo4j user changes, and not when nothing is stored, the secret is removed, or the environment is new', () => {
      const form = edit((f) => setField(f, 'staging', 'neo4j', 'user', 'admin'));
      expect(secretsToReenter(form.environments[1]!, saved, presence)).toEqual({
        neo4jPassword: 'The Neo4j user changed: enter the password for user "admin" at bolt://staging.example.com:7687',
      });
      expect(secretsToReenter(form.environments[1]!, saved, { staging: { neo4jPassword: 'not_set' } })).toEqual({});
      expect(allShownSecrets(form, { staging: { neo4jPassword: { mode: 'remove' } } }, view).shown.staging!.neo4jPassword).toEqual({ mode: 'remove' });
      const added = addEnvironment(form, 'QA', 'qa');
      const typed = setField(added.form, added.key, 'neo4j', 'uri', 'bolt://qa:7687');
      expect(secretsToReenter(typed.environments[2]!, saved, presence)).toEqual({});
    });
  });
});

describe('unsaved changes (issue 13 item 3)', () => {
  const none = { any: false, environments: [] };
  it('are none for the loaded form, and none again once a field is typed back', () => {
    expect(unsavedChanges(formFromSettings(saved), {}, saved)).toEqual(none);
    const back = setField(setField(formFromSettings(saved), 'staging', 'neo4j', 'uri', 'bolt://other:7687'), 'staging', 'neo4j', 'uri', 'bolt://staging.example.com:7687');
    expect(unsavedChanges(back, {}, saved)).toEqual(none);
  });

  it('name the environments edited, and count a secret edit, a new or removed environment, a reorder and a check setting', () => {
    const renamed = updateEnvironment(formFromSettings(saved), 'production', { name: 'Production EU' });
    expect(unsavedChanges(renamed, {}, saved)).toEqual({ any: true, environments: ['production'] });
    expect(unsavedChanges(formFromSettings(saved), { staging: { neo4jPassword: { mode: 'remove' } } }, saved)).toEqual({ any: true, environments: ['staging'] });
    expect(unsavedChanges(formFromSettings(saved), { staging: { neo4jPassword: { mode: 'keep' } } }, saved)).toEqual(none);
    expect(unsavedChanges(addEnvironment(formFromSettings(saved), 'QA', 'qa').form, {}, saved)).toEqual({ any: true, environments: ['_new1'] });
    expect(unsavedChanges(removeEnvironment(formFromSettings(saved), 'staging'), {}, saved)).toEqual({ any: true, environments: [] });
    expect(unsavedChanges(moveEnvironment(formFromSettings(saved), 'staging', -1), {}, saved)).toEqual({ any: true, environments: [] });
    const form = formFromSettings(saved);
    expect(unsavedChanges({ ...form, numbers: { ...form.numbers, 'monitor.retries': '3' } }, {}, saved)).toEqual({ any: true, environments: [] });
  });

  it('make Cancel and Escape ask first; without them the desktop window closes and a browser tab resets', () => {
    expect(cancelOutcome('electron', true)).toBe('ask');
    expect(cancelOutcome('browser', true)).toBe('ask');
    expect(cancelOutcome('electron', false)).toBe('close');
    expect(cancelOutcome('browser', false)).toBe('reset');
    expect(cancelOutcome(undefined, false)).toBe('reset');
    expect(discardNote('electron')).toBe('The window closes without saving; nothing is sent.');
    expect(discardNote('browser')).toBe('The form goes back to the saved settings; nothing is sent.');
  });

  it('say where the cursor went after a failed Save, and why Test connection did not run', () => {
    expect(notSavedNotice({ 'monitor.timeoutMs': 'x' })).toBe('Not saved: 1 field needs fixing; the cursor is on it.');
    expect(notSavedNotice({ a: 'x', b: 'y' })).toBe('Not saved: 2 fields need fixing; the cursor is on the first.');
    const errors = { 'production/supabase.url': 'Supabase URL must …', 'production/neo4jPassword': 'Type the new Neo4j password or press Cancel' };
    expect(testBlocker(errors, 'production', neo4jKind)).toBe('Type the new Neo4j password or press Cancel');
    expect(testBlocker(errors, 'production', supabaseKind)).toBe('Supabase URL must …');
    expect(testBlocker({ 'monitor.retries': 'Retries before down must be a number' }, 'production', neo4jKind)).toBe('Not tested until the form is valid: Retries before down must be a number');
  });
});
