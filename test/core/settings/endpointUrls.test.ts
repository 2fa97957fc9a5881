/**
 * Strict endpoint URLs at every door: the settings schema (settings file, Settings window, saveSettings),
 * environment variables and the .env import. Each rejection names the field or variable and says how to
 * fix it, and never repeats the value: a query, fragment or userinfo may carry a key.
 */
import { describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../../src-main/common/settings-schema.js';
import { planEnvImport } from '../../../src-main/core/credentials/envImport.js';
import { ConfigurationError, ValidationError } from '../../../src-main/core/errors.js';
import { applyEnvVariables } from '../../../src-main/core/settings/envVariables.js';
import { parseSettings } from '../../../src-main/core/settings/validation.js';
import { readEnvConfig } from '../../../src-main/headless/envConfig.js';

/** One environment's config: both kinds present and empty, the default monitor settings. */
const DEFAULTS = { databases: SettingsSchema.parse({}).environments[0]!.databases, monitor: SettingsSchema.parse({}).monitor };
const inEnvironment = (databases: object) => ({ environments: [{ id: 'default', name: 'default', databases }] });
const SUPABASE_URL_FIELD = 'environments.0.databases.supabase.url';
const NEO4J_URI_FIELD = 'environments.0.databases.neo4j.uri';

const SUPABASE = {
  scheme: 'Supabase URL must start with https:// (or http:// for a local stack), e.g. https://abcd.supabase.co',
  credentials: 'Supabase URL must not contain credentials ("user:password@"); the API key belongs in SUPABASE_KEY (the Supabase API key field)',
  query: 'Supabase URL must not have a query string ("?…"); the API key belongs in SUPABASE_KEY (the Supabase API key field), and the URL is the project URL alone, e.g. https://abcd.supabase.co',
  fragment: 'Supabase URL must not have a fragment ("#…"); use the project URL alone, e.g. https://abcd.supabase.co',
  path: 'Supabase URL must not have a path (such as /rest/v1); use the project URL alone, e.g. https://abcd.supabase.co',
  noHost: 'Supabase URL must name a host, e.g. https://abcd.supabase.co',
  host: 'Supabase URL host must be a valid host name or IP address, e.g. https://abcd.supabase.co',
  ipv6: 'Supabase URL must be scheme://host[:port], with an IPv6 address in brackets, e.g. http://[::1]:54321',
  port: 'Supabase URL port must be a whole number from 1 to 65535, e.g. http://127.0.0.1:54321',
};

const NEO4J = {
  scheme: 'Neo4j URI must use one of neo4j://, neo4j+s://, neo4j+ssc://, bolt://, bolt+s://, bolt+ssc://, e.g. neo4j://localhost:7687',
  credentials:
    'Neo4j URI must not contain credentials ("user:password@"); put the user in NEO4J_USER (the Neo4j user field) and the password in NEO4J_PASSWORD (the Neo4j password field)',
  noHost: 'Neo4j URI must name a host, e.g. neo4j://localhost:7687',
  host: 'Neo4j URI host must be a valid host name or IP address, e.g. neo4j://localhost:7687',
  ipv6: 'Neo4j URI must be scheme://host[:port], with an IPv6 address in brackets, e.g. bolt://[::1]:7687',
  port: 'Neo4j URI port must be a whole number from 1 to 65535, e.g. neo4j://localhost:7687',
};

const REJECTED_SUPABASE: [string, string][] = [
  ['https://user:pw@abcd.supabase.co', SUPABASE.credentials],
  ['https://user@abcd.supabase.co', SUPABASE.credentials],
  ['https://abcd.supabase.co?x=1', SUPABASE.query],
  ['https://abcd.supabase.co/?apikey=k', SUPABASE.query],
  ['https://abcd.supabase.co?', SUPABASE.query],
  ['https://abcd.supabase.co#f', SUPABASE.fragment],
  ['https://abcd.supabase.co#', SUPABASE.fragment],
  ['https://abcd.supabase.co/path', SUPABASE.path],
  ['https://abcd.supabase.co/rest/v1/', SUPABASE.path],
  ['https://abcd.supabase.co//', SUPABASE.path],
  ['https://abcd.supabase.co:0', SUPABASE.port],
  ['https://abcd.supabase.co:65536', SUPABASE.port],
  ['https://abcd.supabase.co:', SUPABASE.port],
  ['https://abcd.supabase.co:https', SUPABASE.port],
  ['https://[::1', SUPABASE.ipv6],
  ['https://::1:443', SUPABASE.ipv6],
  ['https://', SUPABASE.noHost],
  ['https://:443', SUPABASE.noHost],
  ['https://ab cd.supabase.co', SUPABASE.host],
  ['https://999.1.1.1', SUPABASE.host],
  ['https://[not-an-ip]:443', SUPABASE.host],
  ['https://abcd.supabase.co\\rest', SUPABASE.host],
  ['abcd.supabase.co', SUPABASE.scheme],
  ['ftp://abcd.supabase.co', SUPABASE.scheme],
  ['https:/abcd.supabase.co', SUPABASE.scheme],
  ['https:abcd.supabase.co', SUPABASE.scheme],
];

const ACCEPTED_SUPABASE: [string, string][] = [
  ['https://abcd.supabase.co', 'https://abcd.supabase.co'],
  ['https://abcd.supabase.co/', 'https://abcd.supabase.co'],
  ['  http://127.0.0.1:54321/  ', 'http://127.0.0.1:54321'],
  ['http://[::1]:54321/', 'http://[::1]:54321'],
  ['HTTPS://abcd.supabase.co:1', 'HTTPS://abcd.supabase.co:1'],
  ['https://abcd.supabase.co:65535', 'https://abcd.supabase.co:65535'],
];

const REJECTED_NEO4J: [string, string][] = [
  ['bolt://:7687', NEO4J.noHost],
  ['bolt://', NEO4J.noHost],
  ['bolt://graph:0', NEO4J.port],
  ['neo4j://graph:65536', NEO4J.port],
  ['neo4j://graph:', NEO4J.port],
  ['neo4j://u:p@graph', NEO4J.credentials],
  ['neo4j://u@graph:7687', NEO4J.credentials],
  ['bolt://::1:7687', NEO4J.ipv6],
  ['bolt://[::1:7687', NEO4J.ipv6],
  ['bolt://gr aph:7687', NEO4J.host],
  ['http://graph:7474', NEO4J.scheme],
  ['graph:7687', NEO4J.scheme],
];

const ACCEPTED_NEO4J: [string, string][] = [
  ['neo4j://localhost:7687', 'neo4j://localhost:7687'],
  ['bolt://[::1]:7687', 'bolt://[::1]:7687'],
  ['neo4j+s://abcd.databases.neo4j.io', 'neo4j+s://abcd.databases.neo4j.io'],
  // Routing context: a documented part of neo4j:// URIs.
  ['neo4j://graph.example.com:7687?policy=europe', 'neo4j://graph.example.com:7687?policy=europe'],
];

function errorOf(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('Supabase URL: http(s)://host[:port][/] only', () => {
  it.each(REJECTED_SUPABASE)('settings reject %j: %s', (url, message) => {
    const error = errorOf(() => parseSettings(inEnvironment({ supabase: { url } })));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe(SUPABASE_URL_FIELD);
    expect(error.message).toBe(`Environment "default": ${message}`);
  });

  it.each(REJECTED_SUPABASE)('SUPABASE_URL=%j is rejected naming the variable', (url, message) => {
    const error = errorOf(() => applyEnvVariables([['SUPABASE_URL', url]], DEFAULTS));
    expect((error as ValidationError).field).toBe('SUPABASE_URL');
    expect(error.message).toBe(`SUPABASE_URL: ${message}`);
  });

  it.each(ACCEPTED_SUPABASE)('accepts %j as %j', (url, stored) => {
    expect(parseSettings(inEnvironment({ supabase: { url } })).environments[0]!.databases.supabase!.url).toBe(stored);
  });
});

describe('Neo4j URI: a host, a port from 1 to 65535, no userinfo', () => {
  it.each(REJECTED_NEO4J)('settings reject %j: %s', (uri, message) => {
    const error = errorOf(() => parseSettings(inEnvironment({ neo4j: { uri } })));
    expect((error as ValidationError).field).toBe(NEO4J_URI_FIELD);
    expect(error.message).toBe(`Environment "default": ${message}`);
  });

  it.each(REJECTED_NEO4J)('NEO4J_URI=%j is rejected naming the variable', (uri, message) => {
    const error = errorOf(() => applyEnvVariables([['NEO4J_URI', uri]], DEFAULTS));
    expect((error as ValidationError).field).toBe('NEO4J_URI');
    expect(error.message).toBe(`NEO4J_URI: ${message}`);
  });

  it.each(ACCEPTED_NEO4J)('accepts %j as %j', (uri, stored) => {
    expect(parseSettings(inEnvironment({ neo4j: { uri } })).environments[0]!.databases.neo4j!.uri).toBe(stored);
  });
});

describe('a rejected URL is never repeated', () => {
  const SECRET = 'sb_secret_Zq81-leaky';
  const leaky = [
    `https://abcd.supabase.co?apikey=${SECRET}`,
    `https://abcd.supabase.co/rest/v1?apikey=${SECRET}`,
    `https://abcd.supabase.co#${SECRET}`,
    `https://anon:${SECRET}@abcd.supabase.co`,
    `https://abcd.supabase.co:0?apikey=${SECRET}`,
    `ftp://abcd.supabase.co?apikey=${SECRET}`,
  ];
  const leakyNeo4j = [`neo4j://neo4j:${SECRET}@graph:7687`, `bolt://:7687?token=${SECRET}`, `bolt://graph:0#${SECRET}`];

  it.each(leaky)('%j: not in the settings error, the env error or the .env import error', (url) => {
    const texts = [
      errorOf(() => parseSettings(inEnvironment({ supabase: { url } }))),
      errorOf(() => SettingsSchema.parse(inEnvironment({ supabase: { url } }))),
      errorOf(() => readEnvConfig({ SUPABASE_URL: url, SUPABASE_KEY: 'k' })),
      errorOf(() => planEnvImport(`SUPABASE_URL=${url}\n`, DEFAULTS)),
    ].map((e) => `${e.message} ${JSON.stringify(e)} ${String((e as ConfigurationError).hint)}`);
    for (const text of texts) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain('abcd.supabase.co?');
    }
  });

  it.each(leakyNeo4j)('%j: not in the settings error or the env error', (uri) => {
    const texts = [errorOf(() => parseSettings(inEnvironment({ neo4j: { uri } }))), errorOf(() => readEnvConfig({ NEO4J_URI: uri, NEO4J_PASSWORD: 'p' }))];
    for (const e of texts) expect(`${e.message} ${JSON.stringify(e)}`).not.toContain(SECRET);
  });

  it('the CLI configuration error names the variable and how to fix it', () => {
    const error = errorOf(() => readEnvConfig({ SUPABASE_URL: `https://abcd.supabase.co?apikey=${SECRET}`, SUPABASE_KEY: 'k' })) as ConfigurationError;
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe(`Invalid environment variable SUPABASE_URL: ${SUPABASE.query}`);
    expect(error.hint).toBe('Fix or unset SUPABASE_URL');
  });
});
