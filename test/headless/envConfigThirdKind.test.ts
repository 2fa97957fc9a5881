/** A third kind added to the registry is configured by its own variables with no change to the headless host. */
import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod';

vi.mock('../../src-main/common/databases.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src-main/common/databases.js')>();
  const text = z.string().trim().transform((s) => (s === '' ? null : s)).nullable().default(null);
  const redisKind = {
    id: 'redis',
    label: 'Redis',
    endpoint: { key: 'url', label: 'Redis URL', envVar: 'REDIS_URL', example: 'redis://localhost:6379', identity: 'hostPort', defaultPort: '6379', default: null, schema: text },
    secret: { name: 'redisPassword', label: 'password', envVar: 'REDIS_PASSWORD', account: 'redis-password' },
    options: [],
    hints: Object.fromEntries(real.FAILURE_KINDS.map((k) => [k, `Check REDIS_URL (${k})`])),
  } as unknown as import('../../src-main/common/databases.js').DatabaseKind;
  return { ...real, DATABASE_KINDS: [...real.DATABASE_KINDS, redisKind] };
});

const { readEnvConfig, NOTHING_CONFIGURED } = await import('../../src-main/headless/envConfig.js');
const { ConfigurationError } = await import('../../src-main/core/errors.js');

describe('readEnvConfig with a third kind in the registry', () => {
  it('builds its section and secret from its variables alone', () => {
    const config = readEnvConfig({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PASSWORD: 'pw' })!;
    expect(config.settings.environments[0]!.databases).toEqual({ redis: { url: 'redis://127.0.0.1:6379' } });
    expect(config.secrets.default!.redisPassword!.reveal()).toBe('pw');
  });

  it('applies the pairs rule to it', () => {
    const error = (() => {
      try {
        readEnvConfig({ REDIS_URL: 'redis://127.0.0.1:6379' });
      } catch (e) {
        return e as InstanceType<typeof ConfigurationError>;
      }
      throw new Error('expected a ConfigurationError');
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe('REDIS_URL is set but REDIS_PASSWORD is not: set REDIS_PASSWORD (or unset REDIS_URL)');
  });

  it('names it in "Nothing to check"', () => {
    expect(NOTHING_CONFIGURED).toMatch(/^Nothing to check: set SUPABASE_URL and SUPABASE_KEY and\/or NEO4J_URI and NEO4J_PASSWORD and\/or REDIS_URL and REDIS_PASSWORD /);
  });
});
