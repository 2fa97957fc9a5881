#!/usr/bin/env node
/**
 * `npm run package:check`: packages the app for Linux with electron-builder and electron-builder.yml
 * as `npm run dist` does, with two differences: Electron comes from a stand-in folder (electronDist:
 * Electron's file names, an inert executable) because the real binary cannot be downloaded here, and
 * fuses are not flipped (they patch the real binary). Needs no network. Then it reads the result:
 *   - every module the bundles (main, preload, keychain host) require resolves inside the package;
 *   - each native addon (keyring, libsql) is unpacked next to app.asar and loads (process.dlopen);
 *   - every renderer file app:// serves is there, and nothing else is (at most MAX_ASAR_BYTES);
 *   - the packaged package.json and the deb's .desktop entry name the right things.
 * The deb target stops where electron-builder would start fpm (downloaded from GitHub, so not
 * offline): its documented `effectiveOptionComputed` hook hands over the fpm arguments and the
 * .desktop file it wrote.
 * Usage: node scripts/packageCheck.mjs [--out DIR] [--report FILE]
 *   --out DIR      keep the results in DIR (release/ as built, app/ = app.asar extracted); default: a
 *                  temporary folder, removed afterwards
 *   --report FILE  also write what was found (sizes, package.json, .desktop entry, failures) as JSON
 * Exit code 0 when every check passes, 1 when one fails (each failure is printed).
 */
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire, isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfNeeded } from './buildIfNeeded.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const asar = require('@electron/asar');
const { build, Platform, Arch } = require('electron-builder');
const { build: esbuild } = await import('esbuild');

/** 5 MB: the bundles, the renderer and the keyring addon fit with room to spare (MB = 10^6 bytes here). */
const MAX_ASAR_BYTES = 5_000_000;
/** The native addons the bundles load: the platform package's folder, and an export that shows the addon loaded. */
const ADDONS = [
  { what: 'the @napi-rs/keyring addon', folder: 'node_modules/@napi-rs/keyring-', exported: 'Entry' },
  { what: 'the libsql addon (history.sqlite)', folder: 'node_modules/@libsql/', exported: 'databaseOpen' },
];
/** The bundles the app runs: main (package.json "main") loads the other two by path. */
const BUNDLES = ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/electron/keychainHost.cjs'];
/** Electron supplies this module itself. */
const PROVIDED_BY_ELECTRON = 'electron';
/** The files of Electron's Linux release zip, so electron-builder copies and renames what it would for real. */
const ELECTRON_LINUX_FILES = [
  'LICENSE', 'LICENSES.chromium.html', 'chrome-sandbox', 'chrome_100_percent.pak', 'chrome_200_percent.pak',
  'chrome_crashpad_handler', 'icudtl.dat', 'libEGL.so', 'libGLESv2.so', 'libffmpeg.so', 'libvk_swiftshader.so',
  'libvulkan.so.1', 'resources.pak', 'snapshot_blob.bin', 'v8_context_snapshot.bin', 'vk_swiftshader_icd.json',
  'locales/en-US.pak',
];

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const keep = outIndex >= 0;
const reportIndex = args.indexOf('--report');
const reportFile = reportIndex >= 0 ? resolve(args[reportIndex + 1] ?? '') : null;
const out = keep ? resolve(args[outIndex + 1] ?? '') : await mkdtemp(join(tmpdir(), 'walltrack-package-'));
const say = (line) => console.log(`package:check: ${line}`);

const failures = [];
const warnings = [];
const check = (ok, failure) => {
  if (!ok) failures.push(failure);
  return ok;
};
const inside = (dir, file) => !relative(dir, file).startsWith('..');
const toPosix = (p) => p.split(sep).join('/');
const filesUnder = async (dir) => (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => toPosix(relative(dir, join(e.parentPath, e.name))));

