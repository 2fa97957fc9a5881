/**
 * `npm start` where no Electron binary exists (always here): scripts/start.mjs runs browser mode, and the
 * terminal shows one URL to open and what to do next — through the real script, in its own process group.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanEnv } from '../headless/cliHarness.js';

const START = fileURLToPath(new URL('../../scripts/start.mjs', import.meta.url));
const OPEN_IT = 'Open this URL in your browser (`walltrack-monitor open` opens it again).';
const folders: string[] = [];

afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs `npm start -- --port 0` until the core has started (its log says so) and a moment more, then stops the whole process group. */
async function start(env: Record<string, string>): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'walltrack-start-'));
  folders.push(dataDir);
  // A missing override folder: no Electron binary, whatever this machine has.
  const child = spawn(process.execPath, [START, '--', '--port', '0'], {
    env: cleanEnv({ ...env, WALLTRACK_DATA_DIR: dataDir, ELECTRON_OVERRIDE_DIST_PATH: join(dataDir, 'no-electron') }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  try {
    // Generous: the first start may build the app (npm start rebuilds what is stale).
    const started = () => stdout.includes('Status window: ') && stderr.includes('WallTrack Monitor starting');
    for (let i = 0; i < 1_800 && !started() && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 100));
    if (!started()) throw new Error(`npm start did not start browser mode:\n${stdout}\n${stderr}`);
    // What serve says once started follows that log line at once; a second covers a slow pipe on a busy machine.
    await new Promise((r) => setTimeout(r, 1_000));
    return stdout;
  } finally {
    // npm start hands over to serve: end the group, not only the script.
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    await exited;
  }
}

/** Build progress (only when something is stale) is left out: it is not part of what to do next. */
const shown = (stdout: string) => stdout.split('\n').filter((line) => line !== '' && !line.startsWith('build: '));
const STATUS_WINDOW = /^Status window: http:\/\/127\.0\.0\.1:\d+\/status\.html#token=[A-Za-z0-9_-]{43}$/;

describe('npm start in browser mode', { timeout: 240_000 }, () => {
  it('prints one URL to open and, with nothing configured, that the page will guide', async () => {
    const stdout = await start({});
    const lines = shown(stdout);
    expect(lines[0]).toBe('No Electron binary in node_modules/electron (none can be downloaded here), so starting browser mode instead.');
    expect(lines[1]).toMatch(STATUS_WINDOW);
    expect(lines[2]).toBe(OPEN_IT);
    expect(lines[3]).toBe('Nothing is configured yet: the page will guide you.');
    expect(stdout.match(/http:\/\//g)).toHaveLength(1);
    expect(lines).toHaveLength(4);
  });

  it('says only how to open it when something is configured', async () => {
    const stdout = await start({ NEO4J_URI: 'bolt://127.0.0.1:9', NEO4J_PASSWORD: 'start-test' });
    const lines = shown(stdout);
    expect(lines[1]).toMatch(STATUS_WINDOW);
    expect(lines[2]).toBe(OPEN_IT);
    expect(stdout.match(/http:\/\//g)).toHaveLength(1);
    expect(lines).toHaveLength(3);
  });
});
