/**
 * A third kind of database is one registry entry plus one probe factory: with "redis" added to
 * DATABASE_KINDS (test/support/thirdDatabaseKind.ts) and a factory in PROBE_FACTORIES, every
 * per-environment building block of the core handles it with no other change.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DatabaseSection } from '../../src-main/common/settings-schema.js';
import { endpointChange, endpointChangeMessage } from '../../src-main/common/endpointIdentity.js';
import { buildProbe, configGap, endpointOf, neededSecrets, probeInputsChanged, secretOf } from '../../src-main/core/buildProbes.js';
import { checkOnce } from '../../src-main/core/checkOnce.js';
import { planEnvImport } from '../../src-main/core/credentials/envImport.js';
import { Secret } from '../../src-main/core/credentials/Secret.js';
import type { EnvironmentConfig } from '../../src-main/core/environmentConfig.js';
import { EndpointChangedError, ValidationError } from '../../src-main/core/errors.js';
import { hintFor } from '../../src-main/core/probes/hints.js';
import { PROBE_FACTORIES } from '../../src-main/core/probes/probeFactories.js';
import type { Probe } from '../../src-main/core/probes/Probe.js';
import { failureResult } from '../../src-main/core/probes/result.js';
import { refuseMovedSecretInDraft, refuseMovedSecretInEnv } from '../../src-main/core/secretBinding.js';
import { applyEnvVariables, KNOWN_VARIABLES, SECRET_VARIABLES } from '../../src-main/core/settings/envVariables.js';
import { assertNoSecretKeys, parseSettings } from '../../src-main/core/settings/validation.js';

vi.mock('../../src-main/common/databases.js', async (importOriginal) =>
  (await import('../support/thirdDatabaseKind.js')).withThirdKind(await importOriginal()),
);

/** What the factory was given, and a probe that answers from it. */
const made: { section: DatabaseSection; secret: string; timeoutMs: number }[] = [];
PROBE_FACTORIES.redis = (section, secret, timeoutMs) => {
  made.push({ section, secret: secret.reveal(), timeoutMs });
  const target = section.address!;
  return {
    database: 'redis',
    target,
    check: async () => failureResult({ database: 'redis', target, secrets: [secret] }, 'refused'),
    close: async () => undefined,
  } satisfies Probe;
};
afterEach(() => void made.splice(0));

const MONITOR = { intervalSec: 30, timeoutMs: 2_500, retries: 2, backoffInitialMs: 1_000, backoffMaxMs: 4_000, slowMs: 1_000, recoverySuccesses: 2 };
const REDIS = { address: 'redis://cache.internal:6380', username: 'app', db: '3' };
const config = (databases: EnvironmentConfig['databases']): EnvironmentConfig => ({ databases, monitor: MONITOR });

describe('probes', () => {
  it('buildProbe hands the section, the secret and the timeout to the kind\'s factory', async () => {
    const probe = buildProbe('redis', config({ redis: REDIS }), { redisAuth: new Secret('r-pw') });
    expect(made).toEqual([{ section: REDIS, secret: 'r-pw', timeoutMs: 2_500 }]);
    expect(await probe!.check(AbortSignal.timeout(1_000))).toMatchObject({
      database: 'redis',
      message: 'redis (redis://cache.internal:6380): connection refused',
      hint: 'Is Redis running on cache.internal:6380?',
    });
  });

  it('a half-configured one says what is missing in the registry\'s words', () => {
    expect(configGap('redis', config({ redis: REDIS }), {})).toEqual({
      database: 'redis',
      message: 'Redis address is set but the password is missing',
      hint: 'Enter Settings → Redis → Password, or import a .env file that has it',
      hintKey: 'secret_missing',
    });
    expect(configGap('redis', config({ redis: { ...REDIS, address: null } }), { redisAuth: new Secret('x') })).toEqual({
      database: 'redis',
      message: 'A Redis password is stored but the address is missing',
      hint: 'Enter Settings → Redis → Address',
      hintKey: 'endpoint_missing',
    });
    expect(buildProbe('redis', config({ supabase: { url: null, probeTable: null } }), { redisAuth: new Secret('x') })).toBeNull();
  });

  it('endpoint, secret, needed secrets and rebuild decisions', () => {
    expect(endpointOf('redis', config({ redis: REDIS }))).toBe('redis://cache.internal:6380');
    expect(secretOf('redis')).toBe('redisAuth');
    expect(neededSecrets(config({ redis: REDIS, neo4j: { uri: 'bolt://h', user: 'neo4j', database: null } }))).toEqual(['neo4jPassword', 'redisAuth']);
    const before = { config: config({ redis: REDIS }), secrets: { redisAuth: new Secret('a') }, errors: {} };
    expect(probeInputsChanged('redis', before, { ...before, config: config({ redis: { ...REDIS, db: '4' } }) })).toBe(true);
    expect(probeInputsChanged('redis', before, { ...before, secrets: { redisAuth: new Secret('a') } })).toBe(false);
  });

  it('checkOnce with nothing set names the kind\'s endpoint and secret', async () => {
    expect(await checkOnce('redis', config({}), {}, {})).toMatchObject({
      database: 'redis',
      state: 'not_configured',
      message: 'redis: nothing to test; enter the Redis address and password first',
      hint: 'Fill in the Redis address and password, then press Test again',
    });
  });

  it('hints take {at} with the kind\'s default port', () => {
    expect(hintFor('redis', 'dns', 'redis://cache.internal')).toBe('Cannot resolve cache.internal:6379');
    expect(hintFor('redis', 'unknown', null)).toBe('Check REDIS_ADDRESS (the configured host)');
  });
});

