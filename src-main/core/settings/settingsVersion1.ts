/**
 * Settings files of version 1 (releases before environments): one unnamed pair of databases,
 * `{[kindId]: section, monitor, app}` with no "version" key. Each kind's section had the same fields
 * as a version-2 section, so a file converts into the one environment "default" field for field.
 */
import { DATABASE_KINDS } from '../../common/databases.js';
import { defaultEnvironment, SETTINGS_VERSION, type SettingsInput } from '../../common/settings-schema.js';

/** A version-1 file: an object with neither the "version" nor the "environments" of version 2. */
export function isVersion1(json: unknown): json is Record<string, unknown> {
  return typeof json === 'object' && json !== null && !Array.isArray(json) && !('version' in json) && !('environments' in json);
}

/** Unvalidated: the result goes through SettingsSchema like any file, so a bad version-1 value is refused there. */
export function settingsFromVersion1(json: Record<string, unknown>): SettingsInput {
  const environment = defaultEnvironment();
  // A section the file left out had its defaults in version 1; null or any other value stays, to be refused.
  for (const kind of DATABASE_KINDS) if (json[kind.id] !== undefined) environment.databases[kind.id] = json[kind.id] as never;
  return { version: SETTINGS_VERSION, environments: [environment], monitor: json.monitor as never, app: json.app as never };
}

/** Where a problem found after conversion sits in the version-1 file: "environments.0.databases.neo4j.uri" → "neo4j.uri". */
export function version1Path(path: readonly PropertyKey[]): PropertyKey[] {
  return path[0] === 'environments' ? path.slice(3) : [...path];
}
