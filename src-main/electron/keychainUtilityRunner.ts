/**
 * The keychain runner for the Electron shell: each @napi-rs/keyring call runs in its own
 * utility process (utilityProcess.fork of keychainHost.cjs). The library blocks its calling
 * thread while D-Bus hangs; a worker thread stuck like that can be neither interrupted nor
 * joined and holds up quitting, and a plain child process needs the runAsNode fuse, which the
 * packaged app turns off. A utility process works with the fuses and can always be killed.
 *
 * One process per call rather than a long-lived one: calls are rare (two reads at start, one
 * per saved secret), so a process start each costs little, and there is no queue, no request
 * ids, no stale reply from a killed predecessor and no idle process left running.
 * The secret goes only over the message channel, never into argv or env.
 */
import { fileURLToPath } from 'node:url';
import type { ForkOptions, UtilityProcess } from 'electron';
import { KeychainTimeoutError, type KeychainRequest, type KeychainRunner } from '../core/credentials/keychainProcess.js';

export type Fork = (modulePath: string, args?: string[], options?: ForkOptions) => UtilityProcess;

export interface KeychainUtilityRunnerOptions {
  /** Electron's utilityProcess.fork (tests pass the fake's). */
  fork: Fork;
  /** The built host module; default: keychainHost.cjs next to the main bundle. */
  hostPath?: string;
  /** How long a killed host may take to exit before it gets SIGKILL. */
  killGraceMs?: number;
}

/** dist/electron/keychainHost.cjs when running from the bundle (import.meta.url is the bundle's URL there). */
export function defaultKeychainHostPath(): string {
  return fileURLToPath(new URL('./keychainHost.cjs', import.meta.url));
}

const STDERR_TAIL_CHARS = 2_000;

export function createKeychainUtilityRunner(options: KeychainUtilityRunnerOptions): KeychainRunner {
  const hostPath = options.hostPath ?? defaultKeychainHostPath();
  const killGraceMs = options.killGraceMs ?? 1_000;
  return (request, timeoutMs) => runInUtilityProcess(options.fork, hostPath, request, timeoutMs, killGraceMs);
}

function runInUtilityProcess(fork: Fork, hostPath: string, request: KeychainRequest, timeoutMs: number, killGraceMs: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let child: UtilityProcess;
    try {
      // No args, default env: nothing about the request is visible outside the message channel.
      child = fork(hostPath, [], { serviceName: 'WallTrack keychain', stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (error) {
      reject(new Error(`could not start the keychain helper: ${(error as Error).message}`));
      return;
    }
    let exited = false;
    let settled = false;
    let stderrTail = '';
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      if (!exited) stop();
    };
    // kill() sends SIGTERM; a host wedged in native code could in principle ignore it, so follow up.
    const stop = () => {
      const pid = child.pid;
      child.kill();
      if (pid === undefined) return;
      setTimeout(() => {
        if (exited) return;
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, killGraceMs).unref();
    };
    const timer = setTimeout(() => finish(() => reject(new KeychainTimeoutError(`no answer within ${timeoutMs} ms`))), timeoutMs);

    child.stderr?.on('data', (chunk: Buffer | string) => {
      stderrTail = (stderrTail + String(chunk)).slice(-STDERR_TAIL_CHARS);
    });
    child.on('message', (message: unknown) => {
      const reply = message as Partial<{ ok: boolean; value: unknown; message: unknown }> | null;
      finish(() => {
        if (reply?.ok === true) resolve(typeof reply.value === 'string' ? reply.value : null);
        else reject(new Error(typeof reply?.message === 'string' ? reply.message : 'the keychain helper sent an unreadable reply'));
      });
    });
    child.on('exit', (code) => {
      exited = true;
      const detail = stderrTail.trim().split('\n').pop() ?? '';
      finish(() => reject(new Error(`the keychain helper exited with code ${code}${detail ? `: ${detail}` : ''}`)));
    });
    child.postMessage(request);
  });
}
