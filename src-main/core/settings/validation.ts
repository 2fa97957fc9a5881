/** Turns schema failures into ValidationErrors that name the dotted field and what is allowed. */
import type { z } from 'zod';
import { SettingsSchema, type Settings } from '../../common/settings-schema.js';
import { ValidationError } from '../errors.js';

export function validationErrorFrom(error: z.ZodError, prefix = ''): ValidationError {
  const issue = error.issues[0]!;
  const path = issue.path.map(String).join('.');
  const field = [prefix, path].filter(Boolean).join('.') || '(settings)';
  const others = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem(s))` : '';
  return new ValidationError(field, `${issue.message}${others}`);
}

/** Parses settings input or throws a ValidationError naming the first bad field. */
export function parseSettings(input: unknown): Settings {
  const r = SettingsSchema.safeParse(input);
  if (!r.success) throw validationErrorFrom(r.error);
  const problem = credentialsInUrl(r.data);
  if (problem) throw new ValidationError(problem.field, problem.message);
  return r.data;
}

/**
 * URLs are shown to operators and logged, so they must not carry "user:password@". The schema
 * would accept them; this keeps the password in the keychain where it belongs.
 */
export function credentialsInUrl(settings: Settings): { field: string; message: string } | null {
  const checks: [string, string | null, string][] = [
    ['supabase.url', settings.supabase.url, 'the API key belongs in the Supabase key field (SUPABASE_KEY)'],
    ['neo4j.uri', settings.neo4j.uri, 'put the user in the Neo4j user field and the password in NEO4J_PASSWORD'],
  ];
  for (const [field, url, advice] of checks) {
    if (url && /^[a-z0-9+.-]+:\/\/[^/?#]*@/i.test(url)) {
      return { field, message: `must not contain credentials ("user:password@"); ${advice}` };
    }
  }
  return null;
}

const SECRET_KEY_PATTERN = /(key|password|passwd|secret|token|credential|authorization)/i;

/** Defensive: settings are non-secret by design, so a key named like a secret means a bug upstream. */
export function assertNoSecretKeys(value: unknown, path: string[] = []): void {
  if (value === null || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) {
    if (SECRET_KEY_PATTERN.test(k)) {
      throw new ValidationError(
        [...path, k].join('.'),
        'looks like a secret and may not be written to the settings file; secrets belong in the OS keychain',
      );
    }
    assertNoSecretKeys(v, [...path, k]);
  }
}
