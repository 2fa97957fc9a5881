/**
 * SettingsStore and migrateToEnvironments on a real read-only file system (a tmpfs remounted ro: real
 * EROFS; root only, as the tests run here). The file write is the migration's step 2.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WallTrackError } from '../../../src-main/core/errors.js';
import { createLogger } from '../../../src-main/core/logging.js';
import { migrateToEnvironments } from '../../../src-main/core/settings/migrateToEnvironments.js';
import { SettingsStore } from '../../../src-main/core/settings/SettingsStore.js';
import { MemoryVault } from '../../support/memoryVault.js';
import { mountTmpfs, remount, tmpfsProblem, unmount } from '../../support/tmpfs.js';

// Written by the released SettingsStore (main at 4bd58d4); fixtures/v1/README.md says how.
const V1_FILE = fileURLToPath(new URL('./fixtures/v1/configured.settings.json', import.meta.url));
const V1_TEXT = readFileSync(V1_FILE, 'utf8');
const mountProblem = tmpfsProblem();
if (mountProblem) console.warn(`[SettingsStore.readOnly] SKIPPED: ${mountProblem}`);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wt-settings-ro-'));
  mountTmpfs(dir);
});
afterEach(() => {
  unmount(dir);
  rmSync(dir, { recursive: true, force: true });
});
const { logger } = createLogger({ console: false });

describe.skipIf(mountProblem)('on a read-only file system (EROFS)', () => {
  it('a corrupt file that cannot be moved aside is a WallTrackError naming the file, the problem and the fix', () => {
    writeFileSync(join(dir, 'settings.json'), '{"monitor":');
    remount(dir, 'ro');
    let error: unknown;
    try {
      new SettingsStore({ dir, now: () => new Date('2026-01-02T03:04:05.678Z') });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WallTrackError);
    expect((error as WallTrackError).message).toMatch(
      new RegExp(`^Could not move aside \\(it is unreadable: .*JSON.*\\) the settings file ${join(dir, 'settings.json')}: EROFS`),
    );
    expect((error as WallTrackError).hint).toBe('Check that the data folder exists and is writable, or set WALLTRACK_DATA_DIR to another folder.');
  });

  it('the migration stops before deleting anything when the file cannot be rewritten, and finishes once it can', async () => {
    copyFileSync(V1_FILE, join(dir, 'settings.json'));
    remount(dir, 'ro');
    const vault = new MemoryVault({ 'neo4j-password': 'n3o-pass-ü', 'supabase-api-key': 'sb_secret_abc' });
    const store = new SettingsStore({ dir, logger });
    expect(await migrateToEnvironments({ store, vault, logger })).toEqual({
      status: 'pending',
      stoppedAt: 'file',
      copied: ['supabase-api-key', 'neo4j-password'],
      fileWritten: false,
      deleted: [],
      kept: [],
    });
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(V1_TEXT);
    expect(vault.contents()).toEqual({
      'default/neo4j-password': 'n3o-pass-ü',
      'default/supabase-api-key': 'sb_secret_abc',
      'neo4j-password': 'n3o-pass-ü',
      'supabase-api-key': 'sb_secret_abc',
    });

    remount(dir, 'rw');
    expect(await migrateToEnvironments({ store, vault, logger })).toMatchObject({ status: 'done', fileWritten: true, deleted: ['supabase-api-key', 'neo4j-password'] });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toMatchObject({ version: 2, environments: [{ id: 'default' }] });
    expect(vault.contents()).toEqual({ 'default/neo4j-password': 'n3o-pass-ü', 'default/supabase-api-key': 'sb_secret_abc' });
  });
});
