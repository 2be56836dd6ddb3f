// The query process: runs SELECTs on its own read-only connection and answers over IPC, so the
// parent stays free and can end a statement at any time by killing this process. A watchdog
// thread kills it too when the parent goes away (a blocked SQLite call can't notice that).
import type BetterSqlite3 from "better-sqlite3";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { convertRawRows, type IntegerMode } from "../integers.js";
import { openDatabase } from "../replica.js";

export interface QueryRequest {
  id: number;
  sql: string;
  params: unknown[] | Record<string, unknown>;
  /** Most rows to return (0: all). */
  maxRows: number;
  /** How integers come back (the replica reads them as bigint). */
  integers: IntegerMode;
  /** A write through the views (already checked by the statement gate): run it on a writable connection. */
  write?: boolean;
  /** Open this replica file (read-only) before running. */
  path?: string;
  /** Or load this image of an in-memory replica (sent again whenever it changed). */
  image?: Buffer;
}

/** Rows as arrays of values under one list of column names: much less to copy than objects. */
export interface QueryRows {
  columns: string[];
  rows: unknown[][];
}
/** The child sends "ready" once, when it has started; then one reply for each request. */
export type QueryReply = ({ id: number } & QueryRows) | { id: number; error: { message: string; code?: string } };

const parent = process.ppid;
new Worker(`setInterval(() => { if (process.ppid !== ${parent}) process.kill(process.pid, "SIGKILL"); }, 500);`, { eval: true }).unref();

let db: BetterSqlite3.Database | undefined;
/** Prepared reads, by their text (a shell or a dashboard asks the same few again and again). */
const prepared = new Map<string, BetterSqlite3.Statement>();
/** The replica file, and a writable connection to it (opened on the first write). */
let path: string | undefined;
let writer: BetterSqlite3.Database | undefined;

function open(m: QueryRequest): BetterSqlite3.Database {
  if (m.path !== undefined || m.image !== undefined) {
    db?.close();
    prepared.clear();
    writer?.close();
    writer = undefined;
    path = m.path;
    if (m.path !== undefined) db = openDatabase(m.path, { readonly: true });
    else {
      const Database = createRequire(import.meta.url)("better-sqlite3") as typeof BetterSqlite3;
      db = new Database(m.image!);
      db.defaultSafeIntegers(true);
    }
    db.pragma("query_only = ON");
  }
  if (!db) throw new Error("The query process has no replica open.");
  return db;
}

function statement(reader: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement {
  let stmt = prepared.get(sql);
  if (!stmt) {
    stmt = reader.prepare(sql);
    if (!stmt.readonly || !stmt.reader) throw new Error("The query process runs read-only statements only.");
    if (prepared.size >= 100) prepared.delete(prepared.keys().next().value!);
    prepared.set(sql, stmt.raw(true));
  }
  return stmt;
}

function run(m: QueryRequest): QueryRows {
  const reader = open(m);
  if (m.write) {
    if (path === undefined) throw new Error("The query process writes to a replica file only.");
    writer ??= openDatabase(path);
    writer.prepare(m.sql).run(...(Array.isArray(m.params) ? m.params : [m.params]));
    return { columns: [], rows: [] };
  }
  const stmt = statement(reader, m.sql);
  const rows: unknown[][] = [];
  const cap = m.maxRows > 0 ? m.maxRows : Infinity;
  for (const row of stmt.iterate(...(Array.isArray(m.params) ? m.params : [m.params]))) {
    rows.push(row as unknown[]);
    if (rows.length >= cap) break;
  }
  convertRawRows(rows, m.integers);
  return { columns: stmt.columns().map((c) => c.name), rows };
}

process.on("message", (m: QueryRequest) => {
  let reply: QueryReply;
  try {
    reply = { id: m.id, ...run(m) };
  } catch (e) {
    reply = { id: m.id, error: { message: (e as Error)?.message ?? String(e), code: (e as { code?: string })?.code } };
  }
  process.send!(reply);
});
process.on("disconnect", () => process.exit(0));
process.send!("ready");
