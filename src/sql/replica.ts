// Opening the replica: a plain SQLite file (WAL), readable by any SQLite tool.
import type BetterSqlite3 from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { asPgDb, isPg } from "./pg/db.js";

export type Db = BetterSqlite3.Database;

/** How long a statement waits for another connection's write to end before "database is locked". */
export const BUSY_TIMEOUT_MS = 30_000;

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
    writeFirst(db);
  }
  // Other processes (a sync, a shell, a dashboard) share the file: WAL lets reads run beside
  // a write, and a writer waits its turn behind another's short transaction.
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.defaultSafeIntegers(true);
  return db;
}

/** Whether the replica has this table (SQLite, or PostgreSQL in its schema; names there are lower case). */
export function tableExists(db: Db, name: string): boolean {
  const sql = isPg(db) ? "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = lower(?)" : "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?";
  return !!db.prepare(sql).get(name);
}

/**
 * Run fn in a transaction whose commit nothing outside the replica waits for (the sync's
 * batches): on PostgreSQL it is sent without waiting for the server (see PgDb.transactionSent;
 * settle() hears how it went), on SQLite it is an ordinary transaction.
 */
export function commitLater<T>(db: Db, label: string, fn: () => T): T {
  return isPg(db) ? asPgDb(db).transactionSent(label, fn) : db.transaction(fn)();
}

/** Wait for what commitLater() sent (PostgreSQL), throwing its failure; nothing to do on SQLite. */
export function settle(db: Db): void {
  if (isPg(db)) asPgDb(db).settle();
}

const schemas = new WeakMap<Db, "V2" | "V3">();

/** Which Basecamp a replica holds: V3 (Basecamp 4/3, the default) or V2 (Basecamp 2); its tables, writes and sync follow. */
export function replicaSchema(db: Db): "V2" | "V3" {
  return schemas.get(db) ?? "V3";
}

/** Say which Basecamp this replica holds (connect() does, before creating the schema). */
export function setReplicaSchema(db: Db, schema: "V2" | "V3"): void {
  schemas.set(db, schema);
}

/**
 * Transactions take the write lock when they begin (BEGIN IMMEDIATE), so one that reads
 * first never fails at its first write because another process committed meanwhile
 * (SQLITE_BUSY_SNAPSHOT, which no busy timeout waits out); it waits its turn instead.
 */
function writeFirst(db: Db): void {
  const plain = db.transaction.bind(db);
  db.transaction = ((fn: (...args: never[]) => unknown) => plain(fn).immediate) as Db["transaction"];
}
