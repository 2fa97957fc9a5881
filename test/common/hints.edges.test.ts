/** The edges of the hint renderer: headlines without a kind's own, unknown keys and tokens, lists of fields. */
import { describe, expect, it } from 'vitest';
import { failureHeadline, knowsHint, renderHint, WINDOW_HOST } from '../../src-main/common/hints.js';

describe('hints at their edges', () => {
  it('a failure without a headline of its own is the kind label and the failure summary', () => {
    expect(failureHeadline('supabase', 'timeout')).toBe('Supabase: no answer in time');
    expect(failureHeadline('neo4j', 'no_route')).toBe('Neo4j: no route to the host');
    expect(failureHeadline('supabase', 'paused')).toBe('The Supabase project is paused');
  });

  it('knowsHint: a failure kind, a variant and a configuration gap are known; anything else is not', () => {
    expect(knowsHint('neo4j', 'auth_failed')).toBe(true);
    expect(knowsHint('supabase', 'not_project_url')).toBe(true);
    expect(knowsHint('neo4j', 'secret_missing')).toBe(true);
    expect(knowsHint('neo4j', 'not_project_url')).toBe(false);
    expect(knowsHint('neo4j', 'no such hint')).toBe(false);
  });

  it('renderHint refuses a key it does not know, naming it and the kind', () => {
    expect(() => renderHint('neo4j', 'no such hint', null, WINDOW_HOST)).toThrow(new RangeError('No hint "no such hint" for neo4j'));
  });

  it('names the fields of a gap as the window shows them: the secret and the endpoint of each kind', () => {
    expect(renderHint('neo4j', 'secret_missing', null, WINDOW_HOST)).toBe('Enter Settings → Neo4j → Password, or import a .env file that has it');
    expect(renderHint('neo4j', 'endpoint_missing', null, WINDOW_HOST)).toBe('Enter Settings → Neo4j → URI');
    expect(renderHint('supabase', 'endpoint_missing', null, WINDOW_HOST)).toBe('Enter Settings → Supabase → URL');
  });
});
