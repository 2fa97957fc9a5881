/**
 * The non-secret settings file (<dataDir>/settings.json), written by JsonSettingsFile (in Electron the
 * shell passes a factory that builds an electron-store, a Conf subclass; both write the same file) and validated by
 * SettingsSchema. A corrupt file is moved aside, never deleted, and defaults load. A version-1 file
 * (before environments) is read as the environment "default" and left as it is on disk:
 * migrateToEnvironments rewrites it once the keychain accounts are copied.
 */
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { basename, join } from 'node:path';
import { SettingsSchema, type Settings, type SettingsInput } from '../../common/settings-schema.js';
import { WallTrackError } from '../errors.js';
import { NOTICE, type Logger } from '../logging.js';
import { SETTINGS_FILE_NAME } from '../paths.js';
import { JsonSettingsFile } from './JsonSettingsFile.js';
import { isVersion1, settingsFromVersion1, version1Path } from './settingsVersion1.js';
import { assertNoSecretKeys, parseSettings } from './validation.js';

/** The part of Conf / electron-store this class uses. */
export interface ConfLike {
  readonly path: string;
  store: Record<string, unknown>;
}

/** Builds the underlying store; `configName` is the file name without ".json". */
export type ConfFactory = (options: { cwd: string; configName: string }) => ConfLike;

export interface SettingsStoreOptions {
  /** Folder holding settings.json. */
  dir: string;
  /** Defaults to `new JsonSettingsFile(options)`; Electron passes one that builds an electron-store. */
  createStore?: ConfFactory;
  logger?: Logger;
  /** Injected for tests. */
  now?: () => Date;
}

const CONFIG_NAME = basename(SETTINGS_FILE_NAME, '.json');

export class SettingsStore {
  readonly path: string;
  private readonly conf: ConfLike;
  private current: Settings;
  private version1 = false;

  constructor(private readonly options: SettingsStoreOptions) {
    this.path = join(options.dir, SETTINGS_FILE_NAME);
    // Checked before the store opens the file: electron-store throws on bad JSON while constructing.
    const loaded = this.readFile();
    const create = options.createStore ?? ((o) => new JsonSettingsFile(o));
    try {
      this.conf = create({ cwd: options.dir, configName: CONFIG_NAME });
    } catch (error) {
      throw unusableFolder(this.path, 'open', error);
    }
    this.current = loaded;
  }

  get(): Settings {
    return structuredClone(this.current);
  }

  /** True while the file on disk is still version 1 (its content is converted in memory); false once saved. */
  get fileIsVersion1(): boolean {
    return this.version1;
  }

  /** Validates everything first; an invalid value throws a ValidationError naming its field. */
  save(input: SettingsInput): Settings {
    assertNoSecretKeys(input);
    const next = parseSettings(input);
    assertNoSecretKeys(next);
    try {
      this.conf.store = structuredClone(next) as unknown as Record<string, unknown>;
    } catch (error) {
      throw unusableFolder(this.path, 'write', error);
    }
    this.current = next;
    this.version1 = false;
    return this.get();
  }

  private readFile(): Settings {
    if (!existsSync(this.path)) return SettingsSchema.parse({});
    let problem: string;
    try {
      // Stryker disable next-line StringLiteral: without an encoding JSON.parse gets a Buffer, which it reads as UTF-8 all the same
      const raw = readFileSync(this.path, 'utf8');
      // conf's own "__internal__" bookkeeping needs no stripping: the schema drops keys it does not know.
      const parsed: unknown = JSON.parse(raw);
      const version1 = isVersion1(parsed);
      const r = SettingsSchema.safeParse(version1 ? settingsFromVersion1(parsed) : parsed);
      if (r.success) {
        this.version1 = version1;
        return r.data;
      }
      // Named as the file spells it, so a version-1 file's problem points at its own field.
      const where = (path: PropertyKey[]) => (version1 ? version1Path(path) : path);
      problem = r.error.issues.map((i) => `${where(i.path).map(String).join('.') || '(file)'}: ${i.message}`).join('; ');
    } catch (error) {
      problem = (error as Error).message;
    }
    return this.moveAside(problem);
  }

  private moveAside(problem: string): Settings {
    const stamp = (this.options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
    let aside = `${this.path}.corrupt-${stamp}`;
    for (let n = 1; existsSync(aside); n++) aside = `${this.path}.corrupt-${stamp}-${n}`;
    try {
      renameSync(this.path, aside);
    } catch (error) {
      throw unusableFolder(this.path, `move aside (it is unreadable: ${problem})`, error);
    }
    this.options.logger?.warn(
      { ...NOTICE, settingsFile: this.path, movedTo: aside, problem },
      `Settings file was unreadable and was moved aside to ${aside}; defaults loaded. Re-enter settings, or fix and copy the file back to ${this.path}.`,
    );
    return SettingsSchema.parse({});
  }
}

function unusableFolder(path: string, action: string, cause: unknown): WallTrackError {
  return new WallTrackError(`Could not ${action} the settings file ${path}: ${(cause as Error).message}`, {
    cause,
    hint: 'Check that the data folder exists and is writable, or set WALLTRACK_DATA_DIR to another folder.',
  });
}
