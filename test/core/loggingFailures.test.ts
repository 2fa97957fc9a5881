/**
 * The log file on real broken file systems: full (ENOSPC), read-only (EROFS), deleted while
 * running (ENOENT), a parent that is a file (ENOTDIR), a rotation that cannot rename. Logging must
 * never throw into a caller, warn once per outage, keep lines whole, and use the file again later.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CredentialVault } from '../../src-main/core/credentials/CredentialVault.js';
import { createMonitorCore } from '../../src-main/core/createMonitorCore.js';
import { createLogger, RotatingFileStream } from '../../src-main/core/logging.js';
import { testServices, type TestServices } from '../support/services.js';
import { fill, mountTmpfs, remount, tmpfsProblem, unmount } from '../support/tmpfs.js';
import { warmUpServices } from './warmUp.js';

const mountProblem = tmpfsProblem();
if (mountProblem) console.warn(`Skipping the full/read-only file system tests: ${mountProblem}`);

let dir: string;
const mounted: string[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wt-logfail-'));
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
  for (const m of mounted.splice(0)) unmount(m);
  rmSync(dir, { recursive: true, force: true });
});

/** A log folder on a fresh 64 KiB tmpfs. */
function smallLogFolder(): string {
  const logs = join(dir, 'logs');
  mkdirSync(logs);
  mountTmpfs(logs);
  mounted.push(logs);
  return logs;
}

function recorder() {
  const lines: string[] = [];
  return { lines, write: (line: string) => void lines.push(line) };
}

/** A JSON line of exactly 1000 bytes, newline included. */
const line1000 = (i: number) => {
  const head = JSON.stringify({ i, pad: '' });
  return JSON.stringify({ i, pad: 'x'.repeat(999 - head.length) }) + '\n';
};

const fileLines = (file: string) => readFileSync(file, 'utf8').split('\n').slice(0, -1);

describe.skipIf(mountProblem)('on a full file system (ENOSPC)', () => {
  it('warns once, keeps the file to whole lines, hands the rest whole to the fallback, and uses the file again 30 s after space is freed', () => {
    const logs = smallLogFolder();
    const filler = fill(logs, 32 * 1024); // leaves 32 KiB: 32 lines of 1000 bytes, then 768 bytes of the 33rd
    const file = join(logs, 'walltrack-monitor.log');
    const fallback = recorder();
    const warnings = recorder();
    const stream = new RotatingFileStream(file, { fallback: fallback.write, warn: warnings.write });
    for (let i = 0; i < 40; i++) expect(stream.write(line1000(i))).toBe(true);

    const inFile = fileLines(file);
    expect(inFile).toHaveLength(32);
    for (const [n, l] of inFile.entries()) expect(JSON.parse(l)).toMatchObject({ i: n });
    expect(fallback.lines).toEqual(Array.from({ length: 8 }, (_, k) => line1000(32 + k)));
    expect(warnings.lines).toHaveLength(1);
    expect(JSON.parse(warnings.lines[0]!)).toMatchObject({ level: 40, code: 'ENOSPC', file, msg: expect.stringMatching(/^Cannot write the log file/) });

    rmSync(filler);
    stream.write(line1000(40)); // space is back, but the retry is not due yet
    expect(fallback.lines.at(-1)).toBe(line1000(40));
    vi.advanceTimersByTime(30_000);
    stream.write(line1000(41));
    stream.close();
    expect(fileLines(file).at(-1)).toBe(line1000(41).trimEnd());
    expect(fileLines(file)).toHaveLength(33);
    expect(warnings.lines).toHaveLength(1);
  });

  it('never throws into the logger caller, and says so once on the console', () => {
    const logs = smallLogFolder();
    fill(logs);
    const out = recorder();
    const log = createLogger({ file: join(logs, 'a.log'), console: { stream: { write: out.write } as unknown as NodeJS.WritableStream, pretty: false } });
    for (let i = 0; i < 3; i++) expect(() => log.logger.info({ i }, `line ${i}`)).not.toThrow();
    log.close();
    const entries = out.lines.map((l) => JSON.parse(l) as { msg: string; code?: string });
    expect(entries.filter((e) => /^Cannot write the log file/.test(e.msg))).toEqual([expect.objectContaining({ code: 'ENOSPC' })]);
    expect(entries.filter((e) => /^line \d$/.test(e.msg)).map((e) => e.msg)).toEqual(['line 0', 'line 1', 'line 2']);
  });
});

describe.skipIf(mountProblem)('on a read-only file system (EROFS)', () => {
  it('starts without throwing, sends lines to the fallback, and writes the file once it is writable again', () => {
    const logs = smallLogFolder();
    remount(logs, 'ro');
    const file = join(logs, 'walltrack-monitor.log');
    const fallback = recorder();
    const warnings = recorder();
    const stream = new RotatingFileStream(file, { fallback: fallback.write, warn: warnings.write });
    stream.write('{"n":"a"}\n');
    remount(logs, 'rw');
    stream.write('{"n":"b"}\n');
    vi.advanceTimersByTime(30_000);
    stream.write('{"n":"c"}\n');
    stream.close();
    expect(warnings.lines.map((l) => JSON.parse(l).code)).toEqual(['EROFS']);
    expect(fallback.lines).toEqual(['{"n":"a"}\n', '{"n":"b"}\n']);
    expect(readFileSync(file, 'utf8')).toBe('{"n":"c"}\n');
  });
});

