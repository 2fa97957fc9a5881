/** SettingsStore and an unreadable or unwritable settings file: what is kept aside, what the warning says, what is thrown. */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WallTrackError } from '../../../src-main/core/errors.js';
import { createLogger } from '../../../src-main/core/logging.js';
import { SettingsStore } from '../../../src-main/core/settings/SettingsStore.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wt-settings-corrupt-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function problemLoading(content: string): unknown {
  writeFileSync(join(dir, 'settings.json'), content);
  const lines: Record<string, unknown>[] = [];
  const stream = { write: (l: string) => void lines.push(JSON.parse(l) as Record<string, unknown>) };
  const { logger } = createLogger({ console: { stream: stream as unknown as NodeJS.WritableStream, pretty: false } });
  new SettingsStore({ dir, logger, now: () => new Date('2026-01-02T03:04:05.678Z') });
  return lines.find((l) => l.level === 40)?.problem;
}

describe('SettingsStore with an unreadable file', () => {
  it('names every field the schema refuses, or "(file)" for the whole', () => {
    expect(problemLoading(JSON.stringify({ monitor: { intervalSec: 0, retries: 99 } }))).toBe(
      'monitor.intervalSec: Check interval must be at least 1 second; monitor.retries: Retries must be between 0 and 10',
    );
    rmSync(join(dir, 'settings.json.corrupt-2026-01-02T03-04-05-678Z'));
    expect(problemLoading('[1,2]')).toBe('(file): Invalid input: expected object, received array');
    rmSync(join(dir, 'settings.json.corrupt-2026-01-02T03-04-05-678Z'));
    expect(problemLoading('null')).toBe('(file): Invalid input: expected object, received null');
    rmSync(join(dir, 'settings.json.corrupt-2026-01-02T03-04-05-678Z'));
    expect(problemLoading('"text"')).toBe('(file): Invalid input: expected object, received string');
  });

  it('gives the JSON error for a file that is not JSON', () => {
    expect(problemLoading('{"monitor":')).toMatch(/JSON/);
  });

  it('ignores conf\'s own "__internal__" bookkeeping', () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ __internal__: { migrations: { version: '1' } }, version: 2, app: { notifications: false } }));
    expect(new SettingsStore({ dir }).get().app.notifications).toBe(false);
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('without a logger or a clock: still moves the file aside under the current time', () => {
    writeFileSync(join(dir, 'settings.json'), 'not json');
    expect(new SettingsStore({ dir }).get().monitor.intervalSec).toBe(30);
    expect(readdirSync(dir)).toEqual([expect.stringMatching(/^settings\.json\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/)]);
  });

  it('numbers further corrupt files of the same moment -1, -2', () => {
    const now = () => new Date('2026-01-02T03:04:05.678Z');
    for (let i = 0; i < 3; i++) {
      writeFileSync(join(dir, 'settings.json'), `broken ${i}`);
      new SettingsStore({ dir, now });
    }
    expect(readdirSync(dir).sort()).toEqual([
      'settings.json.corrupt-2026-01-02T03-04-05-678Z',
      'settings.json.corrupt-2026-01-02T03-04-05-678Z-1',
      'settings.json.corrupt-2026-01-02T03-04-05-678Z-2',
    ]);
  });
});

describe('SettingsStore with an unwritable store', () => {
  it('a failed write is a WallTrackError naming the file, with a hint; the settings stay as they were', () => {
    const store = new SettingsStore({
      dir,
      createStore: () => ({
        path: join(dir, 'settings.json'),
        get store(): Record<string, unknown> {
          return {};
        },
        set store(_value: Record<string, unknown>) {
          throw new Error('EROFS: read-only file system');
        },
      }),
    });
    let error: unknown;
    try {
      store.save({ app: { notifications: false } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WallTrackError);
    expect((error as WallTrackError).message).toBe(`Could not write the settings file ${join(dir, 'settings.json')}: EROFS: read-only file system`);
    expect((error as WallTrackError).hint).toBe('Check that the data folder exists and is writable, or set WALLTRACK_DATA_DIR to another folder.');
    expect(store.get().app.notifications).toBe(true);
  });
});
