/**
 * The settings form as strings (what inputs hold) and its validation with the very schemas main
 * uses (src-main/common/settings-schema.ts and the registry's field schemas), so an error shows
 * inline before anything is sent. Every database field comes from the registry
 * (src-main/common/databases.ts); nothing here names a kind.
 */
import { DATABASE_KINDS, emptySection, kindSecrets, type DatabaseKind, type SecretField, type SecretName, type TextField } from '../../src-main/common/databases.js';
import { endpointChange, endpointChangeMessage, extraSecretChangeMessage, extraSecretMoved } from '../../src-main/common/endpointIdentity.js';
import { EnvironmentIdSchema, type EnvironmentId } from '../../src-main/common/schemas.js';
import { localDateTimeToIso, MaintenanceWindowSchema, type MaintenanceWindow } from '../../src-main/common/maintenance.js';
import {
  ENVIRONMENT_LIMIT,
  SecretEditSchema,
  SettingsSchema,
  type EnvironmentSettings,
  type ImportTarget,
  type SecretEdit,
  type SecretEdits,
  type Settings,
  type SettingsDraft,
  type SettingsView,
} from '../../src-main/common/settings-schema.js';

export const NUMBER_FIELDS = {
  'monitor.intervalSec': { label: 'Check interval', unit: 's' },
  'monitor.timeoutMs': { label: 'Timeout', unit: 'ms' },
  'monitor.retries': { label: 'Retries before down', unit: '' },
  'monitor.slowMs': { label: 'Slow threshold', unit: 'ms' },
  'monitor.recoverySuccesses': { label: 'Successes before recovered', unit: '' },
} as const;
export type NumberFieldId = keyof typeof NUMBER_FIELDS;

/**
 * A kind's form, in the order shown: the endpoint, the options that bind its secret, the secret, the
 * other options, each extra secret right after the option naming where it is sent (e.g. the access
 * token after the Management API URL).
 */
export type KindFormItem = { type: 'text'; field: TextField } | { type: 'secret'; secret: SecretField };
export function kindFormItems(kind: DatabaseKind): KindFormItem[] {
  const text = (field: TextField): KindFormItem => ({ type: 'text', field });
  const extras = kind.extraSecrets ?? [];
  const withExtras = (field: TextField): KindFormItem[] => [
    text(field),
    ...extras.filter((e) => e.sentTo.option === field.key).map((secret): KindFormItem => ({ type: 'secret', secret })),
  ];
  const placed = new Set(kind.options.map((o) => o.key));
  return [
    text(kind.endpoint),
    ...kind.options.filter((o) => o.bindsSecret).flatMap(withExtras),
    { type: 'secret', secret: kind.secret },
    ...kind.options.filter((o) => !o.bindsSecret).flatMap(withExtras),
    // One whose option the kind lacks still gets a field.
    ...extras.filter((e) => !placed.has(e.sentTo.option)).map((secret): KindFormItem => ({ type: 'secret', secret })),
  ];
}

/** "Supabase API key", "Supabase access token": a secret's label with its kind's. */
export const secretFieldLabel = (kind: DatabaseKind, secret: SecretField): string => `${kind.label} ${secret.label}`;

/** The input's id, unique on the page because one environment's form is shown at a time, e.g. "neo4j.uri". */
export const textFieldId = (kind: DatabaseKind, field: TextField): string => `${kind.id}.${field.key}`;

/** What an empty input means: the endpoint shows its example, an optional field says so. */
export function placeholderOf(kind: DatabaseKind, field: TextField): string | undefined {
  if (field.default !== null) return undefined;
  return field === kind.endpoint ? field.example : `optional, e.g. ${field.example}`;
}

export type SectionForm = Record<string, string>;

export interface EnvironmentForm {
  /** Stable while the window is open: the saved id, or "_new1"… ("_" is not allowed in an id, so none collides). */
  key: string;
  /** In the saved settings: its id is its keychain key and stays. */
  saved: boolean;
  id: string;
  name: string;
  colour: string | null;
  /** Every kind of the registry, field key → text. */
  databases: Record<string, SectionForm>;
  /** Kinds the saved environment configures; another kind is added only once a field of it is typed. */
  present: string[];
  /** Its maintenance windows, as saved or as edited (added and removed whole). */
  maintenance: MaintenanceWindow[];
}

