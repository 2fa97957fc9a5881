/**
 * A real Neo4j 5.26 Community for tests, one JVM per call: Bolt on its own 127.0.0.1 port,
 * authentication on, data in a temp dir. stop()/start() give a real outage and recovery on
 * the same port and data. The JVM dies with us: SIGKILL from our exit handler, and the
 * launcher's own watchdog exits when our pid disappears (covers a SIGKILLed test run too).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './faults.js';
import { ensureNeo4jLauncherBuilt } from './neo4j-launcher-build.js';
import { killQuietly, onProcessExit } from './process-cleanup.js';

export interface Neo4jServer {
  /** bolt://127.0.0.1:PORT */
  uri: string;
  port: number;
  user: 'neo4j';
  password: string;
  dataDir: string;
  /** Stops the DBMS cleanly (SIGTERM, SIGKILL after a bound); the port is free when it resolves. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data dir (recovery after stop()). */
  start(): Promise<void>;
  readonly running: boolean;
  /** stop() and delete the temp dir (a caller-given dataDir is left alone). */
  dispose(): Promise<void>;
}

export interface StartNeo4jOptions {
  port?: number;
  /** Reuse this directory (kept on dispose); default: a fresh temp dir, deleted on dispose. */
  dataDir?: string;
  password?: string;
  /** How long to wait for the ready line; the first start after a build is the slowest. */
  startTimeoutMs?: number;
}

const READY_PREFIX = 'NEO4J_READY ';
const DEFAULT_START_TIMEOUT_MS = 180_000;
const STOP_GRACE_MS = 30_000;
const PORT_RELEASE_TIMEOUT_MS = 30_000;
const OUTPUT_TAIL_CHARS = 4000;
// Small heap, serial GC and C1 only: several instances fit on a 2-core machine and start fast.
const JVM_OPTIONS = [
  '-Xms128m',
  '-Xmx512m',
  '-XX:+UseSerialGC',
  '-XX:TieredStopAtLevel=1',
  '-XX:-OmitStackTraceInFastThrow',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Dlog4j2.disable.jmx=true',
];

export async function startNeo4j(opts: StartNeo4jOptions = {}): Promise<Neo4jServer> {
  const jar = await ensureNeo4jLauncherBuilt();
  const port = opts.port ?? (await freePort());
  const ownsDataDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'walltrack-neo4j-'));
  const password = opts.password ?? `test-${randomBytes(12).toString('hex')}`;
  const startTimeoutMs = opts.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;

  let child: ChildProcess | undefined;
  const forgetExitCleanup = onProcessExit(() => {
    killQuietly(child?.pid, 'SIGKILL');
    if (ownsDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const server: Neo4jServer = {
    uri: `bolt://127.0.0.1:${port}`,
    port,
    user: 'neo4j',
    password,
    dataDir,
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    },
    async start() {
      if (server.running) return;
      await waitForPortToBeFree(port);
      child = await launch({ jar, port, dataDir, password, startTimeoutMs });
    },
    async stop() {
      if (child) await stopProcess(child);
      child = undefined;
    },
    async dispose() {
      await server.stop();
      if (ownsDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      forgetExitCleanup();
    },
  };

  try {
    await server.start();
  } catch (error) {
    await server.dispose();
    throw error;
  }
  return server;
}

interface LaunchArgs {
  jar: string;
  port: number;
  dataDir: string;
  password: string;
  startTimeoutMs: number;
}

/** Spawns the launcher and resolves once it prints its ready line; rejects with its output if it dies or hangs. */
function launch({ jar, port, dataDir, password, startTimeoutMs }: LaunchArgs): Promise<ChildProcess> {
  const args = [...JVM_OPTIONS, '-jar', jar, '--port', String(port), '--data-dir', dataDir, '--parent-pid', String(process.pid)];
  // The password travels in the environment: argv is visible to every user through ps.
  const child = spawn('java', args, {
    env: { ...process.env, NEO4J_TEST_PASSWORD: password },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const remember = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stderr!.on('data', remember);

  return new Promise((resolve, reject) => {
    let settled = false;
    let stdoutBuffer = '';
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      killQuietly(child.pid, 'SIGKILL');
      reject(new Error(`${message}\nLauncher output (Neo4j's own log: ${path.join(dataDir, 'logs', 'debug.log')}):\n${output.trim() || '(none)'}`));
    };
    const timer = setTimeout(
      () =>
        fail(
          `Neo4j on 127.0.0.1:${port} did not become ready within ${startTimeoutMs / 1000} s. A first start on a ` +
            'busy machine can be slow: raise startTimeoutMs if the log shows it was still starting.',
        ),
      startTimeoutMs,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      remember(chunk);
      if (settled) return;
      stdoutBuffer += chunk.toString();
      if (!stdoutBuffer.split('\n').some((line) => line.startsWith(READY_PREFIX))) return;
      settled = true;
      clearTimeout(timer);
      // A test that forgets dispose() must not keep its process alive; the exit handler still kills the JVM.
      child.unref();
      (child.stdout as net.Socket).unref();
      (child.stderr as net.Socket).unref();
      resolve(child);
    });
    child.once('exit', (code, signal) =>
      fail(`Neo4j launcher exited (${signal ?? `code ${code}`}) before Bolt was ready on 127.0.0.1:${port}.`),
    );
    child.once('error', (error) =>
      fail(
        `Cannot run java to start Neo4j (${error.message}). Install a Java 17 runtime ` +
          '(Debian: apt-get install openjdk-17-jre-headless).',
      ),
    );
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM'); // the launcher's shutdown hook closes Neo4j cleanly
  const timer = setTimeout(() => killQuietly(child.pid, 'SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

/** A restart must not race the old JVM (or the OS) for the port. */
async function waitForPortToBeFree(port: number): Promise<void> {
  const deadline = Date.now() + PORT_RELEASE_TIMEOUT_MS;
  while (!(await canListen(port))) {
    if (Date.now() > deadline) {
      throw new Error(
        `Cannot start Neo4j: 127.0.0.1:${port} is still in use after ${PORT_RELEASE_TIMEOUT_MS / 1000} s ` +
          '(another process holds it; stop it or start Neo4j on another port).',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve(true)));
  });
}
