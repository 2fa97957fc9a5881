/**
 * Runs one launcher JVM: spawn it, wait for its ready line, stop it. Shared by startNeo4j and
 * by the build step's class-data-sharing training run, so both use exactly the same JVM flags
 * (a CDS archive is only used by JVMs started like the one that wrote it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type net from 'node:net';
import path from 'node:path';
import { killAndWaitSync, killQuietly, onProcessExit } from './process-cleanup.js';

const READY_PREFIX = 'NEO4J_READY ';
const STOP_GRACE_MS = 30_000;
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

export interface LaunchArgs {
  jar: string;
  port: number;
  dataDir: string;
  password: string;
  startTimeoutMs: number;
  /** Read with -XX:SharedArchiveFile when present: halves the start time. */
  cdsArchive?: string;
  /** Write one with -XX:ArchiveClassesAtExit (the training run). */
  writeCdsArchive?: string;
}

function jvmOptions({ cdsArchive, writeCdsArchive }: LaunchArgs): string[] {
  if (writeCdsArchive) return [...JVM_OPTIONS, `-XX:ArchiveClassesAtExit=${writeCdsArchive}`];
  if (cdsArchive && fs.existsSync(cdsArchive)) return [...JVM_OPTIONS, `-XX:SharedArchiveFile=${cdsArchive}`];
  return JVM_OPTIONS;
}

/** Spawns the launcher and resolves once it prints its ready line; rejects with its output if it dies or hangs. */
export function launchNeo4j(launch: LaunchArgs): Promise<ChildProcess> {
  const { jar, port, dataDir, password, startTimeoutMs } = launch;
  const args = [...jvmOptions(launch), '-jar', jar, '--port', String(port), '--data-dir', dataDir, '--parent-pid', String(process.pid)];
  // The password travels in the environment: argv is visible to every user through ps.
  const child = spawn('java', args, {
    env: { ...process.env, NEO4J_TEST_PASSWORD: password },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // killed on exit/interrupt even while still starting: the caller learns of the child only once it is ready
  const forgetExitKill = onProcessExit(() => killAndWaitSync(child.pid));
  child.once('exit', forgetExitKill);
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
      const debugLog = path.join(dataDir, 'logs', 'debug.log');
      const logHint = fs.existsSync(debugLog) ? ` (Neo4j's own log: ${debugLog})` : '';
      reject(new Error(`${message}\nLauncher output${logHint}:\n${output.trim() || '(none)'}`));
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

/**
 * SIGTERM (the launcher's shutdown hook closes Neo4j cleanly), SIGKILL after graceMs.
 * Resolves to whether the JVM ended on its own, i.e. finished its shutdown.
 */
export async function stopNeo4jProcess(child: ChildProcess, graceMs = STOP_GRACE_MS): Promise<{ clean: boolean }> {
  if (child.exitCode !== null || child.signalCode !== null) return { clean: child.signalCode !== 'SIGKILL' };
  // launch unref'd it; without this, Node could exit with the wait still pending once the SIGKILL timer fired
  child.ref();
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  child.kill('SIGTERM');
  const timer = setTimeout(() => killQuietly(child.pid, 'SIGKILL'), graceMs);
  const signal = await exited;
  clearTimeout(timer);
  return { clean: signal !== 'SIGKILL' };
}
