/**
 * A real PostgreSQL (Debian's `postgresql` package) for tests: initdb into a temp dir, its own
 * 127.0.0.1 port, password (SCRAM) auth for the test role, seeded with a small `wallets` table.
 *
 * PostgreSQL refuses to run as root, and CI runs as root: then initdb/postgres run as the
 * unprivileged `postgres` user (created by the Debian package; `walltrack-test` is created if
 * neither exists) via setpriv, in a temp dir that user owns. As a normal user they run directly.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './faults.js';
import { killAndWaitSync, killQuietly, onProcessExit } from './process-cleanup.js';

export interface PostgresServer {
  host: '127.0.0.1';
  port: number;
  /** Login role for tests (not a superuser); member of the `anon` and `service_role` roles. */
  user: string;
  password: string;
  database: string;
  connectionString: string;
  dataDir: string;
  running: boolean;
  /** Fast shutdown (SIGINT); data and port are kept for start(). */
  stop(): Promise<void>;
  /** Starts again on the same port and data dir. */
  start(): Promise<void>;
  /** stop() + delete the temp dir. */
  dispose(): Promise<void>;
}

const TEST_USER = 'walltrack';
const TEST_DATABASE = 'walltrack';
const READY_TIMEOUT_MS = 30_000;

/** Rows of the seeded table; tests compare against these. */
export const SEEDED_WALLETS = [
  { address: '7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU', label: 'smart-money-1', score: 0.92 },
  { address: '9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM', label: 'whale-2', score: 0.75 },
  { address: 'HN7cABqLq46Es1jh92dQQisAq662SmxELLLsHHe4YWrH', label: 'sniper-3', score: 0.41 },
] as const;

/** Finds the PostgreSQL server binaries: Debian keeps them off PATH under /usr/lib/postgresql/<major>/bin. */
export function findPostgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  if (fs.existsSync(root)) {
    const majors = fs
      .readdirSync(root)
      .filter((d) => fs.existsSync(path.join(root, d, 'bin', 'postgres')))
      .sort((a, b) => Number(b) - Number(a));
    if (majors[0]) return path.join(root, majors[0], 'bin');
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && fs.existsSync(path.join(dir, 'postgres')) && fs.existsSync(path.join(dir, 'initdb'))) return dir;
  }
  throw new Error(
    'PostgreSQL server binaries (initdb, postgres) not found under /usr/lib/postgresql/*/bin or on PATH. ' +
      'Install them with: apt-get install -y postgresql',
  );
}

interface RunAs {
  uid: number;
  gid: number;
  /** Prefix that runs a command as that user ([] when we are not root). */
  prefix: string[];
}

function userIds(name: string): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

/** As root, pick (or create) an unprivileged user for PostgreSQL; otherwise run as ourselves. */
function resolveRunAs(): RunAs {
  if (process.getuid?.() !== 0) return { uid: process.getuid?.() ?? -1, gid: process.getgid?.() ?? -1, prefix: [] };
  let ids = userIds('postgres') ?? userIds('walltrack-test');
  if (!ids) {
    execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'walltrack-test'], { stdio: 'ignore' });
    ids = userIds('walltrack-test');
  }
  if (!ids) throw new Error('Could not find or create an unprivileged user to run PostgreSQL as (tried postgres, walltrack-test)');
  // setpriv execs in place (unlike su/runuser), so the pid we hold is the postmaster itself
  return { ...ids, prefix: ['setpriv', `--reuid=${ids.uid}`, `--regid=${ids.gid}`, '--clear-groups', '--'] };
}

function chownTree(dir: string, runAs: RunAs): void {
  if (process.getuid?.() !== 0) return;
  fs.chownSync(dir, runAs.uid, runAs.gid);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(p, runAs);
    else fs.chownSync(p, runAs.uid, runAs.gid);
  }
}

function runChecked(runAs: RunAs, command: string, args: string[], what: string): void {
  const [file, ...rest] = [...runAs.prefix, command, ...args];
  try {
    execFileSync(file!, rest, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`PostgreSQL test server: ${what} failed: ${(e.stderr || e.stdout || e.message).trim()}`);
  }
}

