/**
 * `walltrack-monitor diagnostics` through the real bin: the report of what `check` recorded in the data folder
 * (a folder with a space in its name), in the words of the configuration source, read without writing the
 * history; no history yet, --env and --config; never a secret.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testServices } from '../support/services.js';
import { runBin } from './cliHarness.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'wt diagnostics '));
  dirs.push(d);
  return d;
};
const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('walltrack-monitor diagnostics', () => {
  it('prints the last recorded results and state changes in the variables\' words, and leaves history.sqlite as it was', async () => {
    const { neo4j, supabase } = testServices();
    const dataDir = tempDir();
    // WALLTRACK_SLOW_MS: the healthy check must read healthy, not slow, on a loaded machine.
    const base = { WALLTRACK_DATA_DIR: dataDir, WALLTRACK_SLOW_MS: '10000', SUPABASE_URL: supabase.url, SUPABASE_KEY: supabase.serviceRoleKey, NEO4J_URI: neo4j.uri, NEO4J_USER: neo4j.user };
    const wrong = `wrong-${Date.now()}-password`;
    expect((await runBin(['check'], { ...base, NEO4J_PASSWORD: neo4j.password })).code).toBe(0);
    expect((await runBin(['check'], { ...base, NEO4J_PASSWORD: wrong })).code).toBe(1);
    const history = join(dataDir, 'history.sqlite');
    const before = { digest: digest(history), mtime: statSync(history).mtimeMs };

    const run = await runBin(['diagnostics'], { ...base, NEO4J_PASSWORD: wrong });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual(['WallTrack Monitor diagnostics', '=============================']);
    expect(lines.filter((l) => l.startsWith('== '))).toEqual([
      '== Application ==',
      '== Monitor settings ==',
      '== Environments and settings (no secrets: only whether each is stored) ==',
      "== Targets (each database's last result) ==",
      '== Attention (acknowledged, muted, maintenance) ==',
      '== State changes (the last 50, newest first, from the history) ==',
    ]);
    expect(lines).toContain('Host:        cli');
    expect(lines).toContain('Settings:    environment variables');
    expect(lines).toContain(`Data folder: ${dataDir}`);
    expect(lines).toContain('default (default)');
    expect(lines).toContain('    Neo4j password: stored');
    expect(lines).toContain('    Supabase API key: stored');
    expect(lines).toContain('default / Neo4j: ✕ Down — authentication failed (last recorded check)');
    expect(lines).toContain('  What to do: Check NEO4J_USER and NEO4J_PASSWORD');
    expect(lines).toContain('default / Supabase: ✓ Healthy (last recorded check)');
    expect(run.stdout).toMatch(new RegExp(`^\\S+Z default / Neo4j: healthy -> down \\(auth_failed\\) at ${neo4j.uri.replace(/[.]/g, '\\.')}$`, 'm'));
    expect(lines.filter((l) => l.length > 100)).toEqual([]);
    for (const secret of [neo4j.password, wrong, supabase.serviceRoleKey]) expect(run.stdout + run.stderr).not.toContain(secret);
    expect({ digest: digest(history), mtime: statSync(history).mtimeMs }).toEqual(before);
  });

  it('says "history unavailable" in a data folder with no history, and creates none', async () => {
    const dataDir = tempDir();
    const run = await runBin(['diagnostics'], { WALLTRACK_DATA_DIR: dataDir, NEO4J_URI: 'bolt://127.0.0.1:1', NEO4J_PASSWORD: 'not-a-real-one' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      `== State changes (the last 50, newest first, from the history) ==\nhistory unavailable: no history file at ${dataDir}/history.sqlite yet (nothing was\n  recorded in this data folder)\n`,
    );
    expect(run.stdout).toContain('default / Neo4j: – Not configured (no check recorded)\n');
    expect(existsSync(join(dataDir, 'history.sqlite'))).toBe(false);
  });

  it('reports the --env environments of a --config file only, and refuses an unknown one naming the known ones', async () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'settings.json');
    writeFileSync(
      file,
      JSON.stringify({
        environments: [
          { id: 'production', name: 'Production', databases: { neo4j: { uri: 'bolt://127.0.0.1:1' } } },
          { id: 'staging', name: 'Staging', databases: { neo4j: { uri: 'bolt://127.0.0.1:2' } } },
        ],
      }),
    );
    const env = { WALLTRACK_DATA_DIR: dataDir, WALLTRACK_STAGING_NEO4J_PASSWORD: 'staging-password-1234' };
    const run = await runBin(['diagnostics', '--config', file, '--env', 'staging'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('\nStaging (staging)\n');
    expect(run.stdout).not.toContain('Production');
    expect(run.stdout).toContain(`Settings:    --config ${file}`);
    expect(run.stdout).not.toContain('staging-password-1234');
    const unknown = await runBin(['diagnostics', '--config', file, '--env', 'dev'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown environment "dev" for --env; known environments: production, staging');
  });
});
