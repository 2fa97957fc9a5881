// Shared by npm start and npm run demo: rebuild when outputs are missing or older than their sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const at = (...p) => join(root, ...p);

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

export function needsBuild(outputs) {
  const sources = Math.max(...['src-main', 'src-renderer', 'vite.config.ts', 'package.json'].map((p) => newestMtime(at(p))));
  return outputs.some((o) => !existsSync(at(o)) || statSync(at(o)).mtimeMs < sources);
}

export function run(cmd, args, what) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`${what}: \`${[cmd, ...args].join(' ')}\` failed (exit ${r.status ?? r.signal}); fix the error above and try again.`);
    process.exit(r.status || 1);
  }
}

/**
 * Electron needs its bundles; browser mode needs the renderer, and the bundled CLI too once one
 * exists (bin/walltrack-monitor.mjs prefers it, so a stale one would run old code). The full build
 * (scripts/build.mjs) makes all of them; the renderer alone needs only Vite.
 */
export function buildIfNeeded({ electron, what }) {
  const outputs = ['dist/renderer/status.html'];
  if (electron) outputs.push('dist/electron/main.cjs', 'dist/electron/keychainHost.cjs');
  if (existsSync(at('dist', 'headless', 'cli.mjs'))) outputs.push('dist/headless/cli.mjs');
  if (!needsBuild(outputs)) return;
  if (existsSync(at('scripts', 'build.mjs'))) run(process.execPath, [at('scripts', 'build.mjs')], what);
  else run(process.execPath, [at('node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], what);
}
