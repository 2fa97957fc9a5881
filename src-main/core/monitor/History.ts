/** The last N check results of one database, with uptime and latency percentiles over them. */
import type { DatabaseId, DatabaseState, HistoryView, ProbeResult } from '../../common/schemas.js';

export type HistoryEntry = HistoryView['entries'][number];

export interface HistoryStats {
  /** Share of checks that got an answer (healthy or degraded); null before the first check. */
  uptimePct: number | null;
  /** Latency percentiles over the answered checks; failures have no latency. */
  p50Ms: number | null;
  p95Ms: number | null;
}

const ANSWERED: ReadonlySet<DatabaseState> = new Set(['healthy', 'degraded']);
const COUNTED: ReadonlySet<DatabaseState> = new Set(['healthy', 'degraded', 'retrying', 'down']);

export const HISTORY_CAPACITY = 1_000;

export class History {
  private readonly ring: (HistoryEntry | undefined)[];
  private next = 0;
  private size = 0;
  private cachedStats: HistoryStats | null = null;

  constructor(readonly capacity = HISTORY_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`History capacity must be a positive integer, got ${capacity}`);
    this.ring = new Array<HistoryEntry | undefined>(capacity);
  }

  get length(): number {
    return this.size;
  }

  push(result: Pick<ProbeResult, 'checkedAt' | 'state' | 'latencyMs' | 'kind'>): void {
    this.ring[this.next] = {
      checkedAt: result.checkedAt,
      state: result.state,
      latencyMs: result.latencyMs,
      ...(result.kind ? { kind: result.kind } : {}),
    };
    this.next = (this.next + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
    this.cachedStats = null;
  }

  clear(): void {
    this.ring.fill(undefined);
    this.next = 0;
    this.size = 0;
    this.cachedStats = null;
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
    this.cachedStats ??= computeStats(this.entries());
    return this.cachedStats;
  }

  view(database: DatabaseId, limit?: number): HistoryView {
    return { database, entries: this.entries(limit), ...this.stats() };
  }
}

function computeStats(entries: HistoryEntry[]): HistoryStats {
  const counted = entries.filter((e) => COUNTED.has(e.state));
  const answered = counted.filter((e) => ANSWERED.has(e.state));
  const latencies = answered
    .map((e) => e.latencyMs)
    .filter((ms): ms is number => ms !== null)
    .sort((a, b) => a - b);
  return {
    uptimePct: counted.length ? round2((answered.length / counted.length) * 100) : null,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
  };
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
