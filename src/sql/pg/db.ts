// A PostgreSQL replica behind the synchronous surface of better-sqlite3's Database, so the
// replica's sync and write code (written for SQLite) drives it unchanged:
//   prepare(sql) → { run, get, all, iterate } · exec(sql) · transaction(fn) · inTransaction ·
//   open · close().
// SQL is translated from SQLite's dialect (translate.ts), once per text. Each statement is one
// round trip on a blocking connection (sync-pg.ts), except the sync's many one-row writes:
// inside a transaction, one-row upserts and `DELETE FROM bc_T WHERE c = ?` are held back
// (batch.ts) and sent a statement per table and kind, when a statement that could see them
// runs (any statement but plain DML on other bc_ tables), at COMMIT, or every `batchRows`;
// the upserts without waiting for their answer (a failure surfaces at the next statement).
// Result columns come back under the names the code expects (`projectid` → `ProjectId`),
// integers as bigint, booleans as 1n/0n, bytea as Buffer, as better-sqlite3 gives them (names.ts).
import type { Db } from "../replica.js";
import { headOf, PgError, SyncPg } from "./sync-pg.js";
import { WriteBuffer } from "./batch.js";
import { ResultNames } from "./names.js";
import { quote } from "./tokens.js";
import { translate, type Translated } from "./translate.js";

export { PgError } from "./sync-pg.js";
export { UnsupportedSqlError } from "./translate.js";

export interface PgDbOptions {
  /** Primary key columns of a table (called with its lower-case name), for INSERT OR REPLACE. Default ["id"]. */
  keys?: (table: string) => readonly string[] | undefined;
  /** Column names in the casing the code reads them (TableDef columns, internal columns). */
  canonicalNames?: Iterable<string>;
  /** Rows (or DELETE values) per statement sent (default 1000); 0 or 1 turns holding writes back off. */
  batchRows?: number;
}

export interface PgRunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

/** better-sqlite3's prepared statement, as far as the replica's code uses it. */
export interface PgStatement {
  readonly source: string;
  /** The statement returns rows. */
  readonly reader: boolean;
  /** The statement only reads. */
  readonly readonly: boolean;
  run(...params: unknown[]): PgRunResult;
  get(...params: unknown[]): Record<string, unknown> | undefined;
  all(...params: unknown[]): Array<Record<string, unknown>>;
  iterate(...params: unknown[]): IterableIterator<Record<string, unknown>>;
  /** pluck(true): rows are their first column's value. */
  pluck(on?: boolean): PgStatement;
}

/** The server's message and detail, then the statement's first words; code and detail kept. */
function explain(e: unknown, sql: string, what = "in"): Error {
  if (!(e instanceof PgError)) return e as Error;
  const detail = e.detail && !e.message.includes(e.detail) ? ` (${e.detail})` : "";
  // A batch sent without waiting failed: it is what failed, not the statement that heard of it.
  const where = e.sent ?? `${what}: ${headOf(sql)}`;
  const err = new PgError(`${e.message}${detail} — ${where}`, e.code, e.detail);
  return Object.assign(err, { sql: e.sent ? where : sql });
}

function normalize(args: unknown[]): unknown[] {
  const ps = args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  return ps.map((v) => (v === undefined ? null : typeof v === "boolean" ? (v ? 1 : 0) : v));
}

export class PgDb {
  /** better-sqlite3's `name`: here, the database URL. */
  readonly name: string;
  readonly memory = false;
  readonly readonly = false;
  readonly conn: SyncPg;
  private isOpen = true;
  private depth = 0;
  private readonly cache = new Map<string, Translated>();
  /** The names result columns come back under. */
  private readonly naming = new ResultNames();
  private readonly held: WriteBuffer;
  private readonly batching: boolean;
  /** Inside transactionSent(): what it is called; its plain writes are sent without waiting too. */
  private lazy: string | undefined;
  /** Kept results nobody can ask for any more (their run() result was collected) are forgotten. */
  private readonly unclaimed = new FinalizationRegistry<number>((seq) => this.isOpen && this.conn.forget(seq));