export interface SettingsForm {
  environments: EnvironmentForm[];
  /** Saved environments the operator confirmed removing; sent as removeEnvironments. */
  removed: EnvironmentId[];
  numbers: Record<NumberFieldId, string>;
  notifications: boolean;
  startAtLogin: boolean;
  /** Kept from the loaded settings; not edited in the window. */
  base: Settings;
  /** Counter for new environments' keys. */
  added: number;
}

export type SecretFormState = { mode: 'keep' } | { mode: 'replace'; value: string } | { mode: 'remove' };
/** One environment's secret inputs, by secret name; absent = keep. */
export type SecretStates = Partial<Record<SecretName, SecretFormState>>;
/** Per environment key. */
export type AllSecretStates = Record<string, SecretStates>;
const KEEP: SecretFormState = { mode: 'keep' };

const sectionForm = (section: Record<string, string | null> | undefined, kind: DatabaseKind): SectionForm => {
  const values = section ?? emptySection(kind);
  return Object.fromEntries([kind.endpoint, ...kind.options].map((f) => [f.key, values[f.key] ?? '']));
};

function environmentForm(env: EnvironmentSettings, key: string, saved: boolean): EnvironmentForm {
  return {
    key,
    saved,
    id: env.id,
    name: env.name,
    colour: env.colour,
    databases: Object.fromEntries(DATABASE_KINDS.map((k) => [k.id, sectionForm(env.databases[k.id], k)])),
    present: DATABASE_KINDS.filter((k) => env.databases[k.id] !== undefined).map((k) => k.id),
    maintenance: env.maintenance ?? [],
  };
}

export function formFromSettings(s: Settings): SettingsForm {
  return {
    environments: s.environments.map((env) => environmentForm(env, env.id, true)),
    removed: [],
    numbers: {
      'monitor.intervalSec': String(s.monitor.intervalSec),
      'monitor.timeoutMs': String(s.monitor.timeoutMs),
      'monitor.retries': String(s.monitor.retries),
      'monitor.slowMs': String(s.monitor.slowMs),
      'monitor.recoverySuccesses': String(s.monitor.recoverySuccesses),
    },
    notifications: s.app.notifications,
    startAtLogin: s.app.startAtLogin,
    base: s,
    added: 0,
  };
}

// ── Environment ids ──────────────────────────────────────────────────────────

/** "EU Staging" → "eu-staging": lowercase letters and digits, "-" between words, at most 32 characters. */
export function slugFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 32)
    .replace(/^-+|-+$/g, '');
  return slug || 'env';
}

/** `base`, or base-2, base-3… (shortened to stay within 32 characters), whichever is not taken. */
export function uniqueId(base: string, taken: readonly string[]): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : `-${n}`;
    const id = base.slice(0, 32 - suffix.length).replace(/-+$/, '') + suffix;
    if (!taken.includes(id)) return id;
  }
}

/** Ids a new environment may not take: the form's, and those of environments being removed (their keychain entries go). */
export const takenIds = (form: SettingsForm): string[] => [...form.environments.map((e) => e.id), ...form.removed];

/** Why `id` cannot be a new environment's id, or null. */
export function newIdProblem(id: string, taken: readonly string[]): string | null {
  const parsed = EnvironmentIdSchema.safeParse(id);
  if (!parsed.success) return parsed.error.issues[0]!.message;
  if (taken.includes(id)) return `Environment id "${id}" is already used; choose another`;
  return null;
}

/** "staging.env" → "staging", ".env.production" → "production", ".env" → "imported". */
export function environmentNameFromFile(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '');
  const name = base
    .split('.')
    .filter((part) => part !== '' && part.toLowerCase() !== 'env')
    .join('.')
    .trim()
    .slice(0, 60);
  return name || 'imported';
}

/** Where "Import .env" sends a file: an environment picked in the select, or a new one named after the file. */
export function importTarget(choice: { kind: 'existing'; id: EnvironmentId } | { kind: 'new' }, fileName: string, taken: readonly string[]): ImportTarget {
  if (choice.kind === 'existing') return choice;
  const name = environmentNameFromFile(fileName);
  return { kind: 'new', id: uniqueId(slugFromName(name), taken), name };
}

