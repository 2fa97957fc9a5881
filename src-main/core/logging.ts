/**
 * pino logging: JSON lines to a size-rotating file in <dataDir>/logs, plus a short human-readable
 * line on a TTY. Everything runs in-process (no worker-thread transports: they break inside
 * Electron's asar archive). Secret-bearing fields are redacted by path; Secret values print
 * "[redacted]" on their own.
 */
import { closeSync, fstatSync, ftruncateSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import pino from 'pino';
import { DATABASE_KINDS, kindSecrets } from '../common/databases.js';

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
  // every kind's secret, by its name and its variable
  ...DATABASE_KINDS.flatMap((k) => kindSecrets(k).flatMap((s) => [s.name, s.envVar])),
  'serviceRoleKey',
  'anonKey',
  'cookie',
];

export const REDACT_PATHS = SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);

/** Writes one whole line to stderr (fd 2) in one call; a closed or missing stderr is not our caller's problem. */
export function writeStderrLine(line: string): void {
  try {
    writeSync(2, line);
  } catch {
    // nowhere left to report to
  }
}

export interface RotatingFileOptions {
  maxBytes?: number;
  maxFiles?: number;
  /** After a failure, lines skip the file for this long before it is tried again. */
  retryMs?: number;
  /** Where whole lines go while the file cannot be written; null when a console already shows every line. */
  fallback?: ((line: string) => void) | null;
  /** Where the one warning per outage goes (a JSON log line). */
  warn?: (line: string) => void;
}

export const LOG_RETRY_MS = 30_000;

/**
 * Appends lines to `file`, rotating to file.1 … file.N when it would exceed maxBytes. It never
 * throws: when the file cannot be opened, written or rotated (full disk, read-only or vanished
 * folder, no permission) it warns once, hands lines to `fallback`, and tries the file again after
 * retryMs. Each line is written whole or not at all.
 */
export class RotatingFileStream {
  private fd: number | null = null;
  private readonly maxBytes: number;
  private readonly maxFiles: number;
  private readonly retryMs: number;
  private readonly fallback: ((line: string) => void) | null;
  private readonly warn: (line: string) => void;
  private retryAt = 0;
  private failing = false;

  constructor(
    readonly file: string,
    options: RotatingFileOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
    this.maxFiles = options.maxFiles ?? 5;
    this.retryMs = options.retryMs ?? LOG_RETRY_MS;
    this.fallback = options.fallback === undefined ? writeStderrLine : options.fallback;
    this.warn = options.warn ?? writeStderrLine;
    try {
      this.open();
    } catch (error) {
      this.failed(error);
    }
  }

  write(line: string): boolean {
    if (this.fd === null && Date.now() < this.retryAt) {
      this.fallback?.(line);
      return true;
    }
    try {
      this.append(Buffer.from(line));
      this.failing = false;
    } catch (error) {
      this.failed(error);
      this.fallback?.(line);
    }
    return true;
  }

  close(): void {
    const fd = this.fd;
    this.fd = null;
    if (fd === null) return;
    try {
      closeSync(fd);
    } catch {
      // already gone with its file system
    }
  }

  private append(data: Buffer): void {
    let stat = this.fd === null ? null : fstatSync(this.fd);
    // nlink 0: the file (or its folder) was deleted under us; writing on would lose every line.
    if (stat?.nlink === 0) this.close();
    if (this.fd === null) {
      this.open();
      stat = fstatSync(this.fd!);
    }
    let size = stat!.size;
    if (size > 0 && size + data.length > this.maxBytes) {
      this.rotate();
      size = 0;
    }
    // Sync append: log volume is low (one line per state change) and lines survive a crash.
    const written = writeSync(this.fd!, data);
    if (written < data.length) {
      // A full disk takes part of a line: take it back so the file holds whole lines only.
      ftruncateSync(this.fd!, size);
      throw Object.assign(new Error(`only ${written} of ${data.length} bytes fit (no space left on device)`), { code: 'ENOSPC' });
    }
  }

  private open(): void {
    mkdirSync(dirname(this.file), { recursive: true });
    this.fd = openSync(this.file, 'a', 0o600);
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

  private failed(error: unknown): void {
    this.close();
    this.retryAt = Date.now() + this.retryMs;
    if (this.failing) return;
    this.failing = true;
    const e = error as NodeJS.ErrnoException;
    this.warn(
      JSON.stringify({
        level: 40,
        time: Date.now(),
        pid: process.pid,
        ...NOTICE,
        msg: `Cannot write the log file; logging to stderr instead and trying the file again every ${Math.round(this.retryMs / 1000)} s. Check that the data folder exists, is writable and has free space.`,
        file: this.file,
        code: e?.code ?? 'unknown',
        reason: e?.message ?? String(error),
      }) + '\n',
    );
  }
}

const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const HIDDEN_KEYS = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'notice']);

/**
 * Log fields marking an entry the person running a command must see even where the console shows
 * nothing else (`ConsoleOutput.noticesOnly`), e.g. a settings file moved aside.
 */
export const NOTICE = { notice: true } as const;

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
  /** Only entries logged with NOTICE (for commands whose stderr is for people, like `check`). */
  noticesOnly?: boolean;
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
  /** The log file (written when it can be; see RotatingFileStream), or null when there is none. */
  logFile: string | null;
  close(): void;
}

export function createLogger(options: LoggerOptions = {}): LoggerHandle {
  const level = options.level ?? 'info';
  const consoleOpt: ConsoleOutput | false =
    options.console === undefined
      ? process.stderr.isTTY
        ? { stream: process.stderr, pretty: true }
        : options.file
          ? false
          : { stream: process.stderr, pretty: false }
      : options.console;
  const toConsole = consoleOpt ? consoleWriter(consoleOpt) : null;
  const toStderr = (line: string) => writeStderrLine(process.stderr.isTTY ? formatPrettyLine(line) : line);
  const consoleShowsAll = consoleOpt !== false && !consoleOpt.noticesOnly && pino.levels.values[consoleOpt.level ?? level]! <= pino.levels.values[level]!;
  const fileStream = options.file
    ? new RotatingFileStream(options.file, {
        ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
        ...(options.maxFiles ? { maxFiles: options.maxFiles } : {}),
        // While the file is unwritable the lines go to stderr, unless a console already shows them all.
        fallback: consoleShowsAll ? null : toStderr,
        warn: toConsole ?? toStderr,
      })
    : null;
  const streams: pino.StreamEntry[] = [];
  if (fileStream) streams.push({ level, stream: fileStream });
  if (consoleOpt && toConsole) streams.push({ level: consoleOpt.level ?? level, stream: { write: toConsole } });
  const logger = pino(
    {
      level,
      base: { pid: process.pid },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: { err: pino.stdSerializers.err },
    },
    streams.length ? pino.multistream(streams) : { write: () => true },
  );
  return { logger, logFile: fileStream ? fileStream.file : null, close: () => fileStream?.close() };
}

/** A console line writer that never throws into the logger's caller. */
function consoleWriter(output: ConsoleOutput): (line: string) => void {
  return (line) => {
    if (output.noticesOnly && !isNotice(line)) return;
    try {
      output.stream.write(output.pretty ? formatPrettyLine(line) : line);
    } catch {
      // a closed console must not take the app down
    }
  };
}

function isNotice(jsonLine: string): boolean {
  try {
    return (JSON.parse(jsonLine) as { notice?: unknown }).notice === true;
  } catch {
    return false;
  }
}
