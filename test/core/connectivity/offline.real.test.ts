/**
 * "This computer is offline", inferred by the core from real failures: every target fails at once with a
 * network-level kind (a host that cannot resolve, an address with no route), and only then. The
 * unroutable target is an IPv6 documentation address (RFC 3849): here the kernel answers EHOSTUNREACH.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../../src-main/common/settings-schema.js';
import type { Snapshot } from '../../../src-main/common/schemas.js';
import { createMonitorCore } from '../../../src-main/core/createMonitorCore.js';
import { Secret } from '../../../src-main/core/credentials/Secret.js';
import type { MonitorCore } from '../../../src-main/core/MonitorCore.js';
import { UNRESOLVABLE_HOST } from '../../support/faults.js';
import { testServices, type TestServices } from '../../support/services.js';

/** No route from here: the kernel gives up with EHOSTUNREACH (IPv6 documentation prefix, never routed). */
const NO_ROUTE_URI = 'bolt://[2001:db8::1]:7687';

let services: TestServices;
let dataDir: string;
const cores: MonitorCore[] = [];
beforeAll(() => {
  services = testServices();
});
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.stop()));
  rmSync(dataDir, { recursive: true, force: true });
});

type Env = { id: string; supabase?: string; neo4j?: string };
/**
 * One retry after 4 s (by default 2 retries, after 1 s and 2 s): a database is down only after every target has
 * failed once (EHOSTUNREACH takes a few seconds here), so the round is complete; a target not checked yet keeps it online.
 */
function coreWith(envs: Env[]): MonitorCore {
  dataDir = mkdtempSync(join(tmpdir(), 'wt-offline-'));
  const settings = SettingsSchema.parse({
    environments: envs.map((e) => ({
      id: e.id,
      name: e.id,
      databases: {
        ...(e.supabase ? { supabase: { url: e.supabase, probeTable: 'wallets' } } : {}),
        ...(e.neo4j ? { neo4j: { uri: e.neo4j, user: 'neo4j' } } : {}),
      },
    })),
    monitor: { intervalSec: 3_600, timeoutMs: 10_000, retries: 1, backoffInitialMs: 4_000, backoffMaxMs: 4_000, slowMs: 30_000 },
  });
  const secrets = Object.fromEntries(
    envs.map((e) => [e.id, { supabaseKey: new Secret(services.supabase.serviceRoleKey), neo4jPassword: new Secret(e.neo4j === services.neo4j.uri ? services.neo4j.password : 'pw') }]),
  );
  const core = createMonitorCore({ dataDir, version: '9.9.9-test', env: { settings, secrets, source: 'test', readKeychain: false } });
  cores.push(core);
  return core;
}

const kinds = (snapshot: Snapshot) => snapshot.environments.flatMap((e) => Object.values(e.databases).map((d) => `${e.id}/${d!.database}:${d!.status}:${d!.kind ?? ''}`));

describe('this computer is offline, inferred from every target failing at once', () => {
  it('hosts that cannot resolve and an address with no route, in two environments: offline once, since the round; databases keep their own states', { timeout: 60_000 }, async () => {
    const core = coreWith([
      { id: 'production', supabase: `https://${UNRESOLVABLE_HOST}`, neo4j: `neo4j+s://db.${UNRESOLVABLE_HOST}:7687` },
      { id: 'staging', neo4j: NO_ROUTE_URI },
    ]);
    const before = Date.now();
    await core.start();
    const snapshot = await core.checkNow();
    expect(kinds(snapshot)).toEqual(['production/supabase:down:dns', 'production/neo4j:down:dns', 'staging/neo4j:down:no_route']);
    expect(snapshot.connectivity).toEqual({ online: false, since: expect.any(String) });
    expect(Date.parse(snapshot.connectivity!.since!)).toBeGreaterThanOrEqual(before - 1);
    const since = snapshot.connectivity!.since;
    // Still offline at the next round: the same "since".
    expect((await core.checkNow()).connectivity).toEqual({ online: false, since });
    // Recorded, drawn, but not counted against uptime, and no incident opened.
    const history = core.getHistory({ environment: 'staging', database: 'neo4j' });
    expect(history.points.map((p) => [p.state, p.kind])).toEqual([
      ['retrying', 'no_route'],
      ['down', 'no_route'],
      ['down', 'no_route'],
    ]);
    expect(history.uptime[0]).toEqual({ window: '24h', ratio: null, checks: 0 });
    expect(core.getIncidents()).toEqual({ incidents: [] });
    // The no-route database says what happened, with its own hint.
    expect(snapshot.environments[1]!.databases.neo4j!.hint).toMatch(/^No route to \[2001:db8::1\]:7687/);
  });

  it('the only target, unresolvable: offline', async () => {
    const core = coreWith([{ id: 'default', neo4j: `bolt://${UNRESOLVABLE_HOST}:7687` }]);
    await core.start();
    expect((await core.checkNow()).connectivity).toMatchObject({ online: false });
  });

  it('one good target among them keeps it online: the network works, those hosts are wrong', async () => {
    const core = coreWith([
      { id: 'production', supabase: `https://${UNRESOLVABLE_HOST}`, neo4j: NO_ROUTE_URI },
      { id: 'staging', neo4j: services.neo4j.uri },
    ]);
    await core.start();
    const snapshot = await core.checkNow();
    expect(kinds(snapshot)).toEqual(['production/supabase:down:dns', 'production/neo4j:down:no_route', 'staging/neo4j:healthy:']);
    expect(snapshot.connectivity).toEqual({ online: true, since: null });
  });

  it('a target refused (the network answered) keeps it online too', async () => {
    const core = coreWith([
      { id: 'production', supabase: `https://${UNRESOLVABLE_HOST}` },
      { id: 'staging', neo4j: 'bolt://127.0.0.1:1' },
    ]);
    await core.start();
    expect((await core.checkNow()).connectivity).toEqual({ online: true, since: null });
  });

  it("the host's word (Electron's net.isOnline()) sets it too: pushed at once, checks meanwhile excluded from uptime", async () => {
    const core = coreWith([{ id: 'default', neo4j: 'bolt://127.0.0.1:1' }]);
    await core.start();
    await core.checkNow();
    const pushed: Snapshot[] = [];
    core.on('snapshot', (s) => pushed.push(s));
    const before = Date.now();
    core.setHostConnectivity(false);
    expect(pushed.at(-1)!.connectivity).toEqual({ online: false, since: expect.any(String) });
    expect(Date.parse(pushed.at(-1)!.connectivity!.since!)).toBeGreaterThanOrEqual(before);
    await core.checkNow();
    // The first round (a retry, then down) counted; the check made while the host said offline is drawn, not counted.
    const history = core.getHistory({ environment: 'default', database: 'neo4j' });
    expect(history.points.map((p) => p.state)).toEqual(['retrying', 'down', 'down']);
    expect(history.uptime[0]).toEqual({ window: '24h', ratio: 0, checks: 2 });
    core.setHostConnectivity(true);
    expect(pushed.at(-1)!.connectivity).toEqual({ online: true, since: null });
    expect(() => core.setHostConnectivity('no' as unknown as boolean)).toThrow('online must be true or false, got string');
  });
});
