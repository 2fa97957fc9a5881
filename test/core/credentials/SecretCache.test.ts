/**
 * The keychain-read cache against the test run's private gnome-keyring: "unavailable" is a D-Bus
 * address that leads nowhere (the helper process fails to connect), "available again" is the real
 * address restored. Retry delays run on fake timers; every keychain call is a real helper process.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { MonitorSettingsSchema, type SecretName } from '../../../src-main/common/settings-schema.js';
import { buildProbe, MissingConfigProbe } from '../../../src-main/core/buildProbes.js';
import { CredentialVault } from '../../../src-main/core/credentials/CredentialVault.js';
import { runKeychainCall } from '../../../src-main/core/credentials/keychainProcess.js';
import { Secret } from '../../../src-main/core/credentials/Secret.js';
import { SecretCache } from '../../../src-main/core/credentials/SecretCache.js';
import { createLogger } from '../../../src-main/core/logging.js';

const UNREACHABLE = 'unix:path=/nonexistent';
const service = `walltrack-monitor-test-${randomUUID()}`;
const vault = new CredentialVault({ service });
const caches: SecretCache[] = [];

afterEach(() => {
  caches.splice(0).forEach((c) => c.close());
  vi.useRealTimers();
  vi.unstubAllEnvs();
});
afterAll(async () => {
  for (const environment of ['production', 'staging']) {
    await vault.delete(environment, 'neo4jPassword');
    await vault.delete(environment, 'supabaseKey');
  }
});

/** A cache over a vault whose helper processes are counted, with its log lines and change events. */
function newCache(options: { wanted?: (name: SecretName) => boolean; environment?: string } = {}) {
  const calls: string[] = [];
  const counted = new CredentialVault({ service, runner: (request, timeoutMs) => (calls.push(`${request.op} ${request.account}`), runKeychainCall(request, timeoutMs)) });
  const lines: string[] = [];
  const { logger } = createLogger({ level: 'debug', console: { stream: { write: (l: string) => void lines.push(l) } as never, pretty: false } });
  const changes: SecretName[] = [];
  const cache = new SecretCache({ vault: counted, logger, environment: 'production', ...options });
  cache.onChange((name) => void changes.push(name));
  caches.push(cache);
  return { cache, calls, lines, changes };
}

