/**
 * The tray-host question asked of a REAL dbus-daemon: the private session bus the vitest
 * globalSetup starts for the keyring (never the desktop's own bus, where a real panel may own the name).
 * A second process owns org.kde.StatusNotifierWatcher through python3-dbus, a client that is not ours.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sessionBusNameHasOwner, sessionBusSocket } from '../../src-main/electron/sessionBus.js';
import { STATUS_NOTIFIER_WATCHER, statusNotifierWatcherPresent } from '../../src-main/electron/trayHost.js';
import { assertPrivateKeyring, noDbusEnv, silentBus } from '../support/keyring.js';
import { killQuietly } from '../support/process-cleanup.js';

const PYTHON = '/usr/bin/python3';
/** Owns the name, prints "owned" once the bus confirmed it, then holds the connection open until killed. */
const OWN_NAME = `
import sys, time, dbus
bus = dbus.SessionBus()
reply = bus.request_name(sys.argv[1], dbus.bus.NAME_FLAG_DO_NOT_QUEUE)
print("owned" if reply == dbus.bus.REQUEST_NAME_REPLY_PRIMARY_OWNER else "refused %d" % reply, flush=True)
time.sleep(120)  # outlives any test; killed by afterEach
`;

let owner: ChildProcess | null = null;

beforeAll(() => {
  assertPrivateKeyring();
  if (!existsSync(PYTHON)) throw new Error(`${PYTHON} not found; this test owns a bus name through it. Install it with: apt-get install -y python3-dbus`);
});
afterEach(async () => {
  if (owner && owner.exitCode === null && owner.signalCode === null) {
    const exited = new Promise((r) => owner!.once('exit', r));
    killQuietly(owner.pid, 'SIGKILL');
    await exited;
  }
  owner = null;
});

/** A unix-socket "bus" that answers the client's first bytes with `reply` (a hostile or broken daemon). */
async function scriptedBus(reply: (received: string) => Buffer | string): Promise<{ address: string; close(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'wt-fake-bus-'));
  const sockets: Socket[] = [];
  const server = createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => undefined);
    socket.once('data', (data) => socket.write(reply(data.toString('latin1'))));
  });
  await new Promise<void>((r) => server.listen(join(dir, 'bus'), r));
  return {
    address: `unix:path=${join(dir, 'bus')}`,
    close() {
      sockets.forEach((s) => s.destroy());
      server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function ownName(name: string): Promise<void> {
  const child = spawn(PYTHON, ['-c', OWN_NAME, name], { stdio: ['ignore', 'pipe', 'pipe'] });
  owner = child;
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      output += c.toString();
      if (!output.includes('\n')) return;
      if (output.startsWith('owned')) resolve();
      else reject(new Error(`python3-dbus: ${output.trim()}`));
    });
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => reject(new Error(`python3-dbus exited (code ${code}) before owning ${name}: ${output.trim()}`)));
  });
}

describe('is there a StatusNotifierWatcher on the session bus? (real dbus-daemon)', () => {
  it('says no when nobody owns org.kde.StatusNotifierWatcher', async () => {
    expect(await statusNotifierWatcherPresent()).toBe(false);
  });

  it('says yes while another client owns org.kde.StatusNotifierWatcher, and no again once it is gone', async () => {
    await ownName(STATUS_NOTIFIER_WATCHER);
    expect(await statusNotifierWatcherPresent()).toBe(true);
    const exited = new Promise((r) => owner!.once('exit', r));
    killQuietly(owner!.pid, 'SIGKILL');
    await exited;
    // the daemon drops the name when it notices the closed connection
    await expect.poll(() => statusNotifierWatcherPresent(), { timeout: 5_000 }).toBe(false);
  });

  it('answers for any name, e.g. the Secret Service the private keyring owns', async () => {
    expect(await sessionBusNameHasOwner('org.freedesktop.secrets', { timeoutMs: 2_000 })).toBe(true);
  });

  it('fails at once, naming the socket, when the bus address points nowhere', async () => {
    const env = noDbusEnv();
    const socket = sessionBusSocket(env);
    await expect(statusNotifierWatcherPresent(env)).rejects.toThrow(`Cannot reach the session bus at ${socket}: connect ENOENT`);
  });

  it('gives up after its 1 s timeout on a bus that accepts the connection and never answers', async () => {
    const bus = await silentBus();
    try {
      await expect(statusNotifierWatcherPresent({ DBUS_SESSION_BUS_ADDRESS: bus.address })).rejects.toThrow('did not answer within 1000 ms');
      expect(bus.connections()).toBe(1);
    } finally {
      bus.close();
    }
  });

  it('says which authentication it was refused, and what a bus sent that is too big to read', async () => {
    const refusing = await scriptedBus(() => 'REJECTED EXTERNAL\r\n');
    const huge = await scriptedBus(() => {
      // OK, then a little-endian message header announcing a 1 GiB body
      const header = Buffer.alloc(16);
      header.write('l', 0, 'latin1');
      header.writeUInt8(2, 1);
      header.writeUInt8(1, 3);
      header.writeUInt32LE(1024 ** 3, 4);
      header.writeUInt32LE(1, 8);
      header.writeUInt32LE(0, 12);
      return Buffer.concat([Buffer.from('OK 0123456789abcdef0123456789abcdef\r\n', 'latin1'), header]);
    });
    try {
      await expect(statusNotifierWatcherPresent({ DBUS_SESSION_BUS_ADDRESS: refusing.address })).rejects.toThrow(
        `The session bus at ${refusing.address.slice('unix:path='.length)} sent a refusal to authenticate us ("REJECTED EXTERNAL")`,
      );
      await expect(statusNotifierWatcherPresent({ DBUS_SESSION_BUS_ADDRESS: huge.address })).rejects.toThrow('sent a 1073741840-byte message (more than 65536 bytes)');
    } finally {
      refusing.close();
      huge.close();
    }
  });

  it('reads the socket from the address forms D-Bus uses, and refuses the ones it cannot speak', () => {
    expect(sessionBusSocket({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus' })).toBe('/run/user/1000/bus');
    expect(sessionBusSocket({ DBUS_SESSION_BUS_ADDRESS: 'unix:abstract=/tmp/dbus-AbCd,guid=0123' })).toBe('\0/tmp/dbus-AbCd');
    expect(sessionBusSocket({ DBUS_SESSION_BUS_ADDRESS: 'tcp:host=127.0.0.1,port=1;unix:path=/tmp/my%20bus' })).toBe('/tmp/my bus');
    expect(sessionBusSocket({ XDG_RUNTIME_DIR: '/run/user/1000' })).toBe('/run/user/1000/bus');
    expect(() => sessionBusSocket({})).toThrow('No session bus: DBUS_SESSION_BUS_ADDRESS and XDG_RUNTIME_DIR are both unset');
    expect(() => sessionBusSocket({ DBUS_SESSION_BUS_ADDRESS: 'tcp:host=127.0.0.1,port=1' })).toThrow(
      'Unsupported session bus address "tcp:host=127.0.0.1,port=1": only unix:path= and unix:abstract= are understood',
    );
  });
});
