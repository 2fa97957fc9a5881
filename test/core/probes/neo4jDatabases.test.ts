import { describe, expect, it } from 'vitest';
import { readDatabases, SHOW_DATABASES } from '../../../src-main/core/probes/neo4jDatabases.js';

const row = (name: unknown, currentStatus: unknown, requestedStatus: unknown = 'online', statusMessage: unknown = '', home: unknown = false) => ({
  name,
  currentStatus,
  requestedStatus,
  statusMessage,
  home,
});

describe('readDatabases', () => {
  it('asks for the columns it reads', () => {
    expect(SHOW_DATABASES).toBe('SHOW DATABASES YIELD name, currentStatus, requestedStatus, statusMessage, home');
  });

  it('all online as requested: every part ok, nothing offline', () => {
    expect(readDatabases([row('neo4j', 'online', 'online', '', true), row('system', 'online')], null)).toEqual({
      parts: [
        { name: 'neo4j', status: 'online', ok: true },
        { name: 'system', status: 'online', ok: true },
      ],
      offline: null,
    });
  });

  it('the configured database offline → offline names it, its requested status and message', () => {
    const found = readDatabases([row('graph', 'offline', 'online', 'Unable to start', false), row('neo4j', 'online', 'online', '', true)], 'graph');
    expect(found.offline).toBe('database "graph" is offline (requested online): Unable to start');
    expect(found.parts).toEqual([
      { name: 'graph', status: 'offline', ok: false, message: 'Unable to start' },
      { name: 'neo4j', status: 'online', ok: true },
    ]);
  });

  it('without a configured name the home database is the one used', () => {
    expect(readDatabases([row('neo4j', 'offline', 'online', '', true)], null).offline).toBe('database "neo4j" is offline (requested online)');
    expect(readDatabases([row('other', 'offline', 'offline', '', false), row('neo4j', 'online', 'online', '', true)], null).offline).toBeNull();
  });

  it('a database stopped on purpose (requested offline) is ok unless it is the one used', () => {
    const rows = [row('archive', 'offline', 'offline', 'stopped by admin'), row('neo4j', 'online', 'online', '', true)];
    expect(readDatabases(rows, 'neo4j')).toEqual({
      parts: [
        { name: 'archive', status: 'offline', ok: true },
        { name: 'neo4j', status: 'online', ok: true },
      ],
      offline: null,
    });
    const used = readDatabases(rows, 'archive');
    expect(used.offline).toBe('database "archive" is offline (requested offline): stopped by admin');
    expect(used.parts[0]).toEqual({ name: 'archive', status: 'offline', ok: false, message: 'stopped by admin' });
  });

  it('a database starting (current differs from requested) is not ok, with its message, and not yet online', () => {
    const found = readDatabases([row('neo4j', 'starting', 'online', 'Recovering', true)], null);
    expect(found.parts).toEqual([{ name: 'neo4j', status: 'starting', ok: false, message: 'Recovering' }]);
    expect(found.offline).toBe('database "neo4j" is starting (requested online): Recovering');
  });

  it('another database starting is not ok, though the one used is online', () => {
    expect(readDatabases([row('neo4j', 'online', 'online', '', true), row('other', 'starting', 'online', 'Recovering')], null)).toEqual({
      parts: [
        { name: 'neo4j', status: 'online', ok: true },
        { name: 'other', status: 'starting', ok: false, message: 'Recovering' },
      ],
      offline: null,
    });
  });

  it('a cluster lists a database once per server: online on any server is online', () => {
    expect(readDatabases([row('neo4j', 'offline', 'online', 'x'), row('neo4j', 'online')], 'neo4j').offline).toBeNull();
  });

  it('a configured database not listed is left to the query (it says DatabaseNotFound)', () => {
    expect(readDatabases([row('neo4j', 'online')], 'missing').offline).toBeNull();
  });

  it('fields that are not text are empty, long ones bounded, and at most 64 parts', () => {
    const found = readDatabases([row(42, null, null, { x: 1 }, 'yes'), row('m', 'offline', 'online', 'y'.repeat(500))], 'm');
    expect(found.parts[0]).toEqual({ name: '', status: '', ok: true });
    expect(found.parts[1]!.message).toBe(`${'y'.repeat(199)}…`);
    expect(found.offline).toBe(`database "m" is offline (requested online): ${'y'.repeat(199)}…`);
    expect(readDatabases(Array.from({ length: 70 }, (_, i) => row(`db${i}`, 'online')), null).parts).toHaveLength(64);
    expect(readDatabases([row('n'.repeat(100), 's'.repeat(100), 's'.repeat(100))], null).parts[0]).toEqual({ name: `${'n'.repeat(63)}…`, status: `${'s'.repeat(63)}…`, ok: true });
  });
});
