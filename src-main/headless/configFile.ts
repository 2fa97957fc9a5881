/**
 * `--config FILE`: a settings JSON (Settings version 2: environments, monitor) for servers that watch
 * several environments. It holds no secret; each one comes from WALLTRACK_<ENV>_<VARIABLE> (e.g.
 * WALLTRACK_PRODUCTION_NEO4J_PASSWORD) or else the OS keychain, so a server needs no keychain at all.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { DATABASE_KINDS, kindSecrets, type DatabaseKind, type SecretField } from '../common/databases.js';
import { EnvironmentIdSchema } from '../common/schemas.js';
import { SettingsSchema, type EnvironmentSettings, type Settings } from '../common/settings-schema.js';
import type { ConfigOverride } from '../core/createMonitorCore.js';
import { Secret } from '../core/credentials/Secret.js';
import { ConfigurationError, ValidationError } from '../core/errors.js';
import { assertNoSecretKeys, placeOf, validationErrorFrom } from '../core/settings/validation.js';

export const MAX_CONFIG_BYTES = 1024 * 1024;

/** WALLTRACK_<ENV>_<VARIABLE>: the id upper-cased with "-" as "_", then the secret's variable (a kind's own or extra one). */
export function environmentSecretVariable(environmentId: string, secret: SecretField): string {
  return secretVariableName(environmentId, secret.envVar);
}

/** WALLTRACK_<ENV>_<VARIABLE>: where a secret of that environment comes from with --config. */
export function secretVariableName(environmentId: string, envVar: string): string {
  return `WALLTRACK_${environmentId.toUpperCase().replaceAll('-', '_')}_${envVar}`;
}

const ALL_SECRETS = DATABASE_KINDS.flatMap(kindSecrets);

/** Variables shaped like a per-environment secret (WALLTRACK_…_<a secret's variable>). */
export function environmentSecretVariablesIn(env: NodeJS.ProcessEnv): string[] {
  return Object.keys(env).filter(
    (name) => env[name] && name.startsWith('WALLTRACK_') && ALL_SECRETS.some((s) => name.length > 'WALLTRACK_'.length + s.envVar.length && name.endsWith(`_${s.envVar}`)),
  );
}

const SECRETS_GO = 'secrets go in WALLTRACK_<ENV>_<VARIABLE> environment variables (e.g. WALLTRACK_PRODUCTION_NEO4J_PASSWORD) or the OS keychain';

function readBounded(file: string): string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (code ?? (error as Error).message);
    throw new ConfigurationError(`Cannot read --config ${file}: ${why}`, { hint: 'Pass the path of a settings JSON file' });
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new ConfigurationError(`--config ${file} is not a file`, { hint: 'Pass the path of a settings JSON file' });
    // One byte more than allowed tells "too big" even when the size changed after fstat.
    const buffer = Buffer.alloc(Math.min(stat.size, MAX_CONFIG_BYTES) + 1);
    let length = 0;
    for (let n = 1; n > 0 && length < buffer.length; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > MAX_CONFIG_BYTES) throw new ConfigurationError(`--config ${file} is larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MiB; a settings file is a few KiB`);
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Where a JSON syntax error is, without quoting the text around it (a misplaced secret would be printed). */
function syntaxProblem(text: string, error: Error): string {
  const position = /at position (\d+)/.exec(error.message);
  if (!position) return 'it is not valid JSON';
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  return `it is not valid JSON (line ${line}, column ${before.length - before.lastIndexOf('\n')})`;
}

