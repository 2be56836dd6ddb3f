// How a PostgreSQL replica runs users' statements (the ReplicaEngine of src/sql/engine.ts): in
// the server, each in its own transaction as the schema's confined role (pg/gate.ts), reads in
// a READ ONLY transaction through a cursor that stops at MaxRows, with statement_timeout as
// QueryTimeout and pg_cancel_backend as interrupt(). The SQL is the same as on SQLite: `?`
// parameters and unquoted names (the replica's identifiers are lower case).
import pg from "pg";
import type { ReadOptions, ReplicaEngine } from "../engine.js";
import { convertRows } from "../integers.js";
import { closest, SqlError } from "../query.js";
import { QueryInterruptedError, QueryTimeoutError } from "../query-runner.js";
import type { Db } from "../replica.js";
import { tablesOf } from "../schema/index.js";
import { EXECUTE_ACCEPTS, leadingWords, QUERY_ACCEPTS, refusal, StatementRefusedError, type Params, type StatementKind } from "../statement-gate.js";
import { isProcedureCall } from "../write/exec-parse.js";
import { PG_WRITE_REFUSED } from "./capture.js";
import { translate } from "./translate.js";

const READS = new Set(["SELECT", "WITH", "VALUES", "TABLE"]);
/**
 * Functions a confined statement could use to leave its role (set_config('role', …) runs as the
 * session's owner), to run SQL text of its own, or to hold server-wide state: refused wherever
 * they appear, string literals included (dynamic SQL would hide them there).
 */
const ESCAPES = /\b(set_config|query_to_xml\w*|query_to_xmlschema|cursor_to_xml\w*|dblink\w*|pg_advisory\w*|pg_try_advisory\w*|pg_cancel_backend|pg_terminate_backend|lo_\w+)\b/i;
const WRITES = new Set(["INSERT", "UPDATE", "DELETE"]);
// Integers exact, as the SQLite replica reads them (IntegerMode then converts); JSON (Raw) as its text, as on SQLite.
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    [20, 21, 23].includes(oid) ? (v: string) => BigInt(v) : [114, 3802].includes(oid) ? (v: string) => v : pg.types.getTypeParser(oid, format as never)) as typeof pg.types.getTypeParser,
};

const SYS_COLUMNS: Record<string, string[]> = {
  sys_tables: ["TableName", "Description", "Source", "Writable", "ServerFilters"],
  sys_tablecolumns: ["TableName", "ColumnName", "Position", "DataType", "Description", "ServerFilter", "Writable"],
  sys_procedures: ["ProcedureName", "Description", "Parameters"],
};

/**
 * Lower-case names PostgreSQL gives back, under the names SQLite would give: the columns of the
 * tables the statement names, and its own aliases (sys_outbox's names are lower case already).
 */
function namer(db: Db, sql: string, tables: readonly string[]): (name: string) => string {
  const map = new Map<string, string>();
  const named = new Set(tables.map((t) => t.replace(/^.*\./, "").replace(/^bc_/, "")));
  for (const t of tablesOf(db)) if (named.has(t.name.toLowerCase()) || (named.has("recordings") && t.recording)) for (const c of t.columns) map.set(c.name.toLowerCase(), c.name);
  for (const [t, cols] of Object.entries(SYS_COLUMNS)) if (named.has(t)) for (const c of cols) map.set(c.toLowerCase(), c);
  for (const m of sql.matchAll(/\bAS\s+([A-Za-z_][A-Za-z0-9_]*)/gi)) map.set(m[1].toLowerCase(), m[1]);
  return (name) => map.get(name) ?? name;
}

function positional(params: Params): unknown[] {
  if (!Array.isArray(params)) throw new SqlError("A PostgreSQL replica takes ? parameters given as an array; named parameters (:name, @name) are not supported there.");
  return params.map((v) => (typeof v === "boolean" ? (v ? 1 : 0) : v === undefined ? null : v));
}