// ── Editing the environment list ─────────────────────────────────────────────

export const canAddEnvironment = (form: SettingsForm): boolean => form.environments.length < ENVIRONMENT_LIMIT;

/** Adds an environment with every kind present and empty (like the first-run one); returns its key. */
export function addEnvironment(form: SettingsForm, name: string, id: string): { form: SettingsForm; key: string } {
  const key = `_new${form.added + 1}`;
  const env = environmentForm(
    { id, name: name.trim(), colour: null, databases: Object.fromEntries(DATABASE_KINDS.map((k) => [k.id, emptySection(k)])), maintenance: [] },
    key,
    false,
  );
  return { form: { ...form, environments: [...form.environments, env], added: form.added + 1 }, key };
}

export function updateEnvironment(form: SettingsForm, key: string, change: Partial<Pick<EnvironmentForm, 'name' | 'colour' | 'databases' | 'maintenance'>>): SettingsForm {
  return { ...form, environments: form.environments.map((e) => (e.key === key ? { ...e, ...change } : e)) };
}

// ── Maintenance windows ──────────────────────────────────────────────────────

/** The add-a-window inputs as typed: datetime-local for one-offs, a weekday and HH:MM for weekly ones. */
export interface MaintenanceInput {
  kind: 'once' | 'weekly';
  label: string;
  /** '' = the whole environment. */
  database: string;
  from: string;
  to: string;
  day: string;
  start: string;
  end: string;
  /** The operator's IANA zone (Intl), stored with the window. */
  timeZone: string;
}

/** A window from the inputs, checked by the settings schema itself (its message is the one shown). */
export function maintenanceWindowFrom(input: MaintenanceInput): { ok: true; window: MaintenanceWindow } | { ok: false; error: string } {
  const where = input.database ? { database: input.database } : {};
  const candidate =
    input.kind === 'once'
      ? { kind: 'once', label: input.label, ...where, from: localDateTimeToIso(input.from, input.timeZone) ?? input.from, to: localDateTimeToIso(input.to, input.timeZone) ?? input.to }
      : { kind: 'weekly', label: input.label, ...where, day: input.day, start: input.start, end: input.end, timeZone: input.timeZone };
  const parsed = MaintenanceWindowSchema.safeParse(candidate);
  return parsed.success ? { ok: true, window: parsed.data } : { ok: false, error: parsed.error.issues[0]!.message };
}

export function addMaintenanceWindow(form: SettingsForm, key: string, window: MaintenanceWindow): SettingsForm {
  const env = form.environments.find((e) => e.key === key)!;
  return updateEnvironment(form, key, { maintenance: [...env.maintenance, window] });
}

export function removeMaintenanceWindow(form: SettingsForm, key: string, index: number): SettingsForm {
  const env = form.environments.find((e) => e.key === key)!;
  return updateEnvironment(form, key, { maintenance: env.maintenance.filter((_, i) => i !== index) });
}

export function setField(form: SettingsForm, key: string, database: string, field: string, value: string): SettingsForm {
  const env = form.environments.find((e) => e.key === key)!;
  return updateEnvironment(form, key, { databases: { ...env.databases, [database]: { ...env.databases[database], [field]: value } } });
}

/** Moves an environment one place up (-1) or down (+1); the list's order is the settings' order. */
export function moveEnvironment(form: SettingsForm, key: string, delta: -1 | 1): SettingsForm {
  const envs = [...form.environments];
  const i = envs.findIndex((e) => e.key === key);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= envs.length) return form;
  [envs[i], envs[j]] = [envs[j]!, envs[i]!];
  return { ...form, environments: envs };
}

/** Drops an environment; a saved one is listed for removeEnvironments (main then deletes its secrets). */
export function removeEnvironment(form: SettingsForm, key: string): SettingsForm {
  const env = form.environments.find((e) => e.key === key);
  if (!env || form.environments.length === 1) return form;
  return {
    ...form,
    environments: form.environments.filter((e) => e.key !== key),
    removed: env.saved ? [...form.removed, env.id] : form.removed,
  };
}

