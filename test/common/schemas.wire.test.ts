/** What may cross a process boundary: the enums written out, a full snapshot kept whole, and what is refused. */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  ContractError,
  createRendererApi,
  describeIssues,
  eventChannel,
  eventListenerName,
  eventNames,
  methodChannel,
  methodNames,
  parseInput,
  parseOutput,
} from '../../src-main/common/contract.js';
import { databaseIds } from '../../src-main/common/databases.js';
import {
  DatabaseStateSchema,
  FailureKindSchema,
  OverallStatusSchema,
  ProbeResultSchema,
  SnapshotSchema,
} from '../../src-main/common/schemas.js';
import { HistoryViewSchema } from '../../src-main/common/history.js';

const ok = (schema: z.ZodType, value: unknown) => schema.safeParse(value).success;

const status = {
  database: 'neo4j',
  label: 'Neo4j',
  status: 'down',
  healthy: false,
  target: 'bolt://127.0.0.1:7687',
  latencyMs: null,
  kind: 'refused',
  message: 'neo4j (bolt://127.0.0.1:7687): connection refused',
  hint: 'Is Neo4j running?',
  server: { agent: 'Neo4j/5.26.0', version: '5.26.0', address: '127.0.0.1:7687' },
  checkedAt: '2026-01-01T00:00:00.000Z',
  since: '2025-12-31T23:58:00.000Z',
  consecutiveFailures: 3,
  p50Ms: 12,
  p95Ms: 40,
};
const snapshot = {
  status: 'down',
  version: '1.2.3',
  checkedAt: '2026-01-01T00:00:01.000Z',
  paused: { until: '2026-01-01T01:00:00.000Z' },
  staleAfterMs: 65_000,
  lastIncident: {
    id: 3,
    environment: 'production',
    database: 'neo4j',
    endpoint: 'bolt://127.0.0.1:7687',
    startedAt: '2025-12-31T23:58:00.000Z',
    endedAt: null,
    durationMs: null,
    kind: 'refused',
    message: 'neo4j (bolt://127.0.0.1:7687): connection refused',
    hint: 'Is Neo4j running?',
  },
  environments: [
    {
      id: 'production',
      name: 'Production',
      colour: '#d33682',
      status: 'down',
      paused: { until: '2026-01-01T01:00:00.000Z' },
      databases: { supabase: { ...status, database: 'supabase', label: 'Supabase', status: 'healthy', healthy: true, kind: undefined, latencyMs: 5 }, neo4j: status },
    },
  ],
};
const production = snapshot.environments[0]!;
/** The snapshot with its one environment changed. */
const withEnvironment = (change: Record<string, unknown>) => ({ ...snapshot, environments: [{ ...production, ...change }] });

describe('enums', () => {
  it('are exactly these values', () => {
    expect(databaseIds()).toEqual(['supabase', 'neo4j']);
    expect(FailureKindSchema.options).toEqual(['not_configured', 'invalid_config', 'dns', 'no_route', 'refused', 'tls', 'timeout', 'reset', 'auth_failed', 'server_error', 'paused', 'unreachable_origin', 'database_offline', 'unknown']);
    expect(DatabaseStateSchema.options).toEqual(['unknown', 'not_configured', 'healthy', 'degraded', 'retrying', 'down', 'recovering']);
    expect(OverallStatusSchema.options).toEqual(['ok', 'degraded', 'down', 'unconfigured', 'unknown']);
  });
});

