import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError, WallTrackError } from '../../../src-main/core/errors.js';
import { createLogger } from '../../../src-main/core/logging.js';
import { SettingsStore } from '../../../src-main/core/settings/SettingsStore.js';

/** What a fresh install starts with, written out: the schema's defaults must not be their own oracle. */
const DEFAULTS = {
  version: 2,
  environments: [
    { id: 'default', name: 'default', colour: null, databases: { supabase: { url: null, probeTable: null }, neo4j: { uri: null, user: 'neo4j', database: null } } },
  ],
  monitor: { intervalSec: 30, timeoutMs: 5_000, retries: 2, backoffInitialMs: 1_000, backoffMaxMs: 4_000, slowMs: 1_000, recoverySuccesses: 2 },
  app: { notifications: true, startAtLogin: false },
};
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wt-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function captureLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = { write: (l: string) => void lines.push(JSON.parse(l) as Record<string, unknown>) };
  const { logger } = createLogger({ console: { stream: stream as unknown as NodeJS.WritableStream, pretty: false } });
  return { logger, lines };
}

const validDatabases = {
  supabase: { url: 'https://abcd.supabase.co/', probeTable: 'wallets' },
  neo4j: { uri: 'neo4j://db.example.com:7687', user: 'neo4j', database: '' },
};
const valid = {
  environments: [
    { id: 'production', name: 'Production', colour: '#d33682', databases: validDatabases },
    { id: 'staging', name: 'Staging', databases: { neo4j: { uri: 'bolt://127.0.0.1:7687' } } },
  ],
  monitor: { intervalSec: 10 },
};
/** `valid` with one database section replaced. */
const withDatabases = (databases: Record<string, unknown>) => ({ ...valid, environments: [{ ...valid.environments[0], databases: { ...validDatabases, ...databases } }] });

