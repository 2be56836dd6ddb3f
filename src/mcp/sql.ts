// basecamp_sql: one read-only statement over the local replica (what it reads is synced first
// when older than MaxAge), capped at a number of rows; and the replica's catalog
// (sys_tables, sys_tablecolumns) as resources, so an assistant can learn the tables first.
import type { Connection } from "../sql/index.js";
import { errorResult, jsonResult, protocolError, RESOURCE_NOT_FOUND, type ToolResult } from "./run-tool.js";
import { stringifyJsonExact } from "../http/json.js";
import type { Tool } from "./tools.js";

export const SQL_TOOL = "basecamp_sql";
/** The pseudo-domain --domains names to keep (or leave out) the SQL tool. */
export const SQL_DOMAIN = "sql";
/** Rows basecamp_sql answers when neither --max-rows nor MaxRows says. */
export const DEFAULT_SQL_ROWS = 500;

export function sqlTool(maxRows: number): Tool {
  const title = "Query Basecamp with SQL";
  return {
    name: SQL_TOOL,
    title,
    description:
      `[sql] One read-only SQL statement (SELECT, WITH … SELECT, VALUES, EXPLAIN) over Basecamp as tables (Projects, ToDos, People, Messages, …), ` +
      `answered from a local replica that is synced first when older than MaxAge. Read the resource basecamp://replica/sys_tables for the tables and ` +
      `basecamp://replica/sys_tablecolumns for their columns. Answers at most ${maxRows} rows (truncated: true when there were more); ` +
      `one query replaces many API calls (e.g. overdue to-dos per person with GROUP BY). Writes, DDL and PRAGMA are refused.`,
    inputSchema: {
      type: "object",
      properties: {
        sql: { type: "string", minLength: 1, description: "the statement; ? marks a parameter" },
        params: { type: "array", items: { type: ["string", "number", "boolean", "null"] }, description: "values for the ? parameters, in order" },
      },
      required: ["sql"],
      additionalProperties: false,
    },
    annotations: { title, readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    _meta: { "campctl/domain": SQL_DOMAIN },
  };
}

/** Run the statement through Connection.query (the SQL allow-list, QueryTimeout, the sync). */
export async function runSql(conn: Connection, args: { sql: string; params?: unknown[] }, maxRows: number): Promise<ToolResult> {
  try {
    const rows = await conn.query(args.sql, args.params ?? [], { maxRows: maxRows + 1 });
    const truncated = rows.length > maxRows;
    return jsonResult({ rows: truncated ? rows.slice(0, maxRows) : rows, rowCount: Math.min(rows.length, maxRows), truncated });
  } catch (e) {
    const result = errorResult(e);
    if ((e as Error)?.name === "StatementRefusedError") result.content[0].text += ` ${SQL_TOOL} only reads: change Basecamp with the API's tools (their descriptions say CHANGES BASECAMP).`;
    return result;
  }
}

const CATALOG = ["sys_tables", "sys_tablecolumns"] as const;
const uriOf = (table: string) => `basecamp://replica/${table}`;

export function sqlResources(): { uri: string; name: string; title: string; description: string; mimeType: string }[] {
  return CATALOG.map((t) => ({
    uri: uriOf(t),
    name: t,
    title: t === "sys_tables" ? "Tables of the Basecamp replica" : "Columns of the Basecamp replica's tables",
    description: t === "sys_tables" ? "Every table and view basecamp_sql can read, with what it holds." : "Every column of every table: name, type, and what it means.",
    mimeType: "application/json",
  }));
}

/** A catalog resource's rows as JSON (never capped, never synced: it describes the replica). */
export async function readSqlResource(conn: Connection, uri: string): Promise<{ contents: { uri: string; mimeType: string; text: string }[] }> {
  const table = CATALOG.find((t) => uriOf(t) === uri);
  if (!table) throw protocolError(RESOURCE_NOT_FOUND, `no resource ${JSON.stringify(uri)}: this server has ${CATALOG.map(uriOf).join(" and ")}`);
  const rows = await conn.query(`SELECT * FROM ${table}`, [], { maxRows: 0 });
  return { contents: [{ uri, mimeType: "application/json", text: stringifyJsonExact(rows) }] };
}
