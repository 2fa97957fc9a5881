/**
 * Issue 13 item 2: no message a person reads names a setting by its internal path
 * ("environments.1.databases.neo4j.uri", "(setting neo4j.uri)"). Enumerates every way settings
 * reach a person with a validation error: a save from the settings window, a .env import or the
 * variables, a --config file (schema and secret keys), and a settings value parsed anywhere else.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../../src-main/common/settings-schema.js';
import { CredentialVault } from '../../../src-main/core/credentials/CredentialVault.js';
import { createMonitorCore } from '../../../src-main/core/createMonitorCore.js';
import { applyEnvVariables } from '../../../src-main/core/settings/envVariables.js';
import { parseSettings } from '../../../src-main/core/settings/validation.js';
import { readConfigFile } from '../../../src-main/headless/configFile.js';

const dir = mkdtempSync(join(tmpdir(), 'wt-places-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A dotted settings path, or the suffix that named one. */
const INTERNAL_PATH = /\b(?:settings\.)?(?:environments\.\d+|monitor\.\w+|app\.\w+|secrets\.\w+)|\b(?:neo4j|supabase)\.(?:uri|url|user|database|probeTable|password)\b|\(setting /;

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

const two = (neo4j: object, monitor: object = {}) => ({
  environments: [
    { id: 'production', name: 'Production', databases: {} },
    { id: 'staging', name: 'Staging', databases: { neo4j } },
  ],
  monitor,
});

describe('validation messages name places as people see them', () => {
  it('a save from the settings window', async () => {
    const core = createMonitorCore({ dataDir: mkdtempSync(join(dir, 'core-')), vault: new CredentialVault({ service: `walltrack-monitor-test-${randomUUID()}` }) });
    try {
      const bad = await core.saveSettings({ settings: two({ uri: 'http://db:7687' }) as never, secrets: {}, removeEnvironments: [] }).catch((e: Error) => e);
      expect((bad as Error).message).toBe('Environment "Staging": Neo4j URI must use one of neo4j://, neo4j+s://, neo4j+ssc://, bolt://, bolt+s://, bolt+ssc://, e.g. neo4j://localhost:7687');
      expect(bad).toMatchObject({ field: 'settings.environments.1.databases.neo4j.uri' });
    } finally {
      await core.stop();
    }
  });

  it('settings parsed anywhere else (store, import), and the monitor section', () => {
    expect(messageOf(() => parseSettings(two({ uri: 'http://db:7687' })))).toMatch(/^Environment "Staging": Neo4j URI must use one of /);
    expect(messageOf(() => parseSettings(two({}, { retries: 99 })))).toBe('Checks: Retries must be between 0 and 10');
  });

  it('the variables and a .env import name the variable only', () => {
    const base = { databases: { neo4j: SettingsSchema.parse({}).environments[0]!.databases.neo4j! }, monitor: SettingsSchema.parse({}).monitor };
    expect(messageOf(() => applyEnvVariables([['NEO4J_URI', 'http://db:7687']], base))).toMatch(/^NEO4J_URI: Neo4j URI must use one of .*localhost:7687$/);
    expect(messageOf(() => applyEnvVariables([['WALLTRACK_TIMEOUT_MS', '50']], base))).toBe('WALLTRACK_TIMEOUT_MS: Timeout must be at least 100 ms');
  });

  it('a --config file: a bad value, and a secret in it', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify(two({ uri: 'http://db:7687' })));
    expect(messageOf(() => readConfigFile(bad, {}))).toMatch(new RegExp(`^--config ${bad}: Environment "Staging": Neo4j URI must use one of `));
    const leaky = join(dir, 'leaky.json');
    writeFileSync(leaky, JSON.stringify(two({ uri: 'bolt://db:7687', password: 'x' })));
    expect(messageOf(() => readConfigFile(leaky, {}))).toBe(`--config ${leaky}: Environment "Staging" has "password" under "neo4j": secrets are not allowed in a --config file`);
  });

  it('none of them shows an internal path', async () => {
    const base = { databases: { neo4j: SettingsSchema.parse({}).environments[0]!.databases.neo4j! }, monitor: SettingsSchema.parse({}).monitor };
    const file = join(dir, 'each.json');
    const messages = [
      messageOf(() => parseSettings(two({ uri: 'bolt://user:pw@db:7687' }))),
      messageOf(() => parseSettings(two({ database: '-x' }))),
      messageOf(() => parseSettings({ environments: [{ id: 'Bad Id', name: 'x', databases: {} }] })),
      messageOf(() => parseSettings(two({}, { timeoutMs: 1 }))),
      messageOf(() => applyEnvVariables([['NEO4J_DATABASE', '-x']], base)),
      messageOf(() => {
        writeFileSync(file, JSON.stringify(two({ user: ' ' })));
        return readConfigFile(file, {});
      }),
    ];
    for (const message of messages) expect(message).not.toMatch(INTERNAL_PATH);
  });
});
