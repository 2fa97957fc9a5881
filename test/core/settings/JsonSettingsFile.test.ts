/**
 * The headless hosts' settings file: the format conf (and electron-store) read and write, and a write
 * that a full disk cannot tear (a real 64 KiB tmpfs; root only, as the tests run here).
 */
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonSettingsFile } from '../../../src-main/core/settings/JsonSettingsFile.js';
import { fill, mountTmpfs, remount, tmpfsProblem, unmount } from '../../support/tmpfs.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wt-json-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('JsonSettingsFile', () => {
  it('writes <cwd>/<configName>.json as tab-indented JSON, in a folder it creates when opened', () => {
    const file = new JsonSettingsFile({ cwd: join(dir, 'new', 'folder'), configName: 'settings' });
    expect(readdirSync(join(dir, 'new', 'folder'))).toEqual([]);
    file.store = { version: 2, monitor: { intervalSec: 30 } };
    expect(file.path).toBe(join(dir, 'new', 'folder', 'settings.json'));
    expect(readFileSync(file.path, 'utf8')).toBe('{\n\t"version": 2,\n\t"monitor": {\n\t\t"intervalSec": 30\n\t}\n}');
    expect(readdirSync(join(dir, 'new', 'folder'))).toEqual(['settings.json']);
  });

  it('creates the file readable and writable by its owner, as conf does (no secret is in it)', () => {
    const file = new JsonSettingsFile({ cwd: dir, configName: 'settings' });
    file.store = {};
    const mode = statSync(file.path).mode & 0o777;
    expect(mode & 0o600).toBe(0o600);
    expect(mode & 0o111).toBe(0);
  });

  it('conf reads what it writes, and it reads what conf writes', () => {
    const value = { version: 2, environments: [{ id: 'production', name: 'Production ü' }] };
    new JsonSettingsFile({ cwd: dir, configName: 'ours' }).store = value;
    expect(new Conf({ cwd: dir, configName: 'ours' }).store).toEqual(value);

    new Conf<Record<string, unknown>>({ cwd: dir, configName: 'theirs' }).store = value;
    expect(new JsonSettingsFile({ cwd: dir, configName: 'theirs' }).store).toEqual(value);
    expect(readFileSync(join(dir, 'theirs.json'), 'utf8')).toBe(readFileSync(join(dir, 'ours.json'), 'utf8'));
  });

  it('leaves no file open: 200 saves open no descriptor that stays', () => {
    const file = new JsonSettingsFile({ cwd: dir, configName: 'settings' });
    const openInDir = () => readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(join('/proc/self/fd', fd)).startsWith(dir);
      } catch {
        return false;
      }
    }).length;
    for (let i = 0; i < 200; i++) file.store = { i };
    expect(openInDir()).toBe(0);
  });

  it('reads a missing file as empty', () => {
    expect(new JsonSettingsFile({ cwd: dir, configName: 'settings' }).store).toEqual({});
  });

  it('replaces the whole file: a shorter value leaves nothing of the longer one', () => {
    const file = new JsonSettingsFile({ cwd: dir, configName: 'settings' });
    file.store = { long: 'x'.repeat(500) };
    file.store = { short: 1 };
    expect(readFileSync(file.path, 'utf8')).toBe('{\n\t"short": 1\n}');
  });
});

const mountProblem = tmpfsProblem();
if (mountProblem) console.warn(`[JsonSettingsFile] SKIPPED: ${mountProblem}`);

describe.skipIf(mountProblem)('on a full disk (a real ENOSPC)', () => {
  beforeEach(() => mountTmpfs(dir));
  afterEach(() => unmount(dir));

  it('throws ENOSPC and leaves the old file as it was, with no temporary file beside it', () => {
    const file = new JsonSettingsFile({ cwd: dir, configName: 'settings' });
    file.store = { version: 2, kept: true };
    fill(dir);
    let error: unknown;
    try {
      file.store = { version: 2, larger: 'y'.repeat(16_384) };
    } catch (e) {
      error = e;
    }
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    expect(readFileSync(file.path, 'utf8')).toBe('{\n\t"version": 2,\n\t"kept": true\n}');
    expect(readdirSync(dir).sort()).toEqual(['filler', 'settings.json']);
  });

  it('on a read-only file system reports EROFS, the reason, not a missing temporary file', () => {
    const file = new JsonSettingsFile({ cwd: dir, configName: 'settings' });
    file.store = { kept: true };
    remount(dir, 'ro');
    expect(() => (file.store = { other: true })).toThrow(expect.objectContaining({ code: 'EROFS' }));
    expect(file.store).toEqual({ kept: true });
  });

  it('writes again once there is room', () => {
    const file = new JsonSettingsFile({ cwd: dir, configName: 'settings' });
    const filler = fill(dir);
    expect(() => (file.store = { larger: 'y'.repeat(16_384) })).toThrow(/ENOSPC/);
    rmSync(filler);
    file.store = { after: true };
    expect(file.store).toEqual({ after: true });
  });
});
