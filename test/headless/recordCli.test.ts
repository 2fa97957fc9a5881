/**
 * `history` and `incidents`, run in-process by runCli against a MonitorCore double (recordServe.test.ts
 * runs the real bin against a real outage): what they print, their flags' errors and exit codes, and
 * that the core is never started and never given the keychain.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { HistoryView, IncidentList, IncidentsRequest } from '../../src-main/common/history.js';
import type { Snapshot } from '../../src-main/common/schemas.js';
import type { CreateMonitorCoreOptions } from '../../src-main/core/createMonitorCore.js';
import { CredentialStoreError, ValidationError } from '../../src-main/core/errors.js';
import { runCli } from '../../src-main/headless/cli.js';
import { emptyHistoryView } from '../support/historyViews.js';
import { createFakeCore, environmentStatus, snapshotOf } from './browser/fakeCore.js';

const dataDir = mkdtempSync(join(tmpdir(), 'wt-record-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const MINUTE = 60_000;

/** production: both healthy; staging: Neo4j down for 12 min. */
function snapshot(now: number): Snapshot {
  const s = snapshotOf(
    [environmentStatus('production', { supabase: 'healthy', neo4j: 'healthy' }, 'ok', 'Production'), environmentStatus('staging', { neo4j: 'down' }, 'down', 'Staging')],
    'down',
  );
  s.environments[1]!.databases.neo4j!.since = new Date(now - 12 * MINUTE - 5_000).toISOString();
  return s;
}

const STAGING_NEO4J: HistoryView = {
  ...emptyHistoryView('staging', 'neo4j'),
  endpoint: 'bolt://127.0.0.1:7687',
  range: '24h',
  from: '2025-12-31T00:00:00.000Z',
  stepSec: 60,
  points: [
    { at: '2025-12-31T23:40:00.000Z', checks: 2, failed: 0, degraded: 0, latencyMs: 4 },
    { at: '2025-12-31T23:41:00.000Z', checks: 2, failed: 1, degraded: 0, latencyMs: 10, kind: 'refused' },
    { at: '2025-12-31T23:48:00.000Z', checks: 2, failed: 2, degraded: 0, latencyMs: null, kind: 'refused' },
  ],
  uptime: [
    { window: '24h', ratio: 0.9995, checks: 2_880 },
    { window: '7d', ratio: 1, checks: 20_160 },
    { window: '30d', ratio: 0.5, checks: 4 },
    { window: '365d', ratio: null, checks: 0 },
  ],
  recoveredRetries: 3,
};

const INCIDENTS: IncidentList = {
  incidents: [
    {
      id: 2,
      environment: 'staging',
      database: 'neo4j',
      endpoint: 'bolt://127.0.0.1:7687',
      startedAt: '2025-12-31T23:48:00.000Z',
      endedAt: null,
      durationMs: null,
      kind: 'refused',
      message: 'neo4j: connection refused',
      hint: 'Start neo4j',
    },
    {
      id: 1,
      environment: 'production',
      database: 'supabase',
      endpoint: 'http://127.0.0.1:54321',
      startedAt: '2025-12-31T02:13:00.000Z',
      endedAt: '2025-12-31T02:17:10.000Z',
      durationMs: 250_000,
      kind: 'timeout',
      message: 'supabase: no answer within 5000 ms',
    },
  ],
};

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

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const now = Date.now();
  const core = createFakeCore({ snapshot: snapshot(now) });
  const historyCalls: unknown[] = [];
  const incidentCalls: IncidentsRequest[] = [];
  core.getHistory = (request) => {
    historyCalls.push(request);
    if (request.environment === 'staging' && request.database === 'neo4j') return { ...STAGING_NEO4J, range: request.range ?? '1h' };
    return { ...emptyHistoryView(request.environment, request.database), range: request.range ?? '1h' };
  };
  core.getIncidents = (request) => {
    incidentCalls.push(request);
    const mine = INCIDENTS.incidents.filter((i) => (!request?.environment || i.environment === request.environment) && (!request?.database || i.database === request.database));
    return { incidents: mine.slice(0, request?.limit ?? 500) };
  };
  const created: CreateMonitorCoreOptions[] = [];
  const stdout = sink();
  const stderr = sink();
  const code = await runCli(args, {
    stdout: stdout.stream,
    stderr: stderr.stream,
    env: { WALLTRACK_DATA_DIR: dataDir, TZ: 'UTC', ...env },
    createCore: (o) => {
      created.push(o);
      return core;
    },
  });
  return { code, stdout: stdout.text(), flat: stdout.text().replace(/\s+/g, ' '), stderr: stderr.text(), calls: core.calls, created, historyCalls, incidentCalls, now };
}

