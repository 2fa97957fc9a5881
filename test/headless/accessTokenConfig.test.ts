/**
 * The Supabase access token (the registry's extra secret) in the CLI's configuration: the original
 * variables (SUPABASE_ACCESS_TOKEN, optional) and --config's WALLTRACK_<ENV>_SUPABASE_ACCESS_TOKEN.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src-main/core/errors.js';
import { readConfigFile } from '../../src-main/headless/configFile.js';
import { chooseConfig } from '../../src-main/headless/configSource.js';
import { NOTHING_CONFIGURED, readEnvConfig } from '../../src-main/headless/envConfig.js';

const dir = mkdtempSync(join(tmpdir(), 'wt-token-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const CONFIG = join(dir, 'settings.json');
writeFileSync(
  CONFIG,
  JSON.stringify({
    version: 2,
    environments: [
      { id: 'production', name: 'Production', databases: { supabase: { url: 'https://prod.supabase.co' }, neo4j: { uri: 'bolt://prod.example:7687' } } },
      { id: 'eu-staging', name: 'EU staging', databases: { neo4j: { uri: 'bolt://stage.example:7687' } } },
    ],
  }),
);

function thrown(run: () => unknown): ConfigurationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  throw new Error('expected a ConfigurationError');
}

describe('SUPABASE_ACCESS_TOKEN with the original variables', () => {
  it('is an optional secret of the Supabase database: kept as a Secret, never in the settings', () => {
    const config = readEnvConfig({ SUPABASE_URL: 'https://abcdefghijklmnopqrst.supabase.co', SUPABASE_KEY: 'key-1', SUPABASE_ACCESS_TOKEN: 'sbp_token_1' })!;
    expect(config.secrets.default!.supabaseAccessToken!.reveal()).toBe('sbp_token_1');
    expect(config.secrets.default!.supabaseKey!.reveal()).toBe('key-1');
    expect(JSON.stringify(config)).not.toContain('sbp_token_1');
    // Without it, no token: the Management API is not asked.
    expect(readEnvConfig({ SUPABASE_URL: 'https://abcdefghijklmnopqrst.supabase.co', SUPABASE_KEY: 'key-1' })!.secrets.default).not.toHaveProperty('supabaseAccessToken');
  });

  it('without the Supabase URL and key it would go nowhere: an error says what to set, not a silent skip', () => {
    const error = thrown(() => readEnvConfig({ NEO4J_URI: 'bolt://h:7687', NEO4J_PASSWORD: 'p', SUPABASE_ACCESS_TOKEN: 'sbp_x' }));
    expect(error.message).toBe('SUPABASE_ACCESS_TOKEN is set but SUPABASE_URL and SUPABASE_KEY are not: set SUPABASE_URL and SUPABASE_KEY (or unset SUPABASE_ACCESS_TOKEN)');
    expect(error.message).not.toContain('sbp_x');
  });

  it('is listed among the optional variables when nothing is configured', () => {
    expect(NOTHING_CONFIGURED).toBe(
      'Nothing to check: set SUPABASE_URL and SUPABASE_KEY and/or NEO4J_URI and NEO4J_PASSWORD ' +
        '(optionally SUPABASE_ACCESS_TOKEN, SUPABASE_PROBE_TABLE, SUPABASE_PROJECT_REF, SUPABASE_MANAGEMENT_API_URL, NEO4J_USER, NEO4J_DATABASE), ' +
        'or pass --config FILE, or save the settings in the WallTrack Monitor app first.',
    );
  });
});

describe('WALLTRACK_<ENV>_SUPABASE_ACCESS_TOKEN with --config', () => {
  it("is the environment's access token", () => {
    const config = readConfigFile(CONFIG, { WALLTRACK_PRODUCTION_SUPABASE_KEY: 'key-2', WALLTRACK_PRODUCTION_SUPABASE_ACCESS_TOKEN: 'sbp_token_2' });
    expect(Object.keys(config.secrets.production!)).toEqual(['supabaseKey', 'supabaseAccessToken']);
    expect(config.secrets.production!.supabaseAccessToken!.reveal()).toBe('sbp_token_2');
    expect(JSON.stringify(config)).not.toContain('sbp_token_2');
  });

  it('for an environment without Supabase it matches nothing: refused, and the expected names include the token', () => {
    const error = thrown(() => readConfigFile(CONFIG, { WALLTRACK_EU_STAGING_SUPABASE_ACCESS_TOKEN: 'sbp_x' }));
    expect(error.message).toBe(
      `WALLTRACK_EU_STAGING_SUPABASE_ACCESS_TOKEN matches no database with an endpoint in --config ${CONFIG} ` +
        '(expected: WALLTRACK_PRODUCTION_SUPABASE_KEY, WALLTRACK_PRODUCTION_SUPABASE_ACCESS_TOKEN, WALLTRACK_PRODUCTION_NEO4J_PASSWORD, WALLTRACK_EU_STAGING_NEO4J_PASSWORD)',
    );
  });

  it('is only read with --config', () => {
    const error = thrown(() => chooseConfig({ env: { WALLTRACK_PRODUCTION_SUPABASE_ACCESS_TOKEN: 'sbp_x' } }));
    expect(error.message).toBe('WALLTRACK_PRODUCTION_SUPABASE_ACCESS_TOKEN is only read with --config FILE');
  });
});
