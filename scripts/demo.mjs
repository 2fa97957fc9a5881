#!/usr/bin/env node
// `npm run demo`: real local services from the test stack (Neo4j, PostgreSQL behind the Supabase
// stand-in, the test runner's private keyring) and the app — `walltrack-monitor serve` with its status window —
// pre-configured against them, so it shows green in one command. Then break things and watch:
//   at the demo> prompt:        status | stop|start|restart neo4j|postgres | logs on|off | help | quit
//   from another terminal:      npm run demo -- stop neo4j      (same commands)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { at, buildIfNeeded } from './buildIfNeeded.mjs';
import { createDemoTerminal } from './demoTerminal.mjs';

const CONTROL_SOCKET = join(tmpdir(), `walltrack-demo-${userInfo().uid}.sock`);
const HELP = [
  'commands:',
  '  status                              each environment on one line: every database\'s state and latency',
  '  stop|start|restart neo4j|postgres   break a server and watch the cards go red; restart waits for down, then healthy',
  '  logs on | logs off                  follow the app\'s log lines here (off by default; they are in its log file too)',
  '  help                                this list',
  '  quit                                stop the app and every server, delete the temp data (Ctrl-C does the same)',
].join('\n');
/** The monitor's database for each server the demo runs (PostgreSQL is behind the Supabase stand-in). */
const MONITORED_AS = { neo4j: 'neo4j', postgres: 'supabase' };
const SERVER_NAMES = { neo4j: 'Neo4j', postgres: 'PostgreSQL' };
/** How long restart waits for the monitor to see each change (its interval is 2 s, with one retry). */
const SEEN_WITHIN_MS = 60_000;

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
  const [{ startPrivateKeyring }, { startNeo4j }, { ensureNeo4jLauncherBuilt, neo4jLauncherNeedsBuild }, { startPostgres }, { startSupabaseStandin }, { createMonitorCore }, { createLogger, formatPrettyLine }] =
    await Promise.all([
      loadTs('test/support/keyring.ts'),
      loadTs('test/support/neo4j.ts'),
      loadTs('test/support/neo4j-launcher-build.ts'),
      loadTs('test/support/postgres.ts'),
      loadTs('test/support/supabase-standin.ts'),
      loadTs('src-main/core/createMonitorCore.ts'),
      loadTs('src-main/core/logging.ts'),
    ]);
  const terminal = createDemoTerminal();
  const say = (text) => terminal.say(text);

  const cleanups = [];
  let quitting = false;
  const cleanup = async () => {
    quitting = true;
    terminal.close();
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    cleanups.length = 0;
  };
  process.on('SIGINT', () => void cleanup().then(() => process.exit(0)));
  process.on('SIGTERM', () => void cleanup().then(() => process.exit(0)));

  // The test runner's private Secret Service: the demo's secrets never reach your own keychain.
  const keyring = await startPrivateKeyring();
  Object.assign(process.env, keyring.env);
  cleanups.push(() => keyring.stop());

  const startingNeo4j = (async () => {
    if (neo4jLauncherNeedsBuild()) say('Neo4j: building the launcher (first run, about a minute)…');
    await ensureNeo4jLauncherBuilt();
    say('Neo4j: starting…');
    const server = await startNeo4j();
    say(`Neo4j: up on ${server.uri}`);
    return server;
  })();
  say('PostgreSQL: starting…');
  const startingPostgres = startPostgres().then((server) => {
    say(`PostgreSQL: up on ${server.host}:${server.port}`);
    return server;
  });
  const [neo4j, postgres] = await Promise.all([startingNeo4j, startingPostgres]);
  cleanups.push(() => neo4j.dispose(), () => postgres.dispose());
  const supabase = await startSupabaseStandin({ connectionString: postgres.connectionString });
  cleanups.push(() => supabase.close());
  say(`Supabase stand-in: up on ${supabase.url}`);

  // Pre-configure a throwaway data dir; the secrets go to the private keyring, as in the real app.
  const dataDir = mkdtempSync(join(tmpdir(), 'walltrack-demo-'));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  // A silent logger: this core only saves the settings, and its "stopped" line would read as if something had failed.
  const setup = createMonitorCore({ dataDir, logger: createLogger({ console: false }).logger });
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

  say('App: starting walltrack-monitor serve…');
  const app = spawn(process.execPath, [at('bin', 'walltrack-monitor.mjs'), 'serve', '--port', process.env.WALLTRACK_DEMO_PORT ?? '0'], {
    env: { ...process.env, WALLTRACK_DATA_DIR: dataDir },
    // Its log lines come here, not to the terminal, so they reach it only through `say` (above the prompt).
    stdio: ['ignore', 'pipe', 'pipe'],
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
  eachLine(app.stdout, (line) => {
    say(line);
    // serve prints the status window's URL; /api/health is on the same server.
    healthUrl ??= /^Status window: (http:\/\/[^/\s]+)\//.exec(line)?.[1]?.concat('/api/health') ?? null;
    if (/^Status window: /.test(line)) announced();
  });
  let followLogs = false;
  eachLine(app.stderr, (line) => {
    let entry;
    try {
      entry = JSON.parse(line);
    } catch {
      return say(line); // not a log entry: the app is telling a person something (or crashing)
    }
    if (!followLogs) return;
    if (typeof entry.latencyMs === 'number') entry.latencyMs = Math.round(entry.latencyMs);
    say(formatPrettyLine(JSON.stringify(entry)).trimEnd());
  });
  app.on('exit', (code) => {
    if (quitting) return;
    announced();
    console.error(`demo: the app exited (code ${code}); stopping the services.`);
    void cleanup().then(() => process.exit(code ?? 1));
  });

  const services = { neo4j, postgres };
  const readHealth = async () => {
    if (!healthUrl) throw new Error('the app is still starting; try again in a moment');
    return (await fetch(`${healthUrl}/all`, { signal: AbortSignal.timeout(5_000) })).json();
  };
  /** Waits until the monitor reports `database` in one of `states` in every environment; says what it saw. */
  const seen = async (database, states) => {
    const deadline = Date.now() + SEEN_WITHIN_MS;
    for (;;) {
      const now = (await readHealth()).environments.map((e) => [e.id, e.databases[database]?.state]);
      const seenAll = now.every(([, state]) => states.includes(state));
      if (seenAll || Date.now() > deadline) {
        const what = now.map(([id, state]) => `${id} ${database} ${state}`).join(', ');
        return seenAll ? `the monitor sees: ${what}` : `the monitor still sees after ${SEEN_WITHIN_MS / 1000} s: ${what}`;
      }
      await sleep(250);
    }
  };
  const handle = async (line, report) => {
    const [verb, name, extra] = line.trim().toLowerCase().split(/\s+/);
    if (!verb) return '';
    if (verb === 'help') return HELP;
    if (verb === 'quit' || verb === 'exit') {
      setTimeout(() => void cleanup().then(() => process.exit(0)), 10);
      return 'stopping the demo';
    }
    if (verb === 'status' && !name) {
      const describe = ([db, d]) => `${db} ${d.state}${d.latencyMs != null ? ` ${Math.round(d.latencyMs)} ms` : ''}${d.kind ? ` (${d.kind})` : ''}`;
      return (await readHealth()).environments.map((e) => `${e.id}: ${Object.entries(e.databases).map(describe).join(', ')}`).join('\n');
    }
    if (verb === 'logs' && (name === 'on' || name === 'off') && !extra) {
      followLogs = name === 'on';
      return followLogs ? "logs on: the app's log lines appear here as they happen (logs off to stop)" : 'logs off';
    }
    const service = services[name];
    if (!['stop', 'start', 'restart'].includes(verb) || !service || extra) return `error: unknown command "${line.trim()}"; type help for the commands`;
    const label = SERVER_NAMES[name];
    if (verb !== 'start') {
      report(`${label}: stopping…`);
      await service.stop();
      if (verb === 'stop') return `${label}: stopped — watch its cards go red`;
      report(`${label}: stopped; ${await seen(MONITORED_AS[name], ['down'])}`);
    }
    report(`${label}: starting…`);
    await service.start();
    if (verb === 'start') return `${label}: started — watch its cards go green`;
    return `${label}: up again; ${await seen(MONITORED_AS[name], ['healthy', 'degraded'])}`;
  };

  // allowHalfOpen: the client ends its side after the command and still reads the reply.
  const control = createServer({ allowHalfOpen: true }, (socket) => {
    let buf = '';
    socket.on('error', () => undefined);
    socket.on('data', (d) => {
      buf += d;
      if (!buf.includes('\n')) return;
      const progress = [];
      handle(buf, (text) => progress.push(text)).then(
        (reply) => socket.end(`${[...progress, reply].join('\n')}\n`),
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
  say('demo: ready. Open the "Status window" URL above. Type help for the commands; logs on follows the app\'s log lines.');
  say('demo: or from another terminal: npm run demo -- stop neo4j');
  // One command at a time, in order: "stop neo4j" then "status" must not overlap.
  terminal.readCommands(async (line) => {
    const reply = await handle(line, say).catch((e) => `error: ${e.message}`);
    if (reply) say(reply);
  });
}

/** Calls `onLine` with each whole line of a child's output stream. */
function eachLine(stream, onLine) {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (text) => {
    const lines = (rest + text).split('\n');
    rest = lines.pop();
    for (const line of lines) onLine(line);
  });
  stream.on('end', () => rest && onLine(rest));
}
