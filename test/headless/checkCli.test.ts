/**
 * `check [--env ID]... [--config FILE] [--json]` and `--help`, run in-process by runCli against a
 * MonitorCore double (the real core runs in cli.test.ts): selection, table, JSON and exit codes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src-main/common/schemas.js';
import { SettingsSchema, type SettingsView } from '../../src-main/common/settings-schema.js';
import type { CreateMonitorCoreOptions } from '../../src-main/core/createMonitorCore.js';
import { onlyEnvironments } from '../../src-main/headless/check.js';
import { runCli } from '../../src-main/headless/cli.js';
import { createFakeCore, environmentStatus, snapshotOf } from './browser/fakeCore.js';

const dataDir = mkdtempSync(join(tmpdir(), 'wt-check-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** production: both healthy; staging: Neo4j down; dev: Neo4j only, degraded (slow). */
const THREE = (): Snapshot =>
  snapshotOf(
    [
      environmentStatus('production', { supabase: 'healthy', neo4j: 'healthy' }, 'ok', 'Production'),
      environmentStatus('staging', { supabase: 'healthy', neo4j: 'down' }, 'down', 'Staging'),
      environmentStatus('dev', { neo4j: 'degraded' }, 'degraded', 'Dev'),
    ],
    'down',
  );

const both = { supabase: { url: 'http://127.0.0.1:54321' }, neo4j: { uri: 'bolt://127.0.0.1:7687' } };
const VIEW = (): SettingsView => ({
  settings: SettingsSchema.parse({
    environments: [
      { id: 'production', name: 'Production', databases: both },
      { id: 'staging', name: 'Staging', databases: both },
      { id: 'dev', name: 'Dev', databases: { neo4j: both.neo4j } },
    ],
  }),
  secrets: {
    production: { supabaseKey: 'stored', neo4jPassword: 'stored' },
    staging: { supabaseKey: 'stored', neo4jPassword: 'stored' },
    dev: { neo4jPassword: 'stored' },
  },
  paths: { settingsFile: join(dataDir, 'settings.json'), logFile: join(dataDir, 'logs', 'walltrack-monitor.log') },
});

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

async function cli(args: string[], options: { snapshot?: Snapshot; view?: SettingsView; env?: NodeJS.ProcessEnv } = {}) {
  const core = createFakeCore({ snapshot: options.snapshot ?? THREE(), settingsView: options.view ?? VIEW() });
  const created: CreateMonitorCoreOptions[] = [];
  const stdout = sink();
  const stderr = sink();
  const code = await runCli(args, {
    stdout: stdout.stream,
    stderr: stderr.stream,
    env: { WALLTRACK_DATA_DIR: dataDir, TZ: 'UTC', ...options.env },
    now: () => Date.parse('2026-01-01T00:05:00.000Z'),
    createCore: (o) => {
      created.push(o);
      return core;
    },
  });
  // Commander wraps its own texts to the terminal width.
  const flat = stdout.text().replace(/\s+/g, ' ');
  return { code, stdout: stdout.text(), flat, stderr: stderr.text(), calls: core.calls, created };
}

