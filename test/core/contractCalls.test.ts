import { describe, expect, it } from 'vitest';
import type { RendererApiHandlers } from '../../src-main/common/contract.js';
import { describeCallError, invokeContractMethod } from '../../src-main/core/contractCalls.js';
import { DatabaseConnectionError, ValidationError } from '../../src-main/core/errors.js';
import { emptyHistoryView } from '../support/historyViews.js';

const handlers = (overrides: Partial<RendererApiHandlers>) => overrides as RendererApiHandlers;

describe('invokeContractMethod', () => {
  it('parses input, runs the handler and parses its output', async () => {
    let seen: unknown;
    const reply = await invokeContractMethod(
      handlers({ getHistory: (input) => ((seen = input), emptyHistoryView('staging', 'neo4j')) }),
      'getHistory',
      { environment: 'staging', database: 'neo4j', range: '24h' },
    );
    expect(seen).toEqual({ environment: 'staging', database: 'neo4j', range: '24h' });
    expect(reply).toMatchObject({ ok: true, value: { environment: 'staging', database: 'neo4j' } });
  });

  it('refuses bad input before the handler runs, naming the field', async () => {
    let called = false;
    const reply = await invokeContractMethod(handlers({ getHistory: () => ((called = true), null as never) }), 'getHistory', { environment: 'staging', database: 'mysql' });
    expect(called).toBe(false);
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error).toMatchObject({ name: 'ValidationError', message: expect.stringContaining('database') });
  });

  it('refuses output that breaks the contract', async () => {
    const reply = await invokeContractMethod(handlers({ getHistory: () => ({ database: 'neo4j' }) as never }), 'getHistory', { environment: 'staging', database: 'neo4j' });
    expect(reply.ok).toBe(false);
  });
});

describe('describeCallError', () => {
  it('keeps our errors’ message, hint and field', () => {
    expect(describeCallError(new ValidationError('neo4j.uri', 'must use bolt://', { hint: 'e.g. bolt://localhost:7687' }))).toEqual({
      name: 'ValidationError',
      message: 'neo4j.uri: must use bolt://',
      hint: 'e.g. bolt://localhost:7687',
      field: 'neo4j.uri',
    });
    const db = new DatabaseConnectionError('neo4j', 'auth_failed', 'bolt://h:7687', 'authentication failed', { cause: new Error('pw=hunter2') });
    expect(JSON.stringify(describeCallError(db))).not.toContain('hunter2');
  });

  it('hides the message of anything else, which could quote a connection string', () => {
    const error = describeCallError(new Error('connect postgres://u:hunter2@db'));
    expect(error.name).toBe('Error');
    expect(error.message).not.toContain('hunter2');
  });
});
