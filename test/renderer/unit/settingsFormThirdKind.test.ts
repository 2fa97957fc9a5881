/** The settings form is built from the registry: a third kind added to DATABASE_KINDS gets its fields, errors and secret with no other change. */
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../../src-main/common/databases.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../src-main/common/databases.js')>();
  const redisKind = {
    id: 'redis',
    label: 'Redis',
    endpoint: {
      key: 'url',
      label: 'Redis URL',
      envVar: 'REDIS_URL',
      example: 'redis://localhost:6379',
      identity: 'hostPort',
      defaultPort: '6379',
      default: null,
      schema: original.endpointUrl((s) => (/^rediss?:\/\/[^/@]+$/.test(s) ? null : 'scheme'), { scheme: 'Redis URL must be redis://host[:port], e.g. redis://localhost:6379' }),
    },
    secret: { name: 'redisPassword', label: 'password', envVar: 'REDIS_PASSWORD', account: 'redis-password' },
    options: [{ key: 'db', label: 'Redis db', envVar: 'REDIS_DB', example: '0', default: null, schema: original.optionalName(/^\d{1,2}$/, 'Redis db must be a number from 0 to 99') }],
    hints: original.supabaseKind.hints,
  } satisfies import('../../../src-main/common/databases.js').DatabaseKind;
  const kinds = [...original.DATABASE_KINDS, redisKind];
  return {
    ...original,
    DATABASE_KINDS: kinds,
    databaseKind: (id: string) => kinds.find((k) => k.id === id)!,
    databaseIds: () => kinds.map((k) => k.id),
    secretNames: () => kinds.map((k) => k.secret.name),
    kindOfSecret: (name: string) => kinds.find((k) => k.secret.name === name),
  };
});

const { SettingsDraftSchema, SettingsSchema } = await import('../../../src-main/common/settings-schema.js');
const { DATABASE_KINDS } = await import('../../../src-main/common/databases.js');
const form = await import('../../../src-renderer/lib/settingsForm.js');

const view = {
  settings: SettingsSchema.parse({}),
  secrets: { default: { redisPassword: 'not_set' as const } },
  paths: { settingsFile: '/s.json', logFile: '/l.log' },
};

describe('a third kind in the registry', () => {
  it('shows its endpoint, secret and options in the form', () => {
    const redis = DATABASE_KINDS.find((k) => k.id === 'redis')!;
    expect(form.kindFormItems(redis).map((i) => (i.type === 'secret' ? 'SECRET' : form.textFieldId(redis, i.field)))).toEqual(['redis.url', 'SECRET', 'redis.db']);
    expect(form.formFromSettings(view.settings).environments[0]!.databases.redis).toEqual({ url: '', db: '' });
  });

  it('validates its fields with its own schemas, under its input ids', () => {
    let f = form.formFromSettings(view.settings);
    f = form.setField(f, 'default', 'redis', 'url', 'http://cache:6379');
    f = form.setField(f, 'default', 'redis', 'db', 'x');
    expect(form.validateForm(f)).toEqual({
      ok: false,
      errors: { 'default/redis.url': 'Redis URL must be redis://host[:port], e.g. redis://localhost:6379', 'default/redis.db': 'Redis db must be a number from 0 to 99' },
    });
  });

  it('sends its section and its secret in the draft', () => {
    const f = form.setField(form.formFromSettings(view.settings), 'default', 'redis', 'url', 'redis://cache:6379');
    const v = form.validateForm(f);
    expect(v.ok && v.settings.environments[0]!.databases.redis).toEqual({ url: 'redis://cache:6379', db: null });
    const s = form.allShownSecrets(f, { default: { redisPassword: { mode: 'replace', value: 'r3dis' } } }, view);
    const draft = form.buildDraft(v.ok ? v.settings : view.settings, f, s.shown);
    expect(draft.secrets).toEqual({ default: { redisPassword: { action: 'replace', value: 'r3dis' } } });
    expect(SettingsDraftSchema.safeParse(draft).success).toBe(true);
    expect(form.secretErrors(form.shownSecrets({ redisPassword: { mode: 'replace', value: '' } }, {}))).toEqual({ redisPassword: 'Type the new Redis password or press Cancel' });
  });
});
