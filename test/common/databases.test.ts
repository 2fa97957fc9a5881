/** The registry of database kinds: its facts written out, and the helpers every other part builds on. */
import { describe, expect, it } from 'vitest';
import {
  DATABASE_KINDS,
  FAILURE_KINDS,
  databaseIds,
  databaseKind,
  emptySection,
  endpointUrl,
  kindOfSecret,
  kindSettingsSchema,
  neo4jKind,
  optionalName,
  secretLabel,
  secretNames,
  supabaseKind,
} from '../../src-main/common/databases.js';

/** What each kind is called and by which names its settings and secret are known. */
const fieldsOf = (kind: (typeof DATABASE_KINDS)[number]) => ({
  id: kind.id,
  label: kind.label,
  endpoint: { key: kind.endpoint.key, label: kind.endpoint.label, envVar: kind.endpoint.envVar, example: kind.endpoint.example, identity: kind.endpoint.identity, defaultPort: kind.endpoint.defaultPort, default: kind.endpoint.default },
  secret: kind.secret,
  options: kind.options.map((o) => ({ key: o.key, label: o.label, envVar: o.envVar, example: o.example, default: o.default, bindsSecret: o.bindsSecret })),
});

describe('the kinds', () => {
  it('are Supabase then Neo4j', () => {
    expect(DATABASE_KINDS).toEqual([supabaseKind, neo4jKind]);
    expect(databaseIds()).toEqual(['supabase', 'neo4j']);
    expect(secretNames()).toEqual(['supabaseKey', 'supabaseAccessToken', 'neo4jPassword']);
  });

  it('Supabase: its URL, API key and probe table', () => {
    expect(fieldsOf(supabaseKind)).toEqual({
      id: 'supabase',
      label: 'Supabase',
      endpoint: { key: 'url', label: 'Supabase URL', envVar: 'SUPABASE_URL', example: 'https://abcd.supabase.co', identity: 'origin', defaultPort: undefined, default: null },
      secret: { name: 'supabaseKey', label: 'API key', envVar: 'SUPABASE_KEY', account: 'supabase-api-key' },
      options: [
        { key: 'probeTable', label: 'Probe table', envVar: 'SUPABASE_PROBE_TABLE', example: 'wallets', default: null, bindsSecret: undefined },
        { key: 'projectRef', label: 'Supabase project ref', envVar: 'SUPABASE_PROJECT_REF', example: 'abcdefghijklmnopqrst', default: null, bindsSecret: undefined },
        { key: 'managementApiUrl', label: 'Supabase Management API URL', envVar: 'SUPABASE_MANAGEMENT_API_URL', example: 'https://api.supabase.com', default: null, bindsSecret: undefined },
      ],
    });
    expect(supabaseKind.extraSecrets).toEqual([
      {
        name: 'supabaseAccessToken',
        label: 'access token',
        envVar: 'SUPABASE_ACCESS_TOKEN',
        account: 'supabase-access-token',
        sentTo: { option: 'managementApiUrl', whenEmpty: 'https://api.supabase.com' },
      },
    ]);
  });

  it('Neo4j: its URI, password, user (which the password belongs to) and database', () => {
    expect(fieldsOf(neo4jKind)).toEqual({
      id: 'neo4j',
      label: 'Neo4j',
      endpoint: { key: 'uri', label: 'Neo4j URI', envVar: 'NEO4J_URI', example: 'neo4j://localhost:7687', identity: 'hostPort', defaultPort: '7687', default: null },
      secret: { name: 'neo4jPassword', label: 'password', envVar: 'NEO4J_PASSWORD', account: 'neo4j-password' },
      options: [
        { key: 'user', label: 'Neo4j user', envVar: 'NEO4J_USER', example: 'neo4j', default: 'neo4j', bindsSecret: true },
        { key: 'database', label: 'Neo4j database', envVar: 'NEO4J_DATABASE', example: 'neo4j', default: null, bindsSecret: undefined },
      ],
    });
  });

  it('each has a hint for every failure kind', () => {
    expect(FAILURE_KINDS).toEqual(['not_configured', 'invalid_config', 'dns', 'no_route', 'refused', 'tls', 'timeout', 'reset', 'auth_failed', 'server_error', 'paused', 'unreachable_origin', 'database_offline', 'unknown']);
    for (const kind of DATABASE_KINDS) expect(Object.keys(kind.hints)).toEqual(FAILURE_KINDS);
    expect(supabaseKind.hints.refused).toBe('Nothing is listening on {at}: check {url}, or start the local Supabase stack');
    expect(neo4jKind.hints.auth_failed).toBe('Check {user,neo4jPassword}');
    expect(supabaseKind.hints.paused).toBe('The Supabase project is paused: restore it from the dashboard (Project settings → General), then wait until it is healthy again');
  });
});