describe('SnapshotSchema', () => {
  it('keeps every field of a full snapshot', () => {
    expect(SnapshotSchema.parse(snapshot)).toEqual(snapshot);
    expect(SnapshotSchema.parse({ ...snapshot, paused: null }).paused).toBeNull();
    expect(SnapshotSchema.parse({ ...snapshot, paused: { until: null } }).paused).toEqual({ until: null });
    expect(SnapshotSchema.parse({ ...snapshot, lastIncident: null }).lastIncident).toBeNull();
    expect(ok(SnapshotSchema, { ...snapshot, staleAfterMs: 0 })).toBe(false);
    expect(ok(SnapshotSchema, { ...snapshot, lastIncident: { ...snapshot.lastIncident, endpoint: undefined } })).toBe(false);
    expect(ok(SnapshotSchema, { ...snapshot, lastIncident: { ...snapshot.lastIncident, durationMs: -1 } })).toBe(false);
  });

  it.each([
    ['a negative latency', { latencyMs: -1 }],
    ['a fractional failure count', { consecutiveFailures: 1.5 }],
    ['a negative failure count', { consecutiveFailures: -1 }],
    ['a since that is not ISO', { since: 'an hour ago' }],
    ['a negative p50', { p50Ms: -1 }],
    ['a negative p95', { p95Ms: -1 }],
    ['a time that is not ISO', { checkedAt: 'yesterday' }],
    ['an unknown kind', { kind: 'exploded' }],
    ['an unknown state', { status: 'sleeping' }],
    ['a target that is not text', { target: 7687 }],
    ['a server version that is not text', { server: { version: 5 } }],
    ['a message that is not text', { message: 1 }],
    ['a hint that is not text', { hint: 1 }],
    ['healthy that is not a boolean', { healthy: 'yes' }],
  ])('refuses %s', (_what, change) => {
    expect(ok(SnapshotSchema, withEnvironment({ databases: { ...production.databases, neo4j: { ...status, ...change } } }))).toBe(false);
  });

  it('refuses a snapshot without a version, a bad overall status or a bad paused time', () => {
    expect(ok(SnapshotSchema, { ...snapshot, version: undefined })).toBe(false);
    expect(ok(SnapshotSchema, { ...snapshot, status: 'fine' })).toBe(false);
    expect(ok(SnapshotSchema, { ...snapshot, checkedAt: 'now' })).toBe(false);
    expect(ok(SnapshotSchema, { ...snapshot, paused: { until: 'later' } })).toBe(false);
    expect(ok(SnapshotSchema, { ...snapshot, environments: undefined })).toBe(false);
  });

  it('refuses an environment with a bad id, status or paused time, or a database status without its kind or label', () => {
    expect(ok(SnapshotSchema, withEnvironment({}))).toBe(true);
    expect(ok(SnapshotSchema, withEnvironment({ id: 'Production!' }))).toBe(false);
    expect(ok(SnapshotSchema, withEnvironment({ status: 'fine' }))).toBe(false);
    expect(ok(SnapshotSchema, withEnvironment({ paused: { until: 'later' } }))).toBe(false);
    expect(ok(SnapshotSchema, withEnvironment({ name: undefined }))).toBe(false);
    expect(ok(SnapshotSchema, withEnvironment({ databases: { neo4j: { ...status, database: undefined } } }))).toBe(false);
    expect(ok(SnapshotSchema, withEnvironment({ databases: { neo4j: { ...status, label: undefined } } }))).toBe(false);
  });
});

