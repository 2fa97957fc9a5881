import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppInfo } from '../../src-main/common/contract.js';
import type { SecretName } from '../../src-main/common/databases.js';
import type { SettingsView } from '../../src-main/common/settings-schema.js';
import { api } from '../api/hostApi.js';
import { useAppInfo } from '../api/hooks.js';
import { errorText } from '../lib/errors.js';
import {
  NUMBER_FIELDS,
  addEnvironment,
  allShownSecrets,
  buildDraft,
  cancelOutcome,
  discardNote,
  canAddEnvironment,
  errorsOf,
  formFromSettings,
  moveEnvironment,
  notSavedNotice,
  removeEnvironment,
  secretErrorKey,
  setField,
  takenIds,
  unsavedChanges,
  updateEnvironment,
  validateForm,
  type AllSecretStates,
  type DraftResult,
  type FormErrors,
  type NumberFieldId,
  type SettingsForm,
} from '../lib/settingsForm.js';
import { CheckboxField } from './CheckboxField.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { EnvironmentFields } from './EnvironmentFields.js';
import { EnvironmentList } from './EnvironmentList.js';
import { ImportEnv } from './ImportEnv.js';
import { TextField } from './TextField.js';
import { useOpenAtField } from './useOpenAtField.js';

/** The page's own title; "• " goes in front while there are unsaved changes. */
const BASE_TITLE = document.title;

