#!/usr/bin/env node
// `npm run demo`: real local services from the test stack (Neo4j, PostgreSQL behind the Supabase
// stand-in, the test runner's private keyring) and the app — `walltrack-monitor serve` with its status window —
// pre-configured against them, so it shows green in one command. Then break things and watch:
//   at the demo> prompt:        stop neo4j | start neo4j | stop postgres | start postgres | status | quit
//   from another terminal:      npm run demo -- stop neo4j      (same commands)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { at, buildIfNeeded } from './buildIfNeeded.mjs';

const CONTROL_SOCKET = join(tmpdir(), `walltrack-demo-${userInfo().uid}.sock`);
const HELP = 'commands: stop neo4j | start neo4j | stop postgres | start postgres | status | quit';

const args = process.argv.slice(2).filter((a, i) => !(i === 0 && a === '--'));
if (args.length > 0) process.exit(await sendControl(args.join(' ')));
await runDemo();

/** `npm run demo -- stop neo4j`: hands the command to the running demo. */
function sendControl(line) {
  return new Promise((resolve) => {
    const socket = connect(CONTROL_SOCKET, () => socket.end(`${line}\n`));
    let reply = '';
    socket.on('data', (d) => (reply += d));
    socket.on('end', () => {
      process.stdout.write(reply);
      resolve(reply.startsWith('error') ? 1 : 0);
    });
    socket.on('error', () => {
      console.error('demo: no demo is running (start one with `npm run demo` in another terminal).');
      resolve(2);
    });
  });
}

async function loadTs(path) {
  return import(pathToFileURL(at(path)).href);
}

