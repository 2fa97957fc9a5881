/**
 * A real Secret Service for keychain tests that never touches anyone's own keyring:
 * a private D-Bus session bus (Debian `dbus-daemon`) with `gnome-keyring-daemon` (Debian
 * `gnome-keyring`) whose keyrings live in a temp dir, its `login` collection (the default alias)
 * created and unlocked with a test password. The vitest globalSetup starts it and exports
 * DBUS_SESSION_BUS_ADDRESS, which every test worker inherits.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createServer, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { killAndWaitSync, killQuietly, onProcessExit } from './process-cleanup.js';

const execFileAsync = promisify(execFile);

/** Set (to the temp dir) in the environment of every process that talks to the private keyring. */
export const PRIVATE_KEYRING_ENV = 'WALLTRACK_TEST_KEYRING_DIR';
/** Unlocks the private test keyring; it guards nothing but throwaway test entries. */
export const TEST_KEYRING_PASSWORD = 'walltrack-test-keyring';
/** Service name tests should use for their keychain entries. */
export const TEST_KEYCHAIN_SERVICE = 'walltrack-monitor-test';

export interface PrivateKeyring {
  /** Variables to add to a process environment so it uses this keyring. */
  env: { DBUS_SESSION_BUS_ADDRESS: string; [PRIVATE_KEYRING_ENV]: string };
  stop(): Promise<void>;
}

function requireBinary(name: string, aptPackage: string): void {
  const found = (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && fs.existsSync(path.join(dir, name)));
  if (!found) throw new Error(`${name} not found on PATH; the keychain tests need it. Install it with: apt-get install -y ${aptPackage}`);
}

function readFirstLine(child: ChildProcess, what: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`${what} printed nothing within ${timeoutMs} ms`)), timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const nl = buffer.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(buffer.slice(0, nl).trim());
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited early (code ${code})`));
    });
  });
}

async function secretServiceOwned(busAddress: string): Promise<boolean> {
  try {
    const { stdout } = await execFileAsync(
      'dbus-send',
      ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.secrets'],
      { env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: busAddress }, timeout: 2_000 },
    );
    return /boolean true/.test(stdout);
  } catch {
    return false;
  }
}

export async function startPrivateKeyring(): Promise<PrivateKeyring> {
  requireBinary('dbus-daemon', 'dbus-daemon');
  requireBinary('dbus-send', 'dbus-bin');
  requireBinary('gnome-keyring-daemon', 'gnome-keyring');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'walltrack-keyring-'));
  const runtimeDir = path.join(dir, 'runtime');
  const dataDir = path.join(dir, 'data');
  fs.mkdirSync(runtimeDir, { mode: 0o700 });
  fs.mkdirSync(dataDir, { mode: 0o700 });

  const children: ChildProcess[] = [];
  const unregister = onProcessExit(() => {
    for (const c of children) killAndWaitSync(c.pid, 'SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  });
  const stop = async (): Promise<void> => {
    for (const c of [...children].reverse()) {
      if (c.exitCode !== null || c.signalCode !== null) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => killQuietly(c.pid, 'SIGKILL'), 3_000);
        c.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        killQuietly(c.pid, 'SIGTERM');
      });
    }
    unregister();
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    // stderr kept for error messages only: as non-root dbus-daemon warns about fd limits on every start
    const bus = spawn('dbus-daemon', ['--session', '--nofork', '--nopidfile', '--print-address=1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(bus);
    let busStderr = '';
    bus.stderr!.on('data', (c: Buffer) => (busStderr += c.toString()));
    const busAddress = await readFirstLine(bus, 'dbus-daemon --session', 10_000).catch((error: Error) => {
      throw new Error(`${error.message}: ${busStderr.trim() || 'no output'}`);
    });

    // only the daemon gets the temp HOME/XDG dirs: that is where it keeps its keyrings and control socket
    const keyring = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], {
      stdio: ['pipe', 'ignore', 'pipe'],
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: busAddress, HOME: dir, XDG_DATA_HOME: dataDir, XDG_RUNTIME_DIR: runtimeDir, XDG_CONFIG_HOME: path.join(dir, 'config') },
    });
    children.push(keyring);
    let stderr = '';
    keyring.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    // --unlock reads the password from stdin up to EOF; with no login keyring yet it creates one, which becomes the default collection
    keyring.stdin!.end(TEST_KEYRING_PASSWORD);

    const deadline = Date.now() + 10_000;
    while (!(await secretServiceOwned(busAddress))) {
      if (keyring.exitCode !== null || Date.now() > deadline) {
        throw new Error(`gnome-keyring-daemon did not provide org.freedesktop.secrets on the private bus: ${stderr.trim() || 'no output'}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return { env: { DBUS_SESSION_BUS_ADDRESS: busAddress, [PRIVATE_KEYRING_ENV]: dir }, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** True when this process was started with the private test keyring (so keychain calls cannot reach a real one). */
export function usingPrivateKeyring(env: NodeJS.ProcessEnv = process.env): boolean {
  const dir = env[PRIVATE_KEYRING_ENV];
  return Boolean(dir && env.DBUS_SESSION_BUS_ADDRESS && fs.existsSync(dir));
}

/** Throws unless the private keyring is in use; call it before any test touches the keychain. */
export function assertPrivateKeyring(): void {
  if (!usingPrivateKeyring()) {
    throw new Error(
      `Keychain tests need the private test keyring (${PRIVATE_KEYRING_ENV} is not set). Run them through vitest with this repo's ` +
        'config (npm test, or npx vitest run <file>), whose globalSetup starts it, so they never touch your own keyring.',
    );
  }
}

/**
 * An environment with no usable D-Bus session: the bus address points at a socket that does not
 * exist, so the keychain library fails to connect (instead of auto-launching or finding a real bus).
 * For "keychain unavailable" tests; pass it to a child process.
 */
export function noDbusEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env = { ...base };
  delete env[PRIVATE_KEYRING_ENV];
  delete env.DBUS_SESSION_BUS_PID;
  delete env.DBUS_SESSION_BUS_WINDOWID;
  delete env.DISPLAY; // dbus autolaunch needs X11; without DISPLAY it cannot start a bus
  env.DBUS_SESSION_BUS_ADDRESS = `unix:path=${path.join(os.tmpdir(), 'walltrack-no-dbus-here', 'bus')}`;
  env.XDG_RUNTIME_DIR = path.join(os.tmpdir(), 'walltrack-no-dbus-here');
  return env;
}

/**
 * A "session bus" that accepts connections and never says a word, like a hung or locked daemon:
 * a keychain call through it hangs until its timeout.
 */
export async function silentBus(): Promise<{ address: string; connections(): number; close(): void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wt-dbus-'));
  const socketPath = path.join(dir, 'bus');
  const sockets: Socket[] = [];
  const server = createServer((s) => {
    sockets.push(s);
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(socketPath, r));
  return {
    address: `unix:path=${socketPath}`,
    connections: () => sockets.length,
    close() {
      sockets.forEach((s) => s.destroy());
      server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
