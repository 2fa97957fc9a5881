/**
 * A real Neo4j 5.26 Community for tests, one JVM per call: Bolt on its own 127.0.0.1 port,
 * authentication on, data in a temp dir. stop()/start() give a real outage and recovery on
 * the same port and data. The JVM dies with us: SIGKILL from our exit handler, and the
 * launcher's own watchdog exits when our pid disappears (covers a SIGKILLed test run too).
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './faults.js';
import { ensureNeo4jLauncherBuilt } from './neo4j-launcher-build.js';
import { launchNeo4j, stopNeo4jProcess } from './neo4j-process.js';
import { killAndWaitSync, onProcessExit } from './process-cleanup.js';

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

const DEFAULT_START_TIMEOUT_MS = 180_000;
const PORT_RELEASE_TIMEOUT_MS = 30_000;

export async function startNeo4j(opts: StartNeo4jOptions = {}): Promise<Neo4jServer> {
  const { jar, cdsArchive } = await ensureNeo4jLauncherBuilt();
  const port = opts.port ?? (await freePort());
  const ownsDataDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'walltrack-neo4j-'));
  const password = opts.password ?? `test-${randomBytes(12).toString('hex')}`;
  const startTimeoutMs = opts.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;

  let child: ChildProcess | undefined;
  const forgetExitCleanup = onProcessExit(() => {
    killAndWaitSync(child?.pid); // a dying JVM must not write into the dir we delete next
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
      child = await launchNeo4j({ jar, cdsArchive, port, dataDir, password, startTimeoutMs });
    },
    async stop() {
      if (child) await stopNeo4jProcess(child);
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
