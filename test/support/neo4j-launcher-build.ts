/**
 * Builds test/neo4j-launcher (the Java program that runs Neo4j for tests) on first use.
 * Maven keeps Neo4j's jars in ~/.m2, so only the very first build downloads anything.
 * Then one training start records a class-data-sharing archive, which cuts every later
 * start from ~8 s to ~4 s. A lock directory makes parallel vitest workers wait for one
 * build instead of racing.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './faults.js';
import { launchNeo4j, stopNeo4jProcess } from './neo4j-process.js';

export const LAUNCHER_DIR = fileURLToPath(new URL('../neo4j-launcher/', import.meta.url));
const TARGET_DIR = path.join(LAUNCHER_DIR, 'target');
export const LAUNCHER_JAR = path.join(TARGET_DIR, 'neo4j-launcher.jar');
const LIB_DIR = path.join(TARGET_DIR, 'lib');
const CDS_ARCHIVE = path.join(TARGET_DIR, 'neo4j-launcher.jsa');
const LOCK_DIR = path.join(TARGET_DIR, '.build-lock');
const BUILD_TIMEOUT_MS = 15 * 60_000;
const TRAINING_START_TIMEOUT_MS = 240_000;
// writing the ~110 MB archive at exit took over 30 s on a machine with load 15
const TRAINING_STOP_GRACE_MS = 240_000;
const LOCK_POLL_MS = 250;

export interface Neo4jLauncherBuild {
  jar: string;
  /** Absent when the training run failed: starts still work, just slower. */
  cdsArchive?: string;
}

let buildInThisProcess: Promise<Neo4jLauncherBuild> | undefined;

/** Builds the launcher if it is missing or older than its sources, and its CDS archive if missing or stale. */
export function ensureNeo4jLauncherBuilt(): Promise<Neo4jLauncherBuild> {
  buildInThisProcess ??= buildUnderLock().catch((error: unknown) => {
    buildInThisProcess = undefined; // let a later call retry
    throw error;
  });
  return buildInThisProcess;
}

/** True when ensureNeo4jLauncherBuilt() has a build to do (Maven, then the archive's training start), so a caller can say so first. */
export function neo4jLauncherNeedsBuild(): boolean {
  return !(jarIsUpToDate() && archiveIsUpToDate());
}

