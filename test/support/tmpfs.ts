/**
 * Small real file systems for failure tests: a 64 KiB tmpfs fills up for a real ENOSPC and
 * remounts read-only for a real EROFS. Needs root (tests run as root here, where chmod does not
 * block writes); `tmpfsProblem()` says why not when mounting is impossible.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (args: string[]) => execFileSync(args[0]!, args.slice(1), { stdio: 'pipe' });

export function mountTmpfs(dir: string, sizeKiB = 64): void {
  run(['mount', '-t', 'tmpfs', '-o', `size=${sizeKiB}k,mode=0755`, 'tmpfs', dir]);
}

export function remount(dir: string, mode: 'ro' | 'rw'): void {
  run(['mount', '-o', `remount,${mode}`, dir]);
}

/** Lazy unmount: an fd a test left open must not keep the mount (or the test run) hanging. */
export function unmount(dir: string): void {
  try {
    run(['umount', '-l', dir]);
  } catch {
    // not mounted
  }
}

/** Fills the file system holding `dir` with `bytes` (all of it when omitted) in a file named "filler". */
export function fill(dir: string, bytes = 1 << 30): string {
  const file = join(dir, 'filler');
  try {
    writeFileSync(file, Buffer.alloc(Math.min(bytes, 1 << 20)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  }
  return file;
}

/** Null when tmpfs mounts work here, else the reason (printed by the tests that skip). */
export function tmpfsProblem(): string | null {
  const probe = mkdtempSync(join(tmpdir(), 'wt-tmpfs-probe-'));
  try {
    mountTmpfs(probe);
    unmount(probe);
    return null;
  } catch (error) {
    return `cannot mount a tmpfs here (${(error as Error).message.split('\n')[0]}); run the tests as root`;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}
