import { describe, expect, it } from 'vitest';
import { databaseIds } from '../../../src-main/common/databases.js';
import { FailureKindSchema } from '../../../src-main/common/schemas.js';
import { Secret } from '../../../src-main/core/credentials/Secret.js';
import { hintFor } from '../../../src-main/core/probes/hints.js';
import { oneLine, publicTarget, scrub } from '../../../src-main/core/probes/redact.js';
import { failureResult, resultFromError } from '../../../src-main/core/probes/result.js';

describe('publicTarget', () => {
  it('drops userinfo, query and fragment from every scheme', () => {
    expect(publicTarget('neo4j+s://neo4j:hunter2@db.example.com:7687?policy=eu')).toBe('neo4j+s://db.example.com:7687');
    expect(publicTarget('https://user:pw@abcd.supabase.co/')).toBe('https://abcd.supabase.co');
    expect(publicTarget('bolt://127.0.0.1:7687')).toBe('bolt://127.0.0.1:7687');
    expect(publicTarget('not a url user:pw@x?token=1')).not.toMatch(/pw|token/);
  });
});

describe('scrub and oneLine', () => {
  it('removes each secret value and URL credentials', () => {
    const secret = new Secret('s3cr3t-value');
    const text = 'failed for bolt://neo4j:s3cr3t-value@h:7687 with s3cr3t-value';
    const out = scrub(text, [secret, null]);
    expect(out).not.toContain('s3cr3t-value');
    expect(out).toBe('failed for bolt://h:7687 with [redacted]');
  });

  it('flattens and bounds text', () => {
    expect(oneLine('a\n  b\tc')).toBe('a b c');
    expect(oneLine('x'.repeat(500), 50)).toHaveLength(50);
  });
});

describe('hints', () => {
  it('has a hint for every database × kind, naming the setting to fix', () => {
    for (const db of databaseIds()) {
      for (const kind of FailureKindSchema.options) expect(hintFor(db, kind, null).length).toBeGreaterThan(10);
    }
    expect(hintFor('neo4j', 'auth_failed', null)).toBe('Check Settings → Neo4j → User and Password');
    expect(hintFor('supabase', 'auth_failed', null)).toBe('Check Settings → Supabase → API key (anon, service_role or sb_ key)');
    expect(hintFor('neo4j', 'refused', 'bolt://db.internal:7688')).toMatch(/^Is Neo4j running on db\.internal:7688\?/);
    expect(hintFor('neo4j', 'refused', 'neo4j://db.internal')).toContain('db.internal:7687');
  });
});

describe('failure results', () => {
  it('name the database and endpoint, carry a hint and never a secret', () => {
    const password = new Secret('pw-7f3a');
    const ctx = { database: 'neo4j' as const, target: 'bolt://127.0.0.1:7687', secrets: [password] };
    const result = resultFromError(ctx, new Error('Caused by: bad login for neo4j/pw-7f3a'), 'auth_failed');
    expect(result).toMatchObject({ database: 'neo4j', healthy: false, state: 'down', kind: 'auth_failed', latencyMs: null });
    expect(result.message).toMatch(/^neo4j \(bolt:\/\/127\.0\.0\.1:7687\): authentication failed/);
    expect(JSON.stringify(result)).not.toContain('pw-7f3a');
    expect(result.hint).toContain('Settings → Neo4j → User and Password');
    expect(failureResult({ ...ctx, database: 'supabase' }, 'not_configured').state).toBe('not_configured');
  });
});