async function buildUnderLock(): Promise<Neo4jLauncherBuild> {
  if (!neo4jLauncherNeedsBuild()) return { jar: LAUNCHER_JAR, cdsArchive: CDS_ARCHIVE };
  fs.mkdirSync(TARGET_DIR, { recursive: true });
  await acquireLock();
  try {
    // another process may have built it while we waited for the lock
    if (!jarIsUpToDate()) await runMaven();
    if (!archiveIsUpToDate()) await trainCdsArchive();
    return archiveIsUpToDate() ? { jar: LAUNCHER_JAR, cdsArchive: CDS_ARCHIVE } : { jar: LAUNCHER_JAR };
  } finally {
    fs.rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

function jarIsUpToDate(): boolean {
  if (!fs.existsSync(LAUNCHER_JAR) || !fs.existsSync(LIB_DIR)) return false;
  const jarTime = fs.statSync(LAUNCHER_JAR).mtimeMs;
  return newestSourceTime(LAUNCHER_DIR) <= jarTime;
}

/** The JVM rejects an archive whose class path jars changed, so it must be newer than the jar. */
function archiveIsUpToDate(): boolean {
  const archive = fs.statSync(CDS_ARCHIVE, { throwIfNoEntry: false });
  const jar = fs.statSync(LAUNCHER_JAR, { throwIfNoEntry: false });
  return archive !== undefined && jar !== undefined && archive.mtimeMs >= jar.mtimeMs;
}

/**
 * Starts Neo4j once with -XX:ArchiveClassesAtExit and stops it: the JVM writes the classes it
 * loaded into an archive that later starts map instead of loading ~200 jars again.
 * Best effort: without the archive everything still works, only slower.
 */
async function trainCdsArchive(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'walltrack-neo4j-cds-'));
  const partial = `${CDS_ARCHIVE}.${process.pid}.tmp`;
  removeAbandonedPartialArchives();
  try {
    const child = await launchNeo4j({
      jar: LAUNCHER_JAR,
      port: await freePort(),
      dataDir,
      password: 'cds-training-run',
      startTimeoutMs: TRAINING_START_TIMEOUT_MS,
      writeCdsArchive: partial,
    });
    const { clean } = await stopNeo4jProcess(child, TRAINING_STOP_GRACE_MS);
    // a JVM killed mid-dump leaves a truncated archive behind
    if (!clean) throw new Error(`the training JVM did not exit within ${TRAINING_STOP_GRACE_MS / 1000} s and was killed`);
    if (!fs.existsSync(partial)) throw new Error('the JVM wrote no archive on exit');
    fs.renameSync(partial, CDS_ARCHIVE); // atomic: no start ever maps a half-written archive
  } catch (error) {
    console.warn(`Neo4j test launcher: no class-data-sharing archive, starts will be slower: ${(error as Error).message}`);
  } finally {
    fs.rmSync(partial, { force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Left by a build process that was killed while training; we hold the lock, so nobody is writing them. */
function removeAbandonedPartialArchives(): void {
  const prefix = `${path.basename(CDS_ARCHIVE)}.`;
  for (const name of fs.readdirSync(TARGET_DIR)) {
    if (name.startsWith(prefix) && name.endsWith('.tmp')) fs.rmSync(path.join(TARGET_DIR, name), { force: true });
  }
}

function newestSourceTime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'target') continue;
    const full = path.join(dir, entry.name);
    const time = entry.isDirectory() ? newestSourceTime(full) : fs.statSync(full).mtimeMs;
    newest = Math.max(newest, time);
  }
  return newest;
}

async function acquireLock(): Promise<void> {
  const deadline = Date.now() + BUILD_TIMEOUT_MS;
  for (;;) {
    try {
      fs.mkdirSync(LOCK_DIR); // atomic: exactly one process succeeds
      fs.writeFileSync(path.join(LOCK_DIR, 'pid'), String(process.pid));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (lockOwnerIsGone()) {
      fs.rmSync(LOCK_DIR, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out waiting for another process to build the Neo4j test launcher (lock ${LOCK_DIR}). ` +
          'If no build is running, delete that directory.',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
}

/** A lock left by a killed build must not block every later run. */
function lockOwnerIsGone(): boolean {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(LOCK_DIR, 'pid'), 'utf8'));
  } catch {
    // the owner made the directory but has not written its pid yet: treat as alive unless it stays that way
    const age = Date.now() - (fs.statSync(LOCK_DIR, { throwIfNoEntry: false })?.mtimeMs ?? 0);
    return age > 10_000;
  }
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function runMaven(): Promise<void> {
  return new Promise((resolve, reject) => {
    const output: string[] = [];
    const maven = spawn('mvn', ['-q', '-B', 'package'], { cwd: LAUNCHER_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => maven.kill('SIGKILL'), BUILD_TIMEOUT_MS);
    maven.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    maven.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    maven.on('error', (error) => {
      clearTimeout(timer);
      reject(
        new Error(
          `Cannot run Maven to build the Neo4j test launcher (${error.message}). ` +
            'Install Maven and a Java 17 JDK (Debian: apt-get install maven openjdk-17-jdk-headless).',
        ),
      );
    });
    maven.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve();
      const tail = output.join('').slice(-4000);
      reject(
        new Error(
          `Building the Neo4j test launcher failed (mvn -q -B package in ${LAUNCHER_DIR} ended with ` +
            `${signal ?? `exit code ${code}`}). Maven needs Maven Central the first time to fetch Neo4j. Output:\n${tail}`,
        ),
      );
    });
  });
}
