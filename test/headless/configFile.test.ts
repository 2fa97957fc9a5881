/** `--config FILE` (real files in a temp folder) and the choice between it, the variables and saved settings. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src-main/core/errors.js';
import { readConfigFile } from '../../src-main/headless/configFile.js';
import { chooseConfig } from '../../src-main/headless/configSource.js';

const dir = mkdtempSync(join(tmpdir(), 'wt-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(content: unknown): string {
  const path = join(dir, `settings-${n++}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

const TWO = {
  version: 2,
  environments: [
    { id: 'production', name: 'Production', colour: '#d33682', databases: { supabase: { url: 'https://prod.supabase.co' }, neo4j: { uri: 'neo4j+s://prod.example:7687' } } },
    { id: 'eu-staging', name: 'EU staging', databases: { supabase: { url: 'https://stage.supabase.co', probeTable: 'wallets' } } },
  ],
  monitor: { intervalSec: 60 },
};

function error(run: () => unknown): ConfigurationError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigurationError);
    return e as ConfigurationError;
  }
  throw new Error('expected a ConfigurationError');
}

describe('readConfigFile', () => {
  it('reads Settings v2; each secret from WALLTRACK_<ENV>_<VARIABLE>, the others from the keychain', () => {
    const path = file(TWO);
    const config = readConfigFile(path, { WALLTRACK_PRODUCTION_NEO4J_PASSWORD: 'prod-pw', WALLTRACK_EU_STAGING_SUPABASE_KEY: 'stage-key', HOME: '/h' });
    expect(config.source).toBe(`--config ${path}`);
    expect(config.readKeychain).toBe(true);
    expect(config.settings.monitor.intervalSec).toBe(60);
    expect(config.settings.environments).toEqual([
      {
        id: 'production',
        name: 'Production',
        colour: '#d33682',
        databases: { supabase: { url: 'https://prod.supabase.co', probeTable: null }, neo4j: { uri: 'neo4j+s://prod.example:7687', user: 'neo4j', database: null } },
      },
      { id: 'eu-staging', name: 'EU staging', colour: null, databases: { supabase: { url: 'https://stage.supabase.co', probeTable: 'wallets' } } },
    ]);
    expect(Object.keys(config.secrets)).toEqual(['production', 'eu-staging']);
    expect(Object.keys(config.secrets.production!)).toEqual(['neo4jPassword']);
    expect(config.secrets.production!.neo4jPassword!.reveal()).toBe('prod-pw');
    expect(config.secrets['eu-staging']!.supabaseKey!.reveal()).toBe('stage-key');
  });

  it('refuses a secret in the file, naming the key and the variable it belongs in, without repeating it', () => {
    const path = file({ environments: [{ id: 'production', name: 'P', databases: { neo4j: { uri: 'bolt://h:7687', password: 'hunter2-in-file' } } }] });
    const e = error(() => readConfigFile(path, {}));
    expect(e.message).toBe(`--config ${path}: Environment "P" has "password" under "neo4j": secrets are not allowed in a --config file`);
    expect(e.hint).toBe('Remove it and set WALLTRACK_PRODUCTION_NEO4J_PASSWORD instead (or store it in the OS keychain)');
    expect(JSON.stringify([e.message, e.hint])).not.toContain('hunter2');
    const top = file({ apiKey: 'x', environments: [] });
    expect(error(() => readConfigFile(top, {})).hint).toBe(
      'Remove it; secrets go in WALLTRACK_<ENV>_<VARIABLE> environment variables (e.g. WALLTRACK_PRODUCTION_NEO4J_PASSWORD) or the OS keychain',
    );
  });

  it.each([
    [
      { environments: [{ id: 'a', name: 'A', databases: {} }, { id: 'b', name: 'B', databases: { neo4j: { uri: 'http://h:7474' } } }] },
      /^Environment "B": Neo4j URI must use one of neo4j:\/\//,
    ],
    [{ environments: [{ id: 'Prod', name: 'P', databases: {} }] }, /^Environment "P": Environment id must be 1–32 lowercase letters/],
    [{ environments: [{ id: 'a', name: 'A', databases: {} }, { id: 'a', name: 'B', databases: {} }] }, /^Environment "B": Environment id "a" is used twice/],
    [{ environments: [] }, /^Settings: At least one environment is needed/],
    [{ version: 1, environments: [{ id: 'a', name: 'A', databases: {} }] }, /^Settings: /],
    [{ environments: [{ id: 'a', name: 'A', databases: { neo4j: { uri: 'bolt://h:7687', usr: 'x' } } }] }, /^Environment "A" has "usr" under "neo4j": not a setting \(known here: uri, user, database\)$/],
    // A version 1 file (the app's old one) is named for what it is, not silently read as defaults.
    [{ neo4j: { uri: 'bolt://h:7687' } }, /^Settings has "neo4j": not a setting \(known here: version, environments, monitor, app\)$/],
  ])('names the place, as people see it, of %j', (content, message) => {
    const path = file(content);
    const e = error(() => readConfigFile(path, {}));
    expect(e.message.startsWith(`--config ${path}: `)).toBe(true);
    expect(e.message.slice(`--config ${path}: `.length)).toMatch(message);
  });

  it('refuses a file that is not JSON without quoting it, a missing file, a folder, and one over 1 MiB', () => {
    const bad = file('{\n  "environments": [\n    { "id": "p" oops-s3cr3t }\n  ]\n}');
    const e = error(() => readConfigFile(bad, {}));
    expect(e.message).toMatch(new RegExp(`^--config ${bad}: it is not valid JSON`));
    expect(e.message).not.toContain('s3cr3t');
    expect(error(() => readConfigFile(join(dir, 'nope.json'), {})).message).toBe(`Cannot read --config ${join(dir, 'nope.json')}: no such file`);
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    expect(error(() => readConfigFile(folder, {})).message).toBe(`--config ${folder} is not a file`);
    const big = file(JSON.stringify({ environments: [{ id: 'a', name: 'A', databases: {} }] }).padEnd(1024 * 1024 + 1));
    expect(error(() => readConfigFile(big, {})).message).toBe(`--config ${big} is larger than 1 MiB; a settings file is a few KiB`);
    // Exactly 1 MiB is still read.
    const edge = file(JSON.stringify({ environments: [{ id: 'a', name: 'A', databases: {} }] }).padEnd(1024 * 1024));
    expect(readConfigFile(edge, {}).settings.environments.map((x) => x.id)).toEqual(['a']);
  });

  it('refuses a per-environment secret variable that matches no database with an endpoint (a typo would ask the keychain instead)', () => {
    const path = file(TWO);
    const typo = error(() => readConfigFile(path, { WALLTRACK_PRODUCTON_NEO4J_PASSWORD: 'x' }));
    expect(typo.message).toBe(
      `WALLTRACK_PRODUCTON_NEO4J_PASSWORD matches no database with an endpoint in --config ${path} ` +
        '(expected: WALLTRACK_PRODUCTION_SUPABASE_KEY, WALLTRACK_PRODUCTION_SUPABASE_ACCESS_TOKEN, WALLTRACK_PRODUCTION_NEO4J_PASSWORD, WALLTRACK_EU_STAGING_SUPABASE_KEY, WALLTRACK_EU_STAGING_SUPABASE_ACCESS_TOKEN)',
    );
    // eu-staging has no Neo4j: its password would go nowhere.
    expect(error(() => readConfigFile(path, { WALLTRACK_EU_STAGING_NEO4J_PASSWORD: 'x' })).message).toMatch(/^WALLTRACK_EU_STAGING_NEO4J_PASSWORD matches no database/);
  });
});

describe('chooseConfig', () => {
  const path = file(TWO);

  it('is null without --config and without variables (saved settings and the keychain)', () => {
    expect(chooseConfig({ env: { HOME: '/h', WALLTRACK_DATA_DIR: '/d' } })).toBeNull();
  });

  it('takes --config, or the variables', () => {
    expect(chooseConfig({ env: {}, configFile: path })!.source).toBe(`--config ${path}`);
    expect(chooseConfig({ env: { NEO4J_URI: 'bolt://h:7687', NEO4J_PASSWORD: 'p' } })!.source).toBe('environment variables');
  });

  it('refuses --config together with the variables: pick one', () => {
    const e = error(() => chooseConfig({ env: { NEO4J_URI: 'bolt://h:7687', NEO4J_PASSWORD: 'p' }, configFile: path }));
    expect(e.message).toBe(`Both --config ${path} and the environment variables NEO4J_URI, NEO4J_PASSWORD configure the monitor: pick one`);
    expect(e.hint).toBe('Unset NEO4J_URI, NEO4J_PASSWORD to use --config, or drop --config to use the variables');
    expect(error(() => chooseConfig({ env: { WALLTRACK_TIMEOUT_MS: '3000' }, configFile: path })).message).toMatch(/^Both --config .* WALLTRACK_TIMEOUT_MS configure/);
  });

  it('refuses WALLTRACK_ENV where it names nothing, and per-environment secrets without --config', () => {
    expect(error(() => chooseConfig({ env: { WALLTRACK_ENV: 'production' }, configFile: path })).message).toBe(
      `WALLTRACK_ENV names the one environment the environment variables define; with --config the environments come from ${path}`,
    );
    expect(error(() => chooseConfig({ env: { WALLTRACK_ENV: 'production' } })).message).toBe(
      'WALLTRACK_ENV is set, but none of the variables of the environment it names is',
    );
    const stray = error(() => chooseConfig({ env: { NEO4J_URI: 'bolt://h:7687', NEO4J_PASSWORD: 'p', WALLTRACK_DEFAULT_NEO4J_PASSWORD: 'p' } }));
    expect(stray.message).toBe('WALLTRACK_DEFAULT_NEO4J_PASSWORD is only read with --config FILE');
    expect(stray.hint).toBe('Without --config, each secret has its plain name (see --help)');
  });
});
