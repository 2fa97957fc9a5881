/**
 * Runs each @napi-rs/keyring call in a short-lived child process. Even the library's "async" API
 * connects to D-Bus synchronously on the calling thread, and a call stuck in native code can be
 * neither interrupted nor joined: on the main thread it freezes the app, on a worker thread it
 * blocks process exit. A child process can always be killed, so a hung keychain costs only the
 * timeout. The secret travels over the child's stdin/stdout pipes, never its arguments.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

export type KeychainOp = 'get' | 'set' | 'delete';

export interface KeychainRequest {
  op: KeychainOp;
  service: string;
  account: string;
  value?: string;
  linuxStore?: 'secret-service';
}

const CHILD_SOURCE = `
const { Entry } = require(process.env.WALLTRACK_KEYRING_MODULE);
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  let reply;
  try {
    const req = JSON.parse(input);
    const entry = new Entry(req.service, req.account, req.linuxStore ? { linux: { store: req.linuxStore } } : undefined);
    let value = null;
    if (req.op === 'get') value = entry.getPassword() ?? null;
    else if (req.op === 'set') entry.setPassword(req.value);
    else entry.deletePassword();
    reply = { ok: true, value };
  } catch (error) {
    reply = { ok: false, message: error && error.message ? String(error.message) : String(error) };
  }
  process.stdout.write(JSON.stringify(reply));
});
`;

export class KeychainTimeoutError extends Error {}

export function keyringModulePath(): string {
  // Works as ESM (import.meta.url) and when bundled to CommonJS (__filename).
  const from = typeof __filename === 'string' ? __filename : import.meta.url;
  return createRequire(from).resolve('@napi-rs/keyring');
}

/** Runs one keychain call; resolves with the stored value (get) or null. */
export type KeychainRunner = (request: KeychainRequest, timeoutMs: number) => Promise<string | null>;

/** Resolves with the stored value (get) or null; rejects with the library's message or a KeychainTimeoutError. */
export function runKeychainCall(request: KeychainRequest, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', CHILD_SOURCE], {
      // ELECTRON_RUN_AS_NODE: inside Electron, execPath is the Electron binary.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', WALLTRACK_KEYRING_MODULE: keyringModulePath() },
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    let stdout = '';
    let stderr = '';
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(() => reject(new KeychainTimeoutError(`no answer within ${timeoutMs} ms`)));
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', (error) => finish(() => reject(new Error(`could not start the keychain helper: ${error.message}`))));
    child.on('close', (code) => {
      finish(() => {
        let reply: { ok: boolean; value?: string | null; message?: string };
        try {
          reply = JSON.parse(stdout) as typeof reply;
        } catch {
          const detail = stderr.trim().split('\n').pop() ?? '';
          reject(new Error(`the keychain helper exited with code ${code}${detail ? `: ${detail}` : ''}`));
          return;
        }
        if (reply.ok) resolve(reply.value ?? null);
        else reject(new Error(reply.message ?? 'unknown keychain error'));
      });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(JSON.stringify(request));
  });
}
