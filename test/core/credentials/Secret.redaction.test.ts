/** A Secret prints as "[redacted]" every way JavaScript can turn it into text; only reveal() gives the value. */
import { format, inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Secret } from '../../../src-main/core/credentials/Secret.js';

describe('Secret', () => {
  const secret = new Secret('hunter2-Ω');

  it('reveals its value and length only on request', () => {
    expect(secret.reveal()).toBe('hunter2-Ω');
    expect(secret.length).toBe(9);
    expect(new Secret('').length).toBe(0);
  });

  it('is "[redacted]" as a string, in JSON, in a template, through inspect and printf', () => {
    expect(String(secret)).toBe('[redacted]');
    expect(secret.toString()).toBe('[redacted]');
    expect(`${secret}`).toBe('[redacted]');
    expect('' + (secret as unknown as string)).toBe('[redacted]');
    expect(JSON.stringify({ password: secret })).toBe('{"password":"[redacted]"}');
    expect(inspect(secret)).toBe('[redacted]');
    expect(inspect({ nested: { secret } })).toBe('{ nested: { secret: [redacted] } }');
    expect(format('%s %o %j', secret, secret, secret)).toBe('[redacted] [redacted] "[redacted]"');
  });

  it('has no enumerable trace of the value and cannot be changed', () => {
    expect(Object.keys(secret)).toEqual([]);
    expect(Object.isFrozen(secret)).toBe(true);
    expect(() => Object.assign(secret, { value: 'x' })).toThrow(TypeError);
  });

  it('equals another Secret with the same value only', () => {
    expect(secret.equals(new Secret('hunter2-Ω'))).toBe(true);
    expect(secret.equals(new Secret('hunter2'))).toBe(false);
    expect(secret.equals(null)).toBe(false);
    expect(secret.equals(undefined)).toBe(false);
    expect(secret.equals({ reveal: () => 'hunter2-Ω' } as unknown as Secret)).toBe(false);
  });
});
