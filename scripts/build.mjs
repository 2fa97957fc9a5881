#!/usr/bin/env node
/**
 * Builds everything the Electron app runs from, into dist/:
 *   dist/electron/main.cjs     the main process (esbuild bundle; electron and native modules stay external)
 *   dist/electron/preload.cjs  the sandboxed preload (one self-contained file: it cannot require local files)
 *   dist/electron/keychainHost.cjs  the keychain utility process (utilityProcess.fork; keyring addon external)
 *   dist/headless/cli.mjs      the headless CLI (bin/walltrack-monitor.mjs runs it when tsx is not installed)
 * Every bundle contains its dependencies except the native addons (the keyring, libsql for history.sqlite),
 * which is why package.json's `dependencies` list only those: they are all electron-builder packages beside the bundles.
 *   dist/renderer/             the status and settings windows (vite build, config in vite.config.ts)
 *   dist/icons/icon.png        the app icon, drawn by the same code as the tray icons
 * Usage: node scripts/build.mjs [--out DIR] [--skip-main] [--skip-renderer] [--skip-icons]
 *   (tests build only the bundles into a temporary --out)
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const out = outIndex >= 0 ? resolve(args[outIndex + 1] ?? '') : join(root, 'dist');
const skipRenderer = args.includes('--skip-renderer');
const skipIcons = args.includes('--skip-icons');
const skipMain = args.includes('--skip-main');
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));

/**
 * Floors for Electron 45: Electron 40 already moved to Node 24.11 and Chromium 144 (its release notes), and
 * later majors only move up, so syntax these allow runs there.
 */
const MAIN_TARGET = 'node24';
const PRELOAD_TARGET = 'chrome144';

/** Native addons cannot be bundled; electron-builder ships them from node_modules (package.json `dependencies`). */
const NATIVE = ['@napi-rs/keyring', 'libsql'];

/**
 * One esbuild bundle from src-main/<entry> to <out>/<outfile>, with the options every bundle here shares.
 * Whitespace is minified to keep app.asar within 5 MB (npm run package:check); names stay, so stack
 * traces stay readable, and the .map beside each bundle in dist/ maps a column back to the source.
 */
const bundle = (entry, outfile, options) =>
  esbuild({ entryPoints: [join(root, 'src-main', entry)], outfile: join(out, outfile), bundle: true, minifyWhitespace: true, sourcemap: 'linked', logLevel: 'warning', ...options });

/** Main-process bundles (main, keychain host): CommonJS for Electron's Node, native addons left outside. */
const MAIN_PROCESS = { platform: 'node', format: 'cjs', target: MAIN_TARGET, external: ['electron', ...NATIVE] };

async function step(name, fn) {
  const started = Date.now();
  await fn();
  console.log(`build: ${name} (${Date.now() - started} ms)`);
}

if (!skipMain) await step('main process -> dist/electron/main.cjs', () =>
  bundle('electron/main.ts', 'electron/main.cjs', {
    ...MAIN_PROCESS,
    // ESM dependencies that read import.meta.url get the bundle's own URL in CommonJS.
    define: { 'import.meta.url': '__walltrack_import_meta_url' },
    banner: { js: "const __walltrack_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  }),
);

if (!skipMain) await step('keychain host -> dist/electron/keychainHost.cjs', () =>
  bundle('electron/keychainHost.ts', 'electron/keychainHost.cjs', MAIN_PROCESS),
);

await step('preload -> dist/electron/preload.cjs', () =>
  bundle('electron/preload.ts', 'electron/preload.cjs', { platform: 'browser', format: 'cjs', target: PRELOAD_TARGET, external: ['electron'] }),
);

// The headless CLI for installs without tsx (npm ci --omit=dev): ESM, self-contained like the app's
// bundles. Bundled CommonJS dependencies call require(), which an ES module lacks: the banner gives them one.
await step('headless CLI -> dist/headless/cli.mjs', () =>
  bundle('headless/cli.ts', 'headless/cli.mjs', {
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: NATIVE,
    banner: { js: "import { createRequire as __walltrack_createRequire } from 'node:module'; const require = __walltrack_createRequire(import.meta.url);" },
  }),
);

if (!skipIcons) await step('app icon -> dist/icons/icon.png', async () => {
  // The same drawing code as the tray, loaded from TypeScript through tsx.
  const { tsImport } = await import('tsx/esm/api');
  const { renderTrayIcon } = await tsImport('../src-main/electron/trayIcons.ts', import.meta.url);
  await mkdir(join(out, 'icons'), { recursive: true });
  await writeFile(join(out, 'icons/icon.png'), renderTrayIcon('ok', 1024, 'light'));
});

if (!skipRenderer) {
  await step('renderer -> dist/renderer (vite)', async () => {
    const { build } = await import('vite');
    await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir: join(out, 'renderer') } });
  });
}

console.log(`build: done — WallTrack Monitor ${pkg.version}`);