function thrown(run: () => void): EndpointChangedError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(EndpointChangedError);
    return error as EndpointChangedError;
  }
  throw new Error('expected an EndpointChangedError');
}

describe('endpoint identity', () => {
  const at = (address: string | null, username = 'app') => ({ redis: { ...REDIS, address, username } });

  it('host and port (the kind\'s identity), and the option that binds the secret', () => {
    expect(endpointChange('redis', at('redis://h'), at('rediss://H:6379'))).toBeNull();
    expect(endpointChange('redis', at('redis://h'), at('redis://h:6380'))).toBe('redis.address');
    expect(endpointChange('redis', at('redis://h'), at('redis://h', 'admin'))).toBe('redis.username');
    expect(endpointChangeMessage('redis.username', at('redis://h:6380', 'admin'))).toBe('The Redis user changed: enter the password for user "admin" at redis://h:6380');
    expect(endpointChangeMessage('redis.address', at('redis://g:6380'))).toBe('The Redis address changed: enter the password for redis://g:6380');
  });

  it('a moved secret is refused in a draft and in a .env import, naming the kind\'s variables', () => {
    const use = { stored: at('redis://h'), next: at('redis://g'), storedSecrets: { redisAuth: new Secret('a') }, unreadable: {}, changes: {} };
    expect(thrown(() => refuseMovedSecretInDraft(['redis'], use))).toMatchObject({
      field: 'secrets.redisAuth',
      message: 'The Redis address changed: enter the password for redis://g',
      hint: 'The stored secret is only sent to redis://h; type it for the new endpoint, or undo the change',
    });
    expect(thrown(() => refuseMovedSecretInDraft(['redis'], { ...use, next: at('redis://h', 'admin') }))).toMatchObject({
      message: 'The Redis user changed: enter the password for user "admin" at redis://h',
      hint: 'The stored secret is only sent to user "app" at redis://h; type it for the new endpoint, or undo the change',
    });
    expect(thrown(() => refuseMovedSecretInEnv(use))).toMatchObject({
      field: 'REDIS_AUTH',
      message: 'REDIS_ADDRESS changes where the stored secret would be sent (redis://g), but the file has no REDIS_AUTH: add REDIS_AUTH to the file',
      hint: 'Nothing was imported. The stored secret is only sent to redis://h; add REDIS_AUTH=… to the .env file and import it again',
    });
  });
});

describe('variables, .env import and settings', () => {
  it('the kind\'s variables are known; one creates the kind\'s section when the environment lacks it', () => {
    expect(KNOWN_VARIABLES).toEqual(expect.arrayContaining(['REDIS_ADDRESS', 'REDIS_USERNAME', 'REDIS_DB', 'REDIS_AUTH']));
    expect(SECRET_VARIABLES.REDIS_AUTH).toBe('redisAuth');
    const applied = applyEnvVariables([['REDIS_DB', '5'], ['REDIS_AUTH', 'pw']], config({}));
    expect(applied.config.databases).toEqual({ redis: { address: null, username: 'default', db: '5' } });
    expect(applied.secrets.redisAuth?.reveal()).toBe('pw');
    expect(() => applyEnvVariables([['REDIS_ADDRESS', 'http://x']], config({}))).toThrow(
      new ValidationError('REDIS_ADDRESS', 'Redis address must be redis://host[:port], e.g. redis://localhost:6379'),
    );
  });

  it('a .env import reports the kind\'s variables by name', () => {
    const plan = planEnvImport('REDIS_ADDRESS=redis://h\nREDIS_AUTH=pw\n', config({}));
    expect(plan.config.databases.redis).toEqual({ address: 'redis://h', username: 'default', db: null });
    expect(plan.report).toEqual({ settings: [{ name: 'REDIS_ADDRESS', value: 'redis://h' }], secrets: [{ name: 'REDIS_AUTH', stored: false }], ignored: [] });
  });

  it('settings refuse a key named like the kind\'s secret; the kind\'s section parses', () => {
    expect(() => assertNoSecretKeys({ environments: [{ databases: { redis: { REDIS_AUTH: 'x' } } }] })).toThrow('environments.0.databases.redis.REDIS_AUTH: looks like a secret');
    expect(() => assertNoSecretKeys({ environments: [{ databases: { redis: { redisAuth: 'x' } } }] })).toThrow('environments.0.databases.redis.redisAuth: looks like a secret');
    expect(parseSettings({ environments: [{ id: 'cache', name: 'Cache', databases: { redis: { address: 'redis://h' } } }] }).environments[0]!.databases).toEqual({
      redis: { address: 'redis://h', username: 'default', db: null },
    });
  });
});
