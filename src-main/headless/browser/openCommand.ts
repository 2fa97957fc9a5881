/**
 * `walltrack-monitor open`: shows the running `serve`'s status window again without restarting it. It
 * reads the URL `serve` left in the data folder (windowUrlFile.ts), makes sure that serve still answers,
 * prints the URL and, unless --print, asks the desktop to open it. The browser is handed a 0600 page in
 * the data folder that forwards to the URL, never the URL itself: a command line (xdg-open's, the
 * browser's) can be read by every local user, and the URL carries the access token.
 */
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UI_URL_PREFIX } from './serveBrowserMode.js';
import { OPENER_PAGE_NAME, readWindowUrl, windowUrlFile } from './windowUrlFile.js';

const EXIT_NOT_RUNNING = 1;
const EXIT_BAD_FILE = 2;
const ANSWER_WITHIN_MS = 2_000;

export interface OpenOptions {
  dataDir: string;
  print: boolean;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
}

const START_HINT = 'Start one with `walltrack-monitor serve` (or `npm start`), then run `walltrack-monitor open` again.';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function answers(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(ANSWER_WITHIN_MS), redirect: 'manual' });
    await response.body?.cancel();
    return response.status === 200 || response.status === 503;
  } catch {
    return false;
  }
}

/** The desktop's "open this" command for the platform. */
function opener(platform: NodeJS.Platform): { command: string; args: (target: string) => string[] } {
  if (platform === 'darwin') return { command: 'open', args: (t) => [t] };
  if (platform === 'win32') return { command: 'cmd', args: (t) => ['/c', 'start', '""', t] };
  return { command: 'xdg-open', args: (t) => [t] };
}

function launch(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', env, windowsHide: true });
    child.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ENOENT' ? `${command} was not found` : error.message));
    child.once('spawn', () => {
      child.unref();
      resolve(null);
    });
  });
}

const escapeAttribute = (text: string) => text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

export async function openStatusWindow(options: OpenOptions): Promise<number> {
  const { dataDir, stdout, stderr } = options;
  const found = readWindowUrl(dataDir);
  if (found.kind === 'missing') {
    stderr.write(`walltrack-monitor: no running serve has left its status window in ${windowUrlFile(dataDir)}.\nhint: ${START_HINT}\n`);
    return EXIT_NOT_RUNNING;
  }
  if (found.kind === 'refused') {
    stderr.write(`walltrack-monitor: ${found.reason}.\nhint: Delete it and start serve again; it writes a new one.\n`);
    return EXIT_BAD_FILE;
  }
  const { url, port, pid } = found.entry;
  if (!isRunning(pid)) {
    stderr.write(`walltrack-monitor: the serve that wrote ${windowUrlFile(dataDir)} (pid ${pid}) is no longer running.\nhint: ${START_HINT}\n`);
    return EXIT_NOT_RUNNING;
  }
  if (!(await answers(port))) {
    stderr.write(`walltrack-monitor: serve (pid ${pid}) does not answer on 127.0.0.1:${port} within ${ANSWER_WITHIN_MS / 1_000} s.\nhint: Stop it and start it again: ${START_HINT}\n`);
    return EXIT_NOT_RUNNING;
  }
  stdout.write(`${UI_URL_PREFIX}${url}\n`);
  if (options.print) return 0;
  const page = join(dataDir, OPENER_PAGE_NAME);
  // Removed first: a mode is only set when a file is created.
  rmSync(page, { force: true });
  writeFileSync(page, `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${escapeAttribute(url)}"><title>WallTrack Monitor</title>\n`, { mode: 0o600 });
  const { command, args } = opener(options.platform ?? process.platform);
  const failed = await launch(command, args(page), options.env ?? process.env);
  stdout.write(failed ? `Could not open a browser (${failed}): open the URL above yourself.\n` : 'Opening it in your browser.\n');
  return 0;
}
