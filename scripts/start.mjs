#!/usr/bin/env node
// `npm start`: builds what is missing or stale, then runs the Electron app — or, where no Electron
// binary exists (it is never downloaded from here), says so in one line and runs browser mode
// (`walltrack-monitor serve`), which prints the status window's URL with its access token and what to do next.
// Arguments after `--` go to `serve` in browser mode, e.g. `npm start -- --port 9000`.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { at, buildIfNeeded, root } from './buildIfNeeded.mjs';

/** The Electron executable if one is installed; checking never triggers electron's download. */
export function findElectronBinary(env = process.env) {
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const exe = join(env.ELECTRON_OVERRIDE_DIST_PATH, process.platform === 'win32' ? 'electron.exe' : 'electron');
    return existsSync(exe) ? exe : null;
  }
  const pathFile = at('node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const exe = at('node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(exe) ? exe : null;
}

/** Runs a child with our stdio and exits with its code; Ctrl-C reaches it and it shuts down cleanly. */
function handOver(cmd, args) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const passThrough = process.argv.slice(2).filter((a, i) => !(i === 0 && a === '--'));
const electron = findElectronBinary();
if (electron) {
  buildIfNeeded({ electron: true, what: 'npm start' });
  handOver(electron, [root]);
} else {
  console.log('No Electron binary in node_modules/electron (none can be downloaded here), so starting browser mode instead.');
  buildIfNeeded({ electron: false, what: 'npm start' });
  handOver(process.execPath, [at('bin', 'walltrack-monitor.mjs'), 'serve', ...passThrough]);
}
