/** Which one button a failing card offers (common/hints.ts FAILURE_ACTIONS), and the Settings field it opens at. */
import { describe, expect, it } from 'vitest';
import { failureAction } from '../../src-main/common/hints.js';

describe('the action a failure offers', () => {
  it('opens Settings at the field the hint names first for what only the operator can fix', () => {
    expect(failureAction({ database: 'neo4j', kind: 'auth_failed', hintKey: 'auth_failed' })).toEqual({ action: 'openSettings', field: 'user' });
    expect(failureAction({ database: 'supabase', kind: 'auth_failed', hintKey: 'auth_failed' })).toEqual({ action: 'openSettings', field: 'supabaseKey' });
    expect(failureAction({ database: 'neo4j', kind: 'invalid_config', hintKey: 'invalid_config' })).toEqual({ action: 'openSettings', field: 'uri' });
    expect(failureAction({ database: 'supabase', kind: 'not_configured', hintKey: 'not_configured' })).toEqual({ action: 'openSettings', field: 'url' });
    expect(failureAction({ database: 'neo4j', hintKey: 'secret_missing' })).toEqual({ action: 'openSettings', field: 'neo4jPassword' });
    expect(failureAction({ database: 'supabase', hintKey: 'endpoint_missing' })).toEqual({ action: 'openSettings', field: 'url' });
  });

  it('offers Check now for what may pass by itself', () => {
    for (const kind of ['refused', 'timeout', 'reset', 'dns', 'no_route', 'server_error', 'unreachable_origin'] as const) {
      expect(failureAction({ database: 'neo4j', kind, hintKey: kind })).toEqual({ action: 'checkNow', field: null });
    }
  });

  it('offers nothing where neither helps', () => {
    for (const kind of ['tls', 'paused', 'database_offline', 'unknown'] as const) expect(failureAction({ database: 'supabase', kind })).toBeNull();
    expect(failureAction({ database: 'neo4j' })).toBeNull();
  });

  it('opens Settings without a field for a kind this build does not know', () => {
    expect(failureAction({ database: 'redis', kind: 'auth_failed' })).toEqual({ action: 'openSettings', field: null });
  });
});
