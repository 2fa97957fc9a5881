/**
 * Bench (i) measures one process; the servers it checks run on the same 2 cores only because this machine
 * reaches nothing but loopback. In production they are other machines, whose CPU the monitor never waits
 * for. Lowering their priority (nice 10, every thread, including those they start later: a thread inherits
 * its creator's) keeps them answering at full speed on an otherwise idle machine while the monitor's
 * process, still at the default priority, is not made to wait behind a database's background work.
 * The Supabase stand-in runs in the bench's own process, so that process steps aside too while the
 * measured child runs (thisProcessAside).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { setPriority } from 'node:os';

const NICE = 10;

/** Sets every thread of `pid` to `nice`; returns how many. */
function renice(pid: number | 'self', nice: number): number {
  let threads = 0;
  let tids: string[] = [];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return 0;
  }
  for (const tid of tids) {
    try {
      setPriority(Number(tid), nice);
      threads++;
    } catch {
      // A thread that ended meanwhile.
    }
  }
  return threads;
}

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
function descendantsOf(root: number, parentOf: ReadonlyMap<number, number> = parents()): number[] {
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
  return descendantsOf(process.pid).reduce((threads, pid) => threads + renice(pid, NICE), 0);
}

/**
 * Sets this process's threads (the stand-in, the socket the child writes to) to nice 10, once the child to
 * measure has started at the default priority; returns what puts them back (lowering a nice value needs
 * root, as the bench runs here; without it later steps' children would inherit 10, so it says so).
 */
export function thisProcessAside(): () => void {
  renice('self', NICE);
  return () => {
    // Lowering a nice value is refused for every thread alike without root.
    if (renice('self', 0) === 0) console.error('The bench could not return its own priority to 0 (that needs root): later steps start their children at nice 10.');
  };
}
