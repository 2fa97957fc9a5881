/**
 * Where a real Electron binary is, without triggering electron's download-on-require:
 * ELECTRON_BINARY, or ELECTRON_OVERRIDE_DIST_PATH, or node_modules/electron/dist/<path.txt>.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function findElectronBinary(root: string, env: NodeJS.ProcessEnv = process.env): { path: string | null; why: string } {
  if (env.ELECTRON_BINARY) {
    return existsSync(env.ELECTRON_BINARY)
      ? { path: env.ELECTRON_BINARY, why: 'ELECTRON_BINARY' }
      : { path: null, why: `ELECTRON_BINARY=${env.ELECTRON_BINARY} does not exist` };
  }
  const pkg = join(root, 'node_modules', 'electron');
  const pathTxt = join(pkg, 'path.txt');
  const relative = existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8').trim() : null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = join(env.ELECTRON_OVERRIDE_DIST_PATH, relative ?? 'electron');
    return existsSync(candidate) ? { path: candidate, why: 'ELECTRON_OVERRIDE_DIST_PATH' } : { path: null, why: `${candidate} does not exist` };
  }
  if (!relative) return { path: null, why: 'node_modules/electron/path.txt is missing (the Electron binary was never downloaded)' };
  const candidate = join(pkg, 'dist', relative);
  return existsSync(candidate) ? { path: candidate, why: 'node_modules/electron/dist' } : { path: null, why: `${candidate} does not exist` };
}
