/**
 * The settings file as the headless hosts write it: the part of conf that SettingsStore uses (a path and
 * a whole-store write), without conf itself. conf brings a JSON Schema validator the monitor never uses
 * (zod validates the settings), and loading it cost a long-running `serve` about 2.4 MB of RSS (README,
 * "Where (i) stands"). Electron still passes electron-store, a Conf subclass, for its own conventions.
 *
 * Written as conf writes it, so either can read the other's file: tab-indented JSON, first to a new file
 * beside it, flushed to disk, then renamed over it. A crash or a full disk leaves the old file or the
 * new one, never part of one.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfLike } from './SettingsStore.js';

export class JsonSettingsFile implements ConfLike {
  readonly path: string;

  constructor(options: { cwd: string; configName: string }) {
    this.path = join(options.cwd, `${options.configName}.json`);
    // Made now, as conf does: a data folder that cannot exist fails the start, not the first save.
    mkdirSync(options.cwd, { recursive: true });
  }

  get store(): Record<string, unknown> {
    // Stryker disable next-line StringLiteral: without an encoding JSON.parse gets a Buffer, which it reads as UTF-8 all the same
    return existsSync(this.path) ? (JSON.parse(readFileSync(this.path, 'utf8')) as Record<string, unknown>) : {};
  }

  set store(value: Record<string, unknown>) {
    // Unique per write, so two processes saving at once each rename a whole file of their own.
    // Stryker disable next-line StringLiteral: only the temporary file's name, which no test can tell from another
    const next = `${this.path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      // 0o666 before the umask, as conf creates it: the file holds no secret.
      const fd = openSync(next, 'wx', 0o666);
      try {
        writeFileSync(fd, JSON.stringify(value, undefined, '\t'));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(next, this.path);
    } catch (error) {
      // force: when the file could not even be made (a read-only folder), the open's error is the one to report.
      rmSync(next, { force: true });
      throw error;
    }
  }
}
