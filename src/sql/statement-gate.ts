// What a user's statement may do, decided before it runs: SQLite prepares it (one statement,
// its kind from its first keyword), says whether it writes (stmt.readonly), and its program
// (EXPLAIN) shows which b-trees it would open for writing and which triggers it would fire.
import type { Db } from "./replica.js";
import { explainSqlError, SqlError } from "./query.js";
import { isProcedureCall } from "./write/exec-parse.js";
import { specOf, specsOf } from "./write/tables.js";

/** A statement this connection does not run (DDL, PRAGMA, VACUUM, a write to an internal table, …). */
export class StatementRefusedError extends SqlError {
  override name = "StatementRefusedError";
}

export type StatementKind = "read" | "write" | "procedure";
export type Params = unknown[] | Record<string, unknown>;

export const QUERY_ACCEPTS = "query() accepts SELECT, WITH … SELECT and VALUES (EXPLAIN of them too)";
export const EXECUTE_ACCEPTS = (db: Db) =>
  `execute() accepts INSERT, UPDATE and DELETE on the writable tables (${specsOf(db).map((s) => s.table).join(", ")}), ` +
  `EXEC or CALL of a procedure (SELECT * FROM sys_procedures lists them), and what query() accepts: SELECT, WITH … SELECT and VALUES.`;

const WHY: Record<string, string> = {
  CREATE: "would change the replica's schema",
  DROP: "would change the replica's schema",
  ALTER: "would change the replica's schema",
  ATTACH: "would open another database file",
  DETACH: "would change the databases this connection uses",
  VACUUM: "would rewrite the replica (VACUUM INTO copies it anywhere)",
  PRAGMA: "would read or change the replica's settings (sys_tables and sys_tablecolumns describe the tables)",
  REINDEX: "is maintenance the connector does itself",
  ANALYZE: "is maintenance the connector does itself",
  BEGIN: "is transaction control: each statement is its own transaction, and its writes are sent after it",
};
for (const w of ["COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"]) WHY[w] = WHY.BEGIN;

/** The first `n` words of a statement, past whitespace and comments, with where the last one ends. */
export function leadingWords(sql: string, n = 1): { words: string[]; end: number } {
  const words: string[] = [];
  const re = /\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?(?:\*\/|$)|([A-Za-z_]+)|./y;
  let end = 0;
  for (let m = re.exec(sql); m && words.length < n; m = re.exec(sql)) {
    if (m[0].trim() === "" || m[0].startsWith("--") || m[0].startsWith("/*")) continue;
    if (!m[1]) break;
    words.push(m[1].toUpperCase());
    end = re.lastIndex;
  }
  return { words, end };
}

function refuse(db: Db, word: string, why: string, mode: "query" | "execute"): never {
  throw refusal(db, word, why, mode);
}

/** The error for a statement of a kind neither query() nor execute() runs, naming what they take. */
export function refusal(db: Db, word: string, why: string | undefined, mode: "query" | "execute"): StatementRefusedError {
  why ??= WHY[word] ?? "is not a query, a write to a Basecamp table or a procedure call";
  return new StatementRefusedError(`${word} is not allowed: it ${why}. ${mode === "query" ? `${QUERY_ACCEPTS}; ${EXECUTE_ACCEPTS(db)}` : EXECUTE_ACCEPTS(db)}`);
}

function prepare(db: Db, sql: string) {
  try {
    return db.prepare(sql);
  } catch (e) {
    if (/more than one statement/i.test((e as Error)?.message ?? "")) {
      throw new StatementRefusedError("Give one statement at a time (the text holds more than one).");
    }
    throw explainSqlError(db, sql, e);
  }
}

/**
 * Decide what `sql` is, or refuse it: `query` mode takes reads only; `execute` mode also takes
 * writes through the writable tables and procedure calls. Nothing is run.
 */
