/**
 * Bench (i) measures one process; the servers it checks run on the same 2 cores only because this machine
 * reaches nothing but loopback. In production they are other machines, whose CPU the monitor never waits
 * for. Lowering their priority (nice 10, every thread, including those they start later: a thread inherits
 * its creator's) keeps them answering at full speed on an otherwise idle machine while the monitor's
 * process, still at the default priority, is not made to wait behind a database's background work.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { setPriority } from 'node:os';

const NICE = 10;

/** Parent pid of each running process (Linux /proc). */
function parents(): Map<number, number> {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid …": comm may hold spaces or parentheses, so read after its last ")".
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  return parentOf;
}

/** Every process started (directly or not) by `root`, which itself is left alone. */
export function descendantsOf(root: number, parentOf: ReadonlyMap<number, number> = parents()): number[] {
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    for (const [child, parent] of parentOf) {
      if (parent !== pid) continue;
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/**
 * Sets every thread of every process this one has started so far (the servers, and the esbuild service tsx
 * runs for this script) to nice 10; returns how many threads. Call it after starting the servers and before
 * starting the process to measure.
 */
export function serversAside(): number {
  let threads = 0;
  for (const pid of descendantsOf(process.pid)) {
    let tids: string[] = [];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        setPriority(Number(tid), NICE);
        threads++;
      } catch {
        // A thread that ended meanwhile.
      }
    }
  }
  return threads;
}
