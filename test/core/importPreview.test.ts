/**
 * A .env import is previewed before anything is written: the preview comes from the import's own
 * parser, writes nothing (settings file bytes and keychain entries unchanged), and a confirmed import
 * writes exactly what it showed, or nothing when the stored settings moved since. Real settings file,
 * the run's private gnome-keyring.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { secretNames } from '../../src-main/common/databases.js';
import { CredentialVault } from '../../src-main/core/credentials/CredentialVault.js';
import { createMonitorCore } from '../../src-main/core/createMonitorCore.js';
import { ValidationError } from '../../src-main/core/errors.js';
import type { MonitorCore } from '../../src-main/core/MonitorCore.js';
import { draftOf } from './drafts.js';

let dataDir: string;
let vault: CredentialVault;
const cores: MonitorCore[] = [];

afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.stop()));
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** A core with "staging" saved: Neo4j at an address nothing answers (no check matters here), its password stored. */
async function stagingCore(): Promise<MonitorCore> {
  dataDir = mkdtempSync(join(tmpdir(), 'wt-import-preview-'));
  vault = new CredentialVault({ service: `walltrack-monitor-test-${randomUUID()}` });
  const core = createMonitorCore({ dataDir, vault, version: '9.9.9-test' });
  cores.push(core);
  await core.start();
  await core.saveSettings(
    draftOf([{ id: 'staging', name: 'Staging', neo4j: { uri: 'bolt://127.0.0.1:1', user: 'neo4j' } }], { staging: { neo4jPassword: 'old-staging-password' } }, { monitor: { intervalSec: 3600 } }),
  );
  return core;
}

const settingsFile = () => readFileSync(join(dataDir, 'settings.json'));
/** Every keychain entry the core could write for these environments, account → value. */
async function keychain(environments: string[]): Promise<Record<string, string | null>> {
  const entries: Record<string, string | null> = {};
  for (const env of environments) for (const name of secretNames()) entries[`${env}/${name}`] = (await vault.get(env, name))?.reveal() ?? null;
  return entries;
}

const FILE = [
  '# staging.env',
  'NEO4J_URI=bolt://127.0.0.1:2',
  'NEO4J_USER=neo4j',
  'NEO4J_PASSWORD=new-staging-password',
  'SUPABASE_URL=http://127.0.0.1:3',
  'SUPABASE_KEY="new-supabase-key"',
  'WALLTRACK_TIMEOUT_MS=4000',
  'OPENAI_API_KEY=sk-not-ours',
  'DEBUG=1',
  'this line is not an assignment',
  'NEO4J_DATABASE=',
].join('\n');