export function pgEngine(db: Db, o: { url: string; schema: string; role: string }): ReplicaEngine {
  const pool = new pg.Pool({ connectionString: o.url, max: 4, types, application_name: "basecamp-connector query" });
  pool.on("error", () => {}); // an idle client lost: the next statement takes another
  const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
  let running: { pid: number; signal?: NodeJS.Signals } | undefined;

  const userTables = () => [...tablesOf(db).map((t) => t.name), "sys_tables", "sys_tablecolumns", "sys_procedures", "sys_outbox"];
  function explain(e: unknown, mode: "query" | "execute", interrupted?: NodeJS.Signals, timeoutSeconds?: number): Error {
    const err = e as { code?: string; message?: string };
    const msg = err?.message ?? String(e);
    switch (err?.code) {
      case "57014":
        return interrupted ? new QueryInterruptedError(interrupted) : new QueryTimeoutError(timeoutSeconds ?? 0);
      case "0A000":
        if (/data-modifying/i.test(msg)) return new StatementRefusedError(`query() is read-only: this statement writes; use execute(). ${QUERY_ACCEPTS}.`);
        return new SqlError(msg);
      case "25006":
        return new StatementRefusedError(`query() is read-only: this statement writes; use execute(). ${QUERY_ACCEPTS}.`);
      case "42501":
        if (/set role/i.test(msg)) return new SqlError(`This connection's PostgreSQL user cannot take the replica's role (${msg}): connect as the user that made the schema, or grant the role to this user.`);
        return new StatementRefusedError(`This statement writes where users may not (${msg}). ${EXECUTE_ACCEPTS(db)}`);
      case "42P01": {
        const name = /relation "([^"]+)"/.exec(msg)?.[1] ?? "";
        const near = closest(name, userTables());
        return new SqlError(`No table named ${name}.${near.length ? ` Did you mean ${near.join(", ")}?` : ""} SELECT * FROM sys_tables lists them all.`);
      }
      case "42703":
        return new SqlError(`No column named ${/column "?([^" ]+)"? does not exist/.exec(msg)?.[1] ?? "?"}. SELECT * FROM sys_tablecolumns WHERE TableName = '…' lists a table's columns.`);
      case "42601":
        if (/multiple commands/i.test(msg)) return new StatementRefusedError("Give one statement at a time (the text holds more than one).");
        return new SqlError(`SQL syntax error: ${msg}. Check the statement near that point.`);
      case PG_WRITE_REFUSED:
        return new SqlError(msg);
      default:
        return mode === "execute" && e instanceof Error ? new SqlError(msg) : new SqlError(msg);
    }
  }

  /** Run `fn` in a transaction of its own as the confined role. */
  async function confined<T>(readOnly: boolean, timeoutSeconds: number, mode: "query" | "execute", fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await pool.connect();
    // The server process that runs it, for pg_cancel_backend.
    const me: { pid: number; signal?: NodeJS.Signals } = { pid: (c as unknown as { processID: number }).processID };
    try {
      await c.query(readOnly ? "BEGIN READ ONLY" : "BEGIN");
      await c.query(`SET LOCAL search_path TO ${ident(o.schema)}, public`);
      await c.query(`SET LOCAL ROLE ${ident(o.role)}`);
      if (timeoutSeconds > 0) await c.query(`SET LOCAL statement_timeout = ${Math.round(timeoutSeconds * 1000)}`);
      running = me;
      const out = await fn(c);
      running = undefined;
      await c.query("COMMIT");
      return out;
    } catch (e) {
      running = undefined;
      await c.query("ROLLBACK").catch(() => {});
      throw e instanceof SqlError ? e : explain(e, mode, me.signal, timeoutSeconds);
    } finally {
      // Whatever the statement left on the session (advisory locks, temporary objects, settings) goes before the next one.
      let broken = false;
      await c.query("DISCARD ALL").catch(() => (broken = true));
      c.release(broken);
    }
  }

  return {
    classify(sql: string, mode: "query" | "execute", _params: Params): StatementKind {
      const first = leadingWords(sql).words[0] ?? "";
      const escape = ESCAPES.exec(sql);
      if (escape) throw new StatementRefusedError(`${escape[1]} is not allowed on a PostgreSQL replica: it would act outside the tables users may read and write. ${mode === "query" ? QUERY_ACCEPTS : EXECUTE_ACCEPTS(db)}`);
      if (isProcedureCall(sql)) {
        if (mode === "query") throw new StatementRefusedError(`${first} runs a procedure, which may change Basecamp: use execute(). ${QUERY_ACCEPTS}.`);
        return "procedure";
      }
      if (READS.has(first) || first === "EXPLAIN") return "read";
      if (WRITES.has(first)) {
        if (mode === "query") throw new StatementRefusedError(`query() is read-only: ${first} writes; use execute(). ${QUERY_ACCEPTS}.`);
        return "write";
      }
      throw refusal(db, first || "This statement", undefined, mode);
    },

    tablesRead(sql: string): string[] {
      let named: string[];
      try {
        const t = translate(sql);
        // INSERT … VALUES reads nothing (its target is written through the view): as on SQLite, no table to bring up to date.
        if (t.verb === "insert" && !t.complex) return [];
        named = t.tables;
      } catch {
        return [];
      }
      const byLower = new Map(tablesOf(db).map((t) => [t.name.toLowerCase(), t.name]));
      byLower.set("recordings", "Recordings");
      return [...new Set(named.map((n) => byLower.get(n.replace(/^.*\./, ""))).filter((n): n is string => n !== undefined))];
    },

    read(sql: string, params: Params, opts: ReadOptions): Promise<Record<string, unknown>[]> {
      const t = translate(sql);
      const values = positional(params);
      const name = namer(db, sql, t.tables);
      return confined(true, opts.timeoutSeconds, "query", async (c) => {
        let result: pg.QueryResult;
        if (leadingWords(sql).words[0] === "EXPLAIN") result = await c.query({ text: t.sql, values, queryMode: "extended" } as pg.QueryConfig);
        else {
          // A cursor stops the statement at MaxRows (the server never makes the rest).
          await c.query({ text: `DECLARE bc_read NO SCROLL CURSOR FOR ${t.sql}`, values, queryMode: "extended" } as pg.QueryConfig);
          result = await c.query(`FETCH ${opts.maxRows && opts.maxRows > 0 ? Math.floor(opts.maxRows) : "ALL"} FROM bc_read`);
        }
        const rows = result.rows.map((r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [name(k), v])));
        return convertRows(rows, opts.integers);
      });
    },

    async write(sql: string, params: Params, timeoutSeconds: number): Promise<void> {
      const t = translate(sql);
      const values = positional(params);
      // The extended protocol takes exactly one statement: nothing can follow the write.
      await confined(false, timeoutSeconds, "execute", (c) => c.query({ text: t.sql, values, queryMode: "extended" } as pg.QueryConfig));
    },

    interrupt(signal: NodeJS.Signals = "SIGINT"): boolean {
      const r = running;
      if (!r) return false;
      r.signal = signal;
      void pool.query("SELECT pg_cancel_backend($1)", [r.pid]).catch(() => {});
      return true;
    },

    close(): void {
      void pool.end().catch(() => {});
    },
  };
}
