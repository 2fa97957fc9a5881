/**
 * Where a running `serve` leaves its status window's URL (with the access token) for
 * `walltrack-monitor open`: `<data folder>/status-window.json`, readable by its owner only, written
 * atomically (a reader never sees half a file) and removed at shutdown by the process that wrote it.
 * The file is read as hostile input: bounded, owner-only, and only a loopback http URL is accepted.
 */
import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';

export const WINDOW_URL_FILE_NAME = 'status-window.json';
/** The page `open` hands the browser: it forwards to the URL, so no command line carries the token. */
export const OPENER_PAGE_NAME = 'open-status-window.html';
const MAX_FILE_BYTES = 4_096;

const WindowUrlSchema = z.object({
  url: z
    .string()
    .max(1_024)
    .regex(/^http:\/\/127\.0\.0\.1:\d{1,5}\/[^\s]*$/, 'url must be http://127.0.0.1:<port>/…'),
  port: z.number().int().min(1).max(65_535),
  pid: z.number().int().positive(),
});
export type WindowUrl = z.infer<typeof WindowUrlSchema>;

export const windowUrlFile = (dataDir: string) => join(dataDir, WINDOW_URL_FILE_NAME);

/** Writes the file (mode 0600 from creation, then renamed into place); throws on a full or read-only disk. */
export function writeWindowUrl(dataDir: string, entry: WindowUrl): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = windowUrlFile(dataDir);
  const temporary = `${file}.${entry.pid}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify(entry)}\n`, { mode: 0o600, flag: 'w' });
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Removes the file only if this process wrote it (a newer serve's file stays). */
export function removeWindowUrl(dataDir: string, pid = process.pid): void {
  const found = readWindowUrl(dataDir);
  if (found.kind === 'found' && found.entry.pid === pid) rmSync(windowUrlFile(dataDir), { force: true });
}

export type WindowUrlRead = { kind: 'found'; entry: WindowUrl } | { kind: 'missing' } | { kind: 'refused'; reason: string };

export function readWindowUrl(dataDir: string): WindowUrlRead {
  const file = windowUrlFile(dataDir);
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'refused', reason: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  let text: string;
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { kind: 'refused', reason: `${file} is not a regular file` };
    if ((stat.mode & 0o077) !== 0) return { kind: 'refused', reason: `${file} can be read by other users (mode ${(stat.mode & 0o777).toString(8)}); only serve writes it, with mode 600` };
    if (stat.size > MAX_FILE_BYTES) return { kind: 'refused', reason: `${file} is larger than ${MAX_FILE_BYTES} bytes` };
    const buffer = Buffer.alloc(MAX_FILE_BYTES);
    text = buffer.subarray(0, readSync(fd, buffer, 0, MAX_FILE_BYTES, 0)).toString('utf8');
  } finally {
    closeSync(fd);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'refused', reason: `${file} is not JSON` };
  }
  const parsed = WindowUrlSchema.safeParse(json);
  if (!parsed.success) return { kind: 'refused', reason: `${file} does not hold a status window URL (${parsed.error.issues[0]?.message ?? 'invalid'})` };
  if (new URL(parsed.data.url).port !== String(parsed.data.port)) return { kind: 'refused', reason: `${file}: the URL's port is not the port it names` };
  return { kind: 'found', entry: parsed.data };
}
