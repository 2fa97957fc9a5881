/**
 * A bad SUPABASE_URL / NEO4J_URI through the real bin: exit 2, the variable named with how to fix it,
 * and a key hidden in the URL's query, fragment or userinfo nowhere in stdout, stderr or the log file.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appPaths } from '../../src-main/core/paths.js';
import { runBin } from './cliHarness.js';

const SECRET = `leak-${randomUUID()}`;
let dataDir: string;
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function env(extra: Record<string, string>): Record<string, string> {
  dataDir = mkdtempSync(join(tmpdir(), 'wt-cli-url-'));
  return { WALLTRACK_DATA_DIR: dataDir, WALLTRACK_KEYCHAIN_SERVICE: `walltrack-monitor-test-${randomUUID()}`, ...extra };
}

const logText = () => (existsSync(appPaths(dataDir).logFile) ? readFileSync(appPaths(dataDir).logFile, 'utf8') : '');
/** The `msg` of each JSON log line. */
const messages = (jsonLines: string): string[] =>
  jsonLines
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { msg: string }).msg);

const CASES: [Record<string, string>, string][] = [
  [
    { SUPABASE_URL: `https://abcd.supabase.co?apikey=${SECRET}`, SUPABASE_KEY: 'k' },
    'Invalid environment variable SUPABASE_URL: Supabase URL must not have a query string ("?…"); the API key belongs in SUPABASE_KEY',
  ],
  [
    { SUPABASE_URL: `https://abcd.supabase.co#${SECRET}`, SUPABASE_KEY: 'k' },
    'Invalid environment variable SUPABASE_URL: Supabase URL must not have a fragment ("#…")',
  ],
  [
    { SUPABASE_URL: `https://anon:${SECRET}@abcd.supabase.co`, SUPABASE_KEY: 'k' },
    'Invalid environment variable SUPABASE_URL: Supabase URL must not contain credentials ("user:password@")',
  ],
  [
    { NEO4J_URI: `bolt://neo4j:${SECRET}@127.0.0.1:7687`, NEO4J_PASSWORD: 'p' },
    'Invalid environment variable NEO4J_URI: Neo4j URI must not contain credentials ("user:password@")',
  ],
  [{ NEO4J_URI: `bolt://127.0.0.1:0?x=${SECRET}`, NEO4J_PASSWORD: 'p' }, 'Invalid environment variable NEO4J_URI: Neo4j URI port must be a whole number from 1 to 65535'],
];

describe('a bad endpoint variable', () => {
  it.each(CASES)('check exits 2 naming it, without the secret: %j', async (vars, message) => {
    const run = await runBin(['check'], env(vars));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`walltrack-monitor: ${message}`);
    expect(run.stderr).toMatch(/^hint: Fix or unset (SUPABASE_URL|NEO4J_URI)$/m);
    expect(run.stderr + logText()).not.toContain(SECRET);

    const json = await runBin(['check', '--json'], env(vars));
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).error).toMatchObject({ name: 'ConfigurationError', message: expect.stringContaining(message) });
    expect(json.stdout + json.stderr + logText()).not.toContain(SECRET);
  });

  it.each(CASES)('serve exits 2 and logs it, without the secret: %j', async (vars, message) => {
    const run = await runBin(['serve', '--port', '0', '--no-ui'], env(vars));
    expect(run.code).toBe(2);
    const log = logText();
    expect(messages(log)).toEqual([expect.stringContaining(message)]);
    expect(messages(run.stderr)).toEqual([expect.stringContaining(message)]);
    expect(run.stdout + run.stderr + log).not.toContain(SECRET);
  });
});
