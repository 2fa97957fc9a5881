#!/usr/bin/env node
// `npm test`: everything a fresh machine needs beyond `npm ci`, then `vitest run` (all tests).
//   1. checks the Debian binaries the real test services use, naming the apt package of any missing one;
//   2. builds the Neo4j launcher (Maven; cached in ~/.m2 and test/neo4j-launcher/target) with visible output;
//   3. runs vitest, whose globalSetup starts the private keyring and the shared servers.
// Extra arguments go to vitest (e.g. `npm test -- test/support`). The exit code is vitest's.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const log = (line) => console.log(`[npm test] ${line}`);

function onPath(name) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && fs.existsSync(path.join(dir, name)));
}

function hasPostgres() {
  const debianRoot = '/usr/lib/postgresql';
  if (fs.existsSync(debianRoot) && fs.readdirSync(debianRoot).some((v) => fs.existsSync(path.join(debianRoot, v, 'bin', 'postgres')))) return true;
  return onPath('postgres') && onPath('initdb');
}

function javaMajor() {
  const r = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const m = /version "(\d+)/.exec(`${r.stderr}${r.stdout}`);
  return m ? Number(m[1]) : 0;
}

function checkPrerequisites() {
  const missing = [];
  const need = (ok, what, aptPackage) => ok || missing.push(`  ${what}: apt-get install -y ${aptPackage}`);
  need(onPath('java') && javaMajor() >= 17, 'Java 17+ (runs the Neo4j test server)', 'openjdk-17-jdk-headless');
  need(onPath('mvn'), 'Maven (builds the Neo4j launcher)', 'maven');
  need(hasPostgres(), 'PostgreSQL server (initdb, postgres)', 'postgresql');
  need(onPath('dbus-daemon'), 'dbus-daemon (private D-Bus session for the keychain tests)', 'dbus-daemon');
  need(onPath('dbus-send'), 'dbus-send (checks the private Secret Service is up)', 'dbus-bin');
  need(onPath('gnome-keyring-daemon'), 'gnome-keyring-daemon (the Secret Service)', 'gnome-keyring');
  need(fs.existsSync('/usr/bin/chromium'), '/usr/bin/chromium (browser-mode end-to-end tests)', 'chromium');
  need(onPath('prometheus') && onPath('promtool'), 'Prometheus and promtool (scrape /metrics; check the alerting rules)', 'prometheus');
  need(onPath('systemd-analyze'), 'systemd-analyze (verifies the shipped systemd unit)', 'systemd');
  need(onPath('tmux'), 'tmux (a real terminal for the demo prompt test)', 'tmux');
  if (process.getuid?.() === 0) need(onPath('setpriv'), 'setpriv (runs PostgreSQL unprivileged when tests run as root)', 'util-linux');
  if (missing.length) {
    console.error(`[npm test] Missing prerequisites (bash .ci/run installs them all):\n${missing.join('\n')}`);
    process.exit(2);
  }
}

function buildNeo4jLauncher() {
  // the helper is TypeScript; tsx (a devDependency) loads it. The interval keeps the event loop
  // alive: the build's training run unrefs the Neo4j child it then waits for.
  const script = [
    'const keepAlive = setInterval(() => {}, 60_000);',
    "await (await import('./test/support/neo4j-launcher-build.ts')).ensureNeo4jLauncherBuilt();",
    'clearInterval(keepAlive);',
  ].join('\n');
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    { cwd: root, stdio: 'inherit' },
  );
  if (r.status !== 0) {
    console.error('[npm test] Building the Neo4j test launcher failed (see Maven output above); it needs Maven Central or a warm ~/.m2.');
    process.exit(r.status ?? 1);
  }
}

checkPrerequisites();
const started = Date.now();
buildNeo4jLauncher();
log(`Neo4j launcher ready (${((Date.now() - started) / 1000).toFixed(1)} s)`);

// A JSON report beside the console one, for the plain "N passed, N failed" closing line CI reads.
const reportFile = path.join(root, 'test-results', 'vitest.json');
fs.rmSync(reportFile, { force: true });
const vitest = spawn(
  process.execPath,
  [path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`, ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
// pass Ctrl-C / kill on to vitest so its teardown (and the services' exit hooks) run
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => vitest.kill(signal));
vitest.on('exit', (code, signal) => {
  printClosingLine();
  process.exit(signal ? 128 + (os.constants.signals[signal] ?? 1) : (code ?? 1));
});

function printClosingLine() {
  let report;
  try {
    report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
  } catch {
    console.log('tests: no report written (vitest stopped before the end)');
    return;
  }
  const skipped = report.numPendingTests + report.numTodoTests;
  // A file that fails to load fails no single test; count it so the line never says 0 failed on a red run.
  const failed = report.numFailedTests || (report.success ? 0 : Math.max(1, report.numFailedTestSuites));
  console.log(`tests: ${report.numPassedTests} passed, ${failed} failed, ${skipped} skipped`);
}
