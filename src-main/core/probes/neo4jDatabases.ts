/**
 * Reads Neo4j's `SHOW DATABASES YIELD name, currentStatus, requestedStatus, statusMessage, home`
 * (run on `system`): every database as a detail part, and whether the one the probe uses is offline.
 * Rows come from the server: each field is checked and bounded before it is shown.
 */
import type { DatabaseDetails } from '../../common/schemas.js';
import { oneLine } from './redact.js';

export const SHOW_DATABASES = 'SHOW DATABASES YIELD name, currentStatus, requestedStatus, statusMessage, home';

export interface DatabaseRow {
  name: unknown;
  currentStatus: unknown;
  requestedStatus: unknown;
  statusMessage: unknown;
  /** The user's home database: where a session without a database name goes. */
  home: unknown;
}

/** A cluster lists a database once per server; the card shows a bounded list. */
const MAX_PARTS = 64;

const field = (value: unknown, max: number): string => (typeof value === 'string' ? oneLine(value, max) : '');

export interface DatabasesFound {
  parts: DatabaseDetails['parts'];
  /** Set when the probe's database (the configured one, else the home one) is listed and none of its rows is online. */
  offline: string | null;
}

/** `configured` null = the user's home database. */
export function readDatabases(rows: readonly DatabaseRow[], configured: string | null): DatabasesFound {
  const used = (row: DatabaseRow) => (configured === null ? row.home === true : row.name === configured);
  const mine = rows.filter(used);
  const online = mine.some((row) => row.currentStatus === 'online');
  const parts = rows.slice(0, MAX_PARTS).map((row) => {
    const status = field(row.currentStatus, 64);
    const requested = field(row.requestedStatus, 64);
    const message = field(row.statusMessage, 200);
    const ok = status === requested && (!used(row) || status === 'online');
    return { name: field(row.name, 64), status, ok, ...(!ok && message ? { message } : {}) };
  });
  const first = mine[0];
  if (!first || online) return { parts, offline: null };
  const message = field(first.statusMessage, 200);
  const offline = `database "${field(first.name, 64)}" is ${field(first.currentStatus, 64)} (requested ${field(first.requestedStatus, 64)})${message ? `: ${message}` : ''}`;
  return { parts, offline };
}