describe('ProbeResultSchema and HistoryViewSchema', () => {
  const result = { database: 'neo4j', healthy: false, state: 'down', latencyMs: null, kind: 'tls', message: 'm', hint: 'h', server: { version: '5' }, checkedAt: '2026-01-01T00:00:00.000Z' };
  it('keep every field and refuse what is out of range', () => {
    expect(ProbeResultSchema.parse(result)).toEqual(result);
    expect(ok(ProbeResultSchema, { ...result, database: 'mysql' })).toBe(false);
    expect(ok(ProbeResultSchema, { ...result, latencyMs: -5 })).toBe(false);
    expect(ok(ProbeResultSchema, { ...result, checkedAt: '1 Jan' })).toBe(false);
    expect(ok(ProbeResultSchema, { ...result, healthy: undefined })).toBe(false);
    const view = {
      environment: 'production',
      database: 'supabase',
      endpoint: 'https://abcd.supabase.co',
      range: '1h',
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-01-01T01:00:00.000Z',
      stepSec: 0,
      points: [{ at: '2026-01-01T00:00:30.000Z', checks: 1, failed: 1, degraded: 0, latencyMs: null, kind: 'dns', state: 'down' }],
      uptime: [{ window: '24h', ratio: 0.5, checks: 2 }],
      recoveredRetries: 1,
    };
    expect(HistoryViewSchema.parse(view)).toEqual(view);
    expect(ok(HistoryViewSchema, { ...view, uptime: [{ window: '24h', ratio: 1.01, checks: 2 }] })).toBe(false);
    expect(ok(HistoryViewSchema, { ...view, uptime: [{ window: '1y', ratio: 1, checks: 2 }] })).toBe(false);
    expect(ok(HistoryViewSchema, { ...view, environment: undefined })).toBe(false);
    expect(ok(HistoryViewSchema, { ...view, points: [{ ...view.points[0], latencyMs: -1 }] })).toBe(false);
    expect(ok(HistoryViewSchema, { ...view, points: [{ ...view.points[0], checks: 0 }] })).toBe(false);
  });
});

