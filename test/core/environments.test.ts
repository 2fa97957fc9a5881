/** Several environments side by side in one core, against the real Neo4j, the Supabase stand-in and the run's keyring. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CredentialVault } from '../../src-main/core/credentials/CredentialVault.js';
import { createMonitorCore } from '../../src-main/core/createMonitorCore.js';
import { ValidationError } from '../../src-main/core/errors.js';
import type { MonitorCore } from '../../src-main/core/MonitorCore.js';
import { testServices, type TestServices } from '../support/services.js';
import { draftOf, type EnvironmentInput } from './drafts.js';
import { warmUpServices } from './warmUp.js';

let services: TestServices;
let dataDir: string;
let vault: CredentialVault;
const cores: MonitorCore[] = [];
const servers: { server: Server; sockets: Set<Socket> }[] = [];

beforeAll(async () => {
  services = testServices();
  await warmUpServices(services);
});
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.stop()));
  for (const { server, sockets } of servers.splice(0)) {
    for (const s of sockets) s.destroy();
    await new Promise((r) => server.close(r));
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function newCore() {
  dataDir = mkdtempSync(join(tmpdir(), 'wt-envs-'));
  vault = new CredentialVault({ service: `walltrack-monitor-test-${randomUUID()}` });
  const core = createMonitorCore({ dataDir, vault, version: '9.9.9-test' });
  cores.push(core);
  return core;
}

/** A port nothing listens on: connections are refused. */
async function refusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

/** Accepts connections and never answers: a hung database. */
async function blackHole(): Promise<number> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push({ server, sockets });
  return (server.address() as { port: number }).port;
}

const production = (): EnvironmentInput => ({
  id: 'production',
  name: 'Production',
  colour: '#d33682',
  supabase: { url: services.supabase.url, probeTable: 'wallets' },
  neo4j: { uri: services.neo4j.uri, user: services.neo4j.user },
});
const productionSecrets = () => ({ supabaseKey: services.supabase.serviceRoleKey, neo4jPassword: services.neo4j.password });