describe('history', () => {
  it('prints state and since, uptime and checks with their periods, and the range summary, per environment and database', async () => {
    const run = await cli(['history', '--env', 'staging']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const since = new Date(run.now - 12 * MINUTE - 5_000).toISOString().replace('T', ' ').slice(0, 19);
    expect(run.stdout).toBe(
      [
        'Staging / Neo4j  bolt://127.0.0.1:7687',
        `  state      down since ${since} (for 12 min)`,
        '  uptime     99.95 % (24 h)  100 % (7 d)  50 % (30 d)  - (365 d)',
        '  checks     2880 (24 h)  20160 (7 d)  4 (30 d)  0 (365 d)',
        '  last 24 h  3 points (minutes), 6 checks, 3 failed, latency min 4 ms / avg 6 ms / max 10 ms; 3 failed checks recovered on a retry',
        '',
      ].join('\n'),
    );
    expect(run.historyCalls).toEqual([{ environment: 'staging', database: 'neo4j', range: '24h' }]);
  });

  it('never starts the core and gives it no keychain: every vault call is refused', async () => {
    const run = await cli(['history']);
    expect(run.code).toBe(0);
    expect(run.calls).toEqual(['stop']);
    const vault = run.created[0]!.vault!;
    await expect(vault.get('production', 'neo4jPassword')).rejects.toBeInstanceOf(CredentialStoreError);
    await expect(vault.readAccount('neo4j-password')).rejects.toThrow('history and incidents do not read the keychain');
    // Every environment, every monitored database in registry order, the default range 24 h.
    expect(run.historyCalls).toEqual([
      { environment: 'production', database: 'supabase', range: '24h' },
      { environment: 'production', database: 'neo4j', range: '24h' },
      { environment: 'staging', database: 'neo4j', range: '24h' },
    ]);
    // The double's history has no endpoint (emptyHistoryView): none is printed.
    expect(run.stdout).toContain('Production / Supabase\n  state      healthy since 2026-01-01 00:00:00 (for ');
    expect(run.stdout).toContain('  uptime     - (24 h)  - (7 d)  - (30 d)  - (365 d)\n  checks     0 (24 h)  0 (7 d)  0 (30 d)  0 (365 d)\n');
    expect(run.stdout).toContain('  last 24 h  0 points (checks), 0 checks, 0 failed, no latency (nothing answered); 0 failed checks recovered on a retry');
  });

  it('where the never-started core does not know the state, shows the newest check recorded in the last hour', async () => {
    const unknown = snapshotOf([environmentStatus('production', { supabase: 'unknown', neo4j: 'unknown' }, 'unknown', 'Production')], 'unknown');
    for (const db of Object.values(unknown.environments[0]!.databases)) db!.since = null;
    const core = createFakeCore({ snapshot: unknown });
    const ranges: string[] = [];
    core.getHistory = ({ environment, database, range = '1h' }) => {
      ranges.push(`${database}/${range}`);
      const view = { ...emptyHistoryView(environment, database), range };
      if (database !== 'neo4j' || range !== '1h') return view;
      return { ...view, points: [{ at: '2025-12-31T23:59:30.000Z', checks: 1, failed: 1, degraded: 0, latencyMs: null, state: 'down' as const, kind: 'refused' as const }] };
    };
    const stdout = sink();
    const code = await runCli(['history'], { stdout: stdout.stream, stderr: sink().stream, env: { WALLTRACK_DATA_DIR: dataDir, TZ: 'UTC' }, createCore: () => core });
    expect(code).toBe(0);
    expect(stdout.text()).toContain('Production / Supabase\n  state      no check recorded in the last hour\n');
    expect(stdout.text()).toContain('Production / Neo4j\n  state      last recorded check: down at 2025-12-31 23:59:30\n');
    expect(ranges).toEqual(['supabase/24h', 'supabase/1h', 'neo4j/24h', 'neo4j/1h']);
  });

  it('--json prints the history views; --db and --since choose database and range', async () => {
    const run = await cli(['history', '--db', 'neo4j', '--since', '7d', '--json']);
    expect(run.code).toBe(0);
    const views = JSON.parse(run.stdout) as HistoryView[];
    expect(views.map((v) => `${v.environment}/${v.database}/${v.range}`)).toEqual(['production/neo4j/7d', 'staging/neo4j/7d']);
    expect(views[1]).toEqual({ ...STAGING_NEO4J, range: '7d' });
  });

  it.each([
    [['--db', 'mysql'], "error: option '--db <kind>' argument 'mysql' is invalid. --db must be one of supabase, neo4j.\n"],
    [['--since', '2h'], "error: option '--since <range>' argument '2h' is invalid. --since must be one of 1h, 24h, 7d.\n"],
  ])('a bad flag %j exits 2 naming the flag and the allowed values; nothing is opened', async (flags, message) => {
    const run = await cli(['history', ...flags]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(message);
    expect(run.stdout).toBe('');
    expect(run.created).toEqual([]);
  });

  it('an unknown --env exits 2 naming the known ids (and as a JSON error with --json)', async () => {
    const run = await cli(['history', '--env', 'prod']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'walltrack-monitor: Unknown environment "prod" for --env; known environments: production, staging\n' +
        'hint: Pass one of the known ids, or leave --env out to check every environment\n',
    );
    expect(run.calls).toEqual(['stop']);
    const json = await cli(['history', '--env', 'prod', '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).error).toMatchObject({ name: 'ConfigurationError', message: expect.stringMatching(/^Unknown environment "prod" for --env/) });
  });

  it('the core refusing a database exits 2 with its message; an unexpected failure exits 1', async () => {
    const refuse = (error: Error) => async () => {
      const stderr = sink();
      const core = createFakeCore({ snapshot: snapshot(Date.now()) });
      core.getHistory = () => {
        throw error;
      };
      const code = await runCli(['history', '--env', 'staging', '--db', 'supabase'], { stdout: sink().stream, stderr: stderr.stream, env: { WALLTRACK_DATA_DIR: dataDir }, createCore: () => core });
      return { code, stderr: stderr.text(), calls: core.calls };
    };
    const refused = await refuse(new ValidationError('database', 'staging does not monitor supabase; add it in Settings first'))();
    expect(refused).toEqual({ code: 2, stderr: 'walltrack-monitor: database: staging does not monitor supabase; add it in Settings first\n', calls: ['stop'] });
    const broken = await refuse(new Error('SQLITE_IOERR'))();
    expect(broken).toEqual({ code: 1, stderr: 'walltrack-monitor: SQLITE_IOERR\n', calls: ['stop'] });
  });
});

describe('incidents', () => {
  it('prints newest first: environment, database, start in local time, duration or "ongoing", kind, message', async () => {
    const run = await cli(['incidents']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'ENVIRONMENT  DATABASE  STARTED              DURATION  KIND     MESSAGE',
        'Staging      Neo4j     2025-12-31 23:48:00  ongoing   refused  neo4j: connection refused',
        'Production   Supabase  2025-12-31 02:13:00  4 min     timeout  supabase: no answer within 5000 ms',
        '',
      ].join('\n'),
    );
    expect(run.incidentCalls).toEqual([{ limit: 50 }]);
    expect(run.calls).toEqual(['stop']);
    // TZ applies to the local time; --json stays in UTC.
    const berlin = await cli(['incidents', '--env', 'production'], { TZ: 'Europe/Berlin' });
    expect(berlin.stdout).toContain('Production   Supabase  2025-12-31 03:13:00  4 min');
  });

  it('--json prints the incident list; --env (repeatable), --db, --since and --limit reach the core', async () => {
    const run = await cli(['incidents', '--env', 'staging', '--env', 'production', '--db', 'neo4j', '--since', '30m', '--limit', '1', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ incidents: [INCIDENTS.incidents[0]] });
    expect(run.incidentCalls.map((c) => c?.environment)).toEqual(['production', 'staging']);
    const since = Date.parse(run.incidentCalls[0]!.since!);
    expect(run.now - since).toBeGreaterThanOrEqual(30 * MINUTE - 1_000);
    expect(run.now - since).toBeLessThanOrEqual(30 * MINUTE + 1_000);
    expect(run.incidentCalls[0]).toMatchObject({ database: 'neo4j', limit: 1 });
  });

  it('says so when there is nothing to list', async () => {
    const run = await cli(['incidents', '--env', 'staging', '--db', 'supabase']);
    expect(run).toMatchObject({ code: 0, stdout: 'No incidents recorded for this selection.\n', stderr: '' });
  });

  it.each([
    [['--since', '2w'], "error: option '--since <duration>' argument '2w' is invalid. --since must be a duration: minutes, hours or days, e.g. 30m, 24h, 7d (at most 400d).\n"],
    [['--since', '401d'], "error: option '--since <duration>' argument '401d' is invalid. --since must be a duration: minutes, hours or days, e.g. 30m, 24h, 7d (at most 400d).\n"],
    [['--limit', '0'], "error: option '--limit <n>' argument '0' is invalid. --limit must be a whole number from 1 to 500.\n"],
    [['--limit', '501'], "error: option '--limit <n>' argument '501' is invalid. --limit must be a whole number from 1 to 500.\n"],
    [['--db', 'redis'], "error: option '--db <kind>' argument 'redis' is invalid. --db must be one of supabase, neo4j.\n"],
  ])('a bad flag %j exits 2 naming the flag and the allowed values', async (flags, message) => {
    const run = await cli(['incidents', ...flags]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(message);
    expect(run.created).toEqual([]);
  });
});

describe('--help', () => {
  it('lists history and incidents, and each documents its flags and exit codes', async () => {
    const top = await cli(['--help']);
    expect(top.flat).toContain('history [options] print uptime over 24 h, 7 d, 30 d and 365 d and the recent history of each database');
    expect(top.flat).toContain('incidents [options] print the incidents (a database down until it recovered), newest first');
    const history = await cli(['history', '--help']);
    expect(history.code).toBe(0);
    expect(history.flat).toContain('--since <range> the recent history to summarise: 1h, 24h, 7d (default: "24h")');
    expect(history.flat).toContain('--db <kind> this database only: supabase or neo4j');
    expect(history.stdout).toContain('  0  printed (an empty record is not an error)');
    expect(history.stdout).toContain('  2  configuration or usage error');
    expect(history.stdout).toContain('and never reads the keychain.');
    const incidents = await cli(['incidents', '--help']);
    expect(incidents.flat).toContain('--limit <n> at most this many (1 to 500) (default: 50)');
    expect(incidents.flat).toContain('--since <duration> only incidents ongoing or started within this long: a duration: minutes, hours or days, e.g. 30m, 24h, 7d');
    expect(incidents.stdout).toContain('(times in ISO 8601, UTC; endedAt and durationMs are null while the incident is ongoing).');
  });

  it('serve --help describes /api/history, /api/incidents and their token', async () => {
    const run = await cli(['serve', '--help']);
    expect(run.flat).toContain('GET /api/history?environment=ID&database=KIND[&range=1h|24h|7d] and GET /api/incidents[?environment=ID][&database=KIND][&since=ISO-TIME][&limit=1-500]');
    expect(run.flat).toContain('as "Authorization: Bearer <token>". 400 names a bad parameter, 404 an unknown environment, 401 a missing or wrong token.');
  });
});
