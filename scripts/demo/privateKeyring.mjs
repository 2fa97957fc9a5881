// A private Secret Service for the demo: its own D-Bus session and an unlocked gnome-keyring whose
// files live in a temp dir, so the demo's secrets never touch the operator's real keychain.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const INSIDE_FLAG = 'WALLTRACK_DEMO_PRIVATE_KEYRING';

function missing(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status !== 0;
}

/** Re-runs this script inside `dbus-run-session`; resolves with the child's exit code. */
export function rerunInPrivateSession(script, args) {
  const absent = ['dbus-run-session', 'gnome-keyring-daemon'].filter(missing);
  if (absent.length) {
    console.error(`demo: ${absent.join(' and ')} not found; install them (Debian: apt-get install -y dbus gnome-keyring) and run npm run demo again.`);
    return Promise.resolve(2);
  }
  const home = mkdtempSync(join(tmpdir(), 'walltrack-demo-keyring-'));
  const child = spawn('dbus-run-session', ['--', process.execPath, script, ...args], {
    stdio: 'inherit',
    env: { ...process.env, [INSIDE_FLAG]: '1', XDG_DATA_HOME: home, XDG_RUNTIME_DIR: home },
  });
  // Ctrl-C reaches the child through the terminal's process group; just wait for it.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => undefined);
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

/** Inside the private session: starts gnome-keyring's secrets component unlocked with a throwaway password. */
export function unlockPrivateKeyring() {
  const r = spawnSync('gnome-keyring-daemon', ['--unlock', '--components=secrets', '--daemonize'], {
    input: 'walltrack-demo-keyring',
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`gnome-keyring-daemon failed to start: ${r.stderr || r.status}`);
  for (const line of r.stdout.split('\n')) {
    const m = /^(\w+)=(.*)$/.exec(line.trim());
    if (m) process.env[m[1]] = m[2];
  }
}
