/** Which settings change separates a stored secret from its endpoint, and what the operator is told; expected values written out. */
import { describe, expect, it } from 'vitest';
import { endpointChange, endpointChangeMessage, type EndpointFields } from '../../src-main/common/endpointIdentity.js';

const at = (url: string | null, uri: string | null = null, user = 'neo4j'): EndpointFields => ({ supabase: { url }, neo4j: { uri, user } });
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
  ])('%j → %j keeps the password', (before, after) => {
    expect(endpointChange('neo4j', neo4j(before), neo4j(after))).toBeNull();
  });

  it.each([
    ['bolt://h', 'bolt://h:7688'],
    ['bolt://h:7687', 'bolt://g:7687'],
    ['bolt://h', 'not a uri'],
    [null, 'bolt://h'],
  ])('%j → %j moves it (neo4j.uri)', (before, after) => {
    expect(endpointChange('neo4j', neo4j(before), neo4j(after))).toBe('neo4j.uri');
  });

  it('another user moves it too; the URI is named first when both change', () => {
    expect(endpointChange('neo4j', neo4j('bolt://h', 'neo4j'), neo4j('bolt://h', 'graph'))).toBe('neo4j.user');
    expect(endpointChange('neo4j', neo4j('bolt://h', 'neo4j'), neo4j('bolt://g', 'graph'))).toBe('neo4j.uri');
    expect(endpointChange('neo4j', neo4j('bolt://h', 'neo4j'), neo4j(null, 'graph'))).toBeNull();
    expect(endpointChange('neo4j', at('https://a.supabase.co', 'bolt://h'), at('https://b.supabase.co', 'bolt://h'))).toBeNull();
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
});