describe('renderer contract', () => {
  it('lists its methods and events, and names their channels', () => {
    expect(methodNames).toEqual(['getAppInfo', 'getSnapshot', 'checkNow', 'pause', 'resume', 'getHistory', 'getIncidents', 'acknowledge', 'mute', 'unmute', 'getSettings', 'testConnection', 'saveSettings', 'previewImportEnv', 'importEnv', 'openWindow', 'getDiagnostics']);
    expect(eventNames).toEqual(['snapshot', 'snapshotPatch', 'stopped']);
    expect(methodChannel('pause')).toBe('walltrack:pause');
    expect(eventChannel('snapshot')).toBe('walltrack:event:snapshot');
    expect(eventListenerName('snapshot')).toBe('onSnapshot');
    expect(eventListenerName('snapshotPatch')).toBe('onSnapshotPatch');
  });

  it.each([
    ['pause', { hours: 168 }, true],
    ['pause', { hours: 168.1 }, false],
    ['pause', { hours: 0 }, false],
    ['pause', {}, true],
    ['getHistory', { environment: 'production', database: 'neo4j', range: '1h' }, true],
    ['getHistory', { environment: 'production', database: 'neo4j', range: '7d', endpoint: 'bolt://old:7687' }, true],
    ['getHistory', { environment: 'production', database: 'neo4j', range: '30d' }, false],
    ['getHistory', { environment: 'production', database: 'mysql' }, false],
    ['getHistory', { environment: 'production', database: 'neo4j', endpoint: 'x'.repeat(2_049) }, false],
    ['getIncidents', undefined, true],
    ['getIncidents', { environment: 'production', database: 'neo4j', since: '2026-01-01T00:00:00.000Z', limit: 500 }, true],
    ['getIncidents', { limit: 501 }, false],
    ['getIncidents', { limit: 0 }, false],
    ['getIncidents', { database: 'mysql' }, false],
    ['getIncidents', { since: 'yesterday' }, false],
    ['getHistory', { database: 'neo4j' }, false],
    ['getHistory', { environment: 'Production', database: 'neo4j' }, false],
    ['checkNow', undefined, true],
    ['checkNow', { environment: 'staging' }, true],
    ['checkNow', { environment: 'no spaces' }, false],
    ['pause', { hours: 1, environment: 'staging' }, true],
    ['resume', { environment: 'staging' }, true],
    ['importEnv', { content: 'x'.repeat(256 * 1024), into: { kind: 'existing', id: 'production' } }, true],
    ['importEnv', { content: 'x'.repeat(256 * 1024 + 1), into: { kind: 'existing', id: 'production' } }, false],
    ['importEnv', { content: 'NEO4J_USER=neo4j', into: { kind: 'new', id: 'dev', name: 'Dev' } }, true],
    ['importEnv', { content: 'NEO4J_USER=neo4j' }, false],
    ['previewImportEnv', { content: 'x'.repeat(256 * 1024 + 1), into: { kind: 'existing', id: 'production' } }, false],
    ['importEnv', { content: 'NEO4J_USER=neo4j', into: { kind: 'existing', id: 'production' }, previewed: 'a'.repeat(64) }, true],
    ['importEnv', { content: 'NEO4J_USER=neo4j', into: { kind: 'existing', id: 'production' }, previewed: 'A'.repeat(64) }, false],
    ['openWindow', 'settings', true],
    ['openWindow', 'status', true],
    ['openWindow', 'devtools', false],
    ['getSnapshot', undefined, true],
    ['getSnapshot', { sneaky: true }, false],
    ['getDiagnostics', undefined, true],
    ['getDiagnostics', { environments: ['production'] }, false],
  ] as const)('%s(%j) is accepted: %s', (method, input, accepted) => {
    let error: unknown = null;
    try {
      parseInput(method, input);
    } catch (e) {
      error = e;
    }
    expect(error === null).toBe(accepted);
    if (!accepted) expect(error).toBeInstanceOf(ContractError);
  });

  it('names the method and each field in a refusal; a reply refusal says "(reply)"', () => {
    expect(() => parseInput('getHistory', { environment: 'production', database: 'mysql', range: '1y' })).toThrow(/^Rejected getHistory: database: .+; range: .+$/);
    const error = (() => {
      try {
        parseOutput('getAppInfo', { version: '1', host: 'tv', capabilities: { startAtLogin: true, notifications: true } });
      } catch (e) {
        return e as ContractError;
      }
      throw new Error('accepted');
    })();
    expect(error.name).toBe('ContractError');
    expect(error.method).toBe('getAppInfo (reply)');
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatch(/^host: /);
    expect(describeIssues(SnapshotSchema.safeParse(7).error!)).toEqual(['(value): Invalid input: expected object, received number']);
    expect(parseOutput('getAppInfo', { version: '1', host: 'electron', capabilities: { startAtLogin: true, notifications: true } }).host).toBe('electron');
    expect(parseOutput('getAppInfo', { version: '1', host: 'browser', capabilities: { startAtLogin: false, notifications: true } })).toEqual({
      version: '1',
      host: 'browser',
      capabilities: { startAtLogin: false, notifications: true },
    });
  });

  it('createRendererApi sends each method through call and each event through subscribe, and is frozen', async () => {
    const calls: unknown[] = [];
    const api = createRendererApi({
      call: async (name, input) => (calls.push([name, input]), 'reply'),
      subscribe: (name, listener) => (listener(`event ${name}`), () => calls.push(['unsubscribed', name])),
    });
    await expect(api.pause({ hours: 1 })).resolves.toBe('reply');
    await api.getSnapshot();
    const seen: unknown[] = [];
    api.onSnapshot((p) => seen.push(p))();
    expect(calls).toEqual([['pause', { hours: 1 }], ['getSnapshot', undefined], ['unsubscribed', 'snapshot']]);
    expect(seen).toEqual(['event snapshot']);
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api).sort()).toEqual([...methodNames, 'onSnapshot', 'onSnapshotPatch', 'onStopped'].sort());
  });
});

describe('getDiagnostics reply', () => {
  it('is text of at most 256 KiB characters: a longer one is refused before it reaches a window', () => {
    expect(parseOutput('getDiagnostics', 'x'.repeat(256 * 1024))).toHaveLength(256 * 1024);
    expect(() => parseOutput('getDiagnostics', 'x'.repeat(256 * 1024 + 1))).toThrow(ContractError);
    expect(() => parseOutput('getDiagnostics', { report: 'x' })).toThrow(ContractError);
  });
});
