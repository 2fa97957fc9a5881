import { afterEach, describe, expect, it } from 'vitest';
import { withoutStackCapture } from '../../../src-main/core/probes/withoutStackCapture.js';

const before = Error.stackTraceLimit;
afterEach(() => {
  Error.stackTraceLimit = before;
});

describe('withoutStackCapture', () => {
  it('an error made inside has no frames, and its result is returned', () => {
    const made = withoutStackCapture(() => new Error('inside'));
    expect(made.stack).toBe('Error: inside');
  });

  it('puts the limit back afterwards, so errors made later have their frames again', () => {
    Error.stackTraceLimit = 7;
    withoutStackCapture(() => undefined);
    expect(Error.stackTraceLimit).toBe(7);
    expect(new Error('after').stack).toMatch(/^Error: after\n\s+at /);
  });

  it('puts the limit back when the call throws, and lets the error through', () => {
    Error.stackTraceLimit = 5;
    expect(() =>
      withoutStackCapture(() => {
        throw new RangeError('bad parameters');
      }),
    ).toThrow(new RangeError('bad parameters'));
    expect(Error.stackTraceLimit).toBe(5);
  });

  it('neo4j-driver-core formats no frames for a query started inside (its Result keeps a stack without frames)', async () => {
    // The Result's constructor is where the driver captures a stack on every query.
    const { Result } = await import('neo4j-driver-core');
    const observer = new Promise<never>(() => undefined);
    const result = withoutStackCapture(() => new Result(observer as never, 'RETURN 1', {}));
    expect((result as unknown as { _stack: string | null })._stack).not.toMatch(/\s+at /);
    const outside = new Result(observer as never, 'RETURN 1', {});
    expect((outside as unknown as { _stack: string | null })._stack).toMatch(/\s+at /);
  });
});
