/**
 * A MonitorCore (v2 interface) for the settings window's E2E run: settings and secret presence in
 * memory, every settings-related call recorded as received. No probes, no keychain: what is under
 * test is the window and the real browser-mode host between it and the core.
 */
import { emptyHistoryView } from '../../support/historyViews.js';
import { EventEmitter } from 'node:events';
import { DATABASE_KINDS } from '../../../src-main/common/databases.js';
import type { EnvironmentId, ProbeResult, Snapshot } from '../../../src-main/common/schemas.js';
import {
  ImportEnvRequestSchema,
  SettingsDraftSchema,
  SettingsSchema,
  TestConnectionRequestSchema,
  type ImportEnvRequest,
  type ImportPreview,
  type ImportReport,
  type Settings,
  type SettingsDraft,
  type SettingsDraftInput,
  type SettingsInput,
  type SettingsView,
  type TestConnectionRequest,
} from '../../../src-main/common/settings-schema.js';
import { ValidationError } from '../../../src-main/core/errors.js';
import type { MonitorCore, MonitorCoreEvents } from '../../../src-main/core/MonitorCore.js';

export type Recorded =
  | { method: 'saveSettings'; draft: SettingsDraft }
  | { method: 'testConnection'; request: TestConnectionRequest }
  | { method: 'previewImportEnv'; request: ImportEnvRequest }
  | { method: 'importEnv'; request: ImportEnvRequest };

const CHECKED_AT = '2026-01-01T12:00:00.000Z';

export interface ScriptedCore extends MonitorCore {
  readonly calls: Recorded[];
  settings(): Settings;
  presence(): SettingsView['secrets'];
}

/** What Test connection answers; healthy in 4.2 ms unless a test scripts otherwise. */
export type ScriptedTestResult = (request: TestConnectionRequest) => ProbeResult | null;

