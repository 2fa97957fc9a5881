/** Which settings change separates a stored secret from its endpoint, and what the operator is told; expected values written out. */
import { describe, expect, it } from 'vitest';
import { neo4jKind, supabaseKind } from '../../src-main/common/databases.js';
import {
  endpointChange,
  endpointChangeMessage,
  endpointIn,
  fieldWord,
  secretDestination,
  type EndpointFields,
} from '../../src-main/common/endpointIdentity.js';

const at = (url: string | null, uri: string | null = null, user = 'neo4j'): EndpointFields => ({
  supabase: { url, probeTable: null },
  neo4j: { uri, user, database: null },
});
const neo4j = (uri: string | null, user = 'neo4j'): EndpointFields => at(null, uri, user);

describe('endpointChange: supabase (scheme, host and port)', () => {
  it.each([
    ['https://a.supabase.co', 'https://A.SUPABASE.CO/'],
    ['https://a.supabase.co', 'https://a.supabase.co:443'],
    ['http://127.0.0.1:80', 'http://127.0.0.1'],
    ['https://a.supabase.co/one', 'https://a.supabase.co/two'],
    ['not a url', '  not a url '],
  ])('%j → %j keeps the secret', (before, after) => {
    expect(endpointChange('supabase', at(before), at(after))).toBeNull();
  });

  it.each([
    ['https://a.supabase.co', 'http://a.supabase.co'],
    ['https://a.supabase.co', 'https://b.supabase.co'],
    ['https://a.supabase.co:8443', 'https://a.supabase.co:9443'],
    ['http://a.supabase.co:443', 'https://a.supabase.co'],
    ['https://a.supabase.co', 'https://a.supabase.co:80'],
    ['not a url', 'https://a.supabase.co'],
    ['https://a.supabase.co', 'not a url'],
    ['not a url', 'not a url either'],
    [null, 'https://a.supabase.co'],
  ])('%j → %j moves it (supabase.url)', (before, after) => {
    expect(endpointChange('supabase', at(before), at(after))).toBe('supabase.url');
  });

  it('no endpoint next sends nothing, and the Neo4j fields do not matter', () => {
    expect(endpointChange('supabase', at('https://a.supabase.co'), at(null))).toBeNull();
    expect(endpointChange('supabase', at('https://a.supabase.co', 'bolt://h', 'neo4j'), at('https://a.supabase.co', 'bolt://g', 'graph'))).toBeNull();
  });
});

describe('endpointChange: neo4j (host and port; scheme and encryption may change)', () => {
  it.each([
    ['neo4j://h:7687', 'bolt+s://H'],
    ['bolt://db.example.com', 'neo4j+ssc://db.example.com:7687/'],
    ['not a uri', ' not a uri'],
    [' not a uri ', 'not a uri'],
    ['https://h', 'https://H:443'],
    ['https://h', 'bolt://h:443'],
  ])('%j → %j keeps the password', (before, after) => {
    expect(endpointChange('neo4j', neo4j(before), neo4j(after))).toBeNull();
  });

  it.each([
    ['bolt://h', 'bolt://h:7688'],
    ['bolt://h:7687', 'bolt://g:7687'],
    ['bolt://h', 'not a uri'],
    [null, 'bolt://h'],
    // Text that is not a URL never matches a URL, even one whose host and port it spells.
    ['[::1]:7687', 'bolt://[::1]'],
    ['bolt://[::1]', '[::1]:7687'],
    // A scheme's own default port counts before the kind's.
    ['http://h', 'https://h'],
    ['http://h', 'bolt://h'],
  ])('%j → %j moves it (neo4j.uri)', (before, after) => {
    expect(endpointChange('neo4j', neo4j(before), neo4j(after))).toBe('neo4j.uri');
  });

  it('another user moves it too; the URI is named first when both change', () => {
    expect(endpointChange('neo4j', neo4j('bolt://h', 'neo4j'), neo4j('bolt://h', 'graph'))).toBe('neo4j.user');
    expect(endpointChange('neo4j', neo4j('bolt://h', 'neo4j'), neo4j('bolt://g', 'graph'))).toBe('neo4j.uri');
    expect(endpointChange('neo4j', neo4j('bolt://h', 'neo4j'), neo4j(null, 'graph'))).toBeNull();
    expect(endpointChange('neo4j', at('https://a.supabase.co', 'bolt://h'), at('https://b.supabase.co', 'bolt://h'))).toBeNull();
  });

  it('the database option does not bind the password', () => {
    const withDatabase = (database: string | null): EndpointFields => ({ neo4j: { uri: 'bolt://h', user: 'neo4j', database } });
    expect(endpointChange('neo4j', withDatabase(null), withDatabase('other'))).toBeNull();
  });
});