/** The question asked before removing, naming what is deleted (on Save). */
export function removeQuestion(env: EnvironmentForm, presence: SettingsView['secrets']): string {
  if (!env.saved) return `Remove ${env.name}? It has not been saved yet, so nothing is deleted from the keychain.`;
  const stored = Object.values(presence[env.id] ?? {}).filter((p) => p === 'stored').length;
  if (stored === 0) return `Remove ${env.name}? Its settings are deleted; it has no stored secrets.`;
  return `Remove ${env.name}? Its settings and its ${stored} stored secret${stored === 1 ? '' : 's'} are deleted from the keychain.`;
}

// ── Validation ───────────────────────────────────────────────────────────────

/** Error keys: "monitor.intervalSec" for the global fields, "<environment key>/<input id>" for an environment's. */
export type FormErrors = Record<string, string>;
export const envErrorKey = (envKey: string, inputId: string): string => `${envKey}/${inputId}`;
export const errorsOf = (errors: FormErrors, envKey: string): number => Object.keys(errors).filter((k) => k.startsWith(`${envKey}/`)).length;

export type Validation = { ok: true; settings: Settings } | { ok: false; errors: FormErrors };

function candidateDatabases(env: EnvironmentForm): Record<string, Record<string, string>> {
  const databases: Record<string, Record<string, string>> = {};
  for (const kind of DATABASE_KINDS) {
    const typed = env.databases[kind.id]!;
    const untouched = JSON.stringify(typed) === JSON.stringify(sectionForm(undefined, kind));
    if (env.present.includes(kind.id) || !untouched) databases[kind.id] = typed;
  }
  return databases;
}

export function validateForm(form: SettingsForm): Validation {
  const errors: FormErrors = {};
  const num = (id: NumberFieldId): number => {
    const raw = form.numbers[id].trim();
    const n = raw === '' ? NaN : Number(raw);
    if (!Number.isFinite(n)) errors[id] = `${NUMBER_FIELDS[id].label} must be a number`;
    return n;
  };
  const candidate = {
    version: 2,
    environments: form.environments.map((env) => ({
      id: env.id,
      name: env.name,
      colour: env.colour,
      databases: candidateDatabases(env),
      ...(env.maintenance.length > 0 ? { maintenance: env.maintenance } : {}),
    })),
    monitor: {
      ...form.base.monitor,
      intervalSec: num('monitor.intervalSec'),
      timeoutMs: num('monitor.timeoutMs'),
      retries: num('monitor.retries'),
      slowMs: num('monitor.slowMs'),
      recoverySuccesses: num('monitor.recoverySuccesses'),
    },
    app: { notifications: form.notifications, startAtLogin: form.startAtLogin },
  };
  const parsed = SettingsSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const at = errorKeyOf(form, issue.path);
      if (!errors[at.key]) errors[at.key] = withLabel(at.label, issue.message);
    }
  }
  for (const env of form.environments) {
    if (form.removed.includes(env.id)) errors[envErrorKey(env.key, 'env.id')] = `Environment id "${env.id}" belongs to an environment being removed; choose another`;
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, settings: parsed.data };
}

/** Where a schema issue shows, and the label put in front of a generic message. */
function errorKeyOf(form: SettingsForm, path: PropertyKey[]): { key: string; label: string | undefined } {
  if (path[0] === 'environments' && typeof path[1] === 'number') {
    const env = form.environments[path[1]]!;
    const [, , part, database, field] = path;
    if (part === 'databases' && typeof database === 'string') {
      const kind = DATABASE_KINDS.find((k) => k.id === database)!;
      const text = [kind.endpoint, ...kind.options].find((f) => f.key === field);
      return { key: envErrorKey(env.key, text ? textFieldId(kind, text) : kind.id), label: text?.label };
    }
    const label = { name: 'Environment name', colour: 'Environment colour', id: 'Environment id' }[String(part)];
    return { key: envErrorKey(env.key, `env.${String(part)}`), label };
  }
  const key = path.join('.');
  return { key, label: (NUMBER_FIELDS as Record<string, { label: string }>)[key]?.label };
}

/** Zod's generic messages ("Too big: expected number to be <=10") get the field's name in front. */
function withLabel(label: string | undefined, message: string): string {
  if (!label || message.toLowerCase().startsWith(label.toLowerCase())) return message;
  return `${label}: ${message}`;
}

