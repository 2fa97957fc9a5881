import { describe, expect, it } from 'vitest';
import { settledWithin } from '../../../src-main/core/probes/abortable.js';

const after = (ms: number, fail = false) => new Promise((resolve, reject) => setTimeout(() => (fail ? reject(new Error('late failure')) : resolve('done')), ms));

describe('settledWithin', () => {
  it('returns as soon as the work settles, resolved or rejected', async () => {
    const started = performance.now();
    await settledWithin(after(20), 5_000);
    await expect(settledWithin(after(20, true), 5_000)).resolves.toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('gives up after its bound, and at once for a bound of zero or less', async () => {
    let settled = false;
    const slow = after(2_000).then(() => (settled = true));
    const started = performance.now();
    await settledWithin(slow, 50);
    await settledWithin(slow, 0);
    await settledWithin(slow, -10);
    expect(settled).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
  });
});