describe('.env import preview', () => {
  it('lists settings old → new (unchanged ones left out), secrets by name as replace/new, unknown names once, skipped lines by number; writes nothing', async () => {
    const core = await stagingCore();
    const fileBefore = settingsFile();
    const keychainBefore = await keychain(['staging', 'default']);
    const preview = await core.previewImportEnv({ content: FILE, into: { kind: 'existing', id: 'staging' } });
    expect({ ...preview, fingerprint: undefined }).toEqual({
      environment: 'staging',
      environmentName: 'Staging',
      newEnvironment: false,
      settings: [
        { name: 'NEO4J_URI', old: 'bolt://127.0.0.1:1', new: 'bolt://127.0.0.1:2' },
        { name: 'SUPABASE_URL', old: null, new: 'http://127.0.0.1:3' },
        { name: 'WALLTRACK_TIMEOUT_MS', old: '3000', new: '4000' },
      ],
      secrets: [
        { name: 'NEO4J_PASSWORD', change: 'replace' },
        { name: 'SUPABASE_KEY', change: 'new' },
      ],
      unused: { names: ['OPENAI_API_KEY', 'DEBUG'], more: 0 },
      ignored: [
        { name: 'line 10', reason: 'not a KEY=value line; skipped' },
        { name: 'NEO4J_DATABASE', reason: 'empty value; the current one is kept (an import never clears a setting or a secret)' },
      ],
      fingerprint: undefined,
    });
    expect(preview.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(settingsFile().equals(fileBefore)).toBe(true);
    expect(await keychain(['staging', 'default'])).toEqual(keychainBefore);
    expect(keychainBefore['staging/neo4jPassword']).toBe('old-staging-password');
  });

  it('the confirmed import writes exactly what the preview showed', async () => {
    const core = await stagingCore();
    const preview = await core.previewImportEnv({ content: FILE, into: { kind: 'existing', id: 'staging' } });
    const report = await core.importEnv({ content: FILE, into: { kind: 'existing', id: 'staging' }, previewed: preview.fingerprint });
    expect(report.environment).toBe('staging');
    const saved = JSON.parse(settingsFile().toString('utf8'));
    expect(saved.environments).toEqual([
      {
        id: 'staging',
        name: 'Staging',
        colour: null,
        databases: { neo4j: { uri: 'bolt://127.0.0.1:2', user: 'neo4j', database: null }, supabase: { url: 'http://127.0.0.1:3', probeTable: null } },
      },
    ]);
    expect(saved.monitor.timeoutMs).toBe(4000);
    expect(await keychain(['staging', 'default'])).toEqual({
      'staging/supabaseKey': 'new-supabase-key',
      'staging/supabaseAccessToken': null,
      'staging/neo4jPassword': 'new-staging-password',
      'default/supabaseKey': null,
      'default/supabaseAccessToken': null,
      'default/neo4jPassword': null,
    });
    // Previewed again, the same file now changes nothing.
    const after = await core.previewImportEnv({ content: FILE, into: { kind: 'existing', id: 'staging' } });
    expect([after.settings, after.secrets]).toEqual([[], [{ name: 'NEO4J_PASSWORD', change: 'replace' }, { name: 'SUPABASE_KEY', change: 'replace' }]]);
  });

  it('refuses the confirmed import, writing nothing, when the stored settings changed since the preview; a new preview imports', async () => {
    const core = await stagingCore();
    const into = { kind: 'existing' as const, id: 'staging' };
    const preview = await core.previewImportEnv({ content: FILE, into });
    // Meanwhile another window saves: Neo4j moved (with its password typed again).
    await core.saveSettings(draftOf([{ id: 'staging', name: 'Staging', neo4j: { uri: 'bolt://127.0.0.1:5', user: 'neo4j' } }], { staging: { neo4jPassword: 'typed-meanwhile' } }, { monitor: { intervalSec: 3600 } }));
    const fileBefore = settingsFile();
    const keychainBefore = await keychain(['staging']);
    const error = await core.importEnv({ content: FILE, into, previewed: preview.fingerprint }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect([(error as ValidationError).field, (error as ValidationError).message, (error as ValidationError).hint]).toEqual([
      'previewed',
      'Import: the settings of "Staging" changed since the preview; nothing was imported',
      'Check the new preview of the file, then import again',
    ]);
    expect(settingsFile().equals(fileBefore)).toBe(true);
    expect(await keychain(['staging'])).toEqual(keychainBefore);

    const again = await core.previewImportEnv({ content: FILE, into });
    expect(again.settings[0]).toEqual({ name: 'NEO4J_URI', old: 'bolt://127.0.0.1:5', new: 'bolt://127.0.0.1:2' });
    await core.importEnv({ content: FILE, into, previewed: again.fingerprint });
    expect((await vault.get('staging', 'neo4jPassword'))!.reveal()).toBe('new-staging-password');
  });

  it('refuses a confirmed import whose file is not the previewed one', async () => {
    const core = await stagingCore();
    const into = { kind: 'existing' as const, id: 'staging' };
    const preview = await core.previewImportEnv({ content: 'NEO4J_USER=reader\nNEO4J_PASSWORD=p1\n', into });
    const error = await core.importEnv({ content: 'NEO4J_USER=writer\nNEO4J_PASSWORD=p1\n', into, previewed: preview.fingerprint }).catch((e: unknown) => e);
    expect((error as ValidationError).field).toBe('previewed');
    expect((await vault.get('staging', 'neo4jPassword'))!.reveal()).toBe('old-staging-password');
  });

  it('previews a new environment named after the file without creating it', async () => {
    const core = await stagingCore();
    const fileBefore = settingsFile();
    const preview = await core.previewImportEnv({ content: 'NEO4J_URI=bolt://127.0.0.1:4\nNEO4J_PASSWORD=dev-password\n', into: { kind: 'new', id: 'dev', name: 'dev' } });
    expect([preview.environment, preview.environmentName, preview.newEnvironment, preview.settings, preview.secrets]).toEqual([
      'dev',
      'dev',
      true,
      [{ name: 'NEO4J_URI', old: null, new: 'bolt://127.0.0.1:4' }],
      [{ name: 'NEO4J_PASSWORD', change: 'new' }],
    ]);
    expect(settingsFile().equals(fileBefore)).toBe(true);
    expect((await core.getSettings()).settings.environments.map((e) => e.id)).toEqual(['staging']);
    expect(core.snapshot().environments.map((e) => e.id)).toEqual(['staging']);
    expect(await vault.get('dev', 'neo4jPassword')).toBeNull();
  });

  it('is bounded like the import: 20 unknown names then a count, 100 bad lines then a count', async () => {
    const core = await stagingCore();
    const unknown = Array.from({ length: 25 }, (_, i) => `UNKNOWN_${i + 1}=x`);
    const bad = Array.from({ length: 150 }, () => 'not an assignment');
    const preview = await core.previewImportEnv({ content: [...unknown, ...bad].join('\n'), into: { kind: 'existing', id: 'staging' } });
    expect(preview.unused).toEqual({ names: Array.from({ length: 20 }, (_, i) => `UNKNOWN_${i + 1}`), more: 5 });
    expect(preview.ignored).toHaveLength(101);
    expect(preview.ignored[0]).toEqual({ name: 'line 26', reason: 'not a KEY=value line; skipped' });
    expect(preview.ignored[100]).toEqual({ name: '50 more lines', reason: 'not KEY=value lines; skipped' });
  });

  it('refuses what the import refuses, naming the variable, and writes nothing', async () => {
    const core = await stagingCore();
    const fileBefore = settingsFile();
    const bad = await core.previewImportEnv({ content: 'NEO4J_URI=http://wrong:7474\n', into: { kind: 'existing', id: 'staging' } }).catch((e: unknown) => e);
    expect([(bad as ValidationError).field, (bad as ValidationError).message]).toEqual(['NEO4J_URI', expect.stringContaining('Neo4j URI must use')]);
    // Moving Neo4j without its password: the stored one is never sent elsewhere.
    const moved = await core.previewImportEnv({ content: 'NEO4J_URI=bolt://10.0.0.9:7687\n', into: { kind: 'existing', id: 'staging' } }).catch((e: unknown) => e);
    expect((moved as Error).message).toContain('add NEO4J_PASSWORD to the file');
    expect(settingsFile().equals(fileBefore)).toBe(true);
  });
});
