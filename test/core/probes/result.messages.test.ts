/** Probe results as hosts see them: the summary per kind, the one-line scrubbed message, bounds, and abortable(). */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Secret } from '../../../src-main/core/credentials/Secret.js';
import { abortable, whenAborted } from '../../../src-main/core/probes/abortable.js';
import { failureResult, healthyResult, resultFromError } from '../../../src-main/core/probes/result.js';

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 0, 2, 3, 4, 5, 678) });
});
afterEach(() => vi.useRealTimers());

const NEO4J = { database: 'neo4j' as const, target: 'bolt://127.0.0.1:7687', secrets: [] };

describe('healthyResult', () => {
  it('is healthy with its latency (never negative), the server when known, and the time', () => {
    expect(healthyResult('supabase', 12)).toEqual({ database: 'supabase', healthy: true, state: 'healthy', latencyMs: 12, checkedAt: '2026-01-02T03:04:05.678Z' });
    expect(healthyResult('neo4j', -3).latencyMs).toBe(0);
    expect(healthyResult('neo4j', 5, { version: '5.26.0', agent: 'Neo4j/5.26.0' } as never)).toMatchObject({ server: { version: '5.26.0' } });
  });
});

describe('failureResult', () => {
  it.each([
    ['not_configured', 'not configured', 'not_configured'],
    ['invalid_config', 'invalid configuration', 'down'],
    ['dns', 'host name could not be resolved', 'down'],
    ['refused', 'connection refused', 'down'],
    ['tls', 'TLS handshake failed', 'down'],
    ['timeout', 'no answer in time', 'down'],
    ['auth_failed', 'authentication failed', 'down'],
    ['server_error', 'server error', 'down'],
    ['unknown', 'check failed', 'down'],
  ] as const)('%s reads "%s" and is %s', (kind, summary, state) => {
    expect(failureResult(NEO4J, kind)).toMatchObject({
      database: 'neo4j',
      healthy: false,
      state,
      latencyMs: null,
      kind,
      message: `neo4j (bolt://127.0.0.1:7687): ${summary}`,
      checkedAt: '2026-01-02T03:04:05.678Z',
    });
  });

  it('adds the detail in brackets, names no endpoint when there is none, and carries the server', () => {
    const result = failureResult({ database: 'supabase', target: null, secrets: [], server: { version: '12' } as never }, 'refused', 'port 1');
    expect(result.message).toBe('supabase: connection refused (port 1)');
    expect(result.server).toEqual({ version: '12' });
    expect(result.hint).toBe('Nothing is listening on the configured host: check Settings → Supabase → URL, or start the local Supabase stack');
    expect('server' in failureResult(NEO4J, 'refused')).toBe(false);
  });

  it('cuts every secret out of the message and bounds it to one line of 240 characters', () => {
    const key = new Secret('sb_secret_abc');
    const result = failureResult({ database: 'supabase', target: 'https://x.co', secrets: [key] }, 'unknown', `key sb_secret_abc\nline two ${'y'.repeat(300)}`);
    expect(result.message).toHaveLength(240);
    expect(result.message!.startsWith('supabase (https://x.co): check failed (key [redacted] line two yyy')).toBe(true);
    expect(result.message!.endsWith('y…')).toBe(true);
  });
});

describe('resultFromError', () => {
  it('classifies the error, bounds its detail to 160 characters and scrubs it', () => {
    const password = new Secret('pw-7f3a');
    const error = new Error(`Caused by: connect ECONNREFUSED ${'z'.repeat(200)} pw-7f3a`);
    const result = resultFromError({ ...NEO4J, secrets: [password] }, error);
    expect(result.kind).toBe('refused');
    expect(result.message).toBe(`neo4j (bolt://127.0.0.1:7687): connection refused (connect ECONNREFUSED ${'z'.repeat(159 - 'connect ECONNREFUSED '.length)}…)`);
  });
});

describe('abortable', () => {
  it('settles with the work when it finishes first', async () => {
    await expect(abortable(Promise.resolve(7), new AbortController().signal)).resolves.toBe(7);
    await expect(abortable(Promise.reject(new Error('boom')), new AbortController().signal)).rejects.toThrow('boom');
  });

  it('rejects with the abort reason as soon as the signal aborts, even if the work never ends', async () => {
    const controller = new AbortController();
    const hung = abortable(new Promise(() => undefined), controller.signal);
    controller.abort(new Error('stopped'));
    await expect(hung).rejects.toThrow('stopped');
  });

  it('rejects at once on a signal already aborted, with an AbortError when there is no reason', async () => {
    const signal = { aborted: true, reason: undefined, addEventListener: () => undefined } as unknown as AbortSignal;
    const error = await whenAborted(signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DOMException);
    expect(error).toMatchObject({ name: 'AbortError', message: 'The check was aborted' });
  });

  it('is one promise per signal', () => {
    const signal = new AbortController().signal;
    expect(whenAborted(signal)).toBe(whenAborted(signal));
  });
});
