/**
 * Runs a session full of failures in two environments through createMonitorCore and the CLI, then searches everything
 * an operator or attacker could read (log files, settings file, history.sqlite and its WAL, snapshots, history, incidents, settings view,
 * reports, error messages, CLI output) for every secret's bytes and base64. None may appear.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialVault } from '../../src-main/core/credentials/CredentialVault.js';
import { createMonitorCore } from '../../src-main/core/createMonitorCore.js';
import { invokeContractMethod } from '../../src-main/core/contractCalls.js';
import { createLogger } from '../../src-main/core/logging.js';
import { createRendererHandlers } from '../../src-main/core/rendererHandlers.js';
import { startBlackHole, type BlackHole } from '../support/faults.js';
import { runBin } from '../headless/cliHarness.js';
import { testServices, type TestServices } from '../support/services.js';
import { STANDIN_REF, startSupabaseStandin, type SupabaseStandin } from '../support/supabase-standin.js';
import { draftOf, testRequest, type SecretInput } from './drafts.js';

const fresh = (label: string) => `${label}-${randomBytes(12).toString('hex')}`;

let services: TestServices;
let blackHole: BlackHole;
/** Its Management API receives the (wrong) access tokens and refuses them: a `problem` in the details. */
let management: SupabaseStandin;
const dirs: string[] = [];
/** Everything observable, as text. */
const observed: { where: string; text: string }[] = [];
const secrets: string[] = [];
const see = (where: string, value: unknown) => observed.push({ where, text: typeof value === 'string' ? value : JSON.stringify(value) });
const errorText = (e: unknown) => {
  const err = e as Error & { hint?: string; toJSON?: () => unknown };
  return JSON.stringify({ message: err.message, hint: err.hint, json: err.toJSON?.(), string: String(err), stack: err.stack });
};

beforeAll(async () => {
  services = testServices();
  blackHole = await startBlackHole();
  management = await startSupabaseStandin({ connectionString: services.postgres.connectionString });
});
afterAll(async () => {
  await blackHole.close();
  await management?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'wt-leak-'));
  dirs.push(d);
  return d;
}

/** A --config file: production at the test services, staging at a black hole (its secret comes from WALLTRACK_STAGING_NEO4J_PASSWORD). */
function twoEnvironmentsFile(dir: string): string {
  const file = join(dir, 'two-environments.json');
  writeFileSync(
    file,
    JSON.stringify({
      environments: [
        {
          id: 'production',
          name: 'Production',
          databases: { supabase: { url: services.supabase.url, projectRef: STANDIN_REF, managementApiUrl: management.managementUrl }, neo4j: { uri: services.neo4j.uri } },
        },
        { id: 'staging', name: 'Staging', databases: { neo4j: { uri: `bolt://127.0.0.1:${blackHole.port}` } } },
      ],
      monitor: { timeoutMs: 1_000 },
    }),
  );
  return file;
}

function readTree(dir: string): { path: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    // latin1: every byte one character, so a secret inside a binary file (history.sqlite) is found as it is stored.
    return statSync(path).isDirectory() ? readTree(path) : [{ path, text: readFileSync(path, 'latin1') }];
  });
}

