/** Runs the real `walltrack-monitor` bin as a child process with a clean, explicit environment. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/walltrack-monitor.mjs', import.meta.url));

const CONFIG_VARS = /^(SUPABASE_|NEO4J_|WALLTRACK_)/;

/** The parent's environment minus every configuration variable, plus `env`. */
export function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !CONFIG_VARS.test(k)));
  return { ...base, ...env };
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runBin(args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`walltrack-monitor ${args.join(' ')} did not finish within ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Starts `serve` and resolves with its /api/health URL once it prints it, or the status window's URL
 * (then the one it prints) on the same server.
 */
export function startServe(args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', ...args], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start:\n${out}`));
    }, 60_000);
    const onData = (c: string) => {
      out += c;
      const m = /^(?:Status window: )?(http:\/\/127\.0\.0\.1:\d+)\/(?:api\/health|status\.html#token=\S+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: `${m[1]!}/api/health`, output: () => out });
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.on('exit', (code) => reject(new Error(`serve exited early with ${code}:\n${out}`)));
  });
}
