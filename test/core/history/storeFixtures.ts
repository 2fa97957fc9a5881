/** Shared by the history store tests: a temporary folder, a logger whose lines the test reads, check results at given times. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseState, FailureKind, ProbeResult } from '../../../src-main/common/schemas.js';
import { createLogger, type Logger } from '../../../src-main/core/logging.js';
import type { SeriesKey } from '../../../src-main/core/history/HistoryStore.js';

export function tempFolder(): { dir: string; file: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'wt-history-'));
  return { dir, file: join(dir, 'history.sqlite'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function recordingLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = { write: (l: string) => void lines.push(JSON.parse(l) as Record<string, unknown>) };
  const { logger } = createLogger({ console: { stream: stream as unknown as NodeJS.WritableStream, pretty: false } });
  return { logger, lines };
}

export const NEO4J: SeriesKey = { environment: 'production', database: 'neo4j', endpoint: 'bolt://db.example.com:7687' };

export function check(at: string | number, state: DatabaseState, latencyMs: number | null = null, extra: { kind?: FailureKind; message?: string; hint?: string } = {}): ProbeResult {
  return {
    database: 'neo4j',
    healthy: state === 'healthy' || state === 'degraded',
    state,
    latencyMs,
    checkedAt: new Date(at).toISOString(),
    ...extra,
  };
}