export function createSettingsScriptedCore(initial: SettingsInput, stored: SettingsView['secrets'], scripted: { testConnection?: ScriptedTestResult } = {}): ScriptedCore {
  const events = new EventEmitter();
  const calls: Recorded[] = [];
  let settings = SettingsSchema.parse(initial);
  let presence: SettingsView['secrets'] = structuredClone(stored);

  const snapshot = (): Snapshot => ({
    status: 'unconfigured',
    version: '0.0.0-e2e',
    checkedAt: CHECKED_AT,
    paused: null,
    staleAfterMs: 65_000,
    lastIncident: null,
    environments: settings.environments.map((env) => ({
      id: env.id,
      name: env.name,
      colour: env.colour,
      status: 'unconfigured',
      paused: null,
      databases: {},
    })),
  });
  const view = (): SettingsView => ({ settings: structuredClone(settings), secrets: structuredClone(presence), paths: { settingsFile: '/e2e/settings.json', logFile: '/e2e/walltrack.log' } });
  const changed = () => events.emit('snapshot', snapshot());

  return {
    calls,
    settings: () => settings,
    presence: () => presence,
    start: async () => undefined,
    stop: async () => undefined,
    snapshot,
    getSnapshot: snapshot,
    checkNow: async () => snapshot(),
    pause: () => snapshot(),
    resume: () => snapshot(),
    getHistory: ({ environment, database }) => emptyHistoryView(environment, database),
    getIncidents: () => ({ incidents: [] }),
    acknowledge: () => snapshot(),
    mute: () => snapshot(),
    unmute: () => snapshot(),
    getSettings: async () => view(),

    async testConnection(raw) {
      const request = TestConnectionRequestSchema.parse(raw);
      calls.push({ method: 'testConnection', request });
      const answer = scripted.testConnection?.(request);
      if (answer) return { ...answer, checkedAt: CHECKED_AT };
      const result: ProbeResult = { database: request.database, healthy: true, state: 'healthy', latencyMs: 4.2, checkedAt: CHECKED_AT };
      return result;
    },

    async saveSettings(raw: SettingsDraftInput) {
      const draft = SettingsDraftSchema.parse(raw);
      calls.push({ method: 'saveSettings', draft });
      const kept = new Set(draft.settings.environments.map((e) => e.id));
      const dropped = settings.environments.filter((e) => !kept.has(e.id) && !draft.removeEnvironments.includes(e.id));
      if (dropped.length > 0) throw new ValidationError('removeEnvironments', `environment "${dropped[0]!.id}" is missing from the draft and not listed for removal`);
      const next: SettingsView['secrets'] = {};
      for (const env of draft.settings.environments) {
        const secrets = { ...presence[env.id] };
        for (const [name, edit] of Object.entries(draft.secrets[env.id] ?? {})) {
          if (edit?.action === 'replace') secrets[name] = 'stored';
          if (edit?.action === 'remove') secrets[name] = 'not_set';
        }
        next[env.id] = secrets;
      }
      settings = draft.settings;
      presence = next;
      changed();
      return view();
    },

    setHostConnectivity() {
      throw new Error('not scripted');
    },

    /** The page's side of the preview: each known line as a change from nothing; writes nothing. */
    async previewImportEnv(raw) {
      const request = ImportEnvRequestSchema.parse(raw);
      calls.push({ method: 'previewImportEnv', request });
      const env = settings.environments.find((e) => e.id === request.into.id);
      const preview: ImportPreview = {
        environment: request.into.id,
        environmentName: request.into.kind === 'new' ? request.into.name : (env?.name ?? request.into.id),
        newEnvironment: request.into.kind === 'new',
        settings: [],
        secrets: [],
        unused: { names: [], more: 0 },
        ignored: [],
        fingerprint: 'f'.repeat(64),
      };
      for (const line of request.content.split('\n')) {
        const [name, ...rest] = line.split('=');
        for (const kind of DATABASE_KINDS) {
          if ([kind.endpoint, ...kind.options].some((f) => f.envVar === name)) preview.settings.push({ name: name!, old: null, new: rest.join('=').trim() });
          if (kind.secret.envVar === name) preview.secrets.push({ name: name!, change: presence[request.into.id]?.[kind.secret.name] === 'stored' ? 'replace' : 'new' });
        }
      }
      return preview;
    },

    async getDiagnostics() {
      throw new Error('not scripted');
    },

    async importEnv(raw) {
      const request = ImportEnvRequestSchema.parse(raw);
      calls.push({ method: 'importEnv', request });
      const id: EnvironmentId = request.into.id;
      if (request.into.kind === 'new') {
        const databases = Object.fromEntries(DATABASE_KINDS.map((k) => [k.id, {}]));
        settings = SettingsSchema.parse({ ...settings, environments: [...settings.environments, { id, name: request.into.name, databases }] });
        presence[id] = {};
      }
      const env = settings.environments.find((e) => e.id === id);
      if (!env) throw new ValidationError('into.id', `no environment "${id}"`);
      const report: ImportReport = { environment: id, settings: [], secrets: [], ignored: [] };
      for (const line of request.content.split('\n')) {
        const [name, ...rest] = line.split('=');
        const value = rest.join('=').trim();
        for (const kind of DATABASE_KINDS) {
          const field = [kind.endpoint, ...kind.options].find((f) => f.envVar === name);
          if (field) {
            env.databases[kind.id] = { ...env.databases[kind.id], [field.key]: value };
            report.settings.push({ name: name!, value });
          }
          if (kind.secret.envVar === name) {
            presence[id] = { ...presence[id], [kind.secret.name]: 'stored' };
            report.secrets.push({ name: name!, stored: true });
          }
        }
      }
      changed();
      return report;
    },

    on<E extends keyof MonitorCoreEvents>(event: E, listener: MonitorCoreEvents[E]) {
      events.on(event, listener);
      return () => void events.off(event, listener);
    },
  };
}
