/** SettingsStore and a version-1 file (releases before environments): read as the "default" environment, never rewritten by itself. */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src-main/core/logging.js';
import { SettingsStore } from '../../../src-main/core/settings/SettingsStore.js';

// Written by the released SettingsStore (main at 4bd58d4); fixtures/v1/README.md says how.
const FIXTURES = fileURLToPath(new URL('./fixtures/v1/', import.meta.url));

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wt-settings-v1-'));
  file = join(dir, 'settings.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function captureLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = { write: (l: string) => void lines.push(JSON.parse(l) as Record<string, unknown>) };
  const { logger } = createLogger({ console: { stream: stream as unknown as NodeJS.WritableStream, pretty: false } });
  return { logger, lines };
}

const CONFIGURED_V2 = {
  version: 2,
  environments: [
    {
      id: 'default',
      name: 'default',
      colour: null,
      databases: {
        supabase: { url: 'https://abcd.supabase.co', probeTable: 'wallets' },
        neo4j: { uri: 'neo4j+s://graph.example.com:7687', user: 'walltrack', database: 'ledger' },
      },
    },
  ],
  monitor: { intervalSec: 45, timeoutMs: 7_000, retries: 3, backoffInitialMs: 500, backoffMaxMs: 8_000, slowMs: 1_500, recoverySuccesses: 2 },
  app: { notifications: false, startAtLogin: true },
};