describe('looking kinds up', () => {
  it('by id, naming the known ones when there is none', () => {
    expect(databaseKind('neo4j')).toBe(neo4jKind);
    expect(databaseKind('supabase')).toBe(supabaseKind);
    expect(() => databaseKind('mysql')).toThrow(new RangeError('Unknown database kind "mysql" (known: supabase, neo4j)'));
  });

  it('by secret name, and a secret\'s full label', () => {
    expect(kindOfSecret('neo4jPassword')).toBe(neo4jKind);
    expect(kindOfSecret('supabaseKey')).toBe(supabaseKind);
    expect(kindOfSecret('NEO4J_PASSWORD')).toBeUndefined();
    expect(secretLabel(supabaseKind)).toBe('Supabase API key');
    expect(secretLabel(neo4jKind)).toBe('Neo4j password');
  });
});

describe('kindSettingsSchema and emptySection', () => {
  it('an empty section is every field at its default, and is what the schema makes of nothing', () => {
    expect(emptySection(supabaseKind)).toEqual({ url: null, probeTable: null });
    expect(emptySection(neo4jKind)).toEqual({ uri: null, user: 'neo4j', database: null });
    expect(kindSettingsSchema(supabaseKind).parse({})).toEqual(emptySection(supabaseKind));
    expect(kindSettingsSchema(neo4jKind).parse({})).toEqual(emptySection(neo4jKind));
  });

  it('validates and normalises each field with its own schema', () => {
    expect(kindSettingsSchema(supabaseKind).parse({ url: ' https://abcd.supabase.co/ ', probeTable: ' wallets ' })).toEqual({ url: 'https://abcd.supabase.co', probeTable: 'wallets' });
    expect(kindSettingsSchema(neo4jKind).parse({ uri: 'bolt://h:7687', user: ' graph ', database: '' })).toEqual({ uri: 'bolt://h:7687', user: 'graph', database: null });
    const refused = kindSettingsSchema(neo4jKind).safeParse({ user: '' });
    expect(refused.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(['user: Neo4j user must not be empty (usually "neo4j")']);
  });
});

describe('field schema helpers', () => {
  const url = endpointUrl((s) => (s.startsWith('x://') ? null : 'scheme'), { scheme: 'must start with x://' }, (s) => s.toUpperCase());

  it('endpointUrl trims, reads empty as not set, normalises, and says what is wrong without the value', () => {
    expect(url.parse(' x://h ')).toBe('X://H');
    expect(url.parse('  ')).toBeNull();
    expect(url.parse(null)).toBeNull();
    expect(url.parse(undefined)).toBeNull();
    expect(url.safeParse('y://secret').error?.issues.map((i) => i.message)).toEqual(['must start with x://']);
    expect(endpointUrl(() => null, {}).parse(' kept ')).toBe('kept');
  });

  it('optionalName trims, reads empty as not set, and checks the pattern', () => {
    const name = optionalName(/^[a-z]+$/, 'letters only');
    expect(name.parse(' abc ')).toBe('abc');
    expect(name.parse('')).toBeNull();
    expect(name.parse(undefined)).toBeNull();
    expect(name.safeParse('a1').error?.issues.map((i) => i.message)).toEqual(['letters only']);
  });
});
