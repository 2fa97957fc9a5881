import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Secret } from '../../src-main/core/credentials/Secret.js';
import { createLogger, formatPrettyLine, RotatingFileStream } from '../../src-main/core/logging.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wt-logs-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const readLines = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('createLogger', () => {
  it('writes JSON lines to the file, creating the logs folder', () => {
    const file = join(dir, 'logs', 'walltrack-monitor.log');
    const log = createLogger({ file, console: false });
    log.logger.info({ environment: 'production', database: 'neo4j', from: 'healthy', to: 'down' }, 'production/neo4j: healthy -> down');
    log.close();
    expect(log.logFile).toBe(file);
    const [line] = readLines(file);
    expect(line).toMatchObject({ level: 30, msg: 'production/neo4j: healthy -> down', environment: 'production', database: 'neo4j', to: 'down' });
  });

  it('redacts secret-bearing fields at any depth, and Secret values print [redacted]', () => {
    const file = join(dir, 'app.log');
    const log = createLogger({ file, console: false });
    log.logger.info(
      {
        password: 'pw-top',
        apiKey: 'k-top',
        headers: { authorization: 'Bearer tok-nested', apikey: 'k-nested' },
        config: { neo4j: { password: 'pw-deep' } },
        supabaseKey: 'sb_secret_x',
        token: 'tok',
        wrapped: new Secret('wrapped-secret'),
      },
      'session',
    );
    log.close();
    const text = readFileSync(file, 'utf8');
    for (const s of ['pw-top', 'k-top', 'tok-nested', 'k-nested', 'pw-deep', 'sb_secret_x', 'wrapped-secret']) expect(text).not.toContain(s);
    const [line] = readLines(file);
    expect(line).toMatchObject({ password: '[redacted]', headers: { authorization: '[redacted]' }, config: { neo4j: { password: '[redacted]' } }, wrapped: '[redacted]' });
  });

  it('prints a readable line for people and JSON for machines', () => {
    const out: string[] = [];
    const stream = { write: (s: string) => void out.push(s) } as unknown as NodeJS.WritableStream;
    const log = createLogger({ console: { stream, pretty: true } });
    log.logger.warn({ environment: 'production', database: 'neo4j', kind: 'timeout' }, 'production/neo4j: healthy -> retrying');
    expect(out[0]).toMatch(/^\d\d:\d\d:\d\d WARN {2}production\/neo4j: healthy -> retrying {2}environment=production database=neo4j kind=timeout\n$/);
    expect(formatPrettyLine('not json')).toBe('not json');
  });

  it('keeps logging to the console when the log file cannot be opened, and says so once', () => {
    const out: string[] = [];
    const stream = { write: (s: string) => void out.push(s) } as unknown as NodeJS.WritableStream;
    const blocker = join(dir, 'file-not-dir');
    writeFileSync(blocker, '');
    const log = createLogger({ file: join(blocker, 'logs', 'a.log'), console: { stream, pretty: false } });
    log.logger.info('still here');
    log.logger.info('and here');
    log.close();
    expect(log.logFile).toBe(join(blocker, 'logs', 'a.log'));
    expect(out.filter((l) => /Cannot write the log file/.test(l))).toHaveLength(1);
    expect(out.map((l) => JSON.parse(l).msg)).toContain('and here');
  });
});

describe('RotatingFileStream', () => {
  it('rotates by size and keeps a bounded number of old files', () => {
    const file = join(dir, 'r.log');
    const stream = new RotatingFileStream(file, { maxBytes: 100, maxFiles: 2 });
    for (let i = 0; i < 10; i++) stream.write(`${'x'.repeat(40)}${i}\n`);
    stream.close();
    expect(readFileSync(file, 'utf8')).toContain('x9');
    expect(existsSync(`${file}.1`)).toBe(true);
    expect(existsSync(`${file}.2`)).toBe(true);
    expect(existsSync(`${file}.3`)).toBe(false);
    for (const f of [file, `${file}.1`, `${file}.2`]) expect(readFileSync(f).length).toBeLessThanOrEqual(100);
  });
});
