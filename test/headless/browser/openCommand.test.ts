/**
 * `walltrack-monitor open` through the real bin against a real `serve` (browser mode, unconfigured):
 * the URL serve leaves in the data folder, owner-only; what open prints and what it hands the desktop
 * (a fake xdg-open first on PATH records its arguments); stale, missing and hostile files.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runBin, startServe } from '../cliHarness.js';

let root: string;
let rendererDir: string;
let fakeBin: string;
const children: ChildProcess[] = [];

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'wt-open-'));
  rendererDir = join(root, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'status.html'), '<!doctype html><title>status</title>');
  writeFileSync(join(rendererDir, 'settings.html'), '<!doctype html><title>settings</title>');
  // A desktop opener that only writes down what it was asked to open.
  fakeBin = join(root, 'bin');
  mkdirSync(fakeBin);
  writeFileSync(join(fakeBin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" > "${join(root, 'opened.txt')}"\n`, { mode: 0o755 });
});
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function newDataDir(): string {
  return mkdtempSync(join(root, 'data-'));
}

async function serveIn(dataDir: string) {
  const env = { WALLTRACK_DATA_DIR: dataDir, WALLTRACK_RENDERER_DIR: rendererDir, WALLTRACK_KEYCHAIN_SERVICE: `walltrack-open-test-${process.pid}` };
  const served = await startServe(['--port', '0'], env);
  children.push(served.child);
  // The URL line follows the health line.
  for (let i = 0; i < 100 && !/^Status window: /m.test(served.output()); i++) await new Promise((r) => setTimeout(r, 50));
  const url = /^Status window: (\S+)$/m.exec(served.output())![1]!;
  return { ...served, url, env };
}

describe('walltrack-monitor open', () => {
  it('prints the running serve\'s status window URL, from a file only its owner can read', async () => {
    const dataDir = newDataDir();
    const { url, env } = await serveIn(dataDir);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/status\.html#token=[A-Za-z0-9_-]{20,}$/);
    const file = join(dataDir, 'status-window.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).url).toBe(url);

    const printed = await runBin(['open', '--print'], env);
    expect(printed).toEqual({ code: 0, stdout: `Status window: ${url}\n`, stderr: '' });
  });

  it('hands the desktop a page in the data folder that forwards to the URL, so no command line carries the token', async () => {
    const dataDir = newDataDir();
    const { url, env } = await serveIn(dataDir);
    const opened = await runBin(['open'], { ...env, PATH: `${fakeBin}:${process.env.PATH}` });
    expect(opened.code).toBe(0);
    expect(opened.stdout).toBe(`Status window: ${url}\nOpening it in your browser.\n`);
    const page = join(dataDir, 'open-status-window.html');
    for (let i = 0; i < 100 && !existsSync(join(root, 'opened.txt')); i++) await new Promise((r) => setTimeout(r, 50));
    expect(readFileSync(join(root, 'opened.txt'), 'utf8')).toBe(`${page}\n`);
    expect(statSync(page).mode & 0o777).toBe(0o600);
    expect(readFileSync(page, 'utf8')).toContain(`<meta http-equiv="refresh" content="0;url=${url}">`);
  });

  it('without a desktop opener it says so and still prints the URL', async () => {
    const dataDir = newDataDir();
    const { url, env } = await serveIn(dataDir);
    const opened = await runBin(['open'], { ...env, PATH: join(root, 'no-such-dir') });
    expect(opened).toEqual({ code: 0, stdout: `Status window: ${url}\nCould not open a browser (xdg-open was not found): open the URL above yourself.\n`, stderr: '' });
  });

  it('after serve stops, the file is gone and open says how to start one (exit 1)', async () => {
    const dataDir = newDataDir();
    const { child, env } = await serveIn(dataDir);
    await runBin(['open'], { ...env, PATH: `${fakeBin}:${process.env.PATH}` });
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    expect(existsSync(join(dataDir, 'status-window.json'))).toBe(false);
    expect(existsSync(join(dataDir, 'open-status-window.html'))).toBe(false);
    const after = await runBin(['open'], env);
    expect(after.code).toBe(1);
    expect(after.stdout).toBe('');
    expect(after.stderr).toBe(
      `walltrack-monitor: no running serve has left its status window in ${join(dataDir, 'status-window.json')}.\n` +
        'hint: Start one with `walltrack-monitor serve` (or `npm start`), then run `walltrack-monitor open` again.\n',
    );
  });

  it('a file left by a serve that died (kill -9) is recognised as stale (exit 1)', async () => {
    const dataDir = newDataDir();
    const { child, env } = await serveIn(dataDir);
    const pid = child.pid!;
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const after = await runBin(['open', '--print'], env);
    expect(after.code).toBe(1);
    expect(after.stderr).toContain(`(pid ${pid}) is no longer running`);
    expect(after.stdout).toBe('');
  });

  const hostile: Array<[string, string, number, string]> = [
    ['readable by others', JSON.stringify({ url: 'http://127.0.0.1:1/status.html#token=x', port: 1, pid: 1 }), 0o644, 'can be read by other users (mode 644)'],
    ['pointing off this machine', JSON.stringify({ url: 'http://evil.example:80/#token=x', port: 80, pid: 1 }), 0o600, 'url must be http://127.0.0.1:<port>/…'],
    ['naming another port than its URL', JSON.stringify({ url: 'http://127.0.0.1:8765/status.html', port: 9999, pid: 1 }), 0o600, "the URL's port is not the port it names"],
    ['not JSON', 'http://127.0.0.1:1/', 0o600, 'is not JSON'],
    ['too large', 'x'.repeat(5_000), 0o600, 'is larger than 4096 bytes'],
  ];
  it.each(hostile)('a file %s is refused, naming why (exit 2)', async (_what, content, mode, reason) => {
    const dataDir = newDataDir();
    const file = join(dataDir, 'status-window.json');
    writeFileSync(file, content);
    chmodSync(file, mode);
    const result = await runBin(['open', '--print'], { WALLTRACK_DATA_DIR: dataDir });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(reason);
    expect(result.stderr).toContain('hint: Delete it and start serve again');
  });
});