export function SettingsApp() {
  const appInfo = useAppInfo();
  const [view, setView] = useState<SettingsView | null>(null);
  const [form, setForm] = useState<SettingsForm | null>(null);
  const [secrets, setSecrets] = useState<AllSecretStates>({});
  const [selected, setSelected] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors>({});
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  /** Bumped on every load so results of earlier connection tests do not outlive the values they tested. */
  const [generation, setGeneration] = useState(0);
  /** Bumped by a failed Save: once the environment holding the first error is shown, the cursor goes there. */
  const [focusRequest, setFocusRequest] = useState(0);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  /** Where the focus was when the discard question opened; it goes back there when the question closes. */
  const returnFocus = useRef<HTMLElement | null>(null);

  const load = useCallback((v: SettingsView) => {
    setView(v);
    setForm(formFromSettings(v.settings));
    setSecrets({});
    setErrors({});
    // The environment being edited stays selected when it still exists.
    setSelected((s) => (s && v.settings.environments.some((e) => e.id === s) ? s : v.settings.environments[0]!.id));
    setGeneration((g) => g + 1);
  }, []);

  const reload = useCallback(() => {
    api.getSettings().then(load, (e) => setNotice({ kind: 'error', text: errorText(e) }));
  }, [load]);
  useEffect(reload, [reload]);
  useOpenAtField(form ? form.environments.map((e) => e.key) : null, selected, setSelected);

  /** Validates with main's schemas; shows errors inline (and picks the first environment with errors) and returns them when invalid. */
  const draft = useCallback((): DraftResult => {
    if (!form || !view) return { ok: false, errors: {} };
    const v = validateForm(form);
    const s = allShownSecrets(form, secrets, view);
    const all = { ...(v.ok ? {} : v.errors), ...s.errors };
    setErrors(all);
    if (!v.ok || Object.keys(s.errors).length > 0) {
      // Document order: the environments come first, in list order, then the checks every environment shares.
      const withErrors = form.environments.find((e) => errorsOf(all, e.key) > 0);
      if (withErrors) setSelected(withErrors.key);
      return { ok: false, errors: all };
    }
    return { ok: true, draft: buildDraft(v.settings, form, s.shown) };
  }, [form, secrets, view]);

  // After a failed Save has rendered the errors (in the environment now shown): the first one gets the cursor, in view.
  useEffect(() => {
    if (focusRequest === 0) return;
    const root = formRef.current;
    const target = root?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? root?.querySelector<HTMLElement>('.field-error');
    if (!target) return;
    if (!target.matches('input, select, textarea, button')) target.tabIndex = -1;
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: 'center' });
  }, [focusRequest]);

  const unsaved = form && view ? unsavedChanges(form, secrets, view.settings) : { any: false, environments: [] };
  useEffect(() => {
    document.title = `${unsaved.any ? '• ' : ''}${BASE_TITLE}`;
  }, [unsaved.any]);

  /** Back to the saved settings; nothing is sent. */
  const discard = useCallback(() => {
    if (view) load(view);
    setNotice(null);
  }, [view, load]);
  /** Cancel and Escape: ask first when something would be lost; otherwise the desktop window closes and a browser tab shows the saved settings. */
  const cancel = () => {
    const outcome = cancelOutcome(appInfo?.host, unsaved.any);
    if (outcome === 'ask') {
      returnFocus.current = document.activeElement as HTMLElement | null;
      setConfirmDiscard(true);
    } else if (outcome === 'close') window.close();
    else discard();
  };
  useEffect(() => {
    if (confirmDiscard || !returnFocus.current) return;
    if (returnFocus.current.isConnected) returnFocus.current.focus();
    returnFocus.current = null;
  }, [confirmDiscard]);
  const cancelRef = useRef(cancel);
  cancelRef.current = cancel;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // A dialog or a panel that handles Escape itself marks it handled.
      if (e.key === 'Escape' && !e.defaultPrevented) cancelRef.current();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  if (!form || !view) {
    return <main className="settings">{notice ? <p role="alert">{notice.text}</p> : <p>Loading settings…</p>}</main>;
  }

  const env = form.environments.find((e) => e.key === selected) ?? form.environments[0]!;
  // A stored secret whose endpoint the form has moved is asked for again (main refuses to keep it).
  const shown = allShownSecrets(form, secrets, view);
  const setNumber = (id: NumberFieldId) => (value: string) => setForm({ ...form, numbers: { ...form.numbers, [id]: value } });
  const setSecret = (name: SecretName, state: (typeof secrets)[string][SecretName]) =>
    setSecrets({ ...secrets, [env.key]: { ...secrets[env.key], [name]: state } });

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const d = draft();
    if (!d.ok) {
      setNotice({ kind: 'error', text: notSavedNotice(d.errors) });
      setFocusRequest((n) => n + 1);
      return;
    }
    setSaving(true);
    setNotice(null);
    try {
      // The typed secrets leave the window here, once; load() clears the inputs.
      load(await api.saveSettings(d.draft));
      // A new environment's key was temporary; once saved its key is its id.
      setSelected(env.id);
      setNotice({ kind: 'ok', text: 'Saved. The monitor reconnects with the new settings.' });
    } catch (err) {
      // Main names the secret to enter again ("secrets.<environment>.<secret name>") when it refuses to keep one.
      const key = secretErrorKey(form, (err as { field?: unknown }).field);
      if (key) {
        setErrors((e) => ({ ...e, [key]: errorText(err) }));
        setSelected(key.slice(0, key.indexOf('/')));
      }
      setNotice({ kind: 'error', text: `Not saved: ${errorText(err)}` });
    } finally {
      setSaving(false);
    }
  };

  const number = (id: NumberFieldId) => (
    <TextField id={id} label={NUMBER_FIELDS[id].label} unit={NUMBER_FIELDS[id].unit} type="number" value={form.numbers[id]} error={errors[id]} onChange={setNumber(id)} />
  );

  return (
    <main className="settings">
      <h1>WallTrack Monitor settings</h1>
      <form ref={formRef} onSubmit={save} noValidate>
        <EnvironmentList
          environments={form.environments}
          selected={env.key}
          errors={errors}
          unsaved={unsaved.environments}
          presence={view.secrets}
          canAdd={canAddEnvironment(form)}
          takenIds={takenIds(form)}
          onSelect={setSelected}
          onMove={(key, delta) => setForm(moveEnvironment(form, key, delta))}
          onRemove={(key) => {
            const next = removeEnvironment(form, key);
            setForm(next);
            if (key === env.key) setSelected(next.environments[0]!.key);
          }}
          onAdd={(name, id) => {
            const added = addEnvironment(form, name, id);
            setForm(added.form);
            setSelected(added.key);
          }}
        />
        <EnvironmentFields
          key={env.key}
          env={env}
          errors={errors}
          presence={view.secrets}
          secrets={shown.shown[env.key]!}
          reenter={shown.reenter[env.key]!}
          generation={generation}
          draft={draft}
          onChange={(change) => setForm(updateEnvironment(form, env.key, change))}
          onField={(database, field, value) => setForm(setField(form, env.key, database, field, value))}
          onSecret={setSecret}
        />
        <fieldset>
          <legend>Checks (every environment)</legend>
          {number('monitor.intervalSec')}
          {number('monitor.timeoutMs')}
          {number('monitor.retries')}
          {number('monitor.slowMs')}
          {number('monitor.recoverySuccesses')}
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
          <button type="button" onClick={cancel}>
            Cancel
          </button>
          {unsaved.any && <p className="unsaved">Unsaved changes</p>}
          <p className="form-notice" role={notice?.kind === 'error' ? 'alert' : 'status'} data-notice={notice?.kind ?? ''}>
            {notice?.text}
          </p>
          {confirmDiscard && (
            <ConfirmDialog
              id="discard-confirm"
              className="discard-confirm"
              question="Discard your unsaved changes?"
              note={discardNote(appInfo?.host)}
              confirmLabel="Discard changes"
              cancelLabel="Keep editing"
              onConfirm={() => {
                setConfirmDiscard(false);
                // Confirmed: as if there had been nothing to lose.
                if (cancelOutcome(appInfo?.host, false) === 'close') window.close();
                else discard();
              }}
              onCancel={() => setConfirmDiscard(false)}
            />
          )}
        </div>
      </form>
      <ImportEnv
        environments={view.settings.environments}
        preferred={env.saved ? env.id : null}
        takenIds={[...new Set([...takenIds(form), ...view.settings.environments.map((e) => e.id)])]}
        onImported={reload}
      />
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
