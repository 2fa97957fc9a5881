#!/usr/bin/env node
// `npm start`: builds what is missing or stale, then runs the Electron app — or, where no Electron
// binary exists (it is never downloaded from here), says so in one line and runs browser mode
// (`walltrack-monitor serve`), which prints the status window's URL with its access token.
// Arguments after `--` go to `serve` in browser mode, e.g. `npm start -- --port 9000`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (...p) => join(root, ...p);

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

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Outputs are stale when missing or older than any source they are built from. */
function needsBuild(outputs) {
  const sources = Math.max(...['src-main', 'src-renderer', 'vite.config.ts', 'package.json'].map((p) => newestMtime(at(p))));
  return outputs.some((o) => !existsSync(at(o)) || statSync(at(o)).mtimeMs < sources);
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`npm start: \`${[cmd, ...args].join(' ')}\` failed (exit ${r.status ?? r.signal}); fix the error above and run npm start again.`);
    process.exit(r.status || 1);
  }
}

function build({ electron }) {
  // The full build (scripts/build.mjs) makes the Electron bundles too; browser mode needs only the renderer.
  if (electron && existsSync(at('scripts', 'build.mjs'))) run(process.execPath, [at('scripts', 'build.mjs')]);
  else run(process.execPath, [at('node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn']);
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
  if (needsBuild(['dist/renderer/status.html', 'dist/electron/main.cjs'])) build({ electron: true });
  handOver(electron, [root]);
} else {
  console.log('No Electron binary in node_modules/electron (none can be downloaded here), so starting browser mode instead: open the "Status window" URL below.');
  if (needsBuild(['dist/renderer/status.html'])) build({ electron: false });
  handOver(process.execPath, [at('bin', 'walltrack-monitor.mjs'), 'serve', ...passThrough]);
}
