/** The CLI's and the report's state text, a card's problem headline and the hint per host: every branch, literal. */
import { describe, expect, it } from 'vitest';
import { hintText, problemHeadline, stateText, WINDOW_HOST } from '../../src-main/common/hints.js';

describe('stateText', () => {
  it('adds the failure in words only to down and retrying, and never to not configured', () => {
    expect(stateText({ status: 'down', kind: 'refused' })).toBe('✕ Down — connection refused');
    expect(stateText({ status: 'retrying', kind: 'timeout' })).toBe('↻ Retrying — no answer in time');
    expect(stateText({ status: 'recovering', kind: 'refused' })).toBe('↗ Recovering');
    expect(stateText({ status: 'healthy' })).toBe('✓ Healthy');
    expect(stateText({ status: 'down' })).toBe('✕ Down');
    expect(stateText({ status: 'down', kind: 'not_configured' })).toBe('✕ Down');
    expect(stateText({ status: 'not_configured', kind: 'not_configured' })).toBe('– Not configured');
  });
});

describe('problemHeadline', () => {
  it("uses the kind's own headline for a kind this build knows, else the label with the failure or the state", () => {
    expect(problemHeadline({ database: 'neo4j', label: 'Neo4j', status: 'down', kind: 'auth_failed' })).toBe('Neo4j rejected the user name or password');
    expect(problemHeadline({ database: 'mysql', label: 'MySQL', status: 'down', kind: 'refused' })).toBe('MySQL: connection refused');
    expect(problemHeadline({ database: 'neo4j', label: 'Neo4j', status: 'not_configured' })).toBe('Neo4j: not configured');
    expect(problemHeadline({ database: 'neo4j', label: 'Neo4j', status: 'retrying' })).toBe('Neo4j: retrying');
  });
});

describe('hintText', () => {
  it("renders the registry's hint for the host, and keeps a result's own hint otherwise", () => {
    const missing = { database: 'neo4j', hint: 'stored words', hintKey: 'secret_missing', target: 'bolt://db:7687' };
    expect(hintText(missing, WINDOW_HOST)).toBe('Enter Settings → Neo4j → Password, or import a .env file that has it');
    expect(hintText(missing, { kind: 'variables' })).toBe('Enter NEO4J_PASSWORD, or import a .env file that has it');
    expect(hintText({ ...missing, hintKey: 'no_such_hint' }, WINDOW_HOST)).toBe('stored words');
    expect(hintText({ database: 'neo4j', hint: 'stored words', target: null }, WINDOW_HOST)).toBe('stored words');
    expect(hintText({ database: 'neo4j', target: null }, WINDOW_HOST)).toBeUndefined();
  });
});