// ── Secrets ──────────────────────────────────────────────────────────────────

export function secretEdit(state: SecretFormState): SecretEdit {
  if (state.mode === 'replace') return { action: 'replace', value: state.value };
  return { action: state.mode };
}

/** Why each stored secret of one environment must be typed again (its endpoint changed in the form); absent = it may be kept. */
export type Reenter = Partial<Record<SecretName, string>>;

/** The environment's sections as typed so far (empty = not set), for the rule main applies too. */
function typedSections(env: EnvironmentForm): Record<string, Record<string, string | null>> {
  return Object.fromEntries(
    Object.entries(env.databases).map(([id, section]) => [id, Object.fromEntries(Object.entries(section).map(([k, v]) => [k, v.trim() || null]))]),
  );
}

/** A stored secret goes only to the endpoint it was saved for: once the form moves that endpoint, the secret is asked for again. */
export function secretsToReenter(env: EnvironmentForm, saved: Settings, presence: SettingsView['secrets']): Reenter {
  const stored = saved.environments.find((e) => env.saved && e.id === env.id);
  if (!stored) return {};
  const typed = typedSections(env);
  const reenter: Reenter = {};
  const isStored = (name: SecretName) => presence[env.id]?.[name] === 'stored';
  for (const kind of DATABASE_KINDS) {
    const change = isStored(kind.secret.name) ? endpointChange(kind.id, stored.databases, typed) : null;
    if (change) reenter[kind.secret.name] = endpointChangeMessage(change, typed);
    for (const extra of kind.extraSecrets ?? []) {
      if (isStored(extra.name) && extraSecretMoved(kind.id, extra, stored.databases, typed)) reenter[extra.name] = extraSecretChangeMessage(kind.id, extra, typed);
    }
  }
  return reenter;
}

/** What one environment's secret fields show and send: "keep" of a secret to enter again becomes an empty password input. */
export function shownSecrets(secrets: SecretStates, reenter: Reenter): Record<SecretName, SecretFormState> {
  const shown: Record<SecretName, SecretFormState> = {};
  for (const { name } of DATABASE_KINDS.flatMap(kindSecrets)) {
    const state = secrets[name] ?? KEEP;
    shown[name] = reenter[name] && state.mode === 'keep' ? { mode: 'replace', value: '' } : state;
  }
  return shown;
}

/** A replace with an empty input is not an edit the schema accepts; say which secret, and why when it must be entered again. */
export function secretErrors(shown: Record<SecretName, SecretFormState>, reenter: Reenter = {}): Partial<Record<SecretName, string>> {
  const errors: Partial<Record<SecretName, string>> = {};
  for (const kind of DATABASE_KINDS) {
    for (const secret of kindSecrets(kind)) {
      const s = shown[secret.name];
      if (s?.mode !== 'replace') continue;
      if (s.value === '') errors[secret.name] = reenter[secret.name] ?? `Type the new ${secretFieldLabel(kind, secret)} or press Cancel`;
      // Main would refuse it (e.g. too long) in the schema's words; say so here, naming the field.
      else {
        const parsed = SecretEditSchema.safeParse(secretEdit(s));
        if (!parsed.success) errors[secret.name] = `${secretFieldLabel(kind, secret)}: ${parsed.error.issues[0]!.message}`;
      }
    }
  }
  return errors;
}

/** Every environment's shown secrets and their errors (keyed like FormErrors). */
export function allShownSecrets(form: SettingsForm, states: AllSecretStates, view: SettingsView): { shown: Record<string, Record<SecretName, SecretFormState>>; reenter: Record<string, Reenter>; errors: FormErrors } {
  const shown: Record<string, Record<SecretName, SecretFormState>> = {};
  const reenter: Record<string, Reenter> = {};
  const errors: FormErrors = {};
  for (const env of form.environments) {
    reenter[env.key] = secretsToReenter(env, view.settings, view.secrets);
    shown[env.key] = shownSecrets(states[env.key] ?? {}, reenter[env.key]!);
    for (const [name, message] of Object.entries(secretErrors(shown[env.key]!, reenter[env.key]))) errors[envErrorKey(env.key, name)] = message!;
  }
  return { shown, reenter, errors };
}

