// How a PostgreSQL replica runs users' statements (the ReplicaEngine of src/sql/engine.ts): in
// the server, each in its own transaction as the schema's confined role (pg/gate.ts), reads in
// a READ ONLY transaction through a cursor that stops at MaxRows, with statement_timeout as
// QueryTimeout and pg_cancel_backend as interrupt(). The SQL is the same as on SQLite: `?`
// parameters and unquoted names (the replica's identifiers are lower case). What comes back
// is as SQLite gives it where it can be: names as the tables and aliases spell them, integers
// (and whole numerics) as IntegerMode says, dates as text, errors naming close matches.
import pg from "pg";
import type { ReadOptions, ReplicaEngine } from "../engine.js";
import { convertRows } from "../integers.js";
import { closest, SqlError } from "../query.js";
import { QueryInterruptedError, QueryTimeoutError } from "../query-runner.js";
import type { Db } from "../replica.js";
import { tablesOf } from "../schema/index.js";
import { EXECUTE_ACCEPTS, internalMessage, leadingWords, QUERY_ACCEPTS, refusal, StatementRefusedError, type Params, type StatementKind } from "../statement-gate.js";
import { isProcedureCall } from "../write/exec-parse.js";
import { PG_WRITE_REFUSED } from "./capture.js";
import { quote, tokenize, UnsupportedSqlError } from "./tokens.js";
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
// numeric (what sum() and avg() of integers give) as SQLite gives those: an integer when whole, else a number.
// Dates, times and intervals a statement computes as PostgreSQL writes them (text, as the replica's date columns):
// a JavaScript Date would be midnight in the local zone, and a day off once written in UTC.
const INTEGER = (v: string) => BigInt(v);
const TEXT = (v: string) => v;
const NUMERIC = (v: string) => (/^-?\d+$/.test(v) ? BigInt(v) : Number(v));
const PARSERS = new Map<number, (v: string) => unknown>([
  [20, INTEGER], [21, INTEGER], [23, INTEGER], [114, TEXT], [3802, TEXT], [1700, NUMERIC],
  [1082, TEXT], [1083, TEXT], [1114, TEXT], [1184, TEXT], [1186, TEXT], [1266, TEXT],
]);
const types = {
  getTypeParser: ((oid: number, format?: string) => PARSERS.get(oid) ?? pg.types.getTypeParser(oid, format as never)) as typeof pg.types.getTypeParser,
};
/** Statements PostgreSQL (or SQLite) knows: any other first word is a misspelling, a syntax error. */
const VERBS = new Set(
  "ABORT ALTER ANALYZE ATTACH BEGIN CALL CHECKPOINT CLOSE CLUSTER COMMENT COMMIT COPY CREATE DEALLOCATE DECLARE DELETE DETACH DISCARD DO DROP END EXEC EXECUTE EXPLAIN FETCH GRANT IMPORT INSERT LISTEN LOAD LOCK MERGE MOVE NOTIFY PRAGMA PREPARE REASSIGN REFRESH REINDEX RELEASE REPLACE RESET REVOKE ROLLBACK SAVEPOINT SECURITY SELECT SET SHOW START TABLE TRUNCATE UNLISTEN UPDATE VACUUM VALUES WITH".split(" "),
);

/**
 * A user's statement in PostgreSQL's SQL. EXPLAIN [QUERY PLAN] is PostgreSQL's EXPLAIN of the
 * translated statement; SQLite SQL with no translation is a SqlError that names it.
 */
function toPg(sql: string): ReturnType<typeof translate> {
  try {
    const { words, end } = leadingWords(sql, 3);
    if (words[0] !== "EXPLAIN") return translate(sql);
    const inner = translate(words[1] === "QUERY" && words[2] === "PLAN" ? sql.slice(end) : sql.slice(leadingWords(sql).end));
    return { ...inner, sql: `EXPLAIN ${inner.sql}` };
  } catch (e) {
    if (e instanceof UnsupportedSqlError) throw new SqlError(e.message.replace(/\s*Make this statement dialect-aware\.?$/, " Write it as PostgreSQL does."));
    throw e;
  }
}

/** What a WITH statement does after its common table expressions: its first word outside parentheses that is a verb. */
function mainVerb(sql: string): string {
  let depth = 0;
  for (const t of tokenize(sql)) {
    if (t.k === "op") depth += (t.v.match(/\(/g)?.length ?? 0) - (t.v.match(/\)/g)?.length ?? 0);
    else if (depth === 0 && t.k === "id" && (READS.has(t.v.toUpperCase()) || WRITES.has(t.v.toUpperCase())) && t.v.toUpperCase() !== "WITH") return t.v.toUpperCase();
  }
  return "WITH";
}

