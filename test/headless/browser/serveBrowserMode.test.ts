import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { findRendererDir, setupServeBrowserMode } from '../../../src-main/headless/browser/serveBrowserMode.js';
import { createFakeCore } from './fakeCore.js';

const log = { warn: () => undefined, error: () => undefined };
const printed = (f: (out: PassThrough) => void): string => {
  const out = new PassThrough();
  f(out);
  return String(out.read() ?? '');
};

describe('serve: browser mode wiring', () => {
  it('prints the status window URL with a fresh 256-bit token when the renderer is built', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'walltrack-built-'));
    writeFileSync(join(dir, 'status.html'), '');
    const a = setupServeBrowserMode({ core: createFakeCore(), log, version: '0.1.0', enabled: true, rendererDir: dir });
    const b = setupServeBrowserMode({ core: createFakeCore(), log, version: '0.1.0', enabled: true, rendererDir: dir });
    const lineA = printed((out) => a.announce(8765, out));
    const lineB = printed((out) => b.announce(8765, out));
    expect(lineA).toMatch(/^Status window: http:\/\/127\.0\.0\.1:8765\/status\.html#token=[A-Za-z0-9_-]{43}\nOpen this URL in your browser \(`walltrack-monitor open` opens it again\)\.\n$/);
    expect(lineA).not.toBe(lineB);
    expect(a.serverHooks.routes).toBeTypeOf('function');
    expect(a.serverHooks.onUpgrade).toBeTypeOf('function');
    await a.close();
    await b.close();
  });

  it('says what to run when the renderer is not built, and serves /api/health only', () => {
    const s = setupServeBrowserMode({ core: createFakeCore(), log, version: '0.1.0', enabled: true, rendererDir: null });
    expect(printed((out) => s.announce(8765, out))).toContain('npm run build');
    expect(s.serverHooks).toEqual({});
  });

  it('adds nothing with --no-ui', () => {
    const s = setupServeBrowserMode({ core: createFakeCore(), log, version: '0.1.0', enabled: false, rendererDir: tmpdir() });
    expect(printed((out) => s.announce(8765, out))).toBe('');
    expect(s.serverHooks).toEqual({});
  });

  it('finds the renderer from WALLTRACK_RENDERER_DIR, refusing a folder without status.html', () => {
    const dir = mkdtempSync(join(tmpdir(), 'walltrack-renderer-'));
    expect(findRendererDir({ WALLTRACK_RENDERER_DIR: dir })).toBeNull();
    writeFileSync(join(dir, 'status.html'), '');
    expect(findRendererDir({ WALLTRACK_RENDERER_DIR: dir })).toBe(dir);
  });
});

describe('serve: the URL left for `walltrack-monitor open` on a full disk', () => {
  it('costs one warning and nothing else: the URL is still printed and close() works', async () => {
    const { fill, mountTmpfs, unmount } = await import('../../support/tmpfs.js');
    const dir = mkdtempSync(join(tmpdir(), 'walltrack-full-'));
    const rendererDir = mkdtempSync(join(tmpdir(), 'walltrack-built-'));
    writeFileSync(join(rendererDir, 'status.html'), '');
    mountTmpfs(dir);
    try {
      fill(dir);
      const warnings: string[] = [];
      const s = setupServeBrowserMode({
        core: createFakeCore(),
        log: { warn: (_o, msg) => warnings.push(msg), error: () => undefined },
        version: '0.1.0',
        enabled: true,
        rendererDir,
        dataDir: dir,
      });
      expect(printed((out) => s.announce(8765, out))).toMatch(/^Status window: http:\/\/127\.0\.0\.1:8765\/status\.html#token=/);
      expect(warnings).toEqual(['`walltrack-monitor open` will not find this window: its URL could not be saved']);
      await s.close();
    } finally {
      unmount(dir);
    }
  });
});