/** A folder laid out like Electron's Linux release, whose executable does nothing and whose data files are empty. */
async function prepareStandInElectron(dir) {
  await mkdir(join(dir, 'resources'), { recursive: true });
  await mkdir(join(dir, 'locales'), { recursive: true });
  for (const file of ELECTRON_LINUX_FILES) await writeFile(join(dir, file), '');
  await writeFile(join(dir, 'electron'), '#!/bin/sh\necho "stand-in Electron from scripts/packageCheck.mjs: it cannot run an app" >&2\nexit 1\n');
  await chmod(join(dir, 'electron'), 0o755);
  await writeFile(join(dir, 'version'), require('electron/package.json').version);
  // electron-builder hashes every .asar in resources/, so Electron's default app must be a real archive.
  const defaultApp = join(dir, 'default_app');
  await mkdir(defaultApp);
  await writeFile(join(defaultApp, 'package.json'), '{"name":"electron","main":"main.js"}\n');
  await writeFile(join(defaultApp, 'main.js'), '');
  await asar.createPackage(defaultApp, join(dir, 'resources', 'default_app.asar'));
  await rm(defaultApp, { recursive: true });
}

/** electron-builder with electron-builder.yml, overriding only where Electron comes from, fuses and the output folder. */
async function packageApp(electronDist, output, debMetadata) {
  let deb = null;
  await build({
    projectDir: root,
    targets: Platform.LINUX.createTarget(['dir', 'deb'], Arch[process.arch]),
    publish: 'never',
    config: { electronDist, electronFuses: null, directories: { output }, ...debMetadata },
    // The deb target calls this with fpm's arguments and the .desktop file; true = stop before fpm.
    effectiveOptionComputed: async (options) => {
      if (!Array.isArray(options) || typeof options[1] !== 'string') return false;
      deb = { fpmArgs: options[0], desktopEntry: await readFile(options[1], 'utf8') };
      return true;
    },
  });
  return deb;
}

/**
 * electron-builder refuses to make a deb without a maintainer (linux.maintainer or package.json
 * author with email) and a homepage. Where they are missing, `npm run dist` fails: say so, and fill
 * in obvious stand-ins only for this check so the rest of the deb is still checked.
 */
function debMetadataStandIn(effective, rootPackage) {
  const extra = {};
  if (!effective.linux?.maintainer && !rootPackage.author?.email) {
    warnings.push('no deb maintainer (electron-builder.yml linux.maintainer, or package.json author with email): `npm run dist` fails on the deb target');
    extra.linux = { maintainer: 'stand-in maintainer <package-check@invalid>' };
  }
  if (!rootPackage.homepage && !rootPackage.repository) {
    warnings.push('no homepage in package.json: `npm run dist` fails on the deb target');
    extra.extraMetadata = { homepage: 'https://package-check.invalid/' };
  }
  return extra;
}

/** Every file in the archive with its size and whether it is unpacked, from the asar header. */
function asarFiles(archive) {
  const files = new Map();
  const walk = (node, path) => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const p = path ? `${path}/${name}` : name;
      if (child.files) walk(child, p);
      else files.set(p, { size: child.size ?? 0, unpacked: child.unpacked === true });
    }
  };
  walk(asar.getRawHeader(archive).header, '');
  return files;
}

/**
 * Resolves everything the bundles require, from inside the extracted app: esbuild walks the require
 * graph with Node's resolution rules (a require inside try/catch may fail: the code expects that),
 * and Node's own resolver answers for each package required by name.
 */
