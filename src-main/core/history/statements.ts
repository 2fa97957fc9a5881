/** Prepared statements, prepared once per database connection and SQL text. */
import type { Db } from './openDatabase.js';

/** The part of libsql's Statement used here, with any bind parameters. */
export interface Statement {
  run(...params: unknown[]): { changes: number };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  raw(toggle?: boolean): Statement;
  pluck(toggle?: boolean): Statement;
}
const cache = new WeakMap<Db, Map<string, Statement>>();

export function sql(db: Db, text: string): Statement {
  let statements = cache.get(db);
  if (!statements) cache.set(db, (statements = new Map()));
  let statement = statements.get(text);
  if (!statement) statements.set(text, (statement = db.prepare<unknown[]>(text) as Statement));
  return statement;
}

/** The first column of the first row, or undefined (libsql's pluck().get() returns the whole row). */
export function scalar(db: Db, text: string, ...params: unknown[]): unknown {
  return (sql(db, text).raw().get(...params) as unknown[] | undefined)?.[0];
}
