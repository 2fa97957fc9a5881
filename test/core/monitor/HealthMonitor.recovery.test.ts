/** Flap control: a database that was down needs `recoverySuccesses` consecutive successes before it is shown healthy. */
import { afterEach, describe, expect, it } from 'vitest';
import { EnvironmentStatusSchema } from '../../../src-main/common/schemas.js';
import { MonitorSettingsSchema } from '../../../src-main/common/settings-schema.js';
import { HealthMonitor } from '../../../src-main/core/monitor/HealthMonitor.js';
import { ConfigurationError } from '../../../src-main/core/errors.js';
import { readEnvConfig } from '../../../src-main/headless/envConfig.js';
import type { MonitorSettings } from '../../../src-main/core/monitor/types.js';
import type { StateChange } from '../../../src-main/core/MonitorCore.js';
import { ScriptedProbe, type Step } from './scriptedProbe.js';

const monitors: HealthMonitor[] = [];
afterEach(async () => {
  await Promise.all(monitors.splice(0).map((m) => m.stop(1_000)));
});

const BASE: MonitorSettings = { intervalSec: 60, timeoutMs: 150, retries: 0, backoffInitialMs: 10, backoffMaxMs: 10, slowMs: 500, recoverySuccesses: 2 };

function setup(script: (call: number) => Step, settings: Partial<MonitorSettings> = {}) {
  const neo4j = new ScriptedProbe('neo4j', script);
  const monitor = new HealthMonitor({ probes: { neo4j }, settings: { ...BASE, ...settings }, environment: { id: 'fast', name: 'Fast', colour: null } });
  monitors.push(monitor);
  const changes: string[] = [];
  monitor.on('stateChange', (c: StateChange) => changes.push(`${c.from}>${c.to}`));
  return { monitor, changes, neo4j };
}

describe('flap control', () => {
  it('defaults to 2 successes, accepts 1–10 and names the field otherwise', () => {
    expect(MonitorSettingsSchema.parse({}).recoverySuccesses).toBe(2);
    expect(MonitorSettingsSchema.parse({ recoverySuccesses: 10 }).recoverySuccesses).toBe(10);
    for (const bad of [0, 11, 1.5]) {
      const parsed = MonitorSettingsSchema.safeParse({ recoverySuccesses: bad });
      expect(parsed.success).toBe(false);
      expect(parsed.error!.issues[0]).toMatchObject({ path: ['recoverySuccesses'] });
    }
    expect(MonitorSettingsSchema.safeParse({ recoverySuccesses: 11 }).error!.issues[0]!.message).toBe('Successes before recovered must be between 1 and 10');
  });

  it('WALLTRACK_RECOVERY_SUCCESSES sets it for check and serve; a bad value names the variable and the range', () => {
    const neo4j = { NEO4J_URI: 'bolt://127.0.0.1:7687', NEO4J_PASSWORD: 'pw' };
    expect(readEnvConfig(neo4j)!.settings.monitor.recoverySuccesses).toBe(2);
    expect(readEnvConfig({ ...neo4j, WALLTRACK_RECOVERY_SUCCESSES: '3' })!.settings.monitor.recoverySuccesses).toBe(3);
    const bad = (() => {
      try {
        readEnvConfig({ ...neo4j, WALLTRACK_RECOVERY_SUCCESSES: '0' });
      } catch (error) {
        return error;
      }
    })();
    expect(bad).toBeInstanceOf(ConfigurationError);
    expect((bad as Error).message).toMatch(/^Invalid environment variable WALLTRACK_RECOVERY_SUCCESSES: Successes before recovered must be between 1 and 10/);
  });

  it('down → recovering (1/2) → healthy after the second success; the snapshot carries the count', async () => {
    const { monitor, changes } = setup((n) => (n === 0 ? { fail: 'refused' } : { ok: 1 }), { recoverySuccesses: 2 });
    await monitor.checkNow();
    expect(monitor.snapshot().databases.neo4j!.status).toBe('down');
    await monitor.checkNow();
    const recovering = monitor.snapshot();
    expect(EnvironmentStatusSchema.parse(recovering)).toEqual(recovering);
    expect(recovering.databases.neo4j).toMatchObject({ status: 'recovering', healthy: false, recovery: { successes: 1, needed: 2 } });
    expect(recovering.status).toBe('degraded');
    await monitor.checkNow();
    expect(monitor.snapshot().databases.neo4j).toMatchObject({ status: 'healthy', healthy: true });
    expect(monitor.snapshot().databases.neo4j!.recovery).toBeUndefined();
    expect(changes).toEqual(['unknown>down', 'down>recovering', 'recovering>healthy']);
  });

  it('counts 1/3, 2/3 with N=3, and a failure while recovering goes straight back to down (no retries)', async () => {
    const fail: Step = { fail: 'refused' };
    const script: Step[] = [fail, fail, fail, { ok: 1 }, { ok: 1 }, fail, { ok: 1 }, { ok: 1 }, { ok: 1 }];
    const { monitor, changes, neo4j } = setup((n) => script[n] ?? { ok: 1 }, { recoverySuccesses: 3, retries: 2 });
    await monitor.checkNow(); // down after 3 attempts
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      await monitor.checkNow();
      const db = monitor.snapshot().databases.neo4j!;
      seen.push(db.recovery ? `${db.status} ${db.recovery.successes}/${db.recovery.needed}` : db.status);
    }
    expect(neo4j.calls.length).toBe(3 + 6);
    expect(seen).toEqual(['recovering 1/3', 'recovering 2/3', 'down', 'recovering 1/3', 'recovering 2/3', 'healthy']);
    expect(changes).toEqual(['unknown>retrying', 'retrying>down', 'down>recovering', 'recovering>down', 'down>recovering', 'recovering>healthy']);
  });

  it('the first check after start needs one success, and N=1 is the old behaviour', async () => {
    const first = setup(() => ({ ok: 1 }), { recoverySuccesses: 2 });
    await first.monitor.checkNow();
    expect(first.changes).toEqual(['unknown>healthy']);

    const old = setup((n) => (n === 0 ? { fail: 'refused' } : { ok: 1 }), { recoverySuccesses: 1 });
    await old.monitor.checkNow();
    await old.monitor.checkNow();
    expect(old.changes).toEqual(['unknown>down', 'down>healthy']);
  });

  it('a slow success after recovering counts, and ends as degraded', async () => {
    const { monitor, changes } = setup((n) => (n === 0 ? { fail: 'refused' } : { ok: 30 }), { recoverySuccesses: 2, slowMs: 10 });
    await monitor.checkNow();
    await monitor.checkNow();
    await monitor.checkNow();
    expect(changes).toEqual(['unknown>down', 'down>recovering', 'recovering>degraded']);
  });
});