describe('SecretCache', () => {
  it('retries a failed read after 2 s, doubling up to 5 min, until it succeeds; then reports the heal once and stops', async () => {
    await vault.set('production', 'neo4jPassword', new Secret('healed-value'));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.stubEnv('DBUS_SESSION_BUS_ADDRESS', UNREACHABLE);
    const { cache, calls, lines, changes } = newCache();
    await cache.load(['neo4jPassword']);
    expect(calls).toEqual(['get production/neo4j-password']);
    expect(cache.view().errors.neo4jPassword?.message).toMatch(/^Could not read neo4jPassword in the OS keychain \(service "[^"]+", account "production\/neo4j-password"\)/);
    expect(cache.view().secrets).toEqual({});

    const delays = [2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000];
    for (const [i, delay] of delays.entries()) {
      await vi.advanceTimersByTimeAsync(delay - 1);
      expect(calls, `retry ${i + 1} not before ${delay} ms`).toHaveLength(i + 1);
      await vi.advanceTimersByTimeAsync(1);
      expect(calls, `retry ${i + 1} at ${delay} ms`).toHaveLength(i + 2);
      await cache.settled();
    }
    expect(changes).toEqual([]);

    vi.unstubAllEnvs();
    await vi.advanceTimersByTimeAsync(300_000);
    await cache.settled();
    expect(cache.view().secrets.neo4jPassword?.reveal()).toBe('healed-value');
    expect(cache.view().errors).toEqual({});
    expect(changes).toEqual(['neo4jPassword']);
    const count = calls.length;
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(calls).toHaveLength(count);

    // One error line when it started failing, one info line when it healed; never the value.
    const messages = lines.map((l) => JSON.parse(l) as { msg: string; level: number });
    expect(messages.filter((m) => m.level >= 40).map((m) => m.msg)).toEqual(['Could not read a secret from the OS keychain']);
    expect(messages.filter((m) => m.level === 30).map((m) => m.msg)).toEqual(['Read a secret from the OS keychain after it had failed']);
    expect(lines.map((l) => (JSON.parse(l) as { environment?: string }).environment)).toEqual(lines.map(() => 'production'));
    expect(lines.join('')).not.toContain('healed-value');
  });

  it('retryNow reads again at once; retrySoon (a check of the waiting database) only once 2 s passed since the last failure', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.stubEnv('DBUS_SESSION_BUS_ADDRESS', UNREACHABLE);
    const { cache, calls } = newCache();
    await cache.load(['supabaseKey']);
    await cache.retryNow();
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1_000);
    cache.retrySoon('supabaseKey');
    await cache.settled();
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(999);
    cache.retrySoon('supabaseKey');
    await cache.settled();
    expect(calls).toHaveLength(2);
    // The scheduled retry was moved on by retryNow's failure (4 s after it), so this one is the check's.
    await vi.advanceTimersByTimeAsync(1);
    cache.retrySoon('supabaseKey');
    await cache.settled();
    expect(calls).toHaveLength(3);
    // Nothing stored under this account: the keychain answered, so that is a value (none), not an error.
    vi.unstubAllEnvs();
    await cache.retryNow();
    expect(cache.view()).toEqual({ secrets: { supabaseKey: null }, errors: {} });
    await cache.retryNow();
    expect(calls).toHaveLength(4);
  });

  it('200 simultaneous loads share one read, and a value remembered while a read is in flight is not overwritten by it', async () => {
    await vault.set('production', 'neo4jPassword', new Secret('stored-before'));
    const { cache, calls } = newCache();
    const loads = Array.from({ length: 200 }, () => cache.load(['neo4jPassword']));
    cache.remember({ neo4jPassword: new Secret('written-meanwhile') });
    await Promise.all(loads);
    expect(calls).toEqual(['get production/neo4j-password']);
    expect(cache.view().secrets.neo4jPassword?.reveal()).toBe('written-meanwhile');
    await cache.load(['neo4jPassword']);
    expect(calls).toHaveLength(1);
  });

  it('a check of the database waiting for its secret retries the read, at most once per 2 s', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.stubEnv('DBUS_SESSION_BUS_ADDRESS', UNREACHABLE);
    const { cache, calls } = newCache();
    await cache.load(['neo4jPassword']);
    const config = { databases: { neo4j: { uri: 'bolt://127.0.0.1:7687', user: 'neo4j', database: null } }, monitor: MonitorSettingsSchema.parse({}) };
    const { secrets, errors } = cache.view();
    const probe = buildProbe('neo4j', config, secrets, errors, (name) => cache.retrySoon(name));
    expect(probe).toBeInstanceOf(MissingConfigProbe);
    const result = await probe!.check(AbortSignal.timeout(1_000));
    expect(result).toMatchObject({ state: 'not_configured', kind: 'not_configured' });
    expect(result.message).toMatch(/^neo4j: not configured — keychain unavailable: Could not read neo4jPassword in the OS keychain/);
    await cache.settled();
    expect(calls).toHaveLength(1);
    // The clock moves on without the scheduled retry firing: only the check can start this read.
    vi.setSystemTime(Date.now() + 2_000);
    await probe!.check(AbortSignal.timeout(1_000));
    await cache.settled();
    expect(calls).toHaveLength(2);
  });

  it('reads its own environment\'s keychain entries only', async () => {
    await vault.set('production', 'neo4jPassword', new Secret('production-pw'));
    await vault.set('staging', 'neo4jPassword', new Secret('staging-pw'));
    const production = newCache();
    const staging = newCache({ environment: 'staging' });
    await Promise.all([production.cache.load(['neo4jPassword', 'supabaseKey']), staging.cache.load(['neo4jPassword'])]);
    expect(production.calls).toEqual(['get production/neo4j-password', 'get production/supabase-api-key']);
    expect(staging.calls).toEqual(['get staging/neo4j-password']);
    expect(production.cache.view().secrets.neo4jPassword?.reveal()).toBe('production-pw');
    expect(production.cache.view().secrets.supabaseKey).toBeNull();
    expect(staging.cache.view().secrets.neo4jPassword?.reveal()).toBe('staging-pw');
  });

  it('stops retrying a secret no longer needed, and everything once closed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.stubEnv('DBUS_SESSION_BUS_ADDRESS', UNREACHABLE);
    let needed = true;
    const { cache, calls } = newCache({ wanted: () => needed });
    await cache.load(['neo4jPassword', 'supabaseKey']);
    expect(calls).toHaveLength(2);
    needed = false;
    await vi.advanceTimersByTimeAsync(600_000);
    expect(calls).toHaveLength(2);
    cache.close();
    await cache.retryNow();
    expect(calls).toHaveLength(2);
  });
});
