/** One environment's config + secrets → probes: which probe, what a half-configured database says, when a probe is rebuilt. */
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../src-main/common/settings-schema.js';
import {
  buildProbe,
  configGap,
  endpointOf,
  isConfigured,
  MissingConfigProbe,
  neededSecrets,
  probeInputsChanged,
  secretOf,
  type ProbeInputs,
} from '../../src-main/core/buildProbes.js';
import { Secret } from '../../src-main/core/credentials/Secret.js';
import type { EnvironmentConfig } from '../../src-main/core/environmentConfig.js';
import { Neo4jProbe } from '../../src-main/core/probes/Neo4jProbe.js';
import type { Probe } from '../../src-main/core/probes/Probe.js';
import { SupabaseProbe } from '../../src-main/core/probes/SupabaseProbe.js';

const MONITOR = SettingsSchema.parse({}).monitor;
const opened: Probe[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((p) => p.close()));
});

function config(databases: EnvironmentConfig['databases'], timeoutMs = 5_000): EnvironmentConfig {
  return { databases, monitor: { ...MONITOR, timeoutMs } };
}
const SUPABASE = { url: 'https://abcd.supabase.co', probeTable: 'wallets' };
const NEO4J = { uri: 'bolt://db.internal:7688', user: 'graph', database: 'walltrack' };
const EMPTY = config({ supabase: { url: null, probeTable: null }, neo4j: { uri: null, user: 'neo4j', database: null } });
const key = new Secret('sb_key_1');
const password = new Secret('pw-1');

function built(database: string, c: EnvironmentConfig, secrets = {}, errors = {}): Probe | null {
  const probe = buildProbe(database, c, secrets, errors);
  if (probe) opened.push(probe);
  return probe;
}

describe('buildProbe', () => {
  it('builds the kind\'s probe from its section and secret', () => {
    const c = config({ supabase: SUPABASE, neo4j: NEO4J });
    const supabase = built('supabase', c, { supabaseKey: key });
    expect(supabase).toBeInstanceOf(SupabaseProbe);
    expect(supabase).toMatchObject({ database: 'supabase', target: 'https://abcd.supabase.co' });
    const neo4j = built('neo4j', c, { neo4jPassword: password });
    expect(neo4j).toBeInstanceOf(Neo4jProbe);
    expect(neo4j).toMatchObject({ database: 'neo4j', target: 'bolt://db.internal:7688' });
  });

  it('is null for a kind the environment does not have, or has with nothing set', () => {
    expect(built('neo4j', config({ supabase: SUPABASE }), { neo4jPassword: password, supabaseKey: key })).toBeNull();
    expect(built('supabase', EMPTY, {})).toBeNull();
    expect(built('neo4j', EMPTY, { neo4jPassword: null })).toBeNull();
  });

  it('a half-configured database gets a probe that says what is missing, naming the setting', async () => {
    const endpointOnly = built('neo4j', config({ neo4j: NEO4J }), {});
    expect(endpointOnly).toBeInstanceOf(MissingConfigProbe);
    expect(endpointOnly!.target).toBe('bolt://db.internal:7688');
    expect(await endpointOnly!.check(AbortSignal.timeout(1_000))).toMatchObject({
      database: 'neo4j',
      healthy: false,
      state: 'not_configured',
      latencyMs: null,
      kind: 'not_configured',
      message: 'neo4j: Neo4j URI is set but the password is missing',
      hint: 'Enter Settings → Neo4j → Password, or import a .env file that has it',
    });
    const secretOnly = built('supabase', EMPTY, { supabaseKey: key });
    expect(secretOnly!.target).toBe('(not set)');
    expect(await secretOnly!.check(AbortSignal.timeout(1_000))).toMatchObject({
      message: 'supabase: A Supabase API key is stored but the URL is missing',
      hint: 'Enter Settings → Supabase → URL',
    });
  });

  it('a secret the keychain did not give is retried when its database is checked', async () => {
    const asked: string[] = [];
    const probe = buildProbe('supabase', config({ supabase: SUPABASE }), {}, { supabaseKey: { message: 'locked' } }, (name) => asked.push(name))!;
    expect(await probe.check(AbortSignal.timeout(1_000))).toMatchObject({
      message: 'supabase: not configured — keychain unavailable: locked',
      hint: 'Unlock the OS keychain; the Supabase API key is read again by itself',
    });
    expect(asked).toEqual(['supabaseKey']);
  });
});