describe('SettingsStore with a version-1 file', () => {
  it('reads the released version\'s file as the one environment "default", keeps monitor and app, and leaves the file as it is', () => {
    copyFileSync(join(FIXTURES, 'configured.settings.json'), file);
    const before = readFileSync(file, 'utf8');
    const { logger, lines } = captureLogger();
    const store = new SettingsStore({ dir, logger });
    expect(store.get()).toEqual(CONFIGURED_V2);
    expect(store.fileIsVersion1).toBe(true);
    // Not moved aside, not rewritten: migrateToEnvironments writes it once the keychain is done.
    expect(readdirSync(dir)).toEqual(['settings.json']);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(lines.filter((l) => (l.level as number) >= 40)).toEqual([]);
  });

  it('keeps a database the released version left unconfigured as present and empty', () => {
    copyFileSync(join(FIXTURES, 'supabase-only.settings.json'), file);
    expect(new SettingsStore({ dir }).get().environments).toEqual([
      {
        id: 'default',
        name: 'default',
        colour: null,
        databases: { supabase: { url: 'http://127.0.0.1:54321', probeTable: null }, neo4j: { uri: null, user: 'neo4j', database: null } },
      },
    ]);
  });

  it('fills what a hand-edited version-1 file leaves out with version 1\'s defaults', () => {
    writeFileSync(file, JSON.stringify({ neo4j: { uri: 'bolt://127.0.0.1:7687' } }));
    const store = new SettingsStore({ dir });
    expect(store.get()).toEqual({
      version: 2,
      environments: [
        { id: 'default', name: 'default', colour: null, databases: { supabase: { url: null, probeTable: null }, neo4j: { uri: 'bolt://127.0.0.1:7687', user: 'neo4j', database: null } } },
      ],
      monitor: { intervalSec: 30, timeoutMs: 5_000, retries: 2, backoffInitialMs: 1_000, backoffMaxMs: 4_000, slowMs: 1_000, recoverySuccesses: 2 },
      app: { notifications: true, startAtLogin: false },
    });
    expect(store.fileIsVersion1).toBe(true);
  });

  it('ignores conf\'s own "__internal__" bookkeeping in a version-1 file', () => {
    writeFileSync(file, JSON.stringify({ __internal__: { migrations: { version: '1' } }, neo4j: { user: 'graph' } }));
    const store = new SettingsStore({ dir });
    expect(store.get().environments[0]!.databases.neo4j).toEqual({ uri: null, user: 'graph', database: null });
    expect(store.fileIsVersion1).toBe(true);
  });

  it('saving writes version 2 and the file is no longer version 1', () => {
    copyFileSync(join(FIXTURES, 'configured.settings.json'), file);
    const store = new SettingsStore({ dir });
    store.save(store.get());
    expect(store.fileIsVersion1).toBe(false);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(CONFIGURED_V2);
    const reopened = new SettingsStore({ dir });
    expect(reopened.fileIsVersion1).toBe(false);
    expect(reopened.get()).toEqual(CONFIGURED_V2);
  });

  it('a version-2 file, no file and a moved-aside file are not version 1', () => {
    expect(new SettingsStore({ dir }).fileIsVersion1).toBe(false);
    writeFileSync(file, JSON.stringify(CONFIGURED_V2));
    expect(new SettingsStore({ dir }).fileIsVersion1).toBe(false);
    writeFileSync(file, JSON.stringify({ supabase: { url: 'ftp://x' } }));
    expect(new SettingsStore({ dir }).fileIsVersion1).toBe(false);
  });

  it('a file with "environments" but no "version" is version 2 (the key defaults), not a version-1 file losing them', () => {
    const { version: _omitted, ...withoutVersion } = CONFIGURED_V2;
    writeFileSync(file, JSON.stringify(withoutVersion));
    const store = new SettingsStore({ dir });
    expect(store.get()).toEqual(CONFIGURED_V2);
    expect(store.fileIsVersion1).toBe(false);
  });

  it('a file with a "version" but no "environments" is version 2, never converted', () => {
    writeFileSync(file, JSON.stringify({ version: 2, app: { notifications: false } }));
    const store = new SettingsStore({ dir });
    expect(store.fileIsVersion1).toBe(false);
    expect(store.get().app.notifications).toBe(false);
    writeFileSync(file, JSON.stringify({ version: 1, neo4j: { uri: 'bolt://127.0.0.1:7687' } }));
    const { logger, lines } = captureLogger();
    expect(new SettingsStore({ dir, logger }).fileIsVersion1).toBe(false);
    expect(lines.find((l) => l.level === 40)?.problem).toBe('version: Invalid input: expected 2');
  });

  it.each([
    ['a bad URL', { supabase: { url: 'ftp://x' } }, 'supabase.url: Supabase URL must start with https:// (or http:// for a local stack), e.g. https://abcd.supabase.co'],
    ['a section that is null', { neo4j: null }, 'neo4j: Invalid input: expected object, received null'],
    ['a bad monitor value', { monitor: { retries: 99 } }, 'monitor.retries: Retries must be between 0 and 10'],
    ['a bad app value', { app: { notifications: 'yes' } }, 'app.notifications: Invalid input: expected boolean, received string'],
  ])('moves a version-1 file with %s aside as today, naming the field as the file spells it', (_what, content, problem) => {
    const text = JSON.stringify(content);
    writeFileSync(file, text);
    const { logger, lines } = captureLogger();
    const store = new SettingsStore({ dir, logger, now: () => new Date('2026-01-02T03:04:05.678Z') });
    expect(store.fileIsVersion1).toBe(false);
    expect(store.get().environments).toEqual([
      { id: 'default', name: 'default', colour: null, databases: { supabase: { url: null, probeTable: null }, neo4j: { uri: null, user: 'neo4j', database: null } } },
    ]);
    expect(readFileSync(join(dir, 'settings.json.corrupt-2026-01-02T03-04-05-678Z'), 'utf8')).toBe(text);
    expect(lines.find((l) => l.level === 40)?.problem).toBe(problem);
  });

  it('names a version-2 file\'s problem by its full path', () => {
    writeFileSync(file, JSON.stringify({ ...CONFIGURED_V2, environments: [{ ...CONFIGURED_V2.environments[0], databases: { neo4j: { uri: 'http://x' } } }] }));
    const { logger, lines } = captureLogger();
    new SettingsStore({ dir, logger });
    expect(lines.find((l) => l.level === 40)?.problem).toBe(
      'environments.0.databases.neo4j.uri: Neo4j URI must use one of neo4j://, neo4j+s://, neo4j+ssc://, bolt://, bolt+s://, bolt+ssc://, e.g. neo4j://localhost:7687',
    );
  });
});
