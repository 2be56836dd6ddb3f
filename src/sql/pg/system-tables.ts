// sys_tables, sys_tablecolumns and sys_procedures on PostgreSQL: the same columns (lower-case
// names) and the same values as src/sql/system-tables.ts writes on SQLite, refilled in one
// transaction under the schema's advisory lock (so two processes opening the replica at once
// don't both insert), readers seeing the old rows until it commits.
import type { ProcedureInfo } from "../system-tables.js";
import type { TableDef } from "../schema/types.js";
import type { WriteSpec } from "../write/tables.js";
import { pgCommentsSql, pgLit, pgQualified, pgSchemaTransactionStart, pgSystemTablesDdl } from "./ddl.js";

type Value = string | number | null;
const val = (v: Value) => (v === null ? "NULL" : typeof v === "number" ? String(v) : pgLit(v));

/** INSERT … VALUES in batches (one statement per 500 rows). */
function inserts(table: string, rows: Value[][]): string[] {
  const out: string[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    out.push(`INSERT INTO ${table} VALUES ${rows.slice(i, i + 500).map((r) => `(${r.map(val).join(", ")})`).join(",\n  ")}`);
  }
  return out;
}

/** The rows system-tables.ts writes, as values in column order. */
export function systemTableRows(tables: readonly TableDef[], specs: readonly WriteSpec[], procedures: readonly ProcedureInfo[]) {
  const t: Value[][] = [];
  const c: Value[][] = [];
  for (const def of tables) {
    const spec = specs.find((w) => w.table === def.name);
    const writable = new Set([...(spec?.insert ?? []), ...(spec?.update ?? [])]);
    const filters = def.columns.filter((x) => x.serverFilter).map((x) => x.name);
    t.push([def.name, def.description, def.source, spec ? 1 : 0, filters.join(", ") || null]);
    def.columns.forEach((col, i) => c.push([def.name, col.name, i + 1, col.type, col.description, col.serverFilter ? 1 : 0, writable.has(col.name) ? 1 : 0]));
  }
  const p: Value[][] = procedures.map((proc) => [proc.name, proc.description, proc.parameters.map((x) => `${x.name} ${x.type}${x.required ? "" : " (optional)"}`).join(", ")]);
  return { tables: t, columns: c, procedures: p };
}

/** Create and refill sys_tables, sys_tablecolumns and sys_procedures in `schema` (BEGIN … COMMIT). */
export function pgSystemTablesSql(schema: string, tables: readonly TableDef[], specs: readonly WriteSpec[], procedures: readonly ProcedureInfo[]): string[] {
  const st = pgQualified(schema, "sys_tables");
  const sc = pgQualified(schema, "sys_tablecolumns");
  const sp = pgQualified(schema, "sys_procedures");
  const rows = systemTableRows(tables, specs, procedures);
  return [
    ...pgSchemaTransactionStart(schema),
    ...pgSystemTablesDdl(schema),
    `DELETE FROM ${st}`,
    `DELETE FROM ${sc}`,
    `DELETE FROM ${sp}`,
    ...inserts(st, rows.tables),
    ...inserts(sc, rows.columns),
    ...inserts(sp, rows.procedures),
    pgCommentsSql(schema, [
      { relation: "sys_tables", text: "Every table of the replica: description, where it comes from, whether it is writable, the columns whose filters narrow the sync." },
      { relation: "sys_tablecolumns", text: "Every column of every table: position, type, description, whether it filters the sync and whether writes may set it." },
      { relation: "sys_procedures", text: "The procedures EXEC / CALL runs, with their parameters." },
    ])!,
    "COMMIT",
  ];
}