  constructor(
    url: string,
    readonly schema: string,
    private readonly opts: PgDbOptions = {},
  ) {
    this.name = url;
    const rows = opts.batchRows ?? 1000;
    this.batching = rows > 1;
    if (opts.canonicalNames) this.addCanonicalNames(opts.canonicalNames);
    // The outbox's columns are lower case (id, not a table's Id).
    this.setTableColumns("sys_outbox", ["id", "table_name", "op", "row_id", "payload", "state", "attempts", "error", "error_fields", "check_first", "created_at", "sent_at", "deadline_at", "done_at", "result_id"]);
    this.conn = new SyncPg(url);
    this.held = new WriteBuffer(this.conn, Math.max(1, rows), explain);
    const q = quote(schema);
    try {
      try {
        this.conn.query(`CREATE SCHEMA IF NOT EXISTS ${q}`);
      } catch (e) {
        // Two processes opening a new replica at once: the server checks IF NOT EXISTS before it
        // waits for the other's CREATE SCHEMA, so once that commits this one fails on the
        // unique name. The schema is there now.
        if ((e as PgError).code !== "23505") throw e;
      }
      this.conn.query(`SET search_path TO ${q}, public`);
    } catch (e) {
      this.conn.close();
      this.isOpen = false;
      throw explain(e, `CREATE SCHEMA ${q}`);
    }
    try {
      // Raw documents of a few kB are compressed as they are stored: lz4 costs about half of
      // the default's time (a server built without it keeps the default).
      this.conn.query("SET default_toast_compression = lz4");
    } catch {
      // not built with lz4
    }
  }

  get open(): boolean {
    return this.isOpen;
  }
  get inTransaction(): boolean {
    return this.depth > 0;
  }

  /**
   * Result columns named (case-insensitively) like one of these come back under that name,
   * unless the statement writes the name itself or names a table whose columns are known.
   */
  addCanonicalNames(names: Iterable<string>): void {
    this.naming.addCanonical(names);
  }

  /** A table's columns as the code names them (tables created through exec() are known already). */
  setTableColumns(table: string, columns: Iterable<string>): void {
    this.naming.setTable(table, columns);
  }

  /** The PostgreSQL SQL a SQLite statement becomes (cached per text). */
  translated(sql: string): Translated {
    let t = this.cache.get(sql);
    if (!t) {
      t = translate(sql, { keys: this.opts.keys });
      for (const c of t.created) this.setTableColumns(c.table, c.columns);
      if (this.cache.size >= 5_000) this.cache.clear();
      this.cache.set(sql, t);
    }
    return t;
  }

  prepare(sql: string): PgStatement {
    this.check();
    const t = this.translated(sql);
    const reader = /^(select|with|values|table|show|explain)$/.test(t.verb) || /\breturning\b/i.test(t.sql);
    const readonly = /^(select|values|table|show)$/.test(t.verb);
    let pluck = false;
    const stmt: PgStatement = {
      source: sql,
      reader,
      readonly,
      run: (...args) => this.run(t, normalize(args)),
      get: (...args) => {
        const rows = this.rows(t, normalize(args));
        return rows[0] === undefined ? undefined : pluck ? (Object.values(rows[0])[0] as never) : rows[0];
      },
      all: (...args) => {
        const rows = this.rows(t, normalize(args));
        return pluck ? rows.map((r) => Object.values(r)[0] as never) : rows;
      },
      iterate: (...args) => stmt.all(...args)[Symbol.iterator](),
      pluck: (on = true) => {
        pluck = on;
        return stmt;
      },
    };
    return stmt;
  }

