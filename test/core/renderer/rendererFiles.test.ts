/**
 * The renderer file server's own rules, below both hosts: how a request path maps to a file, the
 * policy builder, and where the <meta> policy goes into a page. The hostile-path table runs
 * against both real hosts in test/rendererFilesBothHosts.test.ts.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy, injectCspMeta } from '../../../src-main/core/renderer/contentSecurityPolicy.js';
import { readRendererFile, resolveRendererFile } from '../../../src-main/core/renderer/rendererFiles.js';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'walltrack-renderer-files-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets', 'folder.js'), { recursive: true });
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log("app")');
  writeFileSync(join(root, 'notes.txt'), 'not a renderer type');
  symlinkSync(join(root, 'assets', 'app.js'), join(root, 'alias.js'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('resolveRendererFile', () => {
  it('maps a plain path to the file inside the folder, decoding each segment once', () => {
    expect(resolveRendererFile('/srv/renderer', '/assets/app.js')).toBe('/srv/renderer/assets/app.js');
    expect(resolveRendererFile('/srv/renderer', '/assets/%61pp.js')).toBe('/srv/renderer/assets/app.js');
    expect(resolveRendererFile('/srv/renderer', '/assets/my%20app.MJS')).toBe('/srv/renderer/assets/my app.MJS');
    expect(resolveRendererFile('/srv/renderer', '/assets/%252e%252e.js')).toBe('/srv/renderer/assets/%2e%2e.js');
  });

  it.each([
    ['a path without its leading slash', 'assets/app.js'],
    ['an absolute-form request target', 'http://127.0.0.1/status.html'],
    ['an empty path', ''],
    ['the folder itself', '/'],
    ['a trailing slash', '/assets/'],
    ['an unknown file type', '/notes.txt'],
    ['no file type', '/LICENSE'],
    ['a Windows drive', '/C:/Windows/win.ini'],
    ['an NTFS stream', '/assets/app.js::$DATA'],
    ['an encoded colon', '/C%3a/Windows/win.ini'],
    ['an encoded newline', '/assets/app%0a.js'],
    ['an encoded DEL', '/assets/app%7f.js'],
  ])('refuses %s: %s', (_what, pathname) => {
    expect(resolveRendererFile('/srv/renderer', pathname)).toBeNull();
  });
});

describe('readRendererFile', () => {
  it('serves a symlink that stays inside the folder', async () => {
    const reply = await readRendererFile(root, '/alias.js');
    expect([reply.status, reply.body.toString()]).toEqual([200, 'console.log("app")']);
  });

  it('answers 404, under the policy, for a folder named like a file and for a type it does not serve', async () => {
    for (const pathname of ['/assets/folder.js', '/notes.txt']) {
      const reply = await readRendererFile(root, pathname);
      expect(reply.status, pathname).toBe(404);
      expect(reply.headers['Content-Type']).toBe('text/plain; charset=utf-8');
      expect(reply.headers['Content-Security-Policy']).toMatch(/^default-src 'none'; /);
      expect(reply.body.toString()).toBe(`Not found: ${pathname}\nOnly the files of the built renderer are served here.\n`);
    }
  });

  it('echoes at most 200 characters of the path it refused', async () => {
    const reply = await readRendererFile(root, `/${'a'.repeat(5000)}.js`);
    expect(reply.body.toString()).toBe(`Not found: /${'a'.repeat(199)}\nOnly the files of the built renderer are served here.\n`);
  });
});

describe('contentSecurityPolicy', () => {
  it('adds the host origins to connect-src and changes nothing else', () => {
    expect(contentSecurityPolicy({ connectSrc: ['ws://127.0.0.1:8765'] })).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self' ws://127.0.0.1:8765; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'",
    );
  });

  it.each(["ws://127.0.0.1:8765; script-src 'unsafe-inline'", '*', 'ws://127.0.0.1:8765/path', 'ws://a" onload="x', 'javascript:alert(1)'])(
    'refuses a connect-src that is not a plain origin: %s',
    (source) => {
      expect(() => contentSecurityPolicy({ connectSrc: [source] })).toThrow(`Not a connect-src origin: ${JSON.stringify(source)}. Give scheme://host[:port], e.g. ws://127.0.0.1:8765.`);
    },
  );
});

describe('injectCspMeta', () => {
  const meta =
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; script-src \'self\'; style-src \'self\'; ' +
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'\">";

  it.each([
    ['right after <head>', '<!doctype html><html><head lang="en"><title>t</title></head></html>', `<!doctype html><html><head lang="en">${meta}<title>t</title></head></html>`],
    ['not after <header>', '<!doctype html><html><HEAD><title>t</title></HEAD><body><header>x</header></body></html>', `<!doctype html><html><HEAD>${meta}<title>t</title></HEAD><body><header>x</header></body></html>`],
    ['after <html> when there is no <head>', '<!doctype html><html lang="en"><title>t</title></html>', `<!doctype html><html lang="en">${meta}<title>t</title></html>`],
    ['after the doctype when there is neither', '<!DOCTYPE html>\n<title>t</title>', `<!DOCTYPE html>${meta}\n<title>t</title>`],
    ['first when there is nothing else', '<title>t</title>', `${meta}<title>t</title>`],
  ])('puts the policy first in the head: %s', (_where, html, expected) => {
    expect(injectCspMeta(html)).toBe(expected);
  });
});
