/**
 * A third database kind for tests that prove a new kind needs only its registry entry (and, in core,
 * its probe factory). Use it as the whole mock of common/databases.ts:
 *
 *   vi.mock('…/src-main/common/databases.js', async (importOriginal) =>
 *     (await import('…/test/support/thirdDatabaseKind.js')).withThirdKind(await importOriginal()));
 *
 * The registry's own helpers close over its private list, so the ones that read the list are redone here.
 */
import * as z from 'zod';
import type * as Databases from '../../src-main/common/databases.js';

type Registry = typeof Databases;

export function redisKind(registry: Registry): Databases.DatabaseKind {
  return {
    id: 'redis',
    label: 'Redis',
    endpoint: {
      key: 'address',
      label: 'Redis address',
      envVar: 'REDIS_ADDRESS',
      example: 'redis://localhost:6379',
      identity: 'hostPort',
      defaultPort: '6379',
      default: null,
      schema: registry.endpointUrl((s) => (/^rediss?:\/\/[^\s/@]+$/.test(s) ? null : 'scheme'), {
        scheme: 'Redis address must be redis://host[:port], e.g. redis://localhost:6379',
      }),
    },
    secret: { name: 'redisAuth', label: 'password', envVar: 'REDIS_AUTH', account: 'redis-auth' },
    options: [
      {
        key: 'username',
        label: 'Redis user',
        envVar: 'REDIS_USERNAME',
        example: 'default',
        default: 'default',
        bindsSecret: true,
        schema: z.string().trim().min(1, 'Redis user must not be empty (usually "default")').default('default'),
      },
      {
        key: 'db',
        label: 'Redis database',
        envVar: 'REDIS_DB',
        example: '0',
        default: null,
        schema: registry.optionalName(/^\d{1,2}$/, 'Redis database must be a number from 0 to 99'),
      },
    ],
    hints: {
      not_configured: 'Set REDIS_ADDRESS and REDIS_AUTH',
      invalid_config: 'Check REDIS_ADDRESS',
      dns: 'Cannot resolve {at}',
      no_route: 'No route to {at}',
      refused: 'Is Redis running on {at}?',
      tls: 'TLS to {at} failed',
      timeout: 'Redis at {at} is slow',
      reset: 'Redis at {at} hung up',
      auth_failed: 'Check REDIS_USERNAME and REDIS_AUTH',
      server_error: 'Redis at {at} failed',
      paused: 'Redis at {at} is paused',
      unreachable_origin: 'A proxy in front of Redis at {at} could not reach it',
      database_offline: 'The Redis database on {at} is not available',
      unknown: 'Check REDIS_ADDRESS ({at})',
    },
  };
}

export function withThirdKind(registry: Registry): Registry {
  const kinds = [...registry.DATABASE_KINDS, redisKind(registry)];
  return {
    ...registry,
    DATABASE_KINDS: kinds,
    databaseKind: (id) => {
      const kind = kinds.find((k) => k.id === id);
      if (!kind) throw new RangeError(`Unknown database kind "${id}"`);
      return kind;
    },
    databaseIds: () => kinds.map((k) => k.id),
    secretNames: () => kinds.flatMap((k) => registry.kindSecrets(k).map((s) => s.name)),
    kindOfSecret: (name) => kinds.find((k) => registry.kindSecrets(k).some((s) => s.name === name)),
    secretField: (name) => kinds.flatMap((k) => registry.kindSecrets(k)).find((s) => s.name === name),
    extraSecret: (name) => kinds.flatMap((k) => k.extraSecrets ?? []).find((s) => s.name === name),
  };
}