export function classify(db: Db, sql: string, mode: "query" | "execute", params: Params = []): StatementKind {
  const first = leadingWords(sql).words[0] ?? "";
  if (isProcedureCall(sql)) {
    if (mode === "query") throw new StatementRefusedError(`${first} runs a procedure, which may change Basecamp: use execute(). ${QUERY_ACCEPTS}.`);
    return "procedure";
  }
  if (first === "EXPLAIN") {
    const { words, end } = leadingWords(sql, 3);
    classify(db, words[1] === "QUERY" && words[2] === "PLAN" ? sql.slice(end) : sql.slice(leadingWords(sql).end), "query", params);
    return "read";
  }
  const stmt = prepare(db, sql);
  const read = stmt.readonly && stmt.reader;
  if ((first === "SELECT" || first === "VALUES" || first === "WITH") && read) return "read";
  if (["INSERT", "REPLACE", "UPDATE", "DELETE", "WITH"].includes(first) && !stmt.readonly) {
    if (mode === "query") throw new StatementRefusedError(`query() is read-only: ${first === "WITH" ? "this statement writes" : `${first} writes`}; use execute(). ${QUERY_ACCEPTS}.`);
    checkWriteTargets(db, sql, params);
    return "write";
  }
  refuse(db, first || "This statement", WHY[first] ?? "is not a query, a write to a Basecamp table or a procedure call", mode);
}

interface Op {
  addr: number | bigint;
  opcode: string;
  p1: number | bigint;
  p2: number | bigint;
  p3: number | bigint;
  p4: unknown;
}

/** Opcodes that write a b-tree or the schema directly (the main program may use none of them). */
const DIRECT_WRITES = new Set(["OpenWrite", "Clear", "Destroy", "CreateBtree", "ParseSchema", "SetCookie", "VUpdate", "Vacuum", "DropTable", "DropIndex", "DropTrigger"]);

/** What an internal table is, and what to do instead of writing it (also the PostgreSQL engine's refusal). */
export function internalMessage(db: Db, table: string): string {
  if (/^sys_outbox$/i.test(table)) {
    return "sys_outbox is the queue of writes to Basecamp: read it with SELECT * FROM sys_outbox, and retry or discard an entry with EXEC RetryOutboxEntry(Id => …) or EXEC DiscardOutboxEntry(Id => …).";
  }
  const spec = specOf(table.replace(/^bc_/i, ""), db);
  if (spec && /^bc_/i.test(table)) return `${table} is the replica's storage behind ${spec.table}: write to ${spec.table}, and the write goes to Basecamp and back.`;
  return `${table} is internal to the connector and read-only.`;
}

/**
 * A write may only go through the INSTEAD OF triggers of the writable tables: its main program
 * (up to where EXPLAIN's addresses start again, at the trigger programs) opens nothing for
 * writing, and every trigger it fires is a capture trigger of a writable table.
 */
function checkWriteTargets(db: Db, sql: string, params: Params): void {
  let plan: Op[];
  try {
    plan = db.prepare(`EXPLAIN ${sql}`).all(params as never) as Op[];
  } catch (e) {
    throw explainSqlError(db, sql, e);
  }
  const restart = plan.findIndex((op, i) => i > 0 && Number(op.addr) <= Number(plan[i - 1].addr));
  const main = restart < 0 ? plan : plan.slice(0, restart);
  const owners = db.prepare("SELECT tbl_name, rootpage FROM sqlite_schema WHERE rootpage > 0").all() as Array<{ tbl_name: string; rootpage: number | bigint }>;
  const ownerOf = (op: Op) => owners.find((o) => Number(o.rootpage) === Number(op.opcode === "Clear" ? op.p1 : op.p2))?.tbl_name;
  // The triggers' INSERT INTO sys_outbox (AUTOINCREMENT) has the main program update sqlite_sequence.
  const direct = main.filter((op) => DIRECT_WRITES.has(op.opcode) && !(op.opcode === "OpenWrite" && Number(op.p3) === 0 && ownerOf(op) === "sqlite_sequence"));
  if (direct.length) {
    const table = direct.map(ownerOf).find(Boolean);
    throw new StatementRefusedError(`${table ? internalMessage(db, table) : "This statement writes the replica directly."} ${EXECUTE_ACCEPTS(db)}`);
  }
  const triggers = plan.filter((op) => op.opcode === "Init" && /^-- TRIGGER /.test(String(op.p4 ?? ""))).map((op) => String(op.p4).slice(11).trim());
  const ours = (t: string) => /^(\w+)_capture_(insert|update|delete)$/.exec(t)?.[1];
  if (!main.some((op) => op.opcode === "Program") || triggers.some((t) => !specOf(ours(t) ?? "", db))) {
    throw new StatementRefusedError(`This statement does not write through a writable table. ${EXECUTE_ACCEPTS(db)}`);
  }
}
