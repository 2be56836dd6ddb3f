// Opening the replica: a plain SQLite file (WAL), readable by any SQLite tool.
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";

export type Db = Database.Database;

/**
 * Open (creating if needed) the replica at `path` (":memory:" for a throwaway one). IDs
 * are 64-bit: integers come back as bigint so none loses digits.
 */
export function openDatabase(path: string, opts: { readonly?: boolean } = {}): Db {
  if (path !== ":memory:" && !opts.readonly) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  if (!opts.readonly) {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
  }
  db.pragma("busy_timeout = 5000");
  db.defaultSafeIntegers(true);
  return db;
}