describe('configGap and isConfigured', () => {
  it('says nothing when complete or empty; otherwise the gap, with the keychain\'s hint when it gave one', () => {
    expect(configGap('neo4j', config({ neo4j: NEO4J }), { neo4jPassword: password })).toBeNull();
    expect(configGap('neo4j', EMPTY, {})).toBeNull();
    expect(configGap('neo4j', config({}), { neo4jPassword: password })).toBeNull();
    expect(configGap('neo4j', config({ neo4j: NEO4J }), {}, { neo4jPassword: { message: 'locked', hint: 'Unlock it' } })).toEqual({
      database: 'neo4j',
      message: 'not configured — keychain unavailable: locked',
      hint: 'Unlock it',
      unreadSecret: 'neo4jPassword',
    });
    expect(configGap('neo4j', EMPTY, { neo4jPassword: password })).toEqual({
      database: 'neo4j',
      message: 'A Neo4j password is stored but the URI is missing',
      hint: 'Enter Settings → Neo4j → URI',
      hintKey: 'endpoint_missing',
    });
    expect(configGap('supabase', config({ supabase: SUPABASE }), { supabaseKey: null })).toEqual({
      database: 'supabase',
      message: 'Supabase URL is set but the API key is missing',
      hint: 'Enter Settings → Supabase → API key, or import a .env file that has it',
      hintKey: 'secret_missing',
    });
  });

  it('isConfigured needs the kind present, its endpoint and its secret', () => {
    expect(isConfigured('supabase', config({ supabase: SUPABASE }), { supabaseKey: key })).toBe(true);
    expect(isConfigured('supabase', config({ supabase: SUPABASE }), {})).toBe(false);
    expect(isConfigured('supabase', EMPTY, { supabaseKey: key })).toBe(false);
    expect(isConfigured('supabase', config({}), { supabaseKey: key })).toBe(false);
  });
});

describe('endpoints and secrets of an environment', () => {
  it('endpointOf reads the kind\'s endpoint field, null when absent; secretOf names its secret', () => {
    expect(endpointOf('supabase', config({ supabase: SUPABASE }))).toBe('https://abcd.supabase.co');
    expect(endpointOf('neo4j', config({ neo4j: NEO4J }))).toBe('bolt://db.internal:7688');
    expect(endpointOf('neo4j', config({ supabase: SUPABASE }))).toBeNull();
    expect(endpointOf('supabase', EMPTY)).toBeNull();
    expect(secretOf('supabase')).toBe('supabaseKey');
    expect(secretOf('neo4j')).toBe('neo4jPassword');
  });

  it('neededSecrets: the secrets of the kinds whose endpoint is set, in registry order', () => {
    expect(neededSecrets(config({ neo4j: NEO4J, supabase: SUPABASE }))).toEqual(['supabaseKey', 'supabaseAccessToken', 'neo4jPassword']);
    expect(neededSecrets(config({ neo4j: NEO4J, supabase: { url: null, probeTable: 'wallets' } }))).toEqual(['neo4jPassword']);
    expect(neededSecrets(EMPTY)).toEqual([]);
    expect(neededSecrets(config({}))).toEqual([]);
  });
});

describe('probeInputsChanged', () => {
  const before: ProbeInputs = { config: config({ supabase: SUPABASE, neo4j: NEO4J }), secrets: { supabaseKey: key, neo4jPassword: password }, errors: {} };
  const after = (change: Partial<ProbeInputs>): ProbeInputs => ({ ...before, ...change });

  it('not when nothing of the database changed, even when another database did', () => {
    expect(probeInputsChanged('neo4j', before, after({}))).toBe(false);
    expect(probeInputsChanged('neo4j', before, after({ secrets: { supabaseKey: new Secret('other'), neo4jPassword: new Secret('pw-1') } }))).toBe(false);
    expect(probeInputsChanged('neo4j', before, after({ config: config({ supabase: { ...SUPABASE, probeTable: null }, neo4j: { ...NEO4J } }) }))).toBe(false);
    expect(probeInputsChanged('neo4j', before, after({ errors: { supabaseKey: { message: 'locked' } } }))).toBe(false);
  });

  it('when its section, the timeout, its secret or its read error changed', () => {
    expect(probeInputsChanged('neo4j', before, after({ config: config({ supabase: SUPABASE, neo4j: { ...NEO4J, database: null } }) }))).toBe(true);
    expect(probeInputsChanged('neo4j', before, after({ config: config({ supabase: SUPABASE }) }))).toBe(true);
    expect(probeInputsChanged('neo4j', before, after({ config: config({ supabase: SUPABASE, neo4j: NEO4J }, 6_000) }))).toBe(true);
    expect(probeInputsChanged('neo4j', before, after({ secrets: { supabaseKey: key, neo4jPassword: new Secret('pw-2') } }))).toBe(true);
    expect(probeInputsChanged('neo4j', before, after({ secrets: { supabaseKey: key, neo4jPassword: null } }))).toBe(true);
    expect(probeInputsChanged('neo4j', after({ secrets: {} }), after({ secrets: { neo4jPassword: null } }))).toBe(false);
    expect(probeInputsChanged('neo4j', before, after({ errors: { neo4jPassword: { message: 'locked' } } }))).toBe(true);
    expect(
      probeInputsChanged('neo4j', after({ errors: { neo4jPassword: { message: 'locked' } } }), after({ errors: { neo4jPassword: { message: 'timed out' } } })),
    ).toBe(true);
  });
});