describe('check', () => {
  it('checks every environment once by default and prints one row per environment and database', async () => {
    const run = await cli(['check']);
    expect(run.calls).toEqual(['start', 'checkNow:*', 'stop']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        'WallTrack Monitor 0.1.0: Down (checked 2026-01-01 00:00:00, 5 min ago)',
        '',
        'ENVIRONMENT  DATABASE  STATE                        LATENCY   TARGET',
        'Production   Supabase  ✓ Healthy                    3 ms      http://127.0.0.1:54321',
        'Production   Neo4j     ✓ Healthy                    3 ms      bolt://127.0.0.1:7687',
        'Staging      Supabase  ✓ Healthy                    3 ms      http://127.0.0.1:54321',
        'Staging      Neo4j     ✕ Down — connection refused  -         bolt://127.0.0.1:7687',
        'Dev          Neo4j     ◐ Slow                       3 ms      bolt://127.0.0.1:7687',
        '',
        'Staging / Neo4j: Neo4j is not running, or not at this address',
        '  What to do: Start neo4j',
        '  Details: neo4j: connection refused',
        '',
      ].join('\n'),
    );
    expect(run.stderr).toBe('');
  });

  it('--env (repeatable) checks only those environments; exit 0 when all their databases are healthy (degraded counts)', async () => {
    const run = await cli(['check', '--env', 'dev', '--env', 'production', '--json']);
    expect(run.calls).toEqual(['start', 'checkNow:dev', 'checkNow:production', 'stop']);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as Snapshot;
    // The snapshot of the selected environments, in settings order, its status the worst of them.
    expect(json.environments.map((e) => e.id)).toEqual(['production', 'dev']);
    expect(json).toMatchObject({ status: 'degraded', version: '0.1.0', paused: null });
    expect(json.environments[1]!.databases.neo4j).toMatchObject({ status: 'degraded', label: 'Neo4j' });
  });

  it('--env staging exits 1 with its table only', async () => {
    const run = await cli(['check', '--env', 'staging']);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n').filter((l) => /^(Production|Staging|Dev) +(Supabase|Neo4j) /.test(l))).toEqual([
      'Staging      Supabase  ✓ Healthy                    3 ms      http://127.0.0.1:54321',
      'Staging      Neo4j     ✕ Down — connection refused  -         bolt://127.0.0.1:7687',
    ]);
    expect(run.stdout).toMatch(/^WallTrack Monitor 0\.1\.0: Down /);
  });

  it('an unknown --env is a usage error (2) naming the known ids; nothing is checked', async () => {
    const run = await cli(['check', '--env', 'prod']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'walltrack-monitor: Unknown environment "prod" for --env; known environments: production, staging, dev\n' +
        'hint: Pass one of the known ids, or leave --env out to check every environment\n',
    );
    expect(run.calls).toEqual(['stop']);
    const json = await cli(['check', '--env', 'prod', '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).error).toMatchObject({ name: 'ConfigurationError', message: expect.stringMatching(/^Unknown environment "prod" for --env/) });
  });

  it('exits 2 for a database with its endpoint but no stored secret, and when nothing is configured', async () => {
    const half = VIEW();
    delete half.secrets.dev!.neo4jPassword;
    const run = await cli(['check', '--env', 'dev'], { view: half });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^walltrack-monitor: dev: Neo4j is only partly configured \(the password is missing\)\n/);
    const nothing = VIEW();
    nothing.secrets = {};
    for (const env of nothing.settings.environments) for (const section of Object.values(env.databases)) for (const key of Object.keys(section!)) section![key] = null;
    const empty = await cli(['check'], { view: nothing });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^walltrack-monitor: Nothing to check: set SUPABASE_URL and SUPABASE_KEY/);
  });

  it('with --config, only the selected environments and their secrets reach the core', async () => {
    const file = join(dataDir, 'servers.json');
    writeFileSync(file, JSON.stringify({ environments: VIEW().settings.environments }));
    const run = await cli(['check', '--config', file, '--env', 'staging'], {
      env: { WALLTRACK_STAGING_NEO4J_PASSWORD: 'stage-pw', WALLTRACK_PRODUCTION_NEO4J_PASSWORD: 'prod-pw' },
    });
    expect(run.created).toHaveLength(1);
    const override = run.created[0]!.env!;
    expect(override.source).toBe(`--config ${file}`);
    expect(override.readKeychain).toBe(true);
    expect(override.settings.environments.map((e) => e.id)).toEqual(['staging']);
    expect(Object.keys(override.secrets)).toEqual(['staging']);
    expect(override.secrets.staging!.neo4jPassword!.reveal()).toBe('stage-pw');
    expect(run.created[0]!.monitorOverrides).toEqual({ retries: 0 });
    // An unknown one is refused before any core exists.
    const unknown = await cli(['check', '--config', file, '--env', 'qa']);
    expect(unknown.code).toBe(2);
    expect(unknown.created).toEqual([]);
    expect(unknown.stderr).toMatch(/^walltrack-monitor: Unknown environment "qa" for --env; known environments: production, staging, dev\n/);
  });

  it('--config together with the variables exits 2 saying pick one', async () => {
    const file = join(dataDir, 'pick.json');
    writeFileSync(file, JSON.stringify({ environments: VIEW().settings.environments }));
    const run = await cli(['check', '--config', file], { env: { SUPABASE_URL: 'https://abcd.supabase.co', SUPABASE_KEY: 'k' } });
    expect(run.code).toBe(2);
    expect(run.created).toEqual([]);
    expect(run.stderr).toContain(`Both --config ${file} and the environment variables SUPABASE_URL, SUPABASE_KEY configure the monitor: pick one`);
  });
});

