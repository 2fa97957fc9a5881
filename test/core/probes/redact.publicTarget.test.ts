/** publicTarget, scrub and oneLine with expected strings written out: what an operator, a log or the IPC sees. */
import { describe, expect, it } from 'vitest';
import { Secret } from '../../../src-main/core/credentials/Secret.js';
import { oneLine, publicTarget, scrub } from '../../../src-main/core/probes/redact.js';

describe('publicTarget of a parseable URL', () => {
  it.each([
    ['bolt://127.0.0.1:7687', 'bolt://127.0.0.1:7687'],
    ['bolt://u:p@h:7687/', 'bolt://h:7687'],
    ['neo4j://h:7687/?x=1#y', 'neo4j://h:7687'],
    ['https://abcd.supabase.co/', 'https://abcd.supabase.co'],
    ['https://abcd.supabase.co/rest/v1?apikey=k', 'https://abcd.supabase.co/rest/v1'],
    ['https://user@abcd.supabase.co', 'https://abcd.supabase.co'],
  ])('%s → %s', (url, shown) => {
    expect(publicTarget(url)).toBe(shown);
  });
});

describe('publicTarget of a string URL cannot parse drops every userinfo, query and fragment', () => {
  it.each([
    ['not a url user:pw@x?token=1', 'x'],
    ['bolt://neo4j:pw@host:notaport', 'bolt://host:notaport'],
    // a raw "/" or "?" in the password must not leave the part before it behind
    ['bolt://neo4j:pa/ss@host:notaport', 'bolt://host:notaport'],
    ['bolt://neo4j:pa?ss@host:notaport', 'bolt://host:notaport'],
    ['bolt://neo4j:a@b@host:notaport', 'bolt://host:notaport'],
    ['bolt://host:notaport?token=abc\nmore', 'bolt://host:notaport'],
    ['bolt://host:notaport#frag', 'bolt://host:notaport'],
    ['host name with spaces', 'host name with spaces'],
    ['see http://user:pw@host:notaport', 'host:notaport'], // a scheme only counts at the start
  ])('%j → %j', (url, shown) => {
    expect(publicTarget(url)).toBe(shown);
  });
});

describe('scrub', () => {
  it('cuts URL userinfo of any scheme, case-insensitively, and keeps the rest', () => {
    expect(scrub('at bolt+s://neo4j:pw@db:7687 and HTTPS://k@x.co/p', [])).toBe('at bolt+s://db:7687 and HTTPS://x.co/p');
    expect(scrub('mail neo4j@example.com', [])).toBe('mail neo4j@example.com');
    expect(scrub('bolt://neo4j:pw@db:7687 refused', [])).toBe('bolt://db:7687 refused');
  });

  it('replaces every occurrence of every secret, and skips absent or empty ones', () => {
    const a = new Secret('alpha-1');
    const b = new Secret('beta/2');
    expect(scrub('alpha-1 beta/2 alpha-1', [null, a, undefined, new Secret(''), b])).toBe('[redacted] [redacted] [redacted]');
    expect(scrub('nothing secret', [new Secret('')])).toBe('nothing secret');
  });
});

describe('oneLine', () => {
  it('collapses whitespace, trims, and cuts at max with an ellipsis', () => {
    expect(oneLine('  a\n\n b\t c  ')).toBe('a b c');
    expect(oneLine('x'.repeat(240))).toBe('x'.repeat(240));
    expect(oneLine('x'.repeat(241))).toBe(`${'x'.repeat(239)}…`);
    expect(oneLine('abcdef', 6)).toBe('abcdef');
    expect(oneLine('abcdefg', 6)).toBe('abcde…');
  });
});
