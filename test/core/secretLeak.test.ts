/**
 * Runs a session full of failures through createMonitorCore and the CLI, then searches everything
 * an operator or attacker could read (log files, settings file, snapshots, history, settings view,
 * reports, error messages, CLI output) for every secret's bytes and base64. None may appear.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SettingsSchema, type SettingsDraft } from '../../src-main/common/settings-schema.js';
import { CredentialVault } from '../../src-main/core/credentials/CredentialVault.js';
import { createMonitorCore } from '../../src-main/core/createMonitorCore.js';
import { createLogger } from '../../src-main/core/logging.js';
import { startBlackHole, type BlackHole } from '../support/faults.js';
import { runBin } from '../headless/cliHarness.js';
import { testServices, type TestServices } from '../support/services.js';

const fresh = (label: string) => `${label}-${randomBytes(12).toString('hex')}`;

let services: TestServices;
let blackHole: BlackHole;
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
});
afterAll(async () => {
  await blackHole.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'wt-leak-'));
  dirs.push(d);
  return d;
}

function readTree(dir: string): { path: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? readTree(path) : [{ path, text: readFileSync(path, 'utf8') }];
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
    secrets.push(services.neo4j.password, services.supabase.serviceRoleKey, wrongPassword, wrongKey, blackHolePassword, urlPassword, importPassword, malformedSecret, cliPassword, cliKey);

    const dataDir = tempDir();
    const vault = new CredentialVault({ service: `walltrack-monitor-test-${randomUUID()}` });
    const log = createLogger({ file: join(dataDir, 'logs', 'walltrack-monitor.log'), level: 'debug', console: false });
    const core = createMonitorCore({ dataDir, vault, logger: log.logger });
    core.on('snapshot', (s) => see('snapshot event', s));
    core.on('stateChange', (c) => see('stateChange event', c));
    const settings = (neo4jUri = services.neo4j.uri) => {
      const parsed = SettingsSchema.parse({
        supabase: { url: services.supabase.url, probeTable: 'wallets' },
        neo4j: { uri: services.neo4j.uri },
        monitor: { timeoutMs: 1_000, retries: 1, backoffInitialMs: 10, backoffMaxMs: 20, intervalSec: 60 },
      });
      // The URI goes in unparsed: the schema refuses one with a password, and so must saveSettings.
      return { ...parsed, neo4j: { ...parsed.neo4j, uri: neo4jUri } };
    };
    const draft = (s: string | null, n: string | null, uri?: string): SettingsDraft => ({
      settings: settings(uri),
      secrets: {
        supabaseKey: s === null ? { action: 'keep' } : { action: 'replace', value: s },
        neo4jPassword: n === null ? { action: 'keep' } : { action: 'replace', value: n },
      },
    });

    try {
      await core.start();
      see('view', await core.saveSettings(draft(services.supabase.serviceRoleKey, services.neo4j.password)));
      see('checkNow healthy', await core.checkNow());
      see('view', await core.saveSettings(draft(null, wrongPassword)));
      see('checkNow wrong password', await core.checkNow());
      see('view', await core.saveSettings(draft(wrongKey, null)));
      see('checkNow wrong key', await core.checkNow());
      see('test black hole', await core.testConnection({ ...draft(null, blackHolePassword, `bolt://127.0.0.1:${blackHole.port}`), database: 'neo4j' }));
      see('test wrong key', await core.testConnection({ ...draft(wrongKey, null), database: 'supabase' }));
      await core.saveSettings(draft(null, null, `bolt://neo4j:${urlPassword}@127.0.0.1:7687`)).then(
        () => expect.fail('a URI with a password must be rejected'),
        (e: unknown) => see('saveSettings error', errorText(e)),
      );
      await core.importEnv(`NEO4J_PASSWORD=${importPassword}\nNEO4J_URI=http://x\n`).then(
        () => expect.fail('bad NEO4J_URI must be rejected'),
        (e: unknown) => see('importEnv error', errorText(e)),
      );
      see('import report', await core.importEnv(`${malformedSecret} oops\nNEO4J_PASSWORD=${importPassword}\nUNKNOWN_TOKEN=${malformedSecret}\n`));
      see('checkNow after import', await core.checkNow());
      see('history neo4j', core.history('neo4j'));
      see('history supabase', core.history('supabase'));
      see('view', await core.getSettingsView());
      see('pause', core.pause(1));
      see('resume', core.resume());
    } finally {
      await core.stop();
      log.close();
    }
    // The failures really happened (otherwise this test proves nothing).
    const text = observed.map((o) => o.text).join('\n');
    expect(text).toContain('auth_failed');
    expect(text).toContain('"kind":"timeout"');
    expect(text).toContain('must not contain credentials');

    // The CLI with failures: wrong password, wrong key, and a black hole.
    const cliDir = tempDir();
    const cliEnv = { WALLTRACK_DATA_DIR: cliDir, WALLTRACK_KEYCHAIN_SERVICE: `walltrack-monitor-test-${randomUUID()}` };
    const runs = [
      await runBin(['check', '--json'], { ...cliEnv, SUPABASE_URL: services.supabase.url, SUPABASE_KEY: cliKey, NEO4J_URI: services.neo4j.uri, NEO4J_PASSWORD: cliPassword }),
      await runBin(['check'], { ...cliEnv, NEO4J_URI: `bolt://127.0.0.1:${blackHole.port}`, NEO4J_PASSWORD: cliPassword, WALLTRACK_TIMEOUT_MS: '1000' }),
      await runBin(['check'], { ...cliEnv, NEO4J_URI: `bolt://u:${cliPassword}@127.0.0.1:1`, NEO4J_PASSWORD: cliPassword }),
      await runBin(['check'], { ...cliEnv, SUPABASE_KEY: cliKey }),
    ];
    expect(runs.map((r) => r.code)).toEqual([1, 1, 2, 2]);
    expect(runs[1]!.stdout).toMatch(/timeout/);
    runs.forEach((r, i) => see(`cli run ${i}`, r.stdout + r.stderr));

    for (const dir of [dataDir, cliDir]) for (const file of readTree(dir)) see(file.path, file.text);
    const logText = readTree(join(dataDir, 'logs')).map((f) => f.text).join('');
    expect(logText).toMatch(/"kind":"auth_failed".*"msg":"neo4j: unknown -> down"/);

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
