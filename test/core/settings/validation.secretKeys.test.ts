/**
 * The settings refuse a key named like any registry kind's secret, even one no generic pattern
 * catches: "redis" (test/support/thirdDatabaseKind.ts) keeps its secret as redisAuth / REDIS_AUTH.
 */
import { describe, expect, it, vi } from 'vitest';
import { assertNoSecretKeys } from '../../../src-main/core/settings/validation.js';

vi.mock('../../../src-main/common/databases.js', async (importOriginal) =>
  (await import('../../support/thirdDatabaseKind.js')).withThirdKind(await importOriginal()),
);

describe('assertNoSecretKeys with a third kind', () => {
  it.each(['redisAuth', 'REDIS_AUTH', 'redis_auth', 'RedisAuth'])('refuses %s anywhere, naming its path', (key) => {
    expect(() => assertNoSecretKeys({ environments: [{ id: 'cache', databases: { redis: { [key]: 'x' } } }] })).toThrow(
      `environments.0.databases.redis.${key}: looks like a secret and may not be written to the settings file; secrets belong in the OS keychain`,
    );
  });

  it('accepts the kind\'s other fields', () => {
    expect(() => assertNoSecretKeys({ environments: [{ id: 'cache', databases: { redis: { address: 'redis://h', username: 'app', db: '1', auth: 'no' } } }] })).not.toThrow();
  });
});
