/**
 * The keychain runner for Electron, where the packaged app's runAsNode fuse is off, so the
 * child-process helper (./keychainProcess.ts) cannot start a plain Node. Calls run on a worker
 * thread: a hung Secret Service cannot freeze the UI or the monitor, and a call gives up after
 * its timeout. A worker stuck inside native code cannot be interrupted, though; it is abandoned.
 * The worker is inline code, so the bundler and Electron's asar need nothing special.
 */
import { Worker } from 'node:worker_threads';
import { KeychainTimeoutError, keyringModulePath, type KeychainRequest } from './keychainProcess.js';

type Reply = { id: number; ok: true; value: string | null } | { id: number; ok: false; message: string };

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { Entry } = require(workerData.keyringModule);
parentPort.on('message', (req) => {
  try {
    const entry = new Entry(req.service, req.account, req.linuxStore ? { linux: { store: req.linuxStore } } : undefined);
    let value = null;
    if (req.op === 'get') value = entry.getPassword() ?? null;
    else if (req.op === 'set') entry.setPassword(req.value);
    else entry.deletePassword();
    parentPort.postMessage({ id: req.id, ok: true, value });
  } catch (error) {
    parentPort.postMessage({ id: req.id, ok: false, message: error && error.message ? String(error.message) : String(error) });
  }
});
`;

interface Waiter {
  worker: Worker;
  resolve: (value: string | null) => void;
  reject: (error: Error) => void;
}

export class KeychainThread {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Waiter>();

  call(request: KeychainRequest, timeoutMs: number): Promise<string | null> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<string | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.abandon(worker);
        reject(new KeychainTimeoutError(`no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = () => clearTimeout(timer);
      this.pending.set(id, {
        worker,
        resolve: (v) => (done(), resolve(v)),
        reject: (e) => (done(), reject(e)),
      });
      worker.ref();
      worker.postMessage({ ...request, id });
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { keyringModule: keyringModulePath() } });
    worker.on('message', (reply: Reply) => {
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (![...this.pending.values()].some((w) => w.worker === worker)) worker.unref();
      if (reply.ok) waiter.resolve(reply.value);
      else waiter.reject(new Error(reply.message));
    });
    worker.on('error', (error) => this.failAll(worker, error));
    worker.on('exit', () => this.failAll(worker, new Error('the keychain worker stopped')));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private failAll(worker: Worker, error: Error): void {
    if (this.worker === worker) this.worker = null;
    for (const [id, waiter] of this.pending) {
      if (waiter.worker !== worker) continue;
      this.pending.delete(id);
      waiter.reject(error);
    }
  }

  private abandon(worker: Worker): void {
    if (this.worker === worker) this.worker = null;
    worker.unref();
    void worker.terminate().catch(() => undefined);
  }
}