describe('endpointChange: a kind absent from an environment', () => {
  it('has no endpoint: nothing is sent when it is absent next, and it moves when it was absent before', () => {
    expect(endpointChange('neo4j', neo4j('bolt://h'), { supabase: { url: 'https://a.supabase.co', probeTable: null } })).toBeNull();
    expect(endpointChange('neo4j', {}, neo4j('bolt://h'))).toBe('neo4j.uri');
    expect(endpointChange('supabase', {}, at('https://a.supabase.co'))).toBe('supabase.url');
  });

  it('a user missing from a section counts as none', () => {
    expect(endpointChange('neo4j', { neo4j: { uri: 'bolt://h' } }, neo4j('bolt://h', 'graph'))).toBe('neo4j.user');
    expect(endpointChange('neo4j', { neo4j: { uri: 'bolt://h' } }, { neo4j: { uri: 'bolt://h' } })).toBeNull();
    expect(endpointChange('neo4j', { neo4j: { uri: 'bolt://h' } }, { neo4j: { uri: 'bolt://h', user: null } })).toBeNull();
    expect(endpointChange('neo4j', { neo4j: { uri: 'bolt://h', user: null } }, { neo4j: { uri: 'bolt://h' } })).toBeNull();
  });
});

describe('endpointChangeMessage', () => {
  it('says what changed and which secret to enter for where, without userinfo or query', () => {
    expect(endpointChangeMessage('supabase.url', at('https://u:p@new.supabase.co/x?apikey=k'))).toBe(
      'The Supabase URL changed: enter the API key for https://new.supabase.co/x',
    );
    expect(endpointChangeMessage('neo4j.uri', neo4j('bolt://u:p@new-host:7687'))).toBe('The Neo4j URI changed: enter the password for bolt://new-host:7687');
    expect(endpointChangeMessage('neo4j.user', neo4j('neo4j://h:7687', 'graph'))).toBe('The Neo4j user changed: enter the password for user "graph" at neo4j://h:7687');
  });

  it('with no endpoint next, names none', () => {
    expect(endpointChangeMessage('neo4j.uri', {})).toBe('The Neo4j URI changed: enter the password for ');
  });

  it('names a field of the registry only', () => {
    expect(() => endpointChangeMessage('neo4j.password', neo4j('bolt://h'))).toThrow('Unknown settings field "neo4j.password"');
    expect(() => endpointChangeMessage('mysql.url', neo4j('bolt://h'))).toThrow('Unknown database kind "mysql"');
  });
});

describe('secretDestination and fieldWord', () => {
  it('the target, or the bound option and the target', () => {
    expect(secretDestination('neo4j.uri', neo4j('bolt://h', 'graph'), 'bolt://h:7687')).toBe('bolt://h:7687');
    expect(secretDestination('neo4j.user', neo4j('bolt://h', 'graph'), 'bolt://h:7687')).toBe('user "graph" at bolt://h:7687');
    expect(secretDestination('neo4j.user', {}, 'no endpoint')).toBe('user "" at no endpoint');
  });

  it('a field\'s label without the kind\'s name in front', () => {
    expect(fieldWord(supabaseKind, 'Supabase URL')).toBe('URL');
    expect(fieldWord(neo4jKind, 'Neo4j user')).toBe('user');
    expect(fieldWord(neo4jKind, 'Neo4jish user')).toBe('Neo4jish user');
    expect(fieldWord(neo4jKind, 'password')).toBe('password');
  });

  it('endpointIn reads a kind\'s endpoint, null when absent or unset', () => {
    expect(endpointIn('supabase', at('https://a.supabase.co'))).toBe('https://a.supabase.co');
    expect(endpointIn('neo4j', at('https://a.supabase.co'))).toBeNull();
    expect(endpointIn('neo4j', {})).toBeNull();
  });
});
