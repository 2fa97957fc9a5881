/** Issue 13 item 2: one hint per failure, said where each host sets the field. */
import { describe, expect, it } from 'vitest';
import { failureHeadline, renderHint, WINDOW_HOST, type HintHost } from '../../src-main/common/hints.js';

const CONFIG_FILE: HintHost = { kind: 'configFile', environment: 'production', secretVariable: (v) => `WALLTRACK_PRODUCTION_${v}` };

describe('renderHint: the registry hint in the words of each host', () => {
  it('a wrong Neo4j password: its headline, and where to fix it per host', () => {
    expect(failureHeadline('neo4j', 'auth_failed')).toBe('Neo4j rejected the user name or password');
    expect(renderHint('neo4j', 'auth_failed', 'bolt://db:7687', WINDOW_HOST)).toBe('Check Settings → Neo4j → User and Password');
    expect(renderHint('neo4j', 'auth_failed', 'bolt://db:7687', { kind: 'variables' })).toBe('Check NEO4J_USER and NEO4J_PASSWORD');
    expect(renderHint('neo4j', 'auth_failed', 'bolt://db:7687', { kind: 'savedSettings' })).toBe("Check the Neo4j user and password in the app's Settings");
    expect(renderHint('neo4j', 'auth_failed', 'bolt://db:7687', CONFIG_FILE)).toBe(
      'Check "user" under "neo4j" of environment "production" in the --config file and WALLTRACK_PRODUCTION_NEO4J_PASSWORD',
    );
  });

  it('fills host:port and the monitor timeout per host', () => {
    expect(renderHint('supabase', 'timeout', 'https://abcd.supabase.co', WINDOW_HOST)).toBe(
      'Supabase at abcd.supabase.co:443 did not answer in time: check the network, firewall or VPN, or raise Settings → Checks → Timeout',
    );
    expect(renderHint('supabase', 'timeout', 'https://abcd.supabase.co', { kind: 'variables' })).toBe(
      'Supabase at abcd.supabase.co:443 did not answer in time: check the network, firewall or VPN, or raise WALLTRACK_TIMEOUT_MS',
    );
    expect(renderHint('neo4j', 'refused', 'bolt://127.0.0.1:7687', { kind: 'variables' })).toBe('Is Neo4j running on 127.0.0.1:7687? Start it, or correct NEO4J_URI');
  });

  it('the configuration gaps and a kind\'s variants', () => {
    expect(renderHint('neo4j', 'secret_missing', null, WINDOW_HOST)).toBe('Enter Settings → Neo4j → Password, or import a .env file that has it');
    expect(renderHint('neo4j', 'secret_missing', null, CONFIG_FILE)).toBe('Enter WALLTRACK_PRODUCTION_NEO4J_PASSWORD, or import a .env file that has it');
    expect(renderHint('supabase', 'endpoint_missing', null, { kind: 'savedSettings' })).toBe("Enter the Supabase URL in the app's Settings");
    expect(renderHint('supabase', 'not_project_url', 'https://x.example', { kind: 'variables' })).toBe('SUPABASE_URL must be the project URL itself, e.g. https://abcd.supabase.co');
  });

  it('no rendered hint of any kind, failure or host leaves a token or names an internal path', async () => {
    const { DATABASE_KINDS, FAILURE_KINDS } = await import('../../src-main/common/databases.js');
    const hosts: HintHost[] = [WINDOW_HOST, { kind: 'variables' }, { kind: 'savedSettings' }, CONFIG_FILE];
    for (const kind of DATABASE_KINDS) {
      for (const key of [...FAILURE_KINDS, 'secret_missing', 'endpoint_missing', ...Object.keys(kind.hintVariants ?? {})]) {
        for (const host of hosts) {
          const text = renderHint(kind.id, key, 'bolt://db:7687', host);
          expect(text, `${kind.id} ${key} ${host.kind}`).not.toMatch(/[{}]|\b(neo4j|supabase)\.(uri|url|user|database|probeTable)\b|environments\.\d/);
          if (host.kind === 'window') expect(text, `${kind.id} ${key}`).not.toMatch(/\b[A-Z][A-Z0-9]+_[A-Z0-9_]+\b/);
        }
      }
    }
  });
});