async function walkRequires(appDir) {
  const result = await esbuild({
    entryPoints: BUNDLES.map((b) => join(appDir, b)),
    absWorkingDir: appDir,
    outdir: join(appDir, '.walk'),
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'cjs',
    mainFields: ['main'],
    conditions: ['require'],
    nodePaths: [],
    external: [PROVIDED_BY_ELECTRON],
    loader: { '.node': 'empty' }, // the addon must exist; that it loads is checked with process.dlopen
    logLevel: 'silent',
  }).catch((error) => ({ errors: error.errors ?? [{ text: String(error) }] }));
  if (!result.metafile) {
    for (const e of result.errors) failures.push(`a bundle requires what is not packaged: ${e.text}${e.location ? ` (${e.location.file}:${e.location.line})` : ''}`);
    return { files: [], packages: [] };
  }
  const files = Object.keys(result.metafile.inputs).map((f) => resolve(appDir, f));
  for (const f of files) check(inside(appDir, f), `a bundle loads ${f}, outside the package`);
  const packages = new Set();
  for (const [input, { imports }] of Object.entries(result.metafile.inputs)) {
    for (const { original, kind } of imports) {
      if (kind !== 'require-call' || !original || original.startsWith('.') || isBuiltin(original) || original === PROVIDED_BY_ELECTRON) continue;
      let resolved = null;
      try {
        resolved = createRequire(resolve(appDir, input)).resolve(original);
      } catch {
        // optional (inside try/catch): esbuild already failed the walk for a mandatory one
      }
      const name = original.split('/').slice(0, original.startsWith('@') ? 2 : 1).join('/');
      if (resolved && check(inside(appDir, resolved), `${original} (required by ${input}) resolves outside the package: ${resolved}`)) packages.add(name);
    }
  }
  return { files: files.map((f) => toPosix(relative(appDir, f))), packages: [...packages].sort() };
}

/** The package folder (node_modules/<name> or node_modules/@scope/<name>) a file belongs to, or null. */
function packageDirOf(file) {
  const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(file);
  return m ? m[1] : null;
}

/** Whether this Linux uses musl (Alpine); Node's report names the glibc version otherwise. */
function isMusl() {
  return process.platform === 'linux' && !process.report?.getReport?.().header?.glibcVersionRuntime;
}

