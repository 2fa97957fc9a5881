/**
 * The core with its durable history, against the real Neo4j behind a TCP relay this test switches off and on:
 * every check recorded under its public endpoint, incidents opened and closed, "since" kept across a restart
 * of the core, and history readable without start().
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../../src-main/common/settings-schema.js';
import { createMonitorCore } from '../../../src-main/core/createMonitorCore.js';
import { Secret } from '../../../src-main/core/credentials/Secret.js';
import { ValidationError } from '../../../src-main/core/errors.js';
import type { MonitorCore } from '../../../src-main/core/MonitorCore.js';
import { testServices, type TestServices } from '../../support/services.js';
import { draftOf } from '../drafts.js';
import { warmUpServices } from '../warmUp.js';

let services: TestServices;
let dataDir: string;
const cores: MonitorCore[] = [];
let relay: Relay | null = null;

beforeAll(async () => {
  services = testServices();
  await warmUpServices(services);
});
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.stop()));
  await relay?.down();
  relay = null;
  rmSync(dataDir, { recursive: true, force: true });
});

/** A port that forwards to Neo4j while up; down closes it and every connection through it (refused from then on). */
interface Relay {
  port: number;
  up(): Promise<void>;
  down(): Promise<void>;
}

async function startRelay(to: URL): Promise<Relay> {
  let server: Server | null = null;
  const sockets = new Set<Socket>();
  let port = 0;
  const up = async () => {
    server = createServer((client) => {
      const upstream = connect(Number(to.port), to.hostname);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => server!.listen(port, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
  };
  const down = async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    server = null;
  };
  await up();
  return { port, up, down };
}

function coreThrough(port: number): MonitorCore {
  const draft = draftOf([{ id: 'production', neo4j: { uri: `bolt://127.0.0.1:${port}`, user: services.neo4j.user } }], {}, { monitor: { intervalSec: 3_600, retries: 0 } });
  const core = createMonitorCore({
    dataDir,
    env: {
      settings: SettingsSchema.parse(draft.settings),
      secrets: { production: { neo4jPassword: new Secret(services.neo4j.password) } },
      source: 'environment variables',
      readKeychain: false,
    },
  });
  cores.push(core);
  return core;
}

const neo4jOf = (core: MonitorCore) => core.snapshot().environments[0]!.databases.neo4j!;

describe('the core with its durable history', () => {
  it('records each check, opens an incident when Neo4j goes down and closes it when it is back, and keeps "since" across a restart', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'wt-core-history-'));
    relay = await startRelay(new URL(services.neo4j.uri));
    const endpoint = `bolt://127.0.0.1:${relay.port}`;
    const first = coreThrough(relay.port);
    await first.start();
    await first.checkNow();
    const healthySince = neo4jOf(first).since!;
    expect(neo4jOf(first).status).toBe('healthy');
    await first.stop();
    expect(existsSync(join(dataDir, 'history.sqlite'))).toBe(true);

    const second = coreThrough(relay.port);
    await second.start();
    await second.checkNow();
    // Healthy since before the restart, not since this process's first check.
    expect(neo4jOf(second).since).toBe(healthySince);
    expect(Date.parse(neo4jOf(second).checkedAt!)).toBeGreaterThan(Date.parse(healthySince));

    await relay.down();
    await second.checkNow();
    const down = neo4jOf(second);
    expect(down.status).toBe('down');
    expect(down.since).toBe(down.checkedAt);
    const { incidents } = second.getIncidents();
    expect(incidents).toEqual([
      expect.objectContaining({ id: 1, environment: 'production', database: 'neo4j', endpoint, startedAt: down.checkedAt, endedAt: null, durationMs: null }),
    ]);
    // The driver's pooled connection was cut (server_error) or a new one was refused, whichever it tried.
    expect(['refused', 'server_error']).toContain(incidents[0]!.kind);
    expect(incidents[0]!.message).toContain(`neo4j (${endpoint})`);
    expect(second.snapshot().lastIncident).toEqual(incidents[0]);

    await relay.up();
    await second.checkNow();
    // Flap control (recoverySuccesses 2 by default): the first answer is "recovering 1/2", the incident stays open.
    expect(neo4jOf(second)).toMatchObject({ status: 'recovering', recovery: { successes: 1, needed: 2 } });
    expect(second.getIncidents().incidents[0]!.endedAt).toBeNull();
    await second.checkNow();
    const back = neo4jOf(second);
    expect(back.status).toBe('healthy');
    expect(back.since).toBe(back.checkedAt);
    const closed = second.getIncidents({ environment: 'production' }).incidents;
    expect(closed).toEqual([expect.objectContaining({ id: 1, startedAt: down.checkedAt, endedAt: back.checkedAt, durationMs: Date.parse(back.checkedAt!) - Date.parse(down.checkedAt!) })]);
    expect(second.snapshot().lastIncident).toEqual(closed[0]);

    const view = second.getHistory({ environment: 'production', database: 'neo4j' });
    expect(view).toMatchObject({ environment: 'production', database: 'neo4j', endpoint, range: '1h', stepSec: 0, recoveredRetries: 0 });
    // One check per core before the outage (checkNow joins the check start() began), then down, recovering, healthy.
    expect(view.points.map((p) => p.state)).toEqual(['healthy', 'healthy', 'down', 'recovering', 'healthy']);
    expect(view.uptime[0]).toEqual({ window: '24h', ratio: 0.8, checks: 5 });
  });

  it('answers history and incidents without start(); an unknown environment or database names the known ones', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'wt-core-history-'));
    const core = coreThrough(1);
    expect(core.getHistory({ environment: 'production', database: 'neo4j', range: '24h' })).toMatchObject({ endpoint: 'bolt://127.0.0.1:1', stepSec: 60, points: [] });
    expect(core.getIncidents()).toEqual({ incidents: [] });
    const unknownEnv = (() => {
      try {
        core.getHistory({ environment: 'staging', database: 'neo4j' });
      } catch (error) {
        return error;
      }
    })();
    expect(unknownEnv).toBeInstanceOf(ValidationError);
    expect((unknownEnv as Error).message).toBe('environment: There is no environment "staging" (known: production)');
    expect(() => core.getHistory({ environment: 'production', database: 'supabase' })).toThrow(
      new ValidationError('database', 'supabase is not monitored in environment "production" (known: neo4j); add it in Settings first'),
    );
  });
});