describe('--help', () => {
  it('documents the configuration sources with the registry\'s variable names', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    expect(run.flat).toContain('Checks whether WallTrack\'s Supabase and Neo4j databases are reachable, in each environment.');
    expect(run.stdout).toContain('--config FILE  a settings JSON (version 2: "environments", "monitor"; at most 1 MiB) with no secret in it.');
    expect(run.stdout).toContain('VARIABLE = SUPABASE_KEY, SUPABASE_ACCESS_TOKEN, NEO4J_PASSWORD), e.g. WALLTRACK_PRODUCTION_NEO4J_PASSWORD, or else from the OS keychain.');
    expect(run.stdout).toContain(
      'variables      SUPABASE_URL, SUPABASE_KEY, SUPABASE_ACCESS_TOKEN, SUPABASE_PROBE_TABLE, SUPABASE_PROJECT_REF, SUPABASE_MANAGEMENT_API_URL, NEO4J_URI, NEO4J_PASSWORD, NEO4J_USER, NEO4J_DATABASE, WALLTRACK_TIMEOUT_MS, WALLTRACK_SLOW_MS',
    );
    expect(run.stdout).toContain('define one environment, its id WALLTRACK_ENV (default "default"); the keychain is not read.');
    expect(run.stdout).toContain('--config together with the variables is an error: pick one.');
  });

  it('check --help lists --env, --config and the exit codes', async () => {
    const run = await cli(['check', '--help']);
    expect(run.code).toBe(0);
    expect(run.flat).toContain('--env <id> check this environment only (repeatable; default: every environment) --config');
    expect(run.flat).toContain('--config <file> read the settings from this JSON file (see walltrack-monitor --help)');
    expect(run.stdout).toContain('  0  every configured database of the selected environments is healthy (a slow answer, "degraded", counts as healthy)');
    expect(run.stdout).toContain('  1  a configured database is not: down');
    expect(run.stdout).toContain('  2  configuration or usage error');
    expect(run.stdout).toContain('an unknown --env, a bad --config file, --config together with');
  });

  it('serve --help describes /api/health, ?env= and /api/health/all', async () => {
    const run = await cli(['serve', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/--config <file>/);
    expect(run.stdout).toContain('"databases": {<kind>: {"status": "connected"|"disconnected"|"error", "healthy"}}}');
    expect(run.stdout).toContain('/api/health?env=ID answers for another environment (404 for an unknown id); GET /api/health/all answers for every one.');
  });
});

describe('onlyEnvironments (what check --json prints)', () => {
  const paused = (id: string, until: string | null, status: Snapshot['status']) => ({ ...environmentStatus(id, { neo4j: 'healthy' }, status), paused: { until } });

  it('keeps the selected environments in settings order, their worst status, and a pause only when all of them are paused', () => {
    const snapshot = snapshotOf(
      [paused('a', '2026-01-01T05:00:00.000Z', 'unknown'), paused('b', '2026-01-01T09:00:00.000Z', 'unconfigured'), environmentStatus('c', {}, 'down')],
      'down',
    );
    expect(onlyEnvironments(snapshot, ['b', 'a'])).toMatchObject({ status: 'unconfigured', paused: { until: '2026-01-01T09:00:00.000Z' } });
    expect(onlyEnvironments(snapshot, ['b', 'a']).environments.map((e) => e.id)).toEqual(['a', 'b']);
    expect(onlyEnvironments(snapshot, ['a', 'c'])).toMatchObject({ status: 'down', paused: null });
    const untilResumed = snapshotOf([paused('a', null, 'ok'), paused('b', '2026-01-01T09:00:00.000Z', 'degraded')], 'degraded');
    expect(onlyEnvironments(untilResumed, ['a', 'b'])).toMatchObject({ status: 'degraded', paused: { until: null } });
  });
});
