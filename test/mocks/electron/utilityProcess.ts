/** Electron's utilityProcess: forks run for real as Node children. Part of the electron fake (test/mocks/electron.ts). */
import { fork as forkNodeChild, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { EventEmitter } from 'node:events';
import type {
  ForkOptions,
  UtilityProcess as ElectronUtilityProcess,
} from 'electron';
import { app } from './app.js';

/**
 * utilityProcess.fork really runs the module, in a Node child with an IPC channel that
 * test/mocks/utilityProcessChild.mjs turns into process.parentPort (.ts modules run through tsx).
 * Each fork is recorded with its arguments and, on Linux, the child's real /proc cmdline and environ.
 */
export class UtilityProcess extends EventEmitter implements Pick<ElectronUtilityProcess, 'pid' | 'stdout' | 'stderr' | 'kill' | 'postMessage'> {
  pid: number | undefined = undefined;
  stdout: NodeJS.ReadableStream | null;
  stderr: NodeJS.ReadableStream | null;
  exited = false;
  /** Every message the child posted, in order. */
  readonly fakeMessages: unknown[] = [];
  constructor(readonly child: ChildProcess) {
    super();
    this.stdout = child.stdout;
    this.stderr = child.stderr;
    child.on('spawn', () => {
      this.pid = child.pid;
      this.emit('spawn');
    });
    child.on('message', (message) => {
      this.fakeMessages.push(message);
      this.emit('message', message);
    });
    child.on('exit', (code, signal) => {
      this.exited = true;
      this.emit('exit', code ?? 128 + (signal ? osConstants.signals[signal] : 0));
      this.pid = undefined;
      this.stdout = this.stderr = null;
    });
  }
  /** Like Electron on POSIX: SIGTERM. */
  kill(): boolean {
    return this.child.kill('SIGTERM');
  }
  postMessage(message: unknown): void {
    if (this.child.connected) this.child.send(message as never);
  }
}

export interface FakeFork {
  modulePath: string;
  args: string[];
  options: ForkOptions;
  process: UtilityProcess;
  /** /proc/<pid>/cmdline and environ of the real child, read once it has spawned (Linux). */
  cmdline?: string;
  environ?: string;
}

const UTILITY_CHILD = new URL('../utilityProcessChild.mjs', import.meta.url);
const stdioOf = (options: ForkOptions, fd: 1 | 2): 'pipe' | 'ignore' | 'inherit' => {
  const stdio = options.stdio ?? 'inherit';
  return (typeof stdio === 'string' ? stdio : (stdio[fd] ?? 'inherit')) as 'pipe' | 'ignore' | 'inherit';
};

export const utilityProcess = {
  fakeForks: [] as FakeFork[],
  fork(modulePath: string, args: string[] = [], options: ForkOptions = {}): UtilityProcess {
    if (!app.isReady()) throw new Error('utilityProcess cannot be created before app is ready.');
    const child = forkNodeChild(UTILITY_CHILD, [modulePath, ...args], {
      env: (options.env as NodeJS.ProcessEnv | undefined) ?? process.env,
      cwd: options.cwd,
      execArgv: modulePath.endsWith('.ts') ? ['--import', 'tsx', ...(options.execArgv ?? [])] : (options.execArgv ?? []),
      stdio: ['ignore', stdioOf(options, 1), stdioOf(options, 2), 'ipc'],
      serialization: 'advanced', // structured clone, like Electron's message ports
    });
    const record: FakeFork = { modulePath, args, options, process: new UtilityProcess(child) };
    child.once('spawn', () => {
      try {
        record.cmdline = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8');
        record.environ = readFileSync(`/proc/${child.pid}/environ`, 'utf8');
      } catch {
        // not Linux
      }
    });
    utilityProcess.fakeForks.push(record);
    return record.process;
  },
};
/** Fails to compile if the fake's fork (arguments or the returned fake process) drifts from Electron's. */
export const utilityProcessChecked = utilityProcess satisfies Pick<typeof Electron.utilityProcess, 'fork'>;
