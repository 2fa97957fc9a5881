/**
 * kill -9 during bursts of writes, 20 times, on one history file: every restart opens it, it passes
 * PRAGMA integrity_check, and what survived of each run has no gaps and reaches to within 1 s of the kill.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import Database from 'libsql';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFolder } from './storeFixtures.js';

const folder = tempFolder();
afterAll(() => folder.remove());
const child = fileURLToPath(new URL('./crashChild.ts', import.meta.url));

async function recordUntilKilled(run: number, afterMs: number): Promise<number> {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, folder.file, String(run)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [first] = (await once(proc.stdout!, 'data')) as [Buffer];
  expect(first.toString()).toBe('recording\n');
  await new Promise((r) => setTimeout(r, afterMs));
  const killedAt = Date.now();
  proc.kill('SIGKILL');
  await once(proc, 'exit');
  return killedAt;
}

describe('history file and kill -9', () => {
  it('20 kills during bursts: the file is intact each time, and each run lost at most its last second', async () => {
    for (let run = 0; run < 20; run++) {
      // 1,200–2,100 ms of recording: the kill lands anywhere in the 500 ms flush cycle, often mid-write.
      const killedAt = await recordUntilKilled(run, 1_200 + ((run * 347) % 900));
      const db = new Database(folder.file);
      expect(db.prepare('PRAGMA integrity_check').raw().all()).toEqual([['ok']]);
      const [count, lastSeq, lastAt] = db
        .prepare("SELECT count(*), max(c.latency), max(c.at) FROM checks c JOIN series s ON s.id = c.series WHERE s.endpoint = ?")
        .raw()
        .get(`bolt://run-${run}.example.com:7687`) as [number, number, number];
      db.close();
      expect(count).toBeGreaterThan(0);
      expect({ run, gaps: lastSeq + 1 - count }).toEqual({ run, gaps: 0 });
      expect(killedAt - lastAt).toBeLessThanOrEqual(1_000);
    }
  }, 120_000);
});