export async function startPostgres(): Promise<PostgresServer> {
  const binDir = findPostgresBinDir();
  const runAs = resolveRunAs();
  const baseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'walltrack-pg-'));
  const dataDir = path.join(baseDir, 'data');
  const logFile = path.join(baseDir, 'postgres.log');
  const superPassword = randomBytes(18).toString('base64url');
  const password = randomBytes(18).toString('base64url');
  const port = await freePort();

  let child: ChildProcess | null = null;
  const unregister = onProcessExit(() => {
    // SIGQUIT = immediate shutdown: the only kind that cannot be waited for here
    killAndWaitSync(child?.pid, 'SIGQUIT');
    fs.rmSync(baseDir, { recursive: true, force: true, maxRetries: 3 });
  });

  try {
    const pwFile = path.join(baseDir, 'superuser.pw');
    fs.writeFileSync(pwFile, superPassword + '\n', { mode: 0o600 });
    chownTree(baseDir, runAs);
    runChecked(
      runAs,
      path.join(binDir, 'initdb'),
      ['-D', dataDir, '-U', 'postgres', `--pwfile=${pwFile}`, '--auth-host=scram-sha-256', '--auth-local=peer', '-E', 'UTF8', '--locale=C', '--no-sync'],
      'initdb',
    );
    fs.rmSync(pwFile);
  } catch (error) {
    unregister();
    fs.rmSync(baseDir, { recursive: true, force: true });
    throw error;
  }

  const server: PostgresServer = {
    host: '127.0.0.1',
    port,
    user: TEST_USER,
    password,
    database: TEST_DATABASE,
    connectionString: `postgresql://${TEST_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${TEST_DATABASE}`,
    dataDir,
    running: false,
    async start() {
      if (server.running) return;
      // `child` is set at spawn, not when ready, so an interrupt during start-up still kills it
      await launch(binDir, runAs, dataDir, baseDir, port, logFile, superPassword, (spawned) => {
        child = spawned;
        spawned.once('exit', () => {
          server.running = false;
        });
      });
      server.running = true;
    },
    async stop() {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) {
        server.running = false;
        return;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => killQuietly(c.pid, 'SIGKILL'), 15_000);
        c.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        // SIGINT = fast shutdown: disconnect clients, checkpoint, exit
        killQuietly(c.pid, 'SIGINT');
      });
      child = null;
      server.running = false;
    },
    async dispose() {
      await server.stop();
      unregister();
      fs.rmSync(baseDir, { recursive: true, force: true });
    },
  };

  try {
    await server.start();
    await seed(server, superPassword);
  } catch (error) {
    await server.dispose();
    throw error;
  }
  return server;
}

async function launch(
  binDir: string,
  runAs: RunAs,
  dataDir: string,
  socketDir: string,
  port: number,
  logFile: string,
  superPassword: string,
  onSpawn: (child: ChildProcess) => void,
): Promise<void> {
  const [file, ...args] = [
    ...runAs.prefix,
    path.join(binDir, 'postgres'),
    '-D', dataDir,
    '-c', `port=${port}`,
    '-c', 'listen_addresses=127.0.0.1',
    '-c', `unix_socket_directories=${socketDir}`,
    '-c', 'fsync=off',
    '-c', 'max_connections=50',
  ];
  const log = fs.openSync(logFile, 'a');
  const child = spawn(file!, args, { stdio: ['ignore', log, log] });
  fs.closeSync(log);
  onSpawn(child);

  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: superPassword, database: 'postgres', connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch (error) {
      lastError = (error as Error).message;
      await client.end().catch(() => {});
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  killQuietly(child.pid, 'SIGKILL');
  const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n') : '';
  throw new Error(`PostgreSQL test server did not accept connections on 127.0.0.1:${port} (last error: ${lastError}). Server log:\n${tail}`);
}

/**
 * Creates the test role and database, Supabase's `anon` and `service_role` roles (the stand-in
 * switches to them per request, as PostgREST does), and the seeded `wallets` table.
 */
async function seed(server: PostgresServer, superPassword: string): Promise<void> {
  const admin = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'postgres', password: superPassword, database: 'postgres' });
  await admin.connect();
  try {
    await admin.query(`CREATE ROLE ${TEST_USER} LOGIN PASSWORD '${server.password}'`);
    await admin.query(`CREATE DATABASE ${TEST_DATABASE} OWNER ${TEST_USER}`);
    await admin.query('CREATE ROLE anon NOLOGIN');
    await admin.query('CREATE ROLE service_role NOLOGIN');
    await admin.query(`GRANT anon, service_role TO ${TEST_USER}`);
  } finally {
    await admin.end();
  }
  const owner = new pg.Client({ connectionString: server.connectionString });
  await owner.connect();
  try {
    await owner.query(`
      CREATE TABLE public.wallets (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        address text NOT NULL UNIQUE,
        label text,
        score double precision NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    for (const w of SEEDED_WALLETS) {
      await owner.query('INSERT INTO public.wallets (address, label, score) VALUES ($1, $2, $3)', [w.address, w.label, w.score]);
    }
    await owner.query('GRANT USAGE ON SCHEMA public TO anon, service_role');
    await owner.query('GRANT SELECT ON public.wallets TO anon, service_role');
  } finally {
    await owner.end();
  }
}
