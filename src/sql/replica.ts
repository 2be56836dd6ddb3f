// Opening the replica: a plain SQLite file (WAL), readable by any SQLite tool.
import type BetterSqlite3 from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";

export type Db = BetterSqlite3.Database;

// Loaded on first use, so importing the package (or running `campctl login`) never loads SQLite.
let Database: typeof BetterSqlite3 | undefined;
function sqlite(): typeof BetterSqlite3 {
  Database ??= createRequire(import.meta.url)("better-sqlite3") as typeof BetterSqlite3;
  return Database;
}

/**
 * Open (creating if needed) the replica at `path` (":memory:" for a throwaway one). IDs
 * are 64-bit: integers come back as bigint so none loses digits.
 */
export function openDatabase(path: string, opts: { readonly?: boolean } = {}): Db {
  if (path !== ":memory:" && !opts.readonly) mkdirSync(dirname(path), { recursive: true });
  const db = new (sqlite())(path, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  if (!opts.readonly) {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
  }
  db.pragma("busy_timeout = 5000");
  db.defaultSafeIntegers(true);
  return db;
}
