/**
 * What a .env import would change, worked out from the very plan the import writes (so a preview and
 * its import cannot disagree), and a fingerprint of it with the stored state it starts from, so a
 * confirmed import can be refused when either moved since the operator saw the preview.
 */
import { createHash } from 'node:crypto';
import type { EnvironmentSettings, ImportPreview, Settings } from '../common/settings-schema.js';
import type { EnvImportPlan } from './credentials/envImport.js';
import { SETTING_VARIABLES } from './settings/envVariables.js';

export interface PreviewInputs {
  plan: EnvImportPlan;
  /** The environment as stored (or as it would be created), before the import. */
  base: EnvironmentSettings;
  newEnvironment: boolean;
  monitor: Settings['monitor'];
  /** Whether the keychain holds (or, unreadable, may hold) this secret for the environment. */
  stored: (secretVariable: string) => boolean;
}

export function importPreview({ plan, base, newEnvironment, monitor, stored }: PreviewInputs): ImportPreview {
  const settings = plan.report.settings.flatMap(({ name, value }) => {
    const old = currentValue(name, base, monitor);
    return old === value ? [] : [{ name, old, new: value }];
  });
  const secrets = plan.report.secrets.map(({ name }) => ({ name, change: stored(name) ? ('replace' as const) : ('new' as const) }));
  const preview = { environment: base.id, environmentName: base.name, newEnvironment, settings, secrets, ...plan.skipped };
  // The stored state is in it too: a save in between (another window, the CLI) changes the fingerprint even where the file does not touch.
  const fingerprint = createHash('sha256').update(JSON.stringify({ preview, base: newEnvironment ? null : base, monitor })).digest('hex');
  return { ...preview, fingerprint };
}

/** The stored value a setting variable would replace, as text; null when unset. */
function currentValue(name: string, base: EnvironmentSettings, monitor: Settings['monitor']): string | null {
  const { database, field } = SETTING_VARIABLES[name]!;
  const value: unknown = database === null ? (monitor as Record<string, unknown>)[field] : (base.databases[database] as Record<string, unknown> | undefined)?.[field];
  return value === undefined || value === null || value === '' ? null : String(value);
}
