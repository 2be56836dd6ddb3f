// `campctl sql "<statement>"`: SELECTs print rows; writes and EXEC print what happened.
import { openConnection, type GlobalOptions } from "../internal/context.js";
import { UsageError } from "../internal/errors.js";
import { FORMATS, formatRows, toJson, type Format } from "../internal/output.js";

export interface SqlOptions {
  format?: string;
  maxAge?: string;
  offline?: boolean;
}

export async function runSql(statement: string, o: SqlOptions, g: GlobalOptions): Promise<void> {
  const format = (o.format ?? (g.json ? "json" : "table")) as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}; got ${JSON.stringify(o.format)}`);
  if (!statement.trim()) throw new UsageError('Give a statement: campctl sql "SELECT * FROM Projects"');
  const extra: string[] = [];
  if (o.maxAge !== undefined) {
    if (!/^\d+$/.test(o.maxAge)) throw new UsageError(`--max-age takes whole seconds; got ${JSON.stringify(o.maxAge)}`);
    extra.push(`MaxAge=${o.maxAge}`);
  }
  if (o.offline) extra.push("Offline=true");
  const conn = await openConnection(g, extra);
  try {
    const isRead = /^\s*(SELECT|WITH|VALUES|PRAGMA|EXPLAIN)\b/i.test(statement);
    if (isRead) {
      process.stdout.write(`${formatRows(await conn.query(statement), format)}\n`);
    } else {
      const r = await conn.execute(statement);
      if (format === "json") process.stdout.write(`${toJson({ changes: r.changes, rows: r.rows, outbox: r.outbox })}\n`);
      else if (r.rows.length) process.stdout.write(`${formatRows(r.rows, format)}\n`);
      else process.stdout.write(`${r.changes} change(s) sent to Basecamp${r.outbox.length ? `: ${r.outbox.map((e) => `${e.op} ${e.table} ${e.resultId ?? e.rowId ?? ""}`.trim()).join(", ")}` : ""}\n`);
    }
  } finally {
    await conn.close();
  }
}