  /** Run SQL text (several statements allowed, no parameters). */
  exec(sql: string): this {
    this.check();
    const t = this.translated(sql);
    if (!t.sql) return this;
    if (t.params > 0) throw new RangeError(`exec() takes no parameters: ${headOf(sql)}`);
    this.query(t, []);
    return this;
  }

  /** better-sqlite3's transaction(): BEGIN…COMMIT, a SAVEPOINT when nested, rolled back when fn throws. */
  transaction<F extends (...args: never[]) => unknown>(fn: F): F & { deferred: F; immediate: F; exclusive: F; default: F } {
    const run = (...args: Parameters<F>): ReturnType<F> => this.within(() => fn(...args) as ReturnType<F>);
    return Object.assign(run, { deferred: run, immediate: run, exclusive: run, default: run }) as never;
  }

  /**
   * A transaction whose BEGIN and COMMIT (and held rows) go out without waiting: the caller
   * goes on while the server writes. Only for work nothing outside the replica depends on
   * having been committed (the sync's batches); a failure is heard at the next statement
   * that waits, or at settle(), named by `label`. Nested in a transaction, an ordinary SAVEPOINT.
   */
  transactionSent<T>(label: string, fn: () => T): T {
    return this.within(fn, label);
  }

  /** Wait until every statement sent so far has run; throws the failure of one that did not. */
  settle(): void {
    this.check();
    this.held.flushAll();
    this.raw("");
  }

  private within<T>(fn: () => T, sent?: string): T {
    this.check();
    const outer = this.depth === 0;
    const lazy = outer && sent !== undefined;
    const sp = `bc_sp${this.depth}`;
    this.held.flushAll();
    if (lazy) this.conn.send("BEGIN", [], `beginning ${sent}`);
    else this.raw(outer ? "BEGIN" : `SAVEPOINT ${sp}`);
    this.depth++;
    if (lazy) this.lazy = sent;
    let result: T;
    try {
      result = fn();
      if (result && typeof (result as { then?: unknown }).then === "function") throw new TypeError("Transaction function cannot return a promise");
      this.held.flushAll();
    } catch (e) {
      if (lazy) this.lazy = undefined;
      this.held.clear();
      this.depth--;
      try {
        this.raw(outer ? "ROLLBACK" : `ROLLBACK TO SAVEPOINT ${sp}; RELEASE SAVEPOINT ${sp}`);
      } catch {
        // the connection is gone or the transaction already ended: the first error tells why
      }
      throw e;
    }
    if (lazy) this.lazy = undefined;
    this.depth--;
    // When COMMIT fails, the server has ended the transaction all the same.
    if (lazy) this.conn.send("COMMIT", [], `committing ${sent}`);
    else this.raw(outer ? "COMMIT" : `RELEASE SAVEPOINT ${sp}`);
    return result;
  }

  /** Send every held write now. */
  flush(): void {
    this.held.flushAll();
  }

  pragma(source: string): never {
    throw new Error(`The PostgreSQL replica has no PRAGMA (${headOf(source)}): make this call dialect-aware.`);
  }

  close(): this {
    if (!this.isOpen) return this;
    try {
      if (this.depth > 0) this.raw("ROLLBACK");
    } catch {
      // closing anyway
    }
    this.held.clear();
    this.depth = 0;
    this.conn.close();
    this.isOpen = false;
    return this;
  }

  // ------------------------------------------------------------------ running

  private check(): void {
    if (!this.isOpen) throw new TypeError("The database connection is not open");
  }

  private raw(sql: string): void {
    try {
      this.conn.query(sql);
    } catch (e) {
      throw explain(e, sql);
    }
  }

  private run(t: Translated, params: unknown[]): PgRunResult {
    this.arity(t, params);
    if (this.depth > 0 && this.batching) {
      if (t.batch) {
        this.held.insert(t, params);
        return { changes: 1, lastInsertRowid: 0 };
      }
      if (t.del && t.del.table.startsWith("bc_")) return this.held.delete(t, params);
    }
    if (this.lazy !== undefined && this.depth > 0 && /^(insert|update|delete)$/.test(t.verb) && !/\breturning\b/i.test(t.sql)) return this.sendRun(t, params, this.lazy);
    return { changes: this.query(t, params).rowCount, lastInsertRowid: 0 };
  }