/** The draft main receives: secret edits by environment id (only the ones that change something), removals confirmed. */
export function buildDraft(settings: Settings, form: SettingsForm, shown: Record<string, Record<SecretName, SecretFormState>>): SettingsDraft {
  const secrets: SecretEdits = {};
  for (const env of form.environments) {
    const edits = Object.entries(shown[env.key] ?? {}).filter(([, s]) => s.mode !== 'keep');
    if (edits.length > 0) secrets[env.id] = Object.fromEntries(edits.map(([name, s]) => [name, secretEdit(s)]));
  }
  return { settings, secrets, removeEnvironments: [...form.removed] };
}

/** Main names a secret it refuses to keep as "secrets.<env>.<name>" (or "secrets.<name>"): the error key of that input. */
export function secretErrorKey(form: SettingsForm, field: unknown): string | null {
  if (typeof field !== 'string' || !field.startsWith('secrets.')) return null;
  const parts = field.slice('secrets.'.length).split('.');
  const name = parts.at(-1)!;
  if (!DATABASE_KINDS.some((k) => kindSecrets(k).some((s) => s.name === name))) return null;
  const env = parts.length === 2 ? form.environments.find((e) => e.id === parts[0]) : form.environments[0];
  return env ? envErrorKey(env.key, name) : null;
}

// ── After validation: where errors are, what is unsaved ──────────────────────

/** "Not saved: …" after a failed Save, saying where the cursor went (not "below": the field may be anywhere). */
export function notSavedNotice(errors: FormErrors): string {
  const n = Object.keys(errors).length;
  return n === 1 ? 'Not saved: 1 field needs fixing; the cursor is on it.' : `Not saved: ${n} fields need fixing; the cursor is on the first.`;
}

/** Why Test connection of `kind` did not run: its own field's message, else the first problem elsewhere in the form. */
export function testBlocker(errors: FormErrors, envKey: string, kind: DatabaseKind): string {
  const ids = [...kindFormItems(kind).map((i) => (i.type === 'secret' ? i.secret.name : textFieldId(kind, i.field))), kind.id];
  const own = ids.map((id) => errors[envErrorKey(envKey, id)]).find((m) => m !== undefined);
  return own ?? `Not tested until the form is valid: ${Object.values(errors)[0] ?? 'check the fields marked in red'}`;
}

/** What differs from the saved settings: anything at all, and which environments (by key). */
export interface Unsaved {
  any: boolean;
  environments: string[];
}

export function unsavedChanges(form: SettingsForm, secrets: AllSecretStates, saved: Settings): Unsaved {
  const before = formFromSettings(saved);
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const environments = form.environments
    .filter((env) => {
      const was = before.environments.find((e) => env.saved && e.id === env.id);
      const secretEdited = Object.values(secrets[env.key] ?? {}).some((s) => s && s.mode !== 'keep');
      return !was || secretEdited || !same(env, was);
    })
    .map((e) => e.key);
  const elsewhere =
    form.removed.length > 0 ||
    !same(form.environments.map((e) => e.id), before.environments.map((e) => e.id)) ||
    !same([form.numbers, form.notifications, form.startAtLogin], [before.numbers, before.notifications, before.startAtLogin]);
  return { any: elsewhere || environments.length > 0, environments };
}

/** What the window's draft() gives Save and Test connection: the draft, or the errors it now shows inline. */
export type DraftResult = { ok: true; draft: SettingsDraft } | { ok: false; errors: FormErrors };

/**
 * What Cancel and Escape do: with unsaved changes, ask first; without, the desktop window closes and a
 * browser tab (which a page cannot close) shows the saved settings again.
 */
export function cancelOutcome(host: 'electron' | 'browser' | undefined, unsaved: boolean): 'ask' | 'close' | 'reset' {
  if (unsaved) return 'ask';
  return host === 'electron' ? 'close' : 'reset';
}

/** The discard question's note: what happens once the operator confirms. */
export const discardNote = (host: 'electron' | 'browser' | undefined): string =>
  host === 'electron' ? 'The window closes without saving; nothing is sent.' : 'The form goes back to the saved settings; nothing is sent.';