describe('SettingsStore', () => {
  it('starts with defaults and persists a saved value across instances', () => {
    const store = new SettingsStore({ dir });
    expect(store.get()).toEqual(DEFAULTS);
    const saved = store.save(valid);
    expect(saved.environments).toEqual([
      {
        id: 'production',
        name: 'Production',
        colour: '#d33682',
        databases: { supabase: { url: 'https://abcd.supabase.co', probeTable: 'wallets' }, neo4j: { uri: 'neo4j://db.example.com:7687', user: 'neo4j', database: null } },
      },
      { id: 'staging', name: 'Staging', colour: null, databases: { neo4j: { uri: 'bolt://127.0.0.1:7687', user: 'neo4j', database: null } } },
    ]);
    expect(saved.version).toBe(2);
    expect(saved.monitor.intervalSec).toBe(10);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toMatchObject({ monitor: { intervalSec: 10 } });
    expect(new SettingsStore({ dir }).get()).toEqual(saved);
  });

  it.each([
    ['monitor.intervalSec', { monitor: { intervalSec: 0 } }, /at least 1 second/],
    ['monitor.timeoutMs', { monitor: { timeoutMs: 'soon' } }, /number/],
    ['environments.0.databases.neo4j.uri', withDatabases({ neo4j: { uri: 'http://db:7474' } }), /neo4j:\/\/.*bolt\+ssc:\/\//],
    ['environments.0.databases.supabase.url', withDatabases({ supabase: { url: 'ftp://x' } }), /https:\/\//],
    ['environments.0.databases.supabase.probeTable', withDatabases({ supabase: { probeTable: 'wallets; drop table x' } }), /plain table name/],
    ['monitor.backoffMaxMs', { monitor: { backoffInitialMs: 5000, backoffMaxMs: 1000 } }, /at least the first backoff/],
    ['environments.0.databases.neo4j.uri', withDatabases({ neo4j: { uri: 'bolt://neo4j:hunter2@db:7687' } }), /must not contain credentials/],
    ['version', { version: 1 }, /expected 2/],
    ['environments', { environments: [] }, /At least one environment/],
    ['environments.1.id', { environments: [valid.environments[0], valid.environments[0]] }, /"production" is used twice/],
  ])('rejects a bad %s with a ValidationError naming it', (field, input, message) => {
    const store = new SettingsStore({ dir });
    store.save(valid);
    let error: unknown;
    try {
      store.save(input as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe(field);
    expect((error as ValidationError).message).toMatch(message);
    expect((error as ValidationError).message).not.toContain('hunter2');
    // Nothing half-saved: the previous settings stay, in memory and on disk.
    expect(store.get().monitor.intervalSec).toBe(10);
    expect(new SettingsStore({ dir }).get().monitor.intervalSec).toBe(10);
  });

  it('refuses to write a key named like a secret', () => {
    const store = new SettingsStore({ dir });
    const leaky = withDatabases({ neo4j: { ...validDatabases.neo4j, password: 'x' } });
    expect(() => store.save(leaky as never)).toThrow(ValidationError);
    expect(() => store.save(leaky as never)).toThrow(/environments\.0\.databases\.neo4j\.password.*keychain/);
    expect(existsSync(join(dir, 'settings.json'))).toBe(false);
  });

  it.each([
    ['bad JSON', '{"monitor": {"intervalSec": 10,,}'],
    ['a truncated file', JSON.stringify(valid).slice(0, 40)],
    ['an empty file', ''],
    ['a value failing the schema', JSON.stringify({ monitor: { intervalSec: -5 } })],
    ['a JSON array', '[1,2,3]'],
  ])('moves %s aside, keeps it, loads defaults and warns naming both paths', (_what, content) => {
    const file = join(dir, 'settings.json');
    writeFileSync(file, content);
    const { logger, lines } = captureLogger();
    const store = new SettingsStore({ dir, logger, now: () => new Date('2026-01-02T03:04:05.678Z') });
    expect(store.get()).toEqual(DEFAULTS);
    const aside = join(dir, 'settings.json.corrupt-2026-01-02T03-04-05-678Z');
    expect(readFileSync(aside, 'utf8')).toBe(content);
    const warning = lines.find((l) => l.level === 40)!;
    expect(warning.msg).toContain(aside);
    expect(warning.msg).toContain(file);
    expect(warning.settingsFile).toBe(file);
    expect(warning.movedTo).toBe(aside);
    // A notice: `check` shows it on stderr although its console shows nothing else.
    expect(warning.notice).toBe(true);
    // The store works afterwards, and a second corrupt file does not overwrite the first.
    store.save(valid);
    writeFileSync(file, '{');
    new SettingsStore({ dir, logger, now: () => new Date('2026-01-02T03:04:05.678Z') });
    expect(readdirSync(dir).filter((f) => f.includes('.corrupt-')).length).toBe(2);
    expect(readFileSync(aside, 'utf8')).toBe(content);
  });

  it('explains an unusable data folder and how to fix it', () => {
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, '');
    expect(() => new SettingsStore({ dir: join(file, 'sub') })).toThrow(/Could not open the settings file .*not-a-folder\/sub\/settings\.json/);
    try {
      new SettingsStore({ dir: join(file, 'sub') });
    } catch (error) {
      expect((error as WallTrackError).hint).toMatch(/writable, or set WALLTRACK_DATA_DIR/);
    }
  });

  it('uses an injected Conf-compatible store factory (electron-store in the shell)', () => {
    let data: Record<string, unknown> = {};
    const created: { cwd: string; configName: string }[] = [];
    const store = new SettingsStore({
      dir,
      createStore: (o) => {
        created.push(o);
        return { path: join(o.cwd, `${o.configName}.json`), get store() { return data; }, set store(v) { data = v; } };
      },
    });
    store.save(valid);
    expect(created).toEqual([{ cwd: dir, configName: 'settings' }]);
    expect(data).toMatchObject({ version: 2, environments: [{ id: 'production', databases: { supabase: { url: 'https://abcd.supabase.co' } } }, { id: 'staging' }] });
  });
});
