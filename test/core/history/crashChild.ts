/**
 * Child of crashSafety.test.ts: opens the history file and records checks in bursts until it is killed.
 * Each check's latency is its sequence number, so the parent can tell that what survived has no gaps.
 * Usage: node --import tsx crashChild.ts <file> <run>
 */
import { SqliteHistoryStore } from '../../../src-main/core/history/SqliteHistoryStore.js';

const [file, run] = process.argv.slice(2) as [string, string];
const store = new SqliteHistoryStore({ file, retentionEveryMs: 0 });
const series = { environment: 'crash', database: 'neo4j', endpoint: `bolt://run-${run}.example.com:7687` };
let seq = 0;
setInterval(() => {
  for (let i = 0; i < 20; i++, seq++) {
    // Every 7th check is down and the next recovers: incidents are opened and closed in the same bursts.
    store.record(series, { database: 'neo4j', healthy: seq % 7 !== 0, state: seq % 7 === 0 ? 'down' : 'healthy', latencyMs: seq, checkedAt: new Date().toISOString() });
  }
}, 5);
process.stdout.write('recording\n');
