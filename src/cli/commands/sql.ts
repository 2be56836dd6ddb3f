// `campctl sql "<statement>"`: SELECTs print rows; writes and EXEC print what happened.
import { constants } from "node:os";
import type { Connection } from "../../sql/index.js";
import { leadingWords } from "../../sql/statement-gate.js";
import { openConnection, type GlobalOptions } from "../internal/context.js";
import { UsageError } from "../internal/errors.js";
import { chooseFormat, defaultFormat, formatRows, toJson, type Format } from "../internal/output.js";
import { formatTable } from "../internal/table.js";

export interface SqlOptions {
  format?: string;
  maxAge?: string;
  offline?: boolean;
}

/** What one statement printed, and (for reads) how many rows it returned. */
export interface StatementOutput {
  text: string;
  read: boolean;
  rows: number;
}

/**
 * Run one statement the way `campctl sql` does: SELECT, VALUES and EXPLAIN through query(), the
 * rest through execute() (which says whether it was a read); `width` fits tables to it
 * (default: the terminal's); `draw`, when given, renders rows instead (the shell's modes).
 */
export async function runStatement(conn: Pick<Connection, "query" | "execute">, statement: string, format: Format, width?: number, draw?: (rows: Record<string, unknown>[]) => string): Promise<StatementOutput> {
  const render = draw ?? ((rows: Record<string, unknown>[]) => (format === "table" && width !== undefined ? formatTable(rows, width) : formatRows(rows, format)));
  if (["SELECT", "VALUES", "EXPLAIN"].includes(leadingWords(statement).words[0])) {
    const rows = await conn.query(statement);
    return { text: render(rows), read: true, rows: rows.length };
  }
  const r = await conn.execute(statement);
  if (r.kind === "read") return { text: render(r.rows), read: true, rows: r.rows.length };
  if (format === "json") return { text: toJson({ changes: r.changes, rows: r.rows, outbox: r.outbox }), read: false, rows: r.rows.length };
  if (r.rows.length) return { text: render(r.rows), read: false, rows: r.rows.length };
  const sent = r.outbox.length ? `: ${r.outbox.map((e) => `${e.op} ${e.table} ${e.resultId ?? e.rowId ?? ""}`.trim()).join(", ")}` : "";
  return { text: `${r.changes} change(s) sent to Basecamp${sent}`, read: false, rows: 0 };
}

/**
 * The output format from --format (the command's or the global one), else json with --json,
 * else `fallback` (the shell's is a table); UsageError when unknown.
 */
export function formatOf(o: SqlOptions, g: GlobalOptions, fallback: Format = "table"): Format {
  return chooseFormat(g, o.format, fallback);
}

/** --max-age and --offline as connection string parts. */
export function connectionExtras(o: SqlOptions): string[] {
  const extra: string[] = [];
  if (o.maxAge !== undefined) {
    if (!/^\d+$/.test(o.maxAge)) throw new UsageError(`--max-age takes whole seconds; got ${JSON.stringify(o.maxAge)}`);
    extra.push(`MaxAge=${o.maxAge}`);
  }
  if (o.offline) extra.push("Offline=true");
  return extra;
}

export async function runSql(statement: string, o: SqlOptions, g: GlobalOptions): Promise<void> {
  // A table on a terminal, tab-separated values in a pipe, unless a format is asked for.
  const format = formatOf(o, g, defaultFormat());
  if (!statement.trim()) throw new UsageError('Give a statement: campctl sql "SELECT * FROM Projects"');
  const extra = connectionExtras(o);
  // Ctrl-C or SIGTERM stops a running query (it ends with QueryInterruptedError); anything else
  // (signing in, a sync, a write being sent) ends the way an unhandled signal would, with a word.
  let conn: Connection | undefined;
  const stop = (signal: NodeJS.Signals) => {
    if (conn?.interrupt(signal)) return;
    process.stderr.write(`campctl: interrupted (${signal})\n`);
    process.exit(128 + constants.signals[signal]);
  };
  process.on("SIGINT", stop).on("SIGTERM", stop);
  try {
    conn = await openConnection(g, extra);
    process.stdout.write(`${(await runStatement(conn, statement, format)).text}\n`);
  } finally {
    process.off("SIGINT", stop).off("SIGTERM", stop);
    await conn?.close();
  }
}