/** A name PostgreSQL gave back in lower case, as the statement spells it. */
function asWritten(sql: string, name: string): string {
  const code = sql.replace(/'(?:[^']|'')*'/g, "''");
  return new RegExp(`(?<![\\w.])${name.replace(/[^\w]/g, "\\$&")}(?!\\w)`, "i").exec(code)?.[0] ?? name;
}

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
  let running: { pid?: number; signal?: NodeJS.Signals } | undefined;

  const userTables = () => [...tablesOf(db).map((t) => t.name), "sys_tables", "sys_tablecolumns", "sys_procedures", "sys_outbox"];
  /** The columns of the tables a statement names, for close matches to a column it misspells. */
  function columnsOf(sql: string): string[] {
    let named: Set<string>;
    try {
      named = new Set(toPg(sql).tables.map((t) => t.replace(/^.*\./, "").replace(/^bc_/, "")));
    } catch {
      return [];
    }
    const cols = new Set<string>();
    for (const t of tablesOf(db)) if (named.has(t.name.toLowerCase())) for (const c of t.columns) cols.add(c.name);
    for (const [t, names] of Object.entries(SYS_COLUMNS)) if (named.has(t)) for (const c of names) cols.add(c);
    return [...cols];
  }

  function explain(e: unknown, sql: string, mode: "query" | "execute", interrupted?: NodeJS.Signals, timeoutSeconds?: number): Error {
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
        if (mode === "query") {
          const name = /permission denied for \w+ (\S+)/.exec(msg)?.[1] ?? "a table";
          return new StatementRefusedError(`This statement reads ${name}, which users' statements may not read on a PostgreSQL replica: read the tables (views) and sys_ tables instead; SELECT * FROM sys_tables lists them.`);
        }
        {
          // Named as on SQLite: what the table is, and where to write instead.
          const table = /permission denied for (?:table|view|relation) (\S+)/.exec(msg)?.[1];
          if (table) return new StatementRefusedError(`${internalMessage(db, asWritten(sql, table))} ${EXECUTE_ACCEPTS(db)}`);
        }
        return new StatementRefusedError(`This statement writes where users may not (${msg}). ${EXECUTE_ACCEPTS(db)}`);
      case "42P01": {
        const name = asWritten(sql, /relation "([^"]+)"/.exec(msg)?.[1] ?? "");
        const near = closest(name, userTables());
        return new SqlError(`No table named ${name}.${near.length ? ` Did you mean ${near.join(", ")}?` : ""} SELECT * FROM sys_tables lists them all.`);
      }
      case "42703": {
        const name = asWritten(sql, /column "?([^" ]+)"? does not exist/.exec(msg)?.[1] ?? "?");
        const near = closest(name.replace(/^.*\./, ""), columnsOf(sql));
        return new SqlError(`No column named ${name}.${near.length ? ` Did you mean ${near.join(", ")}?` : ""} SELECT * FROM sys_tablecolumns WHERE TableName = '…' lists a table's columns.`);
      }
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
  async function confined<T>(sql: string, readOnly: boolean, timeoutSeconds: number, mode: "query" | "execute", fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    // The statement is running (interrupt() stops it) from here on, while its connection is taken and set up too.
    const me: { pid?: number; signal?: NodeJS.Signals } = {};
    running = me;
    const done = () => void (running === me && (running = undefined));
    const stopped = () => {
      if (me.signal) throw new QueryInterruptedError(me.signal);
    };
    let c: pg.PoolClient;
    try {
      c = await pool.connect();
    } catch (e) {
      done();
      throw me.signal ? new QueryInterruptedError(me.signal) : explain(e, sql, mode, undefined, timeoutSeconds);
    }
    // The server process that runs it, for pg_cancel_backend.
    me.pid = (c as unknown as { processID: number }).processID;
    try {
      stopped();
      await c.query(readOnly ? "BEGIN READ ONLY" : "BEGIN");
      await c.query(`SET LOCAL search_path TO ${quote(o.schema)}, public`);
      await c.query(`SET LOCAL ROLE ${quote(o.role)}`);
      if (timeoutSeconds > 0) await c.query(`SET LOCAL statement_timeout = ${Math.round(timeoutSeconds * 1000)}`);
      stopped();
      const out = await fn(c);
      done();
      await c.query("COMMIT");
      return out;
    } catch (e) {
      done();
      await c.query("ROLLBACK").catch(() => {});
      throw e instanceof SqlError ? e : explain(e, sql, mode, me.signal, timeoutSeconds);
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
      const verb = first === "WITH" ? mainVerb(sql) : first;
      if (READS.has(verb) || first === "EXPLAIN") return "read";
      if (WRITES.has(verb)) {
        if (mode === "query") throw new StatementRefusedError(`query() is read-only: ${first === "WITH" ? "this statement" : first} writes; use execute(). ${QUERY_ACCEPTS}.`);
        return "write";
      }
      if (first && !VERBS.has(first)) throw new SqlError(`SQL syntax error: syntax error at or near "${asWritten(sql, first)}". Check the statement near that point.`);
      throw refusal(db, first || "This statement", undefined, mode);
    },

    tablesRead(sql: string): string[] {
      let named: string[];
      try {
        const t = toPg(sql);
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

    async read(sql: string, params: Params, opts: ReadOptions): Promise<Record<string, unknown>[]> {
      const t = toPg(sql);
      const values = positional(params);
      const name = namer(db, sql, t.tables);
      return confined(sql, true, opts.timeoutSeconds, "query", async (c) => {
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
      const t = toPg(sql);
      const values = positional(params);
      // The extended protocol takes exactly one statement: nothing can follow the write.
      await confined(sql, false, timeoutSeconds, "execute", (c) => c.query({ text: t.sql, values, queryMode: "extended" } as pg.QueryConfig));
    },

    interrupt(signal: NodeJS.Signals = "SIGINT"): boolean {
      const r = running;
      if (!r) return false;
      r.signal = signal;
      // Before it has a server process, it stops once it has one (confined() checks).
      if (r.pid !== undefined) void pool.query("SELECT pg_cancel_backend($1)", [r.pid]).catch(() => {});
      return true;
    },

    close(): void {
      void pool.end().catch(() => {});
    },
  };
}
