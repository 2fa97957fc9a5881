/**
 * The settings form as strings (what inputs hold) and its validation with the very schemas main
 * uses (src-main/common/settings-schema.ts), so an error shows inline before anything is sent.
 */
import { endpointChange, endpointChangeMessage, type EndpointFields } from '../../src-main/common/endpointIdentity.js';
import type { DatabaseId } from '../../src-main/common/schemas.js';
import {
  SettingsSchema,
  type SecretEdit,
  type SecretEdits,
  type SecretName,
  type Settings,
  type SettingsDraft,
  type SettingsView,
} from '../../src-main/common/settings-schema.js';

export const TEXT_FIELDS = {
  'supabase.url': { label: 'Supabase URL', env: 'SUPABASE_URL' },
  'supabase.probeTable': { label: 'Probe table', env: 'SUPABASE_PROBE_TABLE' },
  'neo4j.uri': { label: 'Neo4j URI', env: 'NEO4J_URI' },
  'neo4j.user': { label: 'Neo4j user', env: 'NEO4J_USER' },
  'neo4j.database': { label: 'Neo4j database', env: 'NEO4J_DATABASE' },
} as const;

export const NUMBER_FIELDS = {
  'monitor.intervalSec': { label: 'Check interval', unit: 's' },
  'monitor.timeoutMs': { label: 'Timeout', unit: 'ms' },
  'monitor.retries': { label: 'Retries before down', unit: '' },
  'monitor.slowMs': { label: 'Slow threshold', unit: 'ms' },
} as const;

export const SECRET_FIELDS: Record<SecretName, { label: string; env: string }> = {
  supabaseKey: { label: 'Supabase API key', env: 'SUPABASE_KEY' },
  neo4jPassword: { label: 'Neo4j password', env: 'NEO4J_PASSWORD' },
};

export type TextFieldId = keyof typeof TEXT_FIELDS;
export type NumberFieldId = keyof typeof NUMBER_FIELDS;
export type FieldId = TextFieldId | NumberFieldId;

export interface SettingsForm {
  text: Record<TextFieldId, string>;
  numbers: Record<NumberFieldId, string>;
  notifications: boolean;
  startAtLogin: boolean;
  /** Kept from the loaded settings; not edited in the window. */
  base: Settings;
}

export type SecretFormState = { mode: 'keep' } | { mode: 'replace'; value: string } | { mode: 'remove' };

export function formFromSettings(s: Settings): SettingsForm {
  return {
    text: {
      'supabase.url': s.supabase.url ?? '',
      'supabase.probeTable': s.supabase.probeTable ?? '',
      'neo4j.uri': s.neo4j.uri ?? '',
      'neo4j.user': s.neo4j.user,
      'neo4j.database': s.neo4j.database ?? '',
    },
    numbers: {
      'monitor.intervalSec': String(s.monitor.intervalSec),
      'monitor.timeoutMs': String(s.monitor.timeoutMs),
      'monitor.retries': String(s.monitor.retries),
      'monitor.slowMs': String(s.monitor.slowMs),
    },
    notifications: s.app.notifications,
    startAtLogin: s.app.startAtLogin,
    base: s,
  };
}

export type Validation = { ok: true; settings: Settings } | { ok: false; errors: Partial<Record<FieldId, string>> };

export function validateForm(form: SettingsForm): Validation {
  const errors: Partial<Record<FieldId, string>> = {};
  const num = (id: NumberFieldId): number => {
    const raw = form.numbers[id].trim();
    const n = raw === '' ? NaN : Number(raw);
    if (!Number.isFinite(n)) errors[id] = `${NUMBER_FIELDS[id].label} must be a number`;
    return n;
  };
  const candidate = {
    supabase: { url: form.text['supabase.url'], probeTable: form.text['supabase.probeTable'] },
    neo4j: { uri: form.text['neo4j.uri'], user: form.text['neo4j.user'], database: form.text['neo4j.database'] },
    monitor: {
      ...form.base.monitor,
      intervalSec: num('monitor.intervalSec'),
      timeoutMs: num('monitor.timeoutMs'),
      retries: num('monitor.retries'),
      slowMs: num('monitor.slowMs'),
    },
    app: { notifications: form.notifications, startAtLogin: form.startAtLogin },
  };
  const parsed = SettingsSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const id = issue.path.join('.') as FieldId;
      if (errors[id]) continue;
      errors[id] = withLabel(id, issue.message);
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, settings: parsed.data };
}

/** Zod's generic messages ("Too big: expected number to be <=10") get the field's name in front. */
function withLabel(id: FieldId, message: string): string {
  const label = (TEXT_FIELDS as Record<string, { label: string }>)[id]?.label ?? (NUMBER_FIELDS as Record<string, { label: string }>)[id]?.label;
  if (!label || message.toLowerCase().startsWith(label.toLowerCase())) return message;
  return `${label}: ${message}`;
}

export function secretEdit(state: SecretFormState): SecretEdit {
  if (state.mode === 'replace') return { action: 'replace', value: state.value };
  return { action: state.mode };
}

export function buildDraft(settings: Settings, secrets: Record<SecretName, SecretFormState>): SettingsDraft {
  const edits: SecretEdits = {
    supabaseKey: secretEdit(secrets.supabaseKey),
    neo4jPassword: secretEdit(secrets.neo4jPassword),
  };
  return { settings, secrets: edits };
}

export type SecretStates = Record<SecretName, SecretFormState>;
/** Why each stored secret must be typed again (its endpoint changed in the form); absent = it may be kept. */
export type Reenter = Partial<Record<SecretName, string>>;

const SECRET_OF: Record<DatabaseId, SecretName> = { supabase: 'supabaseKey', neo4j: 'neo4jPassword' };

/** The endpoint as typed so far (empty = not set), for the rule main applies too. */
function endpointFields(form: SettingsForm): EndpointFields {
  const text = (id: TextFieldId) => form.text[id].trim() || null;
  return { supabase: { url: text('supabase.url') }, neo4j: { uri: text('neo4j.uri'), user: form.text['neo4j.user'].trim() } };
}

/** A stored secret goes only to the endpoint it was saved for: once the form moves that endpoint, the secret is asked for again. */
export function secretsToReenter(form: SettingsForm, saved: Settings, presence: SettingsView['secrets']): Reenter {
  const typed = endpointFields(form);
  const reenter: Reenter = {};
  for (const [database, name] of Object.entries(SECRET_OF) as [DatabaseId, SecretName][]) {
    const change = presence[name] === 'stored' ? endpointChange(database, saved, typed) : null;
    if (change) reenter[name] = endpointChangeMessage(change, typed);
  }
  return reenter;
}

/** What the secret fields show and send: "keep" of a secret to enter again becomes an empty password input. */
export function shownSecrets(secrets: SecretStates, reenter: Reenter): SecretStates {
  const shown = { ...secrets };
  for (const name of Object.keys(reenter) as SecretName[]) {
    if (shown[name].mode === 'keep') shown[name] = { mode: 'replace', value: '' };
  }
  return shown;
}

/** A replace with an empty input is not an edit the schema accepts; say which secret, and why when it must be entered again. */
export function secretErrors(secrets: SecretStates, reenter: Reenter = {}): Partial<Record<SecretName, string>> {
  const errors: Partial<Record<SecretName, string>> = {};
  for (const name of Object.keys(secrets) as SecretName[]) {
    const s = secrets[name];
    if (s.mode === 'replace' && s.value === '') errors[name] = reenter[name] ?? `Type the new ${SECRET_FIELDS[name].label} or press Cancel`;
  }
  return errors;
}
