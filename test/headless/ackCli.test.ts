/**
 * `walltrack-monitor ack` through the real bin against a real Neo4j behind a relay: it reads whether the
 * database is failing from the record, saves the acknowledgement in the data folder, the next process to
 * check (here `check --json`) carries it, and the recovery ends it. Bad input exits 2 saying what is wrong.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnapshotSchema } from '../../src-main/common/schemas.js';
import { freePort } from '../support/faults.js';
import { testServices, type TestServices } from '../support/services.js';
import { warmUpServices } from '../core/warmUp.js';
import { runBin } from './cliHarness.js';
import { neo4jRelay, type Neo4jRelay } from './neo4jRelay.js';

const dataDir = mkdtempSync(join(tmpdir(), 'wt-ack-cli-'));
let services: TestServices;
let relay: Neo4jRelay;
let env: Record<string, string>;

beforeAll(async () => {
  services = testServices();
  await warmUpServices(services);
  relay = neo4jRelay(services.neo4j, await freePort());
  env = {
    WALLTRACK_DATA_DIR: dataDir,
    WALLTRACK_ENV: 'production',
    NEO4J_URI: relay.uri,
    NEO4J_USER: services.neo4j.user,
    NEO4J_PASSWORD: services.neo4j.password,
    TZ: 'UTC',
  };
});
afterAll(async () => {
  await relay?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const neo4jIn = (stdout: string) => SnapshotSchema.parse(JSON.parse(stdout)).environments[0]!.databases.neo4j!;

describe('walltrack-monitor ack', () => {
  it('refuses a database that is not failing, naming its state', async () => {
    await relay.open();
    expect((await runBin(['check'], env)).code).toBe(0);
    const run = await runBin(['ack', 'production', 'neo4j'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('walltrack-monitor: database: Neo4j in "production" is healthy: only a down or retrying database can be acknowledged\n');
  });

  it('acknowledges a database the record says is down; the next check carries it, and the recovery ends it', async () => {
    await relay.close();
    expect((await runBin(['check'], env)).code).toBe(1);
    const before = Date.now();
    const run = await runBin(['ack', 'production', 'neo4j'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Acknowledged Neo4j in production at \d\d:\d\d\. A running WallTrack Monitor \(app or serve\) takes it up at its next check\.\n$/);
    const saved = JSON.parse(readFileSync(join(dataDir, 'attention.json'), 'utf8')) as { acknowledged: Array<Record<string, string>> };
    expect(saved.acknowledged).toEqual([{ environment: 'production', database: 'neo4j', at: expect.any(String), by: userInfo().username, kind: 'refused' }]);
    expect(Date.parse(saved.acknowledged[0]!.at!)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);

    const stillDown = await runBin(['check', '--json'], env);
    expect(neo4jIn(stillDown.stdout)).toMatchObject({ status: 'down', kind: 'refused', attention: { acknowledged: { at: saved.acknowledged[0]!.at, by: userInfo().username } } });

    await relay.open();
    const back = await runBin(['check', '--json'], env);
    expect(neo4jIn(back.stdout).status).toBe('healthy');
    expect(neo4jIn(back.stdout).attention).toBeUndefined();
    expect(JSON.parse(readFileSync(join(dataDir, 'attention.json'), 'utf8'))).toEqual({ version: 1, acknowledged: [], muted: [] });
  });

  it('exits 2 for an unknown environment or database, saying which are known', async () => {
    const unknownEnv = await runBin(['ack', 'staging', 'neo4j'], env);
    expect([unknownEnv.code, unknownEnv.stderr]).toEqual([2, 'walltrack-monitor: environment: There is no environment "staging" (known: production)\n']);
    const unknownDb = await runBin(['ack', 'production', 'mysql'], env);
    expect(unknownDb.code).toBe(2);
    expect(unknownDb.stderr).toContain('walltrack-monitor: ack: database: "mysql" is not a database WallTrack monitors; use one of supabase, neo4j');
    expect(unknownDb.stderr).toContain('hint: e.g. walltrack-monitor ack production supabase');
    const notMonitored = await runBin(['ack', 'production', 'supabase'], env);
    expect([notMonitored.code, notMonitored.stderr]).toEqual([2, 'walltrack-monitor: database: supabase is not monitored in environment "production"\n']);
  });
});
