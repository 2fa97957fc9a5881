/** The last N check results of one database, with uptime and latency percentiles over them (in memory; the durable record is core/history). */
import type { DatabaseId, DatabaseState, EnvironmentId, FailureKind, ProbeResult } from '../../common/schemas.js';

export interface HistoryEntry {
  checkedAt: string;
  state: DatabaseState;
  latencyMs: number | null;
  kind?: FailureKind;
}

export interface RecentChecks extends HistoryStats {
  environment: EnvironmentId;
  database: DatabaseId;
  entries: HistoryEntry[];
}

export interface HistoryStats {
  /** Share of checks that got an answer (healthy, degraded or recovering); null before the first check. */
  uptimePct: number | null;
  /** Latency percentiles over the answered checks; failures have no latency. */
  p50Ms: number | null;
  p95Ms: number | null;
}

const ANSWERED: ReadonlySet<DatabaseState> = new Set(['healthy', 'degraded', 'recovering']);
const COUNTED: ReadonlySet<DatabaseState> = new Set(['healthy', 'degraded', 'retrying', 'down', 'recovering']);

export const HISTORY_CAPACITY = 1_000;

export class History {
  private readonly ring: (HistoryEntry | undefined)[];
  private next = 0;
  private size = 0;
  // Kept up to date on every push so stats() stays O(1): the snapshot asks for them after every check.
  private counted = 0;
  private answered = 0;
  private readonly sortedLatencies: number[] = [];

  constructor(readonly capacity = HISTORY_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`History capacity must be a positive integer, got ${capacity}`);
    // Stryker disable next-line ArrayDeclaration: only a preallocation; the ring grows to capacity as it fills
    this.ring = new Array<HistoryEntry | undefined>(capacity);
  }

  get length(): number {
    return this.size;
  }

  push(result: Pick<ProbeResult, 'checkedAt' | 'state' | 'latencyMs' | 'kind'>): void {
    const evicted = this.ring[this.next];
    if (evicted) this.account(evicted, -1);
    const entry: HistoryEntry = {
      checkedAt: result.checkedAt,
      state: result.state,
      latencyMs: result.latencyMs,
      ...(result.kind ? { kind: result.kind } : {}),
    };
    this.ring[this.next] = entry;
    this.account(entry, 1);
    this.next = (this.next + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  clear(): void {
    this.ring.fill(undefined);
    this.next = 0;
    this.size = 0;
    this.counted = 0;
    this.answered = 0;
    this.sortedLatencies.length = 0;
  }

  /** Oldest first; `limit` keeps the newest `limit` entries. */
  entries(limit = this.capacity): HistoryEntry[] {
    const count = Math.max(0, Math.min(limit, this.size));
    const out: HistoryEntry[] = [];
    for (let i = this.size - count; i < this.size; i++) {
      out.push(this.ring[(this.next - this.size + i + this.capacity) % this.capacity]!);
    }
    return out;
  }

  stats(): HistoryStats {
    return {
      uptimePct: this.counted ? round2((this.answered / this.counted) * 100) : null,
      p50Ms: percentile(this.sortedLatencies, 50),
      p95Ms: percentile(this.sortedLatencies, 95),
    };
  }

  /** Adds (+1) or removes (-1) one entry from the running counts and the sorted latencies. */
  private account(entry: HistoryEntry, sign: 1 | -1): void {
    if (!COUNTED.has(entry.state)) return;
    this.counted += sign;
    if (!ANSWERED.has(entry.state)) return;
    this.answered += sign;
    if (entry.latencyMs === null) return;
    const at = lowerBound(this.sortedLatencies, entry.latencyMs);
    if (sign === 1) this.sortedLatencies.splice(at, 0, entry.latencyMs);
    else this.sortedLatencies.splice(at, 1);
  }

  view(environment: EnvironmentId, database: DatabaseId, limit?: number): RecentChecks {
    return { environment, database, entries: this.entries(limit), ...this.stats() };
  }
}

/** First index whose value is >= value, in ascending `sorted`. */
function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return round2(sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!);
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