/** The first key of `input` the schema does not know (it would be dropped silently), as a dotted path. */
function unknownKey(input: unknown, parsed: unknown, path: string[] = []): { path: string; known: string[] } | null {
  if (Array.isArray(input) && Array.isArray(parsed)) {
    for (const [i, item] of input.entries()) {
      const found = unknownKey(item, parsed[i], [...path, String(i)]);
      if (found) return found;
    }
  } else if (input && parsed && typeof input === 'object' && typeof parsed === 'object') {
    for (const [key, value] of Object.entries(input)) {
      if (!Object.hasOwn(parsed, key)) return { path: [...path, key].join('.'), known: Object.keys(parsed) };
      const found = unknownKey(value, (parsed as Record<string, unknown>)[key], [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/** The variable for a secret found at environments.N.databases.<kind>.…, when that environment has a valid id. */
function secretVariableAt(input: unknown, field: string): string | null {
  const [top, index, databases, kindId] = field.split('.');
  if (top !== 'environments' || databases !== 'databases') return null;
  const environments = (input as { environments?: unknown }).environments;
  const id = Array.isArray(environments) ? (environments[Number(index)] as { id?: unknown } | null)?.id : undefined;
  const kind = DATABASE_KINDS.find((k) => k.id === kindId);
  return kind && EnvironmentIdSchema.safeParse(id).success ? environmentSecretVariable(id as string, kind.secret) : null;
}

/** 'Environment "Staging" has "password" under "neo4j"': a key of the file, by the place it is in. */
function keyPlace(path: string, input: unknown): string {
  const parts = path.split('.');
  const key = parts.at(-1)!;
  const parent = parts.length > 1 ? parts.at(-2)! : null;
  const under = parent && !/^\d+$/.test(parent) && parent !== 'databases' ? ` under "${parent}"` : '';
  return `${placeOf(parts, input)} has "${key}"${under}`;
}

function parseConfig(file: string, text: string): Settings {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(`--config ${file}: ${syntaxProblem(text, error as Error)}`);
  }
  try {
    assertNoSecretKeys(input);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const variable = secretVariableAt(input, error.field);
    throw new ConfigurationError(`--config ${file}: ${keyPlace(error.field, input)}: secrets are not allowed in a --config file`, {
      hint: variable ? `Remove it and set ${variable} instead (or store it in the OS keychain)` : `Remove it; ${SECRETS_GO}`,
    });
  }
  const parsed = SettingsSchema.safeParse(input);
  if (!parsed.success) throw new ConfigurationError(`--config ${file}: ${validationErrorFrom(parsed.error, '', input).message}`, { hint: 'The file holds settings version 2: { "environments": [{ "id", "name", "databases": {…} }], "monitor": {…} }' });
  const unknown = unknownKey(input, parsed.data);
  if (unknown) {
    throw new ConfigurationError(`--config ${file}: ${keyPlace(unknown.path, input)}: not a setting (known here: ${unknown.known.join(', ')})`, {
      hint: 'Remove or correct it; the file holds settings version 2: { "environments": [{ "id", "name", "databases": {…} }], "monitor": {…} }',
    });
  }
  return parsed.data;
}

/** A kind the environment monitors with an endpoint set: the only ones a secret may go to. */
const withEndpoint = (env: EnvironmentSettings): DatabaseKind[] =>
  DATABASE_KINDS.filter((k) => (env.databases[k.id]?.[k.endpoint.key] ?? null) !== null);

/** Reads and validates `file`; secrets from WALLTRACK_<ENV>_<VARIABLE>, the rest from the keychain. */
export function readConfigFile(file: string, env: NodeJS.ProcessEnv): ConfigOverride {
  const settings = parseConfig(file, readBounded(file));
  const secrets: ConfigOverride['secrets'] = {};
  const used = new Set<string>();
  for (const environment of settings.environments) {
    for (const secret of withEndpoint(environment).flatMap(kindSecrets)) {
      const name = environmentSecretVariable(environment.id, secret);
      const value = env[name]?.trim();
      if (!value) continue;
      (secrets[environment.id] ??= {})[secret.name] = new Secret(value);
      used.add(name);
    }
  }
  // A misspelt or stray one would otherwise be ignored while the keychain is asked instead.
  const stray = environmentSecretVariablesIn(env).filter((name) => !used.has(name));
  if (stray.length) {
    const expected = settings.environments.flatMap((e) => withEndpoint(e).flatMap(kindSecrets).map((s) => environmentSecretVariable(e.id, s)));
    throw new ConfigurationError(
      `${stray.join(', ')} ${stray.length === 1 ? 'matches' : 'match'} no database with an endpoint in --config ${file} (expected: ${expected.join(', ') || 'none'})`,
      { hint: 'Correct or unset it; a secret is only sent to the endpoint of the environment it is named after' },
    );
  }
  return { settings, secrets, source: `--config ${file}`, readKeychain: true };
}