describe('no secret leaks', () => {
  it('in a failing session through the core and the CLI', async () => {
    const wrongPassword = fresh('wrong-neo4j-password');
    const wrongKey = fresh('wrong-supabase-key');
    const blackHolePassword = fresh('blackhole-password');
    const urlPassword = fresh('url-password');
    const importPassword = fresh('import-password');
    const malformedSecret = fresh('malformed-line-secret');
    const cliPassword = fresh('cli-password');
    const cliKey = fresh('cli-key');
    const stagingPassword = fresh('staging-password');
    const stagingKey = fresh('staging-key');
    const stagingBlackHolePassword = fresh('staging-blackhole-password');
    const devPassword = fresh('dev-password');
    const cliStagingPassword = fresh('cli-staging-password');
    const importToken = fresh('sbp-import-token');
    const cliToken = fresh('sbp-cli-token');
    const cliConfigToken = fresh('sbp-cli-config-token');
    secrets.push(
      services.neo4j.password,
      services.supabase.serviceRoleKey,
      wrongPassword,
      wrongKey,
      blackHolePassword,
      urlPassword,
      importPassword,
      malformedSecret,
      cliPassword,
      cliKey,
      stagingPassword,
      stagingKey,
      stagingBlackHolePassword,
      devPassword,
      cliStagingPassword,
      importToken,
      cliToken,
      cliConfigToken,
    );

    const dataDir = tempDir();
    const vault = new CredentialVault({ service: `walltrack-monitor-test-${randomUUID()}` });
    const log = createLogger({ file: join(dataDir, 'logs', 'walltrack-monitor.log'), level: 'debug', console: false });
    const core = createMonitorCore({ dataDir, vault, logger: log.logger });
    core.on('snapshot', (s) => see('snapshot event', s));
    core.on('stateChange', (c) => see('stateChange event', c));
    core.on('check', (c) => see('check event', c));
    const monitor = { timeoutMs: 1_000, retries: 1, backoffInitialMs: 10, backoffMaxMs: 20, intervalSec: 60 };
    /**
     * production: the real services (its Neo4j URI may change); staging: the same servers with its own
     * (wrong) secrets, or a black hole. A secret left out is kept. The URI goes in unparsed: the schema
     * refuses one with a password, and so must saveSettings.
     */
    const draft = (
      production: { supabaseKey?: SecretInput; neo4jPassword?: SecretInput },
      staging: { supabaseKey?: SecretInput; neo4jPassword?: SecretInput } = {},
      at: { production?: string; staging?: string } = {},
    ) =>
      draftOf(
        [
          { id: 'production', supabase: { url: services.supabase.url, probeTable: 'wallets' }, neo4j: { uri: at.production ?? services.neo4j.uri } },
          { id: 'staging', supabase: { url: services.supabase.url }, neo4j: { uri: at.staging ?? services.neo4j.uri } },
        ],
        { production, staging },
        { monitor },
      );
    const blackHoleUri = `bolt://127.0.0.1:${blackHole.port}`;
    const into = (id: string) => ({ kind: 'existing' as const, id });

    try {
      await core.start();
      see(
        'view',
        await core.saveSettings(
          draft({ supabaseKey: services.supabase.serviceRoleKey, neo4jPassword: services.neo4j.password }, { supabaseKey: stagingKey, neo4jPassword: stagingPassword }),
        ),
      );
      see('checkNow production healthy, staging failing', await core.checkNow());
      see('view', await core.saveSettings(draft({ neo4jPassword: wrongPassword })));
      see('checkNow wrong password', await core.checkNow());
      see('view', await core.saveSettings(draft({ supabaseKey: wrongKey })));
      see('checkNow wrong key', await core.checkNow({ environment: 'production' }));
      see('test black hole', await core.testConnection(testRequest(draft({ neo4jPassword: blackHolePassword }, {}, { production: blackHoleUri }), 'production', 'neo4j')));
      see(
        'test staging black hole',
        await core.testConnection(testRequest(draft({}, { neo4jPassword: stagingBlackHolePassword }, { staging: blackHoleUri }), 'staging', 'neo4j')),
      );
      see('test wrong key', await core.testConnection(testRequest(draft({ supabaseKey: wrongKey }), 'production', 'supabase')));
      see('test staging kept key', await core.testConnection(testRequest(draft({}), 'staging', 'supabase')));
      await core.saveSettings(draft({}, {}, { production: `bolt://neo4j:${urlPassword}@127.0.0.1:7687` })).then(
        () => expect.fail('a URI with a password must be rejected'),
        (e: unknown) => see('saveSettings error', errorText(e)),
      );
      await core.saveSettings(draft({}, {}, { staging: `bolt://neo4j:${urlPassword}@127.0.0.1:7687` })).then(
        () => expect.fail('a staging URI with a password must be rejected'),
        (e: unknown) => see('saveSettings staging error', errorText(e)),
      );
      // Staging's endpoint moved to the black hole while keeping its stored password: refused.
      await core.saveSettings(draft({}, {}, { staging: blackHoleUri })).then(
        () => expect.fail('keeping a secret for a moved endpoint must be refused'),
        (e: unknown) => see('saveSettings moved error', errorText(e)),
      );
      await core.importEnv({ content: `NEO4J_PASSWORD=${importPassword}\nNEO4J_URI=http://x\n`, into: into('production') }).then(
        () => expect.fail('bad NEO4J_URI must be rejected'),
        (e: unknown) => see('importEnv error', errorText(e)),
      );
      const stagingFile = `${malformedSecret} oops\nNEO4J_PASSWORD=${importPassword}\nUNKNOWN_TOKEN=${malformedSecret}\nSUPABASE_KEY="${importToken}\n`;
      see('import preview, unclosed quote', await core.previewImportEnv({ content: stagingFile, into: into('staging') }));
      const preview = await core.previewImportEnv({ content: `${malformedSecret} oops\nNEO4J_PASSWORD=${importPassword}\nUNKNOWN_TOKEN=${malformedSecret}\n`, into: into('staging') });
      see('import preview', preview);
      see(
        'import report',
        await core.importEnv({ content: `${malformedSecret} oops\nNEO4J_PASSWORD=${importPassword}\nUNKNOWN_TOKEN=${malformedSecret}\n`, into: into('staging'), previewed: preview.fingerprint }),
      );
      see('import preview new environment', await core.previewImportEnv({ content: `NEO4J_URI=${services.neo4j.uri}\nNEO4J_PASSWORD=${devPassword}\n`, into: { kind: 'new', id: 'dev', name: 'Dev' } }));
      see(
        'import report new environment',
        await core.importEnv({ content: `NEO4J_URI=${services.neo4j.uri}\nNEO4J_PASSWORD=${devPassword}\n`, into: { kind: 'new', id: 'dev', name: 'Dev' } }),
      );
      const managementVariables = `SUPABASE_PROJECT_REF=${STANDIN_REF}\nSUPABASE_MANAGEMENT_API_URL=${management.managementUrl}\n`;
      see('import token report', await core.importEnv({ content: `${managementVariables}SUPABASE_ACCESS_TOKEN=${importToken}\n`, into: into('production') }));
      // The Management API URL moved without the token typed again: refused.
      await core.importEnv({ content: `SUPABASE_MANAGEMENT_API_URL=http://127.0.0.1:${blackHole.port}\n`, into: into('production') }).then(
        () => expect.fail('a moved Management API URL without the token must be refused'),
        (e: unknown) => see('importEnv moved token error', errorText(e)),
      );
      see('checkNow after import', await core.checkNow());
      for (const environment of ['production', 'staging', 'dev']) {
        for (const database of ['neo4j', 'supabase']) {
          if (environment === 'dev' && database === 'supabase') continue;
          see(`history ${environment}/${database}`, core.getHistory({ environment, database }));
        }
      }
      see('incidents', core.getIncidents());
      see('view', await core.getSettings());
      see('pause staging', core.pause({ hours: 1, environment: 'staging' }));
      see('pause', core.pause({ hours: 1 }));
      see('resume staging', core.resume({ environment: 'staging' }));
      see('resume', core.resume({}));
      see('snapshot', core.getSnapshot());
      // The diagnostics report: the tray copies core.getDiagnostics(), the windows get it through the contract's handler.
      const diagnostics = await core.getDiagnostics();
      see('diagnostics', diagnostics);
      expect(diagnostics).toContain('\n    Neo4j password: stored\n');
      expect(diagnostics).toContain('\n    Supabase access token: stored\n');
      // From healthy, or slow on a loaded machine.
      expect(diagnostics).toMatch(/ -> down \(auth_failed\) at /);
      const handlers = createRendererHandlers(core, { appInfo: () => ({ version: '0.1.0', host: 'electron', capabilities: { startAtLogin: false, notifications: false } }), openWindow: () => undefined });
      const windowReport = await invokeContractMethod(handlers, 'getDiagnostics', undefined);
      expect(windowReport.ok).toBe(true);
      see('diagnostics through the contract', windowReport);
    } finally {
      await core.stop();
      log.close();
    }
    // The failures really happened (otherwise this test proves nothing).
    const text = observed.map((o) => o.text).join('\n');
    expect(text).toContain('auth_failed');
    expect(text).toContain('"kind":"timeout"');
    expect(text).toContain('must not contain credentials');
    expect(text).toContain('staging: The Neo4j URI changed');
    expect(text).toContain('"environment":"dev"');
    expect(text).toContain('HTTP 401: the access token was refused');
    expect(text).toContain('SUPABASE_MANAGEMENT_API_URL changes where the stored access token would be sent');

    // The CLI with failures: wrong password, wrong key, and a black hole.
    const cliDir = tempDir();
    const cliEnv = { WALLTRACK_DATA_DIR: cliDir, WALLTRACK_KEYCHAIN_SERVICE: `walltrack-monitor-test-${randomUUID()}` };
    const runs = [
      await runBin(['check', '--json'], { ...cliEnv, SUPABASE_URL: services.supabase.url, SUPABASE_KEY: cliKey, NEO4J_URI: services.neo4j.uri, NEO4J_PASSWORD: cliPassword }),
      await runBin(['check'], { ...cliEnv, NEO4J_URI: `bolt://127.0.0.1:${blackHole.port}`, NEO4J_PASSWORD: cliPassword, WALLTRACK_TIMEOUT_MS: '1000' }),
      await runBin(['check'], { ...cliEnv, NEO4J_URI: `bolt://u:${cliPassword}@127.0.0.1:1`, NEO4J_PASSWORD: cliPassword }),
      await runBin(['check'], { ...cliEnv, SUPABASE_KEY: cliKey }),
      await runBin(['check', '--config', twoEnvironmentsFile(cliDir)], {
        ...cliEnv,
        WALLTRACK_PRODUCTION_NEO4J_PASSWORD: cliPassword,
        WALLTRACK_PRODUCTION_SUPABASE_KEY: cliKey,
        WALLTRACK_STAGING_NEO4J_PASSWORD: cliStagingPassword,
        WALLTRACK_PRODUCTION_SUPABASE_ACCESS_TOKEN: cliConfigToken,
      }),
      await runBin(['check'], {
        ...cliEnv,
        SUPABASE_URL: services.supabase.url,
        SUPABASE_KEY: services.supabase.anonKey,
        SUPABASE_PROJECT_REF: STANDIN_REF,
        SUPABASE_MANAGEMENT_API_URL: management.managementUrl,
        SUPABASE_ACCESS_TOKEN: cliToken,
      }),
      await runBin(['diagnostics'], { ...cliEnv, SUPABASE_URL: services.supabase.url, SUPABASE_KEY: cliKey, NEO4J_URI: services.neo4j.uri, NEO4J_PASSWORD: cliPassword }),
      await runBin(['diagnostics', '--config', twoEnvironmentsFile(cliDir)], {
        ...cliEnv,
        WALLTRACK_PRODUCTION_NEO4J_PASSWORD: cliPassword,
        WALLTRACK_PRODUCTION_SUPABASE_KEY: cliKey,
        WALLTRACK_STAGING_NEO4J_PASSWORD: cliStagingPassword,
        WALLTRACK_PRODUCTION_SUPABASE_ACCESS_TOKEN: cliConfigToken,
      }),
    ];
    expect(runs.map((r) => r.code)).toEqual([1, 1, 2, 2, 1, 0, 0, 0]);
    // The reports hold the recorded failures (what is scanned is not empty).
    expect(runs[6]!.stdout).toContain('default / Neo4j: ✕ Down — authentication failed (last recorded check)');
    expect(runs[7]!.stdout).toContain('Production / Neo4j: ✕ Down — authentication failed (last recorded check)');
    expect(runs[7]!.stdout).toContain('    Supabase access token: stored');
    // Both tokens reached the Management API and were refused there (the refusal is a line, not a failure).
    expect(runs[4]!.stdout).toContain('Production / Supabase: Management API at ');
    expect(runs[5]!.stdout).toContain('default / Supabase: Management API at ');
    expect(runs[4]!.stdout, runs[4]!.stderr).toMatch(/^Production\s+Neo4j\s+✕ Down — authentication failed/m);
    expect(runs[4]!.stdout).toMatch(/^Staging\s+Neo4j\s+✕ Down — no answer in time/m);
    expect(runs[1]!.stdout).toMatch(/✕ Down — no answer in time/);
    // The checks really ran (a CLI that failed before checking would exit 1 too).
    expect(JSON.parse(runs[0]!.stdout)).toMatchObject({ status: 'down', environments: [{ id: 'default' }] });
    runs.forEach((r, i) => see(`cli run ${i}`, r.stdout + r.stderr));

    for (const dir of [dataDir, cliDir]) for (const file of readTree(dir)) see(file.path, file.text);
    // The history file (and its WAL) really holds this session's failures: what is scanned is not empty.
    const historyText = readTree(dataDir).filter((f) => f.path.includes('history.sqlite')).map((f) => f.text).join('');
    expect(historyText).toContain('auth_failed');
    expect(historyText).toContain(new URL(services.neo4j.uri).host);
    const logText = readTree(join(dataDir, 'logs')).map((f) => f.text).join('');
    expect(logText).toMatch(/"kind":"auth_failed".*"msg":"production\/neo4j: unknown -> down"/);
    expect(logText).toMatch(/"kind":"auth_failed".*"msg":"staging\/neo4j: unknown -> down"/);

    for (const secret of secrets) {
      const forms = [
        secret,
        Buffer.from(secret).toString('base64'),
        Buffer.from(secret).toString('base64url'),
        Buffer.from(`neo4j:${secret}`).toString('base64'),
        encodeURIComponent(secret),
      ];
      for (const { where, text } of observed) {
        for (const form of forms) {
          if (text.includes(form)) expect.fail(`a secret (${form === secret ? 'raw' : 'encoded'}) leaked into ${where}`);
        }
      }
    }
    expect(observed.length).toBeGreaterThan(20);
  });
});