describe('other log folder failures', () => {
  it('a log folder deleted while running is made again, and no line goes to the deleted file', () => {
    const file = join(dir, 'logs', 'walltrack-monitor.log');
    const warnings = recorder();
    const stream = new RotatingFileStream(file, { warn: warnings.write });
    stream.write('{"n":1}\n');
    rmSync(join(dir, 'logs'), { recursive: true });
    expect(() => stream.write('{"n":2}\n')).not.toThrow();
    stream.close();
    expect(readFileSync(file, 'utf8')).toBe('{"n":2}\n');
    expect(warnings.lines).toEqual([]);
  });

  it('a log folder that cannot be made (its parent is a file: ENOTDIR) warns once and is tried again 30 s later', () => {
    const blocker = join(dir, 'data');
    writeFileSync(blocker, '');
    const file = join(blocker, 'logs', 'walltrack-monitor.log');
    const fallback = recorder();
    const warnings = recorder();
    const stream = new RotatingFileStream(file, { fallback: fallback.write, warn: warnings.write });
    for (const n of [1, 2, 3]) stream.write(`{"n":${n}}\n`);
    rmSync(blocker);
    vi.advanceTimersByTime(29_999);
    stream.write('{"n":4}\n');
    expect(existsSync(file)).toBe(false);
    vi.advanceTimersByTime(1);
    stream.write('{"n":5}\n');
    stream.close();
    expect(warnings.lines.map((l) => JSON.parse(l).code)).toEqual(['ENOTDIR']);
    expect(fallback.lines).toEqual(['{"n":1}\n', '{"n":2}\n', '{"n":3}\n', '{"n":4}\n']);
    expect(readFileSync(file, 'utf8')).toBe('{"n":5}\n');
  });

  it('a rotation that cannot rename (the oldest generation is a folder) keeps the line and does not throw', () => {
    const file = join(dir, 'r.log');
    mkdirSync(join(`${file}.1`, 'in-the-way'), { recursive: true });
    const fallback = recorder();
    const warnings = recorder();
    const stream = new RotatingFileStream(file, { maxBytes: 30, maxFiles: 1, fallback: fallback.write, warn: warnings.write });
    stream.write(`{"n":"${'a'.repeat(20)}"}\n`);
    expect(() => stream.write(`{"n":"${'b'.repeat(20)}"}\n`)).not.toThrow();
    stream.close();
    expect(fallback.lines).toEqual([`{"n":"${'b'.repeat(20)}"}\n`]);
    expect(warnings.lines).toHaveLength(1);
    expect(readFileSync(file, 'utf8')).toBe(`{"n":"${'a'.repeat(20)}"}\n`);
  });
});

describe.skipIf(mountProblem)('the core with a full log folder', () => {
  let services: TestServices;
  beforeAll(async () => {
    services = testServices();
    await warmUpServices(services);
  });

  it('starts, checks, and saves settings and secrets', async () => {
    vi.useRealTimers();
    const dataDir = join(dir, 'data');
    mkdirSync(join(dataDir, 'logs'), { recursive: true });
    mountTmpfs(join(dataDir, 'logs'));
    mounted.push(join(dataDir, 'logs'));
    fill(join(dataDir, 'logs'));
    const out = recorder();
    const log = createLogger({ file: join(dataDir, 'logs', 'walltrack-monitor.log'), console: { stream: { write: out.write } as unknown as NodeJS.WritableStream, pretty: false } });
    const vault = new CredentialVault({ service: `walltrack-monitor-test-${randomUUID()}` });
    const core = createMonitorCore({ dataDir, vault, logger: log.logger });
    try {
      await core.start();
      const view = await core.getSettings();
      const [current] = view.settings.environments;
      const saved = await core.saveSettings({
        settings: {
          ...view.settings,
          environments: [{ ...current!, databases: { ...current!.databases, neo4j: { uri: services.neo4j.uri, user: services.neo4j.user, database: null } } }],
        },
        secrets: { default: { supabaseKey: { action: 'keep' }, neo4jPassword: { action: 'replace', value: services.neo4j.password } } },
        removeEnvironments: [],
      });
      expect(saved.secrets.default!.neo4jPassword).toBe('stored');
      expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')).environments[0].databases.neo4j.uri).toBe(services.neo4j.uri);
      const snapshot = await core.checkNow();
      expect(snapshot.environments[0]!.databases.neo4j!.status).toBe('healthy');
    } finally {
      await core.stop();
      await vault.delete('default', 'neo4jPassword');
      log.close();
    }
    expect(out.lines.filter((l) => l.includes('Cannot write the log file'))).toHaveLength(1);
    expect(out.lines.some((l) => l.includes('Settings saved'))).toBe(true);
  }, 60_000);
});
