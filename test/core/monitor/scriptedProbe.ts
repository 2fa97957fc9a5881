/**
 * A Probe whose answers a test scripts (healthy after N ms, a failure kind, or a hang that ignores
 * the abort signal, like a wedged client library). It records every call so tests can check timing
 * and overlap. The real probes are tested against real servers elsewhere; this isolates the scheduler.
 */
import type { DatabaseId, FailureKind, ProbeResult } from '../../../src-main/common/schemas.js';
import type { Probe } from '../../../src-main/core/probes/Probe.js';
import { failureResult, healthyResult } from '../../../src-main/core/probes/result.js';

export type Step = { ok: number } | { fail: FailureKind; afterMs?: number } | { hang: true };

export class ScriptedProbe implements Probe {
  readonly calls: { startedAt: number; endedAt?: number }[] = [];
  active = 0;
  maxActive = 0;
  closed = 0;

  constructor(
    readonly database: DatabaseId,
    private readonly script: (call: number) => Step,
    readonly target = database === 'neo4j' ? 'bolt://127.0.0.1:7687' : 'http://127.0.0.1:54321',
  ) {}

  async check(_signal: AbortSignal): Promise<ProbeResult> {
    const call = { startedAt: performance.now() } as { startedAt: number; endedAt?: number };
    this.calls.push(call);
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    const step = this.script(this.calls.length - 1);
    try {
      if ('hang' in step) return await new Promise<ProbeResult>(() => undefined);
      if ('ok' in step) {
        await sleep(step.ok);
        return healthyResult(this.database, step.ok);
      }
      if (step.afterMs) await sleep(step.afterMs);
      return failureResult({ database: this.database, target: this.target, secrets: [] }, step.fail, 'scripted');
    } finally {
      this.active--;
      call.endedAt = performance.now();
    }
  }

  async close(): Promise<void> {
    this.closed++;
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves when `predicate` holds, polling; fails with `what` after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(5);
  }
}
