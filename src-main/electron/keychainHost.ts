/**
 * Entry of the keychain utility process (bundled to dist/electron/keychainHost.cjs and started
 * by keychainUtilityRunner.ts with utilityProcess.fork). It answers exactly one keychain call
 * that arrives over process.parentPort; the secret only ever travels in that message.
 *
 * It installs no signal handlers on purpose: when D-Bus hangs, @napi-rs/keyring blocks this
 * process's only thread, and the parent's kill() (SIGTERM) must still end it.
 */
import { Entry } from '@napi-rs/keyring';
import type { ParentPort } from 'electron';
import type { KeychainRequest } from '../core/credentials/keychainProcess.js';

type KeychainHostReply = { ok: true; value: string | null } | { ok: false; message: string };

function isRequest(value: unknown): value is KeychainRequest {
  const r = value as Partial<KeychainRequest> | null;
  return (
    typeof r === 'object' && r !== null &&
    (r.op === 'get' || r.op === 'set' || r.op === 'delete') &&
    typeof r.service === 'string' && typeof r.account === 'string' &&
    (r.op !== 'set' || typeof r.value === 'string') &&
    (r.linuxStore === undefined || r.linuxStore === 'secret-service')
  );
}

function answer(request: unknown): KeychainHostReply {
  if (!isRequest(request)) return { ok: false, message: 'the keychain host got a malformed request' };
  try {
    const entry = new Entry(request.service, request.account, request.linuxStore ? { linux: { store: request.linuxStore } } : undefined);
    if (request.op === 'get') return { ok: true, value: entry.getPassword() ?? null };
    if (request.op === 'set') entry.setPassword(request.value!);
    else entry.deletePassword();
    return { ok: true, value: null };
  } catch (error) {
    // The library's messages describe the platform failure (D-Bus, locked collection), never the secret.
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

const port = (process as { parentPort?: ParentPort }).parentPort;
if (!port) {
  process.stderr.write('keychainHost: start this module with Electron\'s utilityProcess.fork (it has no parentPort here)\n');
  process.exitCode = 2;
} else {
  port.once('message', (event) => port.postMessage(answer(event.data)));
}
