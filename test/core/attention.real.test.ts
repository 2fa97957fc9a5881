/**
 * Acknowledge, mute and maintenance through the real core, against the real Neo4j behind a relay this test
 * switches off and on: the tray is not red for an acknowledged outage, the acknowledgement survives a
 * restart and ends when Neo4j is back; a maintenance window shows and leaves uptime alone.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../src-main/common/settings-schema.js';
import { createMonitorCore } from '../../src-main/core/createMonitorCore.js';
import { Secret } from '../../src-main/core/credentials/Secret.js';
import type { MonitorCore } from '../../src-main/core/MonitorCore.js';
import { trayIconStateFor } from '../../src-main/electron/trayIcons.js';
import { neo4jRelay, type Neo4jRelay } from '../headless/neo4jRelay.js';
import { testServices, type TestServices } from '../support/services.js';
import { draftOf } from './drafts.js';
import { warmUpServices } from './warmUp.js';

let services: TestServices;
let dataDir: string;
const cores: MonitorCore[] = [];
let relay: Neo4jRelay | null = null;

beforeAll(async () => {
  services = testServices();
  await warmUpServices(services);
});
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.stop()));
  await relay?.close();
  relay = null;
  rmSync(dataDir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

function coreFor(uri: string, maintenance?: unknown[]): MonitorCore {
  const draft = draftOf([{ id: 'production', neo4j: { uri, user: services.neo4j.user } }], {}, { monitor: { intervalSec: 3_600, retries: 0 } });
  const settings = SettingsSchema.parse({ ...draft.settings, environments: draft.settings.environments!.map((e) => ({ ...e, ...(maintenance ? { maintenance } : {}) })) });
  const core = createMonitorCore({
    dataDir,
    env: { settings, secrets: { production: { neo4jPassword: new Secret(services.neo4j.password) } }, source: 'environment variables', readKeychain: false },
  });
  cores.push(core);
  return core;
}
const neo4jOf = (core: MonitorCore) => core.snapshot().environments[0]!.databases.neo4j!;

describe('acknowledging a real outage', () => {
  it('stops the tray being red, survives a restart, and ends when Neo4j answers again', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'wt-attention-'));
    relay = neo4jRelay({ uri: services.neo4j.uri }, await freePort());
    await relay.open();
    const first = coreFor(relay.uri);
    await first.start();
    await first.checkNow();
    expect(() => first.acknowledge({ environment: 'production', database: 'neo4j' })).toThrow(
      'Neo4j in "production" is healthy: only a down or retrying database can be acknowledged',
    );

    await relay.close();
    await first.checkNow();
    expect(neo4jOf(first).status).toBe('down');
    expect(trayIconStateFor(first.snapshot())).toBe('down');
    const before = Date.now();
    const acked = first.acknowledge({ environment: 'production', database: 'neo4j' });
    const at = acked.environments[0]!.databases.neo4j!.attention!.acknowledged!.at;
    expect(Date.parse(at)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(acked.environments[0]!.databases.neo4j!.status).toBe('down'); // the truth is kept; only what it means changes
    expect(trayIconStateFor(first.snapshot())).toBe('acknowledged');
    await first.stop();

    const second = coreFor(relay.uri);
    await second.start();
    await second.checkNow();
    expect(neo4jOf(second).attention).toEqual({ acknowledged: { at } });
    expect(trayIconStateFor(second.snapshot())).toBe('acknowledged');

    await relay.open();
    // Flap control: the first answer is "recovering 1/2", not yet shown healthy, so the acknowledgement holds.
    await second.checkNow();
    expect(neo4jOf(second).status).toBe('recovering');
    expect(neo4jOf(second).attention).toEqual({ acknowledged: { at } });
    await second.checkNow();
    expect(neo4jOf(second).status).toBe('healthy');
    expect(neo4jOf(second).attention).toBeUndefined();
    expect(trayIconStateFor(second.snapshot())).toBe('ok');
    expect(JSON.parse(readFileSync(join(dataDir, 'attention.json'), 'utf8'))).toEqual({ version: 1, acknowledged: [], muted: [] });
  });

  it('mutes for the hours asked, and refuses a database the environment does not monitor', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'wt-attention-'));
    const core = coreFor('bolt://127.0.0.1:1');
    await core.start();
    const before = Date.now();
    const muted = core.mute({ environment: 'production', database: 'neo4j', hours: 8 });
    const until = Date.parse(muted.environments[0]!.databases.neo4j!.attention!.muted!.until);
    expect(until - before).toBeGreaterThanOrEqual(8 * 3_600_000 - 1_000);
    expect(until - before).toBeLessThanOrEqual(8 * 3_600_000 + 1_000);
    await core.checkNow();
    expect(neo4jOf(core).status).toBe('down');
    expect(trayIconStateFor(core.snapshot())).toBe('acknowledged');
    expect(core.unmute({ environment: 'production', database: 'neo4j' }).environments[0]!.databases.neo4j!.attention).toBeUndefined();
    expect(trayIconStateFor(core.snapshot())).toBe('down');
    expect(() => core.mute({ environment: 'production', database: 'supabase', hours: 1 })).toThrow('supabase is not monitored in environment "production"');
    expect(() => core.acknowledge({ environment: 'staging', database: 'neo4j' })).toThrow('There is no environment "staging" (known: production)');
  });
});

describe('a maintenance window', () => {
  it('shows "maintenance" while it is on, keeps checking and recording, and leaves the time out of uptime', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'wt-attention-'));
    const from = new Date(Date.now() - 60_000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const core = coreFor('bolt://127.0.0.1:1', [{ kind: 'once', label: 'Upgrade', database: 'neo4j', from, to }]);
    await core.start();
    await core.checkNow();
    const neo4j = neo4jOf(core);
    expect(neo4j.status).toBe('down');
    expect(neo4j.attention).toEqual({ maintenance: { until: new Date(Date.parse(to)).toISOString(), window: 'Upgrade' } });
    expect(trayIconStateFor(core.snapshot())).toBe('maintenance');
    const view = core.getHistory({ environment: 'production', database: 'neo4j' });
    // The check was recorded (Check now joined the one start() began), and it counts neither for nor against uptime.
    expect(view.points.map((p) => p.state)).toEqual(['down']);
    expect(view.uptime[0]).toEqual({ window: '24h', ratio: null, checks: 0 });
  });
});

describe('what changes with no check in between', () => {
  it('a mute ends by itself and a window starts by itself: the core pushes a new snapshot then', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'wt-attention-'));
    // Written as a previous run (or the CLI) left it: muted until 1.5 s from now.
    mkdirSync(dataDir, { recursive: true });
    const mutedUntil = new Date(Date.now() + 1_500).toISOString();
    writeFileSync(join(dataDir, 'attention.json'), JSON.stringify({ version: 1, acknowledged: [], muted: [{ environment: 'production', database: 'neo4j', until: mutedUntil }] }));
    const from = new Date(Date.now() + 3_000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const core = coreFor('bolt://127.0.0.1:1', [{ kind: 'once', label: 'Upgrade', from, to }]);
    const pushed: string[] = [];
    core.on('snapshot', (s) => void pushed.push(JSON.stringify(s.environments[0]!.databases.neo4j!.attention ?? null)));
    await core.start();
    expect(neo4jOf(core).attention).toEqual({ muted: { until: mutedUntil } });
    // The check interval is an hour: only the core's own timer can change these.
    await expect.poll(() => neo4jOf(core).attention ?? null, { timeout: 10_000, interval: 100 }).toBeNull();
    await expect.poll(() => neo4jOf(core).attention?.maintenance?.window, { timeout: 10_000, interval: 100 }).toBe('Upgrade');
    expect(pushed).toContain('null');
    expect(pushed.at(-1)).toBe(JSON.stringify({ maintenance: { until: new Date(Date.parse(to)).toISOString(), window: 'Upgrade' } }));
  });
});
