// What `campctl shell` shows of the replica: the tables (.tables), a table's columns
// (.schema), and the names completion offers.
import { closestKey } from "../../config/suggest.js";
import type { Connection } from "../../sql/index.js";
import { UsageError } from "./errors.js";
import { formatTable } from "./table.js";

type Db = Connection["db"];

/** Every table and view a person may query, with what kind it is. */
export function tableNames(db: Db): Array<{ name: string; kind: "writable" | "readonly" | "system" | "other" }> {
  const all = db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE 'bc\\_%' ESCAPE '\\' ORDER BY name COLLATE NOCASE").all() as Array<{ name: string }>;
  const known = new Map<string, boolean>();
  if (all.some((t) => t.name === "sys_tables")) {
    for (const r of db.prepare("SELECT TableName, Writable FROM sys_tables").all() as Array<{ TableName: string; Writable: number | bigint }>) known.set(r.TableName, Number(r.Writable) === 1);
  }
  return all.map(({ name }) => ({ name, kind: known.has(name) ? (known.get(name) ? "writable" : "readonly") : name.startsWith("sys_") ? "system" : "other" }));
}

export function columnNames(db: Db): string[] {
  try {
    return (db.prepare("SELECT DISTINCT ColumnName FROM sys_tablecolumns").all() as Array<{ ColumnName: string }>).map((r) => r.ColumnName);
  } catch {
    return [];
  }
}

export function tablesText(db: Db, width: number, filter?: string): string {
  const names = tableNames(db).filter((t) => !filter || t.name.toLowerCase().includes(filter.toLowerCase()));
  if (names.length === 0) return filter ? `(no tables match ${JSON.stringify(filter)})` : "(no tables)";
  const groups: Array<[string, string]> = [
    ["writable", "Basecamp tables, writable (INSERT, UPDATE, DELETE):"],
    ["readonly", "Basecamp tables, read-only:"],
    ["system", "System tables:"],
    ["other", "Other tables:"],
  ];
  const out: string[] = [];
  for (const [kind, title] of groups) {
    const these = names.filter((t) => t.kind === kind).map((t) => t.name);
    if (these.length) out.push(title, columns(these, width), "");
  }
  return out.join("\n").trimEnd();
}

export function schemaText(db: Db, width: number, name: string): string {
  const wanted = name.replace(/^["[`]|["\]`]$/g, "");
  const tables = tableNames(db);
  const match = tables.find((t) => t.name.toLowerCase() === wanted.toLowerCase());
  if (!match) {
    const near = closestKey(wanted, tables.map((t) => t.name));
    throw new UsageError(`No table named ${wanted}${near ? `. Did you mean ${near}?` : ""} (.tables lists them)`);
  }
  const described = match.kind === "writable" || match.kind === "readonly";
  if (described) {
    const info = db.prepare("SELECT Description FROM sys_tables WHERE TableName = ?").get(match.name) as { Description: string | null } | undefined;
    const cols = db.prepare("SELECT ColumnName, DataType, Writable, ServerFilter, Description FROM sys_tablecolumns WHERE TableName = ? ORDER BY Position").all(match.name) as Array<{ ColumnName: string; DataType: string; Writable: number; ServerFilter: number; Description: string | null }>;
    const rows = cols.map((c) => ({ Column: c.ColumnName, Type: c.DataType, Writable: Number(c.Writable) ? "yes" : "", Filter: Number(c.ServerFilter) ? "server" : "", Description: c.Description ?? "" }));
    const head = `${match.name}${info?.Description ? `: ${info.Description}` : ""}`;
    const filter = 'Filter "server": a WHERE on it narrows what is synced.';
    const foot = match.kind === "writable" ? `Writable "yes": INSERT and UPDATE may set it. ${filter}` : `Read-only. ${filter}`;
    return [head, "", formatTable(rows, width), "", foot].join("\n");
  }
  const cols = db.prepare(`PRAGMA table_info("${match.name.replace(/"/g, '""')}")`).all() as Array<{ name: string; type: string; notnull: number; pk: number }>;
  return [match.name, "", formatTable(cols.map((c) => ({ Column: c.name, Type: c.type || "", Key: c.pk ? "primary" : "" })), width)].join("\n");
}

/** Names laid out in columns (down, then across) that fit the width, like sqlite3's .tables. */
function columns(names: string[], width: number): string {
  const w = Math.max(...names.map((n) => n.length)) + 2;
  const perRow = Math.max(1, Math.floor(width / w));
  const rows = Math.ceil(names.length / perRow);
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c * rows + r < names.length; c++) cells.push(names[c * rows + r].padEnd(w));
    out.push(`  ${cells.join("").trimEnd()}`);
  }
  return out.join("\n");
}
