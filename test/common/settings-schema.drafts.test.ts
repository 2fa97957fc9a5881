/** The draft's own schemas (secret edits, removals, import targets) and the environment fields, with literal cases. */
import { describe, expect, it } from 'vitest';
import { coreMethodNames, HOST_METHODS } from '../../src-main/common/contract.js';
import { EnvironmentIdSchema, ShownDatabaseIdSchema } from '../../src-main/common/schemas.js';
import {
  EnvironmentSettingsSchema,
  ImportTargetSchema,
  SecretEditSchema,
  SettingsDraftSchema,
  SettingsSchema,
} from '../../src-main/common/settings-schema.js';

const env = (id: string) => ({ id, name: id, databases: {} });
const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.success ? [] : r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);

describe('secret edits', () => {
  it('are keep, replace with a non-empty value, or remove; nothing else', () => {
    expect(SecretEditSchema.parse({ action: 'keep' })).toEqual({ action: 'keep' });
    expect(SecretEditSchema.parse({ action: 'replace', value: 's3cret' })).toEqual({ action: 'replace', value: 's3cret' });
    expect(SecretEditSchema.parse({ action: 'remove' })).toEqual({ action: 'remove' });
    expect(SecretEditSchema.parse({ action: 'remove', value: 'ignored' })).toEqual({ action: 'remove' });
    expect(SecretEditSchema.safeParse({ action: 'replace' }).success).toBe(false);
    expect(messages(SecretEditSchema.safeParse({ action: 'replace', value: '' }))).toEqual(['value: A new secret must not be empty']);
    expect(SecretEditSchema.safeParse({ action: 'read' }).success).toBe(false);
    expect(SecretEditSchema.safeParse({}).success).toBe(false);
  });
});

describe('import targets', () => {
  it('are an existing environment by id, or a new one with id and name', () => {
    expect(ImportTargetSchema.parse({ kind: 'existing', id: 'staging' })).toEqual({ kind: 'existing', id: 'staging' });
    expect(ImportTargetSchema.parse({ kind: 'new', id: 'dev', name: ' Dev ' })).toEqual({ kind: 'new', id: 'dev', name: 'Dev' });
    expect(ImportTargetSchema.safeParse({ kind: 'new', id: 'dev' }).success).toBe(false);
    expect(ImportTargetSchema.safeParse({ kind: 'existing' }).success).toBe(false);
    expect(ImportTargetSchema.safeParse({ kind: 'other', id: 'dev' }).success).toBe(false);
  });
});

describe('a draft', () => {
  const settings = { environments: [env('default')] };
  it('removes 0 to 32 environments, each named by a valid id', () => {
    expect(SettingsDraftSchema.parse({ settings }).removeEnvironments).toEqual([]);
    const ids = Array.from({ length: 32 }, (_, i) => `e${i}`);
    expect(SettingsDraftSchema.parse({ settings, removeEnvironments: ids }).removeEnvironments).toHaveLength(32);
    expect(SettingsDraftSchema.safeParse({ settings, removeEnvironments: [...ids, 'e32'] }).success).toBe(false);
    expect(SettingsDraftSchema.safeParse({ settings, removeEnvironments: ['Not An Id'] }).success).toBe(false);
  });
});

describe('environment fields', () => {
  it('a colour is exactly #rrggbb', () => {
    expect(EnvironmentSettingsSchema.parse({ ...env('p'), colour: '#D33682' }).colour).toBe('#D33682');
    for (const bad of ['d33682', 'x#d33682', '#d33682x', '#d3368', '#gggggg']) {
      expect(messages(EnvironmentSettingsSchema.safeParse({ ...env('p'), colour: bad }))).toEqual(['colour: Environment colour must be #rrggbb, e.g. #d33682']);
    }
  });

  it('an id used twice is named with its position', () => {
    expect(messages(SettingsSchema.safeParse({ environments: [env('prod'), env('dev'), env('prod')] }))).toEqual([
      'environments.2.id: Environment id "prod" is used twice; each environment needs its own id',
    ]);
  });

  it('ids are 1 to 32 lowercase letters, digits or "-", not starting or ending with "-"', () => {
    for (const good of ['a', '7', 'eu-staging', 'a'.repeat(32)]) expect(EnvironmentIdSchema.safeParse(good).success).toBe(true);
    for (const bad of ['', '-a', 'a-', 'A', 'a_b', 'a'.repeat(33), 'prod!', '!prod']) expect(EnvironmentIdSchema.safeParse(bad).success).toBe(false);
  });

  it('a kind shown in a view is a slug of up to 32 characters starting with a letter', () => {
    for (const good of ['redis', 'a', 'kafka_2', 'a'.repeat(32)]) expect(ShownDatabaseIdSchema.safeParse(good).success).toBe(true);
    for (const bad of ['1redis', 'Redis', 'redis!', '!redis', 'a'.repeat(33), '']) expect(ShownDatabaseIdSchema.safeParse(bad).success).toBe(false);
  });
});

describe('the contract', () => {
  it('leaves getAppInfo and openWindow to the host; the core answers every other method', () => {
    expect(HOST_METHODS).toEqual(['getAppInfo', 'openWindow']);
    expect(coreMethodNames).toEqual(['getSnapshot', 'checkNow', 'pause', 'resume', 'getHistory', 'getIncidents', 'acknowledge', 'mute', 'unmute', 'getSettings', 'testConnection', 'saveSettings', 'previewImportEnv', 'importEnv', 'getDiagnostics']);
  });
});
