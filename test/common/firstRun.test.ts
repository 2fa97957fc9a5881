/** First run: nothing configured anywhere (literal snapshots). */
import { describe, expect, it } from 'vitest';
import { nothingConfigured } from '../../src-main/common/firstRun.js';
import type { DatabaseState, EnvironmentStatus } from '../../src-main/common/schemas.js';

const env = (states: Partial<Record<string, DatabaseState>>): EnvironmentStatus =>
  ({
    id: 'default',
    name: 'default',
    colour: null,
    status: 'unconfigured',
    paused: null,
    databases: Object.fromEntries(Object.entries(states).map(([database, status]) => [database, status === undefined ? undefined : { database, label: database, status }])),
  }) as unknown as EnvironmentStatus;

describe('nothingConfigured', () => {
  it('is true with no environments, and when every database of every environment is not configured', () => {
    expect(nothingConfigured({ environments: [] })).toBe(true);
    expect(nothingConfigured({ environments: [env({ supabase: 'not_configured', neo4j: 'not_configured' }), env({ neo4j: 'not_configured' })] })).toBe(true);
    expect(nothingConfigured({ environments: [env({ supabase: undefined, neo4j: 'not_configured' })] })).toBe(true);
  });

  it('is false as soon as one database anywhere is configured, whatever its state', () => {
    expect(nothingConfigured({ environments: [env({ supabase: 'not_configured', neo4j: 'unknown' })] })).toBe(false);
    expect(nothingConfigured({ environments: [env({ supabase: 'not_configured' }), env({ neo4j: 'down' })] })).toBe(false);
    expect(nothingConfigured({ environments: [env({ supabase: 'healthy', neo4j: 'not_configured' })] })).toBe(false);
  });
});
