/** The endpoint URL rules one by one (settings-schema shows them with their messages); expected values written out. */
import { describe, expect, it } from 'vitest';
import { authorityProblem, splitEndpoint } from '../../src-main/common/endpointUrl.js';

describe('splitEndpoint', () => {
  it('keeps everything after the authority, blanks and line breaks included', () => {
    expect(splitEndpoint('HTTPS://h:1/a b\nc', ['https'])).toEqual({ authority: 'h:1', rest: '/a b\nc' });
    expect(splitEndpoint('https://h', ['http'])).toBeNull();
  });
});

describe('authorityProblem', () => {
  it.each([
    ['[::1]', null],
    ['[::1]:5432', null],
    ['h:80', null],
    ['[::1]x', 'host'],
    ['[::1]:', 'port'],
    ['[::1]:99999', 'port'],
    ['h: 80', 'port'],
    ['h:80 ', 'port'],
    ['a\tb', 'host'],
    ['[::1', 'ipv6'],
  ])('%j → %j', (authority, problem) => {
    expect(authorityProblem(authority)).toBe(problem);
  });
});
