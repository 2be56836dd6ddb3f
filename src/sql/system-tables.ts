// sys_tables, sys_tablecolumns and sys_procedures: the replica describing itself, filled from
// the table and procedure definitions each time a replica is opened.
import type { Db } from "./replica.js";
import { tablesOf } from "./schema/index.js";
import { specsOf } from "./write/index.js";

export interface ProcedureInfo {
  name: string;
  description: string;
  parameters: Array<{ name: string; type: string; required: boolean; description?: string }>;
}

export function refreshSystemTables(db: Db, procedures: readonly ProcedureInfo[]): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS sys_tables (TableName TEXT PRIMARY KEY, Description TEXT, Source TEXT, Writable INTEGER, ServerFilters TEXT);
    CREATE TABLE IF NOT EXISTS sys_tablecolumns (TableName TEXT, ColumnName TEXT, Position INTEGER, DataType TEXT, Description TEXT, ServerFilter INTEGER, Writable INTEGER, PRIMARY KEY (TableName, ColumnName));
    CREATE TABLE IF NOT EXISTS sys_procedures (ProcedureName TEXT PRIMARY KEY, Description TEXT, Parameters TEXT);
  `);
  const fill = db.transaction(() => {
    db.exec("DELETE FROM sys_tables; DELETE FROM sys_tablecolumns; DELETE FROM sys_procedures;");
    const t = db.prepare("INSERT INTO sys_tables VALUES (?, ?, ?, ?, ?)");
    const c = db.prepare("INSERT INTO sys_tablecolumns VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (const def of tablesOf(db)) {
      // What writes accept is decided by the write specs (the triggers enforce them).
      const spec = specsOf(db).find((w) => w.table === def.name);
      const writable = new Set([...(spec?.insert ?? []), ...(spec?.update ?? [])]);
      const filters = def.columns.filter((x) => x.serverFilter).map((x) => x.name);
      t.run(def.name, def.description, def.source, spec ? 1 : 0, filters.join(", ") || null);
      def.columns.forEach((col, i) => c.run(def.name, col.name, i + 1, col.type, col.description, col.serverFilter ? 1 : 0, writable.has(col.name) ? 1 : 0));
    }
    const p = db.prepare("INSERT INTO sys_procedures VALUES (?, ?, ?)");
    for (const proc of procedures) {
      p.run(proc.name, proc.description, proc.parameters.map((x) => `${x.name} ${x.type}${x.required ? "" : " (optional)"}`).join(", "));
    }
  });
  fill();
}
