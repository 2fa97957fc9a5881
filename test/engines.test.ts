/**
 * Issue 13 item 11: which installed packages declare a newer Node than this project's floor, and
 * so make `npm ci` print EBADENGINE. Reads package-lock.json (offline, milliseconds): a new one fails
 * here until it is understood. From Node 22.13 on, npm ci prints none.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const semver = createRequire(import.meta.url)('semver') as { satisfies(version: string, range: string): boolean; minVersion(range: string): { version: string } | null };
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; engines?: { node?: unknown } }> };
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };

/** "node_modules/a/node_modules/@b/c" → "@b/c@1.2.3", for each package whose engines.node excludes `version`. */
function warnedOn(version: string): string[] {
  return Object.entries(lock.packages)
    .filter(([path, p]) => path !== '' && typeof p.engines?.node === 'string' && !semver.satisfies(version, p.engines.node))
    .map(([path, p]) => `${path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)}@${p.version}`)
    .sort();
}

describe('npm ci engine warnings', () => {
  it('the floor is Node 20.19 (require(esm) without a flag)', () => {
    expect(semver.minVersion(pkg.engines.node)?.version).toBe('20.19.0');
  });

  it('on 20.19 exactly five, all of Electron\'s download and rebuild tools, which declare 22.12', () => {
    expect(warnedOn('20.19.0')).toEqual([
      '@electron-internal/extract-zip@1.0.8',
      '@electron/get@5.1.0',
      '@electron/rebuild@4.2.1',
      'electron@45.5.0',
      'node-abi@4.40.0',
    ]);
  });

  it('none from Node 22.13 on (22.12 itself misses the ^22.13 of the inquirer and wasm packages)', () => {
    expect(warnedOn('22.13.0')).toEqual([]);
    expect(warnedOn('24.0.0')).toEqual([]);
  });

  it('the four libraries behind those warnings load on this Node, as their dependents import them: the warnings say nothing breaks', () => {
    // ESM packages their CommonJS dependents require() (electron's install.js does): require(esm) since 20.19.
    const load = (from: string, name: string, show: string) =>
      execFileSync(process.execPath, ['-e', `const m = require('${name}'); console.log(${show})`], { cwd: join(ROOT, from), encoding: 'utf8' }).trim();
    expect(load('node_modules/electron', '@electron/get', 'typeof m.downloadArtifact')).toBe('function');
    expect(load('node_modules/electron', '@electron-internal/extract-zip', 'typeof m.extract')).toBe('function');
    expect(load('node_modules/app-builder-lib', '@electron/rebuild', 'typeof m.rebuild')).toBe('function');
    expect(load('node_modules/app-builder-lib', 'node-abi', "m.getAbi('45.0.0', 'electron')")).toBe('150');
  });
});
