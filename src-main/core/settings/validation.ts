/** Turns schema failures into ValidationErrors that name the dotted field and what is allowed. */
import type { z } from 'zod';
import { DATABASE_KINDS, kindSecrets } from '../../common/databases.js';
import { SettingsSchema, type Settings } from '../../common/settings-schema.js';
import { ValidationError } from '../errors.js';

/** `input` (what was parsed) lets the message name an environment by its name. */
export function validationErrorFrom(error: z.ZodError, prefix = '', input?: unknown): ValidationError {
  const issue = error.issues[0]!;
  const path = issue.path.map(String).join('.');
  const field = [prefix, path].filter(Boolean).join('.') || '(settings)';
  const others = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem(s))` : '';
  return new ValidationError(field, `${issue.message}${others}`, { place: placeOf(field.split('.'), input) });
}

const SECTIONS: Record<string, string> = { monitor: 'Checks', app: 'App' };

/**
 * Where a dotted settings path is, as the settings window shows it: 'Environment "Staging"',
 * 'Checks', 'App'. The field itself is named by the schema's message ("Neo4j URI must …").
 */
export function placeOf(path: string[], input?: unknown): string {
  const parts = path[0] === 'settings' ? path.slice(1) : path;
  const root = (path[0] === 'settings' ? (input as { settings?: unknown } | undefined)?.settings : input) as { environments?: unknown } | undefined;
  if (parts[0] === 'environments' && /^\d+$/.test(parts[1] ?? '')) {
    const index = Number(parts[1]);
    const env = Array.isArray(root?.environments) ? (root.environments[index] as { name?: unknown; id?: unknown } | undefined) : undefined;
    const name = [env?.name, env?.id].find((n): n is string => typeof n === 'string' && n.trim() !== '');
    return name ? `Environment "${name.trim()}"` : `Environment ${index + 1}`;
  }
  if (parts[0] === 'secrets' && parts[1]) return `Environment "${parts[1]}"`;
  return SECTIONS[parts[0] ?? ''] ?? 'Settings';
}

/** Parses settings input or throws a ValidationError naming the first bad field. */
export function parseSettings(input: unknown): Settings {
  const r = SettingsSchema.safeParse(input);
  if (!r.success) throw validationErrorFrom(r.error, '', input);
  return r.data;
}

const SECRET_KEY_PATTERN = /(key|password|passwd|secret|token|credential|authorization)/i;
/** Every kind's secret by its name and its variable, whatever they are called. */
const SECRET_KEYS = new Set(DATABASE_KINDS.flatMap((k) => kindSecrets(k).flatMap((s) => [s.name, s.envVar]).map((n) => n.toLowerCase())));

/** Defensive: settings are non-secret by design, so a key named like a secret means a bug upstream. */
export function assertNoSecretKeys(value: unknown, path: string[] = []): void {
  if (value === null || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) {
    if (SECRET_KEY_PATTERN.test(k) || SECRET_KEYS.has(k.toLowerCase())) {
      throw new ValidationError(
        [...path, k].join('.'),
        'looks like a secret and may not be written to the settings file; secrets belong in the OS keychain',
      );
    }
    assertNoSecretKeys(v, [...path, k]);
  }
}