describe('environments side by side', () => {
  it('each environment has its own keychain accounts, its own status, in settings order; the overall status is the worst', async () => {
    const core = newCore();
    await core.start();
    const stagingPort = await refusedPort();
    await core.saveSettings(
      draftOf([production(), { id: 'staging', name: 'Staging', neo4j: { uri: `bolt://127.0.0.1:${stagingPort}` } }], {
        production: productionSecrets(),
        staging: { neo4jPassword: 'staging-password' },
      }),
    );
    expect((await vault.readAccount('production/neo4j-password'))!.reveal()).toBe(services.neo4j.password);
    expect((await vault.readAccount('production/supabase-api-key'))!.reveal()).toBe(services.supabase.serviceRoleKey);
    expect((await vault.readAccount('staging/neo4j-password'))!.reveal()).toBe('staging-password');
    expect(await vault.readAccount('staging/supabase-api-key')).toBeNull();

    const s = await core.checkNow();
    expect(s.environments.map((e) => [e.id, e.name, e.colour, e.status])).toEqual([
      ['production', 'Production', '#d33682', 'ok'],
      ['staging', 'Staging', null, 'down'],
    ]);
    // Staging has no Supabase section: it is not listed there at all.
    expect(Object.keys(s.environments[1]!.databases)).toEqual(['neo4j']);
    expect(s.environments[1]!.databases.neo4j).toMatchObject({ database: 'neo4j', label: 'Neo4j', status: 'down', kind: 'refused' });
    expect(s.status).toBe('down');
    expect((await core.getSettings()).secrets).toEqual({
      production: { supabaseKey: 'stored', neo4jPassword: 'stored' },
      staging: { neo4jPassword: 'stored' },
    });
    const file = readFileSync(join(dataDir, 'settings.json'), 'utf8');
    expect(file).not.toContain('staging-password');
    expect(JSON.parse(file).environments.map((e: { id: string }) => e.id)).toEqual(['production', 'staging']);
  });

  it('Check now, Pause and Resume act on one environment, or on all', async () => {
    const core = newCore();
    await core.start();
    await core.saveSettings(
      draftOf([production(), { id: 'staging', neo4j: { uri: services.neo4j.uri } }], {
        production: productionSecrets(),
        staging: { neo4jPassword: services.neo4j.password },
      }),
    );
    await core.checkNow();
    const before = core.snapshot().environments.map((e) => e.databases.neo4j!.checkedAt);
    const after = await core.checkNow({ environment: 'staging' });
    expect(after.environments[0]!.databases.neo4j!.checkedAt).toBe(before[0]);
    expect(after.environments[1]!.databases.neo4j!.checkedAt).not.toBe(before[1]);

    const paused = core.pause({ hours: 1, environment: 'staging' });
    expect(paused.environments[0]!.paused).toBeNull();
    expect(paused.environments[1]!.paused!.until).not.toBeNull();
    expect(paused.paused).toBeNull();
    const all = core.pause({});
    expect(all.paused).toEqual({ until: null });
    const resumed = core.resume({ environment: 'production' });
    expect(resumed.environments[0]!.paused).toBeNull();
    expect(resumed.paused).toBeNull();

    const unknown = await core.checkNow({ environment: 'qa' }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(ValidationError);
    expect((unknown as Error).message).toBe('environment: There is no environment "qa" (known: production, staging)');
  });

  it('removing an environment needs confirmation; confirmed, its secrets leave the keychain and the others are untouched', async () => {
    const core = newCore();
    await core.start();
    await core.saveSettings(
      draftOf([production(), { id: 'staging', neo4j: { uri: services.neo4j.uri } }], {
        production: productionSecrets(),
        staging: { neo4jPassword: 'staging-password' },
      }),
    );
    const fileBefore = readFileSync(join(dataDir, 'settings.json'), 'utf8');
    const refused = await core.saveSettings(draftOf([production()])).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).field).toBe('removeEnvironments');
    expect((refused as Error).message).toBe('removeEnvironments: The settings would remove "staging" (staging) without confirmation; nothing was saved');
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).toBe(fileBefore);
    expect((await vault.readAccount('staging/neo4j-password'))!.reveal()).toBe('staging-password');

    await core.saveSettings(draftOf([production()], {}, { removeEnvironments: ['staging'] }));
    expect(await vault.readAccount('staging/neo4j-password')).toBeNull();
    expect((await vault.readAccount('production/neo4j-password'))!.reveal()).toBe(services.neo4j.password);
    expect(core.snapshot().environments.map((e) => e.id)).toEqual(['production']);
    expect((await core.checkNow()).status).toBe('ok');
  });

  it('renaming keeps the running probes and their history; reordering reorders the snapshot', async () => {
    const core = newCore();
    await core.start();
    const staging: EnvironmentInput = { id: 'staging', neo4j: { uri: services.neo4j.uri } };
    await core.saveSettings(draftOf([production(), staging], { production: productionSecrets(), staging: { neo4jPassword: services.neo4j.password } }));
    await core.checkNow();
    await core.checkNow();
    expect(core.getHistory({ environment: 'production', database: 'neo4j' }).points).toHaveLength(2);

    await core.saveSettings(draftOf([staging, { ...production(), name: 'Prod (EU)' }]));
    const s = core.snapshot();
    expect(s.environments.map((e) => [e.id, e.name])).toEqual([
      ['staging', 'staging'],
      ['production', 'Prod (EU)'],
    ]);
    // Not reconnected: a rebuilt probe would have started a new history.
    expect(core.getHistory({ environment: 'production', database: 'neo4j' }).points).toHaveLength(2);
  });

  it('a hung database in one environment never delays the checks of another', async () => {
    const core = newCore();
    await core.start();
    const hung = await blackHole();
    await core.saveSettings(
      draftOf(
        [
          { id: 'production', neo4j: { uri: services.neo4j.uri } },
          { id: 'staging', neo4j: { uri: `bolt://127.0.0.1:${hung}` } },
        ],
        { production: { neo4jPassword: services.neo4j.password }, staging: { neo4jPassword: 'x' } },
        { monitor: { intervalSec: 1, timeoutMs: 30_000 } },
      ),
    );
    await new Promise((r) => setTimeout(r, 3_500));
    const s = core.snapshot();
    // Staging's first check is still waiting for its 30 s timeout; production went on at its 1 s interval.
    expect(s.environments[1]!.databases.neo4j!.checkedAt).toBeNull();
    expect(core.getHistory({ environment: 'production', database: 'neo4j' }).points.length).toBeGreaterThanOrEqual(3);
  });

  it('a .env file imported into a new environment creates it with its own accounts', async () => {
    const core = newCore();
    await core.start();
    await core.saveSettings(draftOf([production()], { production: productionSecrets() }));
    const report = await core.importEnv({
      content: `NEO4J_URI=${services.neo4j.uri}\nNEO4J_PASSWORD=${services.neo4j.password}\n`,
      into: { kind: 'new', id: 'dev', name: 'Dev (laptop)' },
    });
    expect(report.environment).toBe('dev');
    expect(report.secrets).toEqual([{ name: 'NEO4J_PASSWORD', stored: true }]);
    expect((await vault.readAccount('dev/neo4j-password'))!.reveal()).toBe(services.neo4j.password);
    const s = await core.checkNow({ environment: 'dev' });
    expect(s.environments.map((e) => [e.id, e.name])).toEqual([
      ['production', 'Production'],
      ['dev', 'Dev (laptop)'],
    ]);
    expect(s.environments[1]!.databases.neo4j!.status).toBe('healthy');

    const taken = await core.importEnv({ content: 'NEO4J_USER=neo4j\n', into: { kind: 'new', id: 'dev', name: 'Again' } }).catch((e: unknown) => e);
    expect((taken as Error).message).toBe('into.id: Environment id "dev" is taken; choose another id for the new environment');
    const missing = await core.importEnv({ content: 'NEO4J_USER=neo4j\n', into: { kind: 'existing', id: 'qa' } }).catch((e: unknown) => e);
    expect((missing as Error).message).toBe('into.id: There is no environment "qa" to import into (known: production, dev)');
  });

  it("a new environment's test never uses another environment's stored secret", async () => {
    const core = newCore();
    await core.start();
    await core.saveSettings(draftOf([production()], { production: productionSecrets() }));
    const draft = draftOf([production(), { id: 'qa', neo4j: { uri: services.neo4j.uri } }]);
    const result = await core.testConnection({ ...draft, environment: 'qa', database: 'neo4j' } as never);
    expect(result).toMatchObject({ database: 'neo4j', state: 'not_configured' });
    expect(result.message).toMatch(/Neo4j URI is set but the password is missing/);
  });
});

describe('a draft', () => {
  it('with secrets for an environment it does not have is refused, and nothing is written', async () => {
    const core = newCore();
    await core.start();
    const draft = draftOf([{ id: 'production', neo4j: { uri: services.neo4j.uri } }], { staging: { neo4jPassword: 'stray-password' } });
    const error = await core.saveSettings(draft).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toBe('secrets.staging: There is no environment "staging" in these settings to store secrets for');
    expect(await vault.readAccount('staging/neo4j-password')).toBeNull();
    expect(core.snapshot().environments.map((e) => e.id)).toEqual(['default']);
  });
});
