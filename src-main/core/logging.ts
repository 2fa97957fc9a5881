/**
 * pino logging: JSON lines to a size-rotating file in <dataDir>/logs, plus a short human-readable
 * line on a TTY. Everything runs in-process (no worker-thread transports: they break inside
 * Electron's asar archive). Secret-bearing fields are redacted by path; Secret values print
 * "[redacted]" on their own.
 */
import { closeSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import pino from 'pino';

export type Logger = pino.Logger;

/** Field names that may carry a secret, wherever they appear (top level or nested up to 2 levels). */
const SECRET_FIELDS = [
  'key',
  'apiKey',
  'apikey',
  'password',
  'passwd',
  'secret',
  'token',
  'accessToken',
  'refreshToken',
  'authorization',
  'Authorization',
  'auth',
  'credentials',
  'supabaseKey',
  'neo4jPassword',
  'SUPABASE_KEY',
  'NEO4J_PASSWORD',
  'serviceRoleKey',
  'anonKey',
  'cookie',
];

export const REDACT_PATHS = SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);

/** Appends lines to `file`, rotating to file.1 … file.N when it would exceed maxBytes. */
export class RotatingFileStream {
  private fd: number | null = null;
  private size = 0;

  constructor(
    readonly file: string,
    private readonly maxBytes = 5 * 1024 * 1024,
    private readonly maxFiles = 5,
  ) {
    this.open();
  }

  write(line: string): boolean {
    const bytes = Buffer.byteLength(line);
    if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
    if (this.fd === null) this.open();
    // Sync append: log volume is low (one line per state change) and lines survive a crash.
    writeSync(this.fd!, line);
    this.size += bytes;
    return true;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private open(): void {
    this.fd = openSync(this.file, 'a', 0o600);
    try {
      this.size = statSync(this.file).size;
    } catch {
      this.size = 0;
    }
  }

  private rotate(): void {
    this.close();
    rmSync(`${this.file}.${this.maxFiles}`, { force: true });
    for (let i = this.maxFiles - 1; i >= 1; i--) {
      try {
        renameSync(`${this.file}.${i}`, `${this.file}.${i + 1}`);
      } catch {
        // that generation does not exist yet
      }
    }
    renameSync(this.file, `${this.file}.1`);
    this.open();
  }
}

const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const HIDDEN_KEYS = new Set(['level', 'time', 'msg', 'pid', 'hostname']);

/** Turns one pino JSON line into "12:00:01 WARN  message key=value …" for people at a terminal. */
export function formatPrettyLine(jsonLine: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(jsonLine) as Record<string, unknown>;
  } catch {
    return jsonLine;
  }
  const time = typeof entry.time === 'number' ? new Date(entry.time).toISOString().slice(11, 19) : '';
  const level = (LEVEL_NAMES[entry.level as number] ?? String(entry.level)).padEnd(5);
  const fields = Object.entries(entry)
    .filter(([k]) => !HIDDEN_KEYS.has(k))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return `${time} ${level} ${String(entry.msg ?? '')}${fields.length ? '  ' + fields.join(' ') : ''}\n`;
}

export interface ConsoleOutput {
  stream: NodeJS.WritableStream;
  pretty: boolean;
  level?: pino.Level;
}

export interface LoggerOptions {
  /** JSON-lines file; omitted = no file. */
  file?: string;
  level?: pino.Level;
  /** Where people read: a stream and whether to pretty-print; omitted = stderr when it is a TTY. */
  console?: ConsoleOutput | false;
  maxBytes?: number;
  maxFiles?: number;
}

export interface LoggerHandle {
  logger: Logger;
  /** The log file actually written, or null when none could be opened. */
  logFile: string | null;
  close(): void;
}

export function createLogger(options: LoggerOptions = {}): LoggerHandle {
  const level = options.level ?? 'info';
  const streams: pino.StreamEntry[] = [];
  let fileStream: RotatingFileStream | null = null;
  let fileError: unknown = null;
  if (options.file) {
    try {
      mkdirSync(dirname(options.file), { recursive: true });
      fileStream = new RotatingFileStream(options.file, options.maxBytes, options.maxFiles);
      streams.push({ level, stream: fileStream });
    } catch (error) {
      fileError = error;
    }
  }
  const consoleOpt: ConsoleOutput | false =
    options.console === undefined
      ? process.stderr.isTTY
        ? { stream: process.stderr, pretty: true }
        : fileStream
          ? false
          : { stream: process.stderr, pretty: false }
      : options.console;
  if (consoleOpt) {
    const out = consoleOpt.stream;
    const stream = consoleOpt.pretty ? { write: (line: string) => out.write(formatPrettyLine(line)) } : out;
    streams.push({ level: consoleOpt.level ?? level, stream });
  }
  const logger = pino(
    {
      level,
      base: { pid: process.pid },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: { err: pino.stdSerializers.err },
    },
    streams.length ? pino.multistream(streams) : { write: () => true },
  );
  if (fileError) {
    logger.warn(
      { file: options.file, reason: (fileError as Error).message },
      'Cannot write the log file; logging to the console only. Check that the data folder is writable.',
    );
  }
  return { logger, logFile: fileStream ? fileStream.file : null, close: () => fileStream?.close() };
}