/** True when another demo answers on the control socket (a stale socket file does not count). */
function demoRunning() {
  return new Promise((resolve) => {
    const socket = connect(CONTROL_SOCKET, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

async function runDemo() {
  if (await demoRunning()) {
    console.error('demo: a demo is already running; use it (npm run demo -- status) or quit it first (npm run demo -- quit).');
    process.exit(2);
  }
  buildIfNeeded({ electron: false, what: 'npm run demo' });
  const { register } = await import('tsx/esm/api');
  register();
  const [{ startPrivateKeyring }, { startNeo4j }, { startPostgres }, { startSupabaseStandin }, { createMonitorCore }] = await Promise.all([
    loadTs('test/support/keyring.ts'),
    loadTs('test/support/neo4j.ts'),
    loadTs('test/support/postgres.ts'),
    loadTs('test/support/supabase-standin.ts'),
    loadTs('src-main/core/createMonitorCore.ts'),
  ]);

  const cleanups = [];
  let quitting = false;
  const cleanup = async () => {
    quitting = true;
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    cleanups.length = 0;
  };
  process.on('SIGINT', () => void cleanup().then(() => process.exit(0)));
  process.on('SIGTERM', () => void cleanup().then(() => process.exit(0)));

  // The test runner's private Secret Service: the demo's secrets never reach your own keychain.
  const keyring = await startPrivateKeyring();
  Object.assign(process.env, keyring.env);
  cleanups.push(() => keyring.stop());

  console.log('demo: starting Neo4j 5.26 and PostgreSQL (with the Supabase stand-in in front of it)…');
  const [neo4j, postgres] = await Promise.all([startNeo4j(), startPostgres()]);
  cleanups.push(() => neo4j.dispose(), () => postgres.dispose());
  const supabase = await startSupabaseStandin({ connectionString: postgres.connectionString });
  cleanups.push(() => supabase.close());

  // Pre-configure a throwaway data dir; the secrets go to the private keyring, as in the real app.
  const dataDir = mkdtempSync(join(tmpdir(), 'walltrack-demo-'));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  const setup = createMonitorCore({ dataDir });
  // Two environments on the same servers, so the windows show environments side by side.
  const environments = [
    { id: 'production', name: 'Production', colour: '#d33682' },
    { id: 'staging', name: 'Staging', colour: '#268bd2' },
  ];
  const databases = { supabase: { url: supabase.url, probeTable: 'wallets' }, neo4j: { uri: neo4j.uri, user: 'neo4j', database: null } };
  const secrets = { supabaseKey: { action: 'replace', value: supabase.serviceRoleKey }, neo4jPassword: { action: 'replace', value: neo4j.password } };
  await setup.saveSettings({
    settings: {
      environments: environments.map((e) => ({ ...e, databases })),
      monitor: { intervalSec: 2, timeoutMs: 2_000, retries: 1, backoffInitialMs: 500, backoffMaxMs: 1_000, slowMs: 1_000 },
      app: { notifications: true, startAtLogin: false },
    },
    secrets: Object.fromEntries(environments.map((e) => [e.id, secrets])),
    // The throwaway data dir starts with the "default" environment; it is replaced by the two above.
    removeEnvironments: ['default'],
  });
  await setup.stop();

  const app = spawn(process.execPath, [at('bin', 'walltrack-monitor.mjs'), 'serve', '--port', process.env.WALLTRACK_DEMO_PORT ?? '0'], {
    env: { ...process.env, WALLTRACK_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  cleanups.push(
    () =>
      new Promise((resolve) => {
        if (app.exitCode !== null) return resolve();
        app.once('exit', resolve);
        app.kill('SIGTERM');
      }),
  );
  let healthUrl = null;
  let announced;
  const ready = new Promise((resolve) => (announced = resolve));
  app.stdout.setEncoding('utf8');
  app.stdout.on('data', (text) => {
    process.stdout.write(text);
    // serve prints the status window's URL; /api/health is on the same server.
    healthUrl ??= /^Status window: (http:\/\/[^/\s]+)\//m.exec(text)?.[1]?.concat('/api/health') ?? null;
    if (/^Status window: /m.test(text)) announced();
  });
  app.on('exit', (code) => {
    if (quitting) return;
    announced();
    console.error(`demo: the app exited (code ${code}); stopping the services.`);
    void cleanup().then(() => process.exit(code ?? 1));
  });

  const services = { neo4j, postgres };
  const handle = async (line) => {
    const [verb, name] = line.trim().toLowerCase().split(/\s+/);
    if (!verb) return '';
    if (verb === 'help') return HELP;
    if (verb === 'quit' || verb === 'exit') {
      setTimeout(() => void cleanup().then(() => process.exit(0)), 10);
      return 'stopping the demo';
    }
    if (verb === 'status') {
      if (!healthUrl) return 'the app is still starting';
      const all = await (await fetch(`${healthUrl}/all`)).json();
      const describe = ([db, d]) => `${db} ${d.state}${d.latencyMs != null ? ` ${Math.round(d.latencyMs)} ms` : ''}${d.kind ? ` (${d.kind})` : ''}`;
      return all.environments.map((e) => `${e.id}: ${Object.entries(e.databases).map(describe).join(', ')}`).join(' · ');
    }
    const service = services[name];
    if ((verb !== 'stop' && verb !== 'start') || !service) return `error: unknown command "${line.trim()}"; ${HELP}`;
    await service[verb]();
    return `${name} ${verb === 'stop' ? 'stopped — watch its card go red' : 'started — watch it go green'}`;
  };

  // allowHalfOpen: the client ends its side after the command and still reads the reply.
  const control = createServer({ allowHalfOpen: true }, (socket) => {
    let buf = '';
    socket.on('error', () => undefined);
    socket.on('data', (d) => {
      buf += d;
      if (!buf.includes('\n')) return;
      handle(buf).then(
        (reply) => socket.end(`${reply}\n`),
        (e) => socket.end(`error: ${e.message}\n`),
      );
    });
  });
  rmSync(CONTROL_SOCKET, { force: true });
  control.listen(CONTROL_SOCKET);
  cleanups.push(async () => {
    control.close();
    rmSync(CONTROL_SOCKET, { force: true });
  });

  await ready;
  console.log(`demo: ready. Open the "Status window" URL above. ${HELP}`);
  console.log('demo: or from another terminal: npm run demo -- stop neo4j');
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: 'demo> ', terminal: process.stdin.isTTY });
  if (process.stdin.isTTY) rl.prompt();
  // One command at a time, in order: "stop neo4j" then "status" must not overlap.
  let queue = Promise.resolve();
  rl.on('line', (line) => {
    queue = queue.then(async () => {
      console.log(await handle(line).catch((e) => `error: ${e.message}`));
      if (process.stdin.isTTY) rl.prompt();
    });
  });
}