  /** A plain write inside transactionSent(): sent without waiting; its count is waited for only if read. */
  private sendRun(t: Translated, params: unknown[], within: string): PgRunResult {
    this.flushFor(t);
    const seq = this.conn.send(t.sql, params, `${headOf(t.sql)} (${within})`, true);
    let changes: number | undefined;
    const result = { lastInsertRowid: 0 as number | bigint } as PgRunResult;
    Object.defineProperty(result, "changes", {
      enumerable: true,
      get: () => {
        if (changes === undefined) {
          try {
            changes = this.conn.result(seq).rowCount;
          } catch (e) {
            throw explain(e, t.sql);
          }
        }
        return changes;
      },
    });
    this.unclaimed.register(result, seq);
    return result;
  }

  private rows(t: Translated, params: unknown[]): Array<Record<string, unknown>> {
    this.arity(t, params);
    return this.naming.rows(t, this.query(t, params));
  }

  private arity(t: Translated, params: unknown[]): void {
    if (params.length !== t.params) throw new RangeError(`${params.length < t.params ? "Too few" : "Too many"} parameter values were provided (${params.length} for ${t.params}): ${headOf(t.sql)}`);
  }

  /** One statement, after sending the buffered rows it could see. */
  private query(t: Translated, params: unknown[]) {
    this.flushFor(t);
    let r;
    try {
      r = this.conn.query(t.sql, params);
    } catch (e) {
      throw explain(e, t.sql);
    }
    this.track(t);
    return r;
  }

  /** Send the held rows this statement could see (all of them unless it is plain DML on bc_ tables). */
  private flushFor(t: Translated): void {
    if (this.held.size === 0) return;
    if (t.verb === "rollback" && !/\bto\b/i.test(t.sql)) this.held.clear();
    else if (!t.complex && t.tables.length > 0 && t.tables.every((n) => n.startsWith("bc_"))) this.held.flushTables(t.tables);
    else this.held.flushAll();
  }

  /** Transactions begun and ended by statements (not transaction()). */
  private track(t: Translated): void {
    if (t.verb === "begin" || (t.verb === "start" && /^start\s+transaction/i.test(t.sql))) this.depth = Math.max(this.depth, 1);
    else if (t.verb === "commit" || t.verb === "end" || (t.verb === "rollback" && !/\bto\b/i.test(t.sql))) this.depth = 0;
  }
}

/**
 * Open the PostgreSQL replica in `schema` (created if missing; the search path starts there)
 * as a Db. The one place a PgDb passes for better-sqlite3's Database: the replica's code uses
 * only prepare/run/get/all/iterate, exec, transaction, inTransaction, open and close, which
 * PgDb provides with the same behaviour (pragma() and the rest throw).
 */
export function openPgDb(url: string, schema: string, opts: PgDbOptions = {}): Db {
  return new PgDb(url, schema, opts) as unknown as Db;
}

/** The db is a PostgreSQL replica. */
export function isPg(db: unknown): boolean {
  return db instanceof PgDb;
}

/** The PgDb behind a Db (throws for a SQLite one). */
export function asPgDb(db: unknown): PgDb {
  if (!(db instanceof PgDb)) throw new TypeError("Not a PostgreSQL replica.");
  return db;
}

/** The blocking connection of a PostgreSQL replica (after sending its buffered rows). */
export function pgConnection(db: unknown): SyncPg {
  const p = asPgDb(db);
  p.flush();
  return p.conn;
}

/** The schema a PostgreSQL replica lives in. */
export function pgSchema(db: unknown): string {
  return asPgDb(db).schema;
}
