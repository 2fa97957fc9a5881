import { useCallback, useEffect, useState } from 'react';
import type { AppInfo } from '../../src-main/common/contract.js';
import type { SecretName, SettingsDraft, SettingsView } from '../../src-main/common/settings-schema.js';
import { api } from '../api/hostApi.js';
import { useAppInfo } from '../api/hooks.js';
import { errorText } from '../lib/errors.js';
import {
  NUMBER_FIELDS,
  SECRET_FIELDS,
  TEXT_FIELDS,
  buildDraft,
  formFromSettings,
  secretErrors,
  secretsToReenter,
  shownSecrets,
  validateForm,
  type FieldId,
  type NumberFieldId,
  type SecretFormState,
  type SettingsForm,
  type TextFieldId,
} from '../lib/settingsForm.js';
import { CheckboxField } from './CheckboxField.js';
import { ConnectionTest } from './ConnectionTest.js';
import { ImportEnv } from './ImportEnv.js';
import { SecretField } from './SecretField.js';
import { TextField } from './TextField.js';

type Secrets = Record<SecretName, SecretFormState>;
const KEEP_ALL: Secrets = { supabaseKey: { mode: 'keep' }, neo4jPassword: { mode: 'keep' } };

export function SettingsApp() {
  const appInfo = useAppInfo();
  const [view, setView] = useState<SettingsView | null>(null);
  const [form, setForm] = useState<SettingsForm | null>(null);
  const [secrets, setSecrets] = useState<Secrets>(KEEP_ALL);
  const [errors, setErrors] = useState<Partial<Record<FieldId | SecretName, string>>>({});
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  /** Bumped on every load so results of earlier connection tests do not outlive the values they tested. */
  const [generation, setGeneration] = useState(0);

  const load = useCallback((v: SettingsView) => {
    setView(v);
    setForm(formFromSettings(v.settings));
    setSecrets(KEEP_ALL);
    setErrors({});
    setGeneration((g) => g + 1);
  }, []);

  const reload = useCallback(() => {
    api.getSettings().then(load, (e) => setNotice({ kind: 'error', text: errorText(e) }));
  }, [load]);
  useEffect(reload, [reload]);

  /** Validates with main's schemas; shows errors inline and returns null when invalid. */
  const draft = useCallback((): SettingsDraft | null => {
    if (!form || !view) return null;
    const v = validateForm(form);
    const reenter = secretsToReenter(form, view.settings, view.secrets);
    const shown = shownSecrets(secrets, reenter);
    const secretErrs = secretErrors(shown, reenter);
    const all = { ...(v.ok ? {} : v.errors), ...secretErrs };
    setErrors(all);
    if (!v.ok || Object.keys(secretErrs).length > 0) return null;
    return buildDraft(v.settings, shown);
  }, [form, secrets, view]);

  if (!form || !view) {
    return <main className="settings">{notice ? <p role="alert">{notice.text}</p> : <p>Loading settings…</p>}</main>;
  }

  // A stored secret whose endpoint the form has moved is asked for again (main refuses to keep it).
  const reenter = secretsToReenter(form, view.settings, view.secrets);
  const shown = shownSecrets(secrets, reenter);
  const setText = (id: TextFieldId) => (value: string) => setForm({ ...form, text: { ...form.text, [id]: value } });
  const setNumber = (id: NumberFieldId) => (value: string) => setForm({ ...form, numbers: { ...form.numbers, [id]: value } });
  const setSecret = (name: SecretName) => (state: SecretFormState) => setSecrets({ ...secrets, [name]: state });

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const d = draft();
    if (!d) {
      setNotice({ kind: 'error', text: 'Not saved: fix the fields marked below.' });
      return;
    }
    setSaving(true);
    setNotice(null);
    try {
      // The typed secrets leave the window here, once; load() clears the inputs.
      load(await api.saveSettings(d));
      setNotice({ kind: 'ok', text: 'Saved. The monitor reconnects with the new settings.' });
    } catch (err) {
      // Main names the secret to enter again (e.g. "secrets.neo4jPassword") when it refuses to keep one.
      const field = (err as { field?: unknown }).field;
      const secret = typeof field === 'string' ? field.replace(/^secrets\./, '') : '';
      if (secret in SECRET_FIELDS) setErrors((e) => ({ ...e, [secret]: errorText(err) }));
      setNotice({ kind: 'error', text: `Not saved: ${errorText(err)}` });
    } finally {
      setSaving(false);
    }
  };

  const text = (id: TextFieldId, placeholder?: string) => (
    <TextField id={id} {...TEXT_FIELDS[id]} value={form.text[id]} error={errors[id]} placeholder={placeholder} onChange={setText(id)} />
  );
  const number = (id: NumberFieldId) => (
    <TextField id={id} label={NUMBER_FIELDS[id].label} unit={NUMBER_FIELDS[id].unit} type="number" value={form.numbers[id]} error={errors[id]} onChange={setNumber(id)} />
  );
  const secret = (name: SecretName) => (
    <SecretField id={name} {...SECRET_FIELDS[name]} presence={view.secrets[name]} state={shown[name]} reenter={reenter[name]} error={errors[name]} onChange={setSecret(name)} />
  );

  return (
    <main className="settings">
      <h1>WallTrack Monitor settings</h1>
      <form onSubmit={save} noValidate>
        <fieldset>
          <legend>Supabase</legend>
          {text('supabase.url', 'https://abcd.supabase.co')}
          {secret('supabaseKey')}
          {text('supabase.probeTable', 'optional, e.g. wallets')}
          <ConnectionTest key={`supabase-${generation}`} database="supabase" draft={draft} />
        </fieldset>
        <fieldset>
          <legend>Neo4j</legend>
          {text('neo4j.uri', 'neo4j://localhost:7687')}
          {text('neo4j.user')}
          {secret('neo4jPassword')}
          {text('neo4j.database', 'server default')}
          <ConnectionTest key={`neo4j-${generation}`} database="neo4j" draft={draft} />
        </fieldset>
        <fieldset>
          <legend>Checks</legend>
          {number('monitor.intervalSec')}
          {number('monitor.timeoutMs')}
          {number('monitor.retries')}
          {number('monitor.slowMs')}
        </fieldset>
        <fieldset>
          <legend>App</legend>
          <CheckboxField id="app.notifications" label="Desktop notifications when a database goes down or recovers" checked={form.notifications} note={desktopOnly(appInfo, 'notifications')} onChange={(v) => setForm({ ...form, notifications: v })} />
          <CheckboxField id="app.startAtLogin" label="Start at login" checked={form.startAtLogin} note={desktopOnly(appInfo, 'startAtLogin')} onChange={(v) => setForm({ ...form, startAtLogin: v })} />
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={saving} aria-busy={saving}>
            {saving ? 'Saving…' : 'Save'}
          </button>
          <p className="form-notice" role={notice?.kind === 'error' ? 'alert' : 'status'} data-notice={notice?.kind ?? ''}>
            {notice?.text}
          </p>
        </div>
      </form>
      <ImportEnv onImported={reload} />
      <p className="paths">
        Settings file: <code>{view.paths.settingsFile}</code>
        <br />
        Log file: <code>{view.paths.logFile}</code>
      </p>
    </main>
  );
}

function desktopOnly(info: AppInfo | null, capability: keyof AppInfo['capabilities']): string | undefined {
  return info && !info.capabilities[capability] ? 'Takes effect in the desktop app' : undefined;
}
