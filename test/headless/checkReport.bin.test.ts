/**
 * Issue 13 items 2 and 7, through the real bin against the test services: `check`'s report in
 * human words (state, local time with the age, headline, what to do in the words of the
 * configuration source, the library's wording only under "Details"), ≤ 100 columns, and colour
 * only on a terminal (a pty from util-linux `script`) unless NO_COLOR or --no-color.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../src-main/common/settings-schema.js';
import { CredentialVault } from '../../src-main/core/credentials/CredentialVault.js';
import { createMonitorCore } from '../../src-main/core/createMonitorCore.js';
import { closedPort } from '../support/faults.js';
import { testServices, type TestServices } from '../support/services.js';
import { warmUpServices } from '../core/warmUp.js';
import { BIN, cleanEnv, runBin } from './cliHarness.js';

let services: TestServices;
let dataDir: string;
beforeAll(async () => {
  services = testServices();
  await warmUpServices(services);
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function env(extra: Record<string, string> = {}): Record<string, string> {
  dataDir = mkdtempSync(join(tmpdir(), 'wt-report-'));
  return { WALLTRACK_DATA_DIR: dataDir, WALLTRACK_KEYCHAIN_SERVICE: `walltrack-monitor-test-${randomUUID()}`, ...extra };
}

const wrongNeo4j = () => ({ NEO4J_URI: services.neo4j.uri, NEO4J_USER: services.neo4j.user, NEO4J_PASSWORD: `wrong-${randomUUID()}` });

/** Every line fits 100 columns (counted in characters, colour codes aside). */
function widest(text: string): number {
  // eslint-disable-next-line no-control-regex -- colour codes take no columns
  return Math.max(...text.replace(/\x1b\[[0-9;]*m/g, '').split(/\r?\n/).map((l) => [...l].length));
}

/** Runs the bin on a pseudo-terminal (util-linux `script`); its output as the terminal got it. */
async function onTerminal(args: string[], vars: Record<string, string>): Promise<string> {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const run = await promisify(execFile)('script', ['-qec', command, '/dev/null'], { env: cleanEnv(vars), timeout: 60_000 }).catch(
    (e: { stdout: string; code: number }) => e,
  );
  return run.stdout;
}

describe('check: the report for people', () => {
  it('a wrong Neo4j password set by variables: human state, local time and age, headline, what to do with the variables, details', async () => {
    const vars = env({ ...wrongNeo4j(), TZ: 'Asia/Kathmandu' });
    const before = Date.now();
    const run = await runBin(['check'], vars);
    const after = Date.now();
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    // Local time in TZ (UTC+05:45), then how long ago.
    const header = /^WallTrack Monitor \S+: Down \(checked (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d), (\d+) s ago\)$/.exec(lines[0]!);
    expect(header, lines[0]).not.toBeNull();
    // Read as UTC+05:45 it names an instant during the run (to the second); another zone would be hours off.
    const checkedAt = Date.parse(`${header![1]!.replace(' ', 'T')}+05:45`);
    expect(checkedAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(checkedAt).toBeLessThanOrEqual(after);
    expect(lines).toContainEqual(expect.stringMatching(/^default\s+Neo4j\s+✕ Down — authentication failed\s+-\s+bolt:\/\/127\.0\.0\.1:\d+$/));
    expect(lines).toContain('default / Neo4j: Neo4j rejected the user name or password');
    expect(lines).toContain('  What to do: Check NEO4J_USER and NEO4J_PASSWORD');
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}Details: neo4j \(bolt:\/\/127\.0\.0\.1:\d+\): authentication failed/));
    expect(run.stdout).not.toMatch(/in Settings|Settings →/);
    expect(run.stdout).not.toContain('\x1b[');
    expect(widest(run.stdout)).toBeLessThanOrEqual(100);
  });

  it('with --config, the hint names the per-environment variable; with saved settings, the app\'s Settings', async () => {
    const vars = env();
    const file = join(dataDir, 'servers.json');
    writeFileSync(file, JSON.stringify({ environments: [{ id: 'prod-eu', name: 'Production EU', databases: { neo4j: { uri: services.neo4j.uri, user: services.neo4j.user } } }] }));
    const fromFile = await runBin(['check', '--config', file], { ...vars, WALLTRACK_PROD_EU_NEO4J_PASSWORD: 'wrong' });
    expect(fromFile.code).toBe(1);
    expect(fromFile.stdout).toContain(
      // Wrapped at 100 columns, the rest indented under it.
      '  What to do: Check "user" under "neo4j" of environment "prod-eu" in the --config file and\n    WALLTRACK_PROD_EU_NEO4J_PASSWORD\n',
    );

    const vault = new CredentialVault({ service: vars.WALLTRACK_KEYCHAIN_SERVICE! });
    const core = createMonitorCore({ dataDir, vault });
    await core.start();
    await core.saveSettings({
      settings: SettingsSchema.parse({ environments: [{ id: 'default', name: 'Staging', databases: { neo4j: { uri: services.neo4j.uri } } }] }),
      secrets: { default: { neo4jPassword: { action: 'replace', value: 'wrong' } } },
      removeEnvironments: [],
    });
    await core.stop();
    try {
      const saved = await runBin(['check'], vars);
      expect(saved.code).toBe(1);
      expect(saved.stdout).toContain("Staging / Neo4j: Neo4j rejected the user name or password\n  What to do: Check the Neo4j user and password in the app's Settings\n");
      await vault.delete('default', 'neo4jPassword');
      const missing = await runBin(['check'], vars);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/Neo4j URI is set but the password is missing — Enter the Neo4j password in the app's Settings, or import a \.env file that has it/);
    } finally {
      await vault.delete('default', 'neo4jPassword');
    }
  });

  it('long messages and targets are wrapped or cut to 100 columns', async () => {
    const host = `a-host-name-much-longer-than-any-column-${'x'.repeat(30)}.invalid`;
    const run = await runBin(['check'], env({ SUPABASE_URL: `http://${host}:54321`, SUPABASE_KEY: 'k', WALLTRACK_TIMEOUT_MS: '3000' }));
    expect(run.code).toBe(1);
    expect(widest(run.stdout)).toBeLessThanOrEqual(100);
    expect(run.stdout).toMatch(/^default\s+Supabase\s+✕ Down — .+ http:\/\/a-host-name-much-.*…$/m);
    expect(run.stdout).toMatch(/^ {2}Details: supabase\n {4}\(http:\/\/a-host-name-much-longer-than-any-column-x{30}\.invalid:54321\):\n {4}host name/m);
  });

  it('colour on a terminal; none with NO_COLOR or --no-color', async () => {
    const port = await closedPort();
    const vars = env({ NEO4J_URI: `bolt://127.0.0.1:${port}`, NEO4J_PASSWORD: 'x' });
    const coloured = await onTerminal(['check'], vars);
    /* eslint-disable no-control-regex -- the colour codes are what is tested */
    expect(coloured).toMatch(/^WallTrack Monitor \S+: \x1b\[31mDown\x1b\[0m \(checked /m);
    expect(coloured).toMatch(/^default\s+Neo4j\s+\x1b\[31m✕ Down — connection refused\x1b\[0m\s+-\s+bolt:/m);
    /* eslint-enable no-control-regex */
    expect(widest(coloured)).toBeLessThanOrEqual(100);
    for (const plain of [await onTerminal(['check'], { ...vars, NO_COLOR: '1' }), await onTerminal(['check', '--no-color'], vars)]) {
      expect(plain).toMatch(/^default\s+Neo4j\s+✕ Down — connection refused\s+-\s+bolt:/m);
      expect(plain).not.toContain('\x1b[');
    }
  });
});