const report = { out: keep ? out : null, failures, warnings };
try {
  say(`building (if the sources changed) and packaging into ${out}`);
  buildIfNeeded({ electron: true, what: 'package:check' });
  await rm(out, { recursive: true, force: true });
  const electronDist = join(out, 'electron-stand-in');
  await prepareStandInElectron(electronDist);
  const config = require('app-builder-lib/out/util/config/config');
  const effective = await config.getConfig(root, 'electron-builder.yml', null);
  const rootPackage = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  const deb = await packageApp(electronDist, join(out, 'release'), debMetadataStandIn(effective, rootPackage));
  const appOutDir = join(out, 'release', `linux-${process.arch === 'x64' ? '' : `${process.arch}-`}unpacked`);
  const resources = join(appOutDir, 'resources');
  const archive = join(resources, 'app.asar');
  const appDir = join(out, 'app');
  asar.extractAll(archive, appDir);
  const files = asarFiles(archive);
  report.asarBytes = (await stat(archive)).size;
  report.asarEntries = asar.listPackage(archive).length;
  check(report.asarBytes <= MAX_ASAR_BYTES, `app.asar is ${report.asarBytes} bytes, more than ${MAX_ASAR_BYTES}: something not needed is packaged`);

  // package.json: what Electron starts and how the app names itself.
  const packaged = JSON.parse(await readFile(join(appDir, 'package.json'), 'utf8'));
  report.packageJson = { main: packaged.main, version: packaged.version, productName: packaged.productName, name: packaged.name };
  check(packaged.main === BUNDLES[0], `packaged package.json "main" is ${packaged.main}, not ${BUNDLES[0]}`);
  check(packaged.version === rootPackage.version, `packaged version ${packaged.version} differs from package.json's ${rootPackage.version}`);
  const productName = effective.productName ?? rootPackage.productName;
  check(packaged.productName === productName, `packaged productName is ${packaged.productName}, not ${productName}: Electron would name the app ${packaged.name}`);

  // Requires: what the bundles load, from inside the package.
  for (const b of BUNDLES) check(files.has(b), `bundle ${b} is not packaged`);
  const walked = await walkRequires(appDir);
  report.requiredPackages = walked.packages;
  const neededPackageDirs = new Set(walked.files.map(packageDirOf).filter(Boolean));

  // The native addons: unpacked (a .node cannot load from inside app.asar) and loadable.
  const addons = [...files].filter(([f]) => f.endsWith('.node'));
  report.addons = addons.map(([f]) => f);
  for (const { what, folder } of ADDONS) check(addons.some(([f]) => f.startsWith(folder)), `${what} for this platform is not packaged`);
  for (const [file, { unpacked }] of addons) {
    if (!check(unpacked, `${file} is inside app.asar, where it cannot be loaded; it must be in app.asar.unpacked`)) continue;
    neededPackageDirs.add(packageDirOf(file));
    // Other libc builds of an addon (linux-x64-musl beside -gnu) are shipped but cannot load here.
    if (file.includes('-musl') !== isMusl()) continue;
    const onDisk = join(resources, 'app.asar.unpacked', file);
    const addon = ADDONS.find((a) => file.startsWith(a.folder));
    const module = { exports: {} };
    try {
      process.dlopen(module, onDisk);
      check(!addon || typeof module.exports[addon.exported] === 'function', `${onDisk} loaded but exports no ${addon?.exported}`);
    } catch (error) {
      failures.push(`${onDisk} does not load: ${error.message}`);
    }
  }

  // Renderer: every built file app:// can serve (source maps are not shipped, see electron-builder.yml).
  const renderer = (await filesUnder(join(root, 'dist', 'renderer'))).filter((f) => !f.endsWith('.map')).map((f) => `dist/renderer/${f}`);
  report.rendererFiles = renderer.length;
  for (const f of renderer) check(files.has(f), `renderer file ${f} is not packaged: app:// would answer 404`);
  for (const page of ['dist/renderer/status.html', 'dist/renderer/settings.html']) check(files.has(page), `${page} is not packaged`);

  // Nothing else: only package.json, the bundles, the renderer and the packages the bundles load.
  const allowed = new Set(['package.json', ...BUNDLES, ...renderer]);
  const extra = [...files.keys()].filter((f) => !allowed.has(f) && !neededPackageDirs.has(packageDirOf(f)));
  report.notNeeded = extra.slice(0, 20);
  check(extra.length === 0, `${extra.length} packaged files are not needed at run time, e.g. ${extra.slice(0, 5).join(', ')}`);

  // The deb's desktop entry (installed to /opt/<productName>/, see electron-builder's FpmTarget).
  if (check(deb !== null, 'the deb target did not reach fpm, so its .desktop entry was not checked')) {
    const entry = Object.fromEntries(deb.desktopEntry.split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    report.desktopEntry = { Name: entry.Name, StartupWMClass: entry.StartupWMClass, Exec: entry.Exec, Icon: entry.Icon, Categories: entry.Categories };
    const executable = effective.linux.executableName;
    check(entry.Exec === `"/opt/${productName}/${executable}" %U`, `.desktop Exec is ${entry.Exec}`);
    check((await stat(join(appOutDir, executable)).catch(() => null))?.isFile() === true, `the executable ${executable} that Exec starts is not in ${appOutDir}`);
    check(entry.Icon === executable, `.desktop Icon is ${entry.Icon}, not ${executable}`);
    check(deb.fpmArgs.some((a) => a.endsWith(`/apps/${entry.Icon}.png`)), `the deb installs no icon named ${entry.Icon}`);
    check(entry.Categories === `${effective.linux.category};`, `.desktop Categories is ${entry.Categories}, not ${effective.linux.category};`);
  }
} catch (error) {
  failures.push(`packaging failed: ${error?.stack ?? error}`);
}

if (!keep) await rm(out, { recursive: true, force: true });
if (reportFile) await writeFile(reportFile, `${JSON.stringify(report, null, 2)}\n`);
say(`app.asar ${report.asarBytes ?? '?'} bytes (${((report.asarBytes ?? 0) / 1e6).toFixed(2)} MB), ${report.asarEntries ?? '?'} entries; packages loaded from node_modules: ${(report.requiredPackages ?? []).join(', ') || 'none'}`);
for (const w of warnings) say(`WARNING: ${w}`);
for (const f of failures) say(`FAILED: ${f}`);
say(failures.length ? `${failures.length} check(s) failed` : 'all checks passed');
process.exit(failures.length ? 1 : 0);
