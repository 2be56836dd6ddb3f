// Writing rows: upsert by Id (ON CONFLICT DO UPDATE) and keep ToDoAssignees in step with
// every to-do written. Call inside a transaction for many rows; the statements are prepared
// once per connection and bound by position.
import type { Id } from "../../http/json.js";
import type { Db } from "../replica.js";
import { physicalName } from "./ddl.js";
import { tableByName } from "./registry.js";
import type { Json, Row, RowContext, SqlValue, TableDef } from "./types.js";

export interface UpsertResult {
  upserted: number;
  ids: Id[];
}

interface Stmt {
  run(...params: unknown[]): unknown;
}
const cache = new WeakMap<Db, Map<string, Stmt>>();

function stmt(db: Db, key: string, sql: () => string): Stmt {
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let s = m.get(key);
  if (!s) m.set(key, (s = db.prepare(sql()) as unknown as Stmt));
  return s;
}

function resolve(db: Db, table: TableDef | string): TableDef {
  const t = typeof table === "string" ? tableByName(table, db) : table;
  if (!t) throw new Error(`Unknown table ${JSON.stringify(table)}.`);
  return t;
}

/** Upsert one extracted row (column name → value); missing columns become NULL. */
function upsertRow(db: Db, t: TableDef, row: Row): void {
  const cols = t.columns;
  const s = stmt(db, `upsert:${t.name}`, () => {
    const names = cols.map((c) => `"${c.name}"`);
    const key = t.primaryKey ?? ["Id"];
    const set = cols.filter((c) => !key.includes(c.name)).map((c) => `"${c.name}" = excluded."${c.name}"`);
    return `INSERT INTO "${physicalName(t)}" (${names.join(", ")}) VALUES (${cols.map(() => "?").join(", ")}) ON CONFLICT(${key.map((k) => `"${k}"`).join(", ")}) ${set.length ? `DO UPDATE SET ${set.join(", ")}` : "DO NOTHING"}`;
  });
  const params: SqlValue[] = new Array(cols.length);
  for (let i = 0; i < cols.length; i++) params[i] = row[cols[i].name] ?? null;
  s.run(params);
}

/** Upsert rows already extracted (column name → value); missing columns become NULL. */
export function upsertRows(db: Db, table: TableDef | string, rows: Row[]): number {
  const t = resolve(db, table);
  for (const row of rows) upsertRow(db, t, row);
  return rows.length;
}

/** Rebuild the ToDoAssignees rows of one to-do. */
export function replaceAssignees(db: Db, todoId: Id, projectId: Id | null, personIds: readonly Id[]): void {
  stmt(db, "assignees:del", () => `DELETE FROM bc_ToDoAssignees WHERE ToDoId = ?`).run(todoId);
  const ins = stmt(db, "assignees:ins", () => `INSERT OR IGNORE INTO bc_ToDoAssignees (ToDoId, PersonId, ProjectId) VALUES (?, ?, ?)`);
  for (const p of personIds) ins.run(todoId, p, projectId);
}

/** A record's row and, for a to-do, its assignees: one extraction, written by writeRow. */
export interface Extracted {
  row: Row;
  assignees?: Id[];
}

/** Extract a record's row with the table's `toRow`; undefined when the table takes no row from it. */
export function extract(table: TableDef, rec: Json, ctx: RowContext): Extracted | undefined {
  const row = table.toRow!(rec, ctx);
  if (!row || (!table.primaryKey && (row.Id === null || row.Id === undefined))) return undefined;
  return table.assignees ? { row, assignees: table.assignees(rec) } : { row };
}

/** Write one extracted row (and a to-do's assignee links). */
export function writeRow(db: Db, table: TableDef, x: Extracted): void {
  upsertRow(db, table, x.row);
  if (x.assignees) replaceAssignees(db, x.row.Id as Id, (x.row.ProjectId as Id | null) ?? null, x.assignees);
}

/** Extract rows from API records with the table's `toRow` and upsert them (skipping records it rejects). */
export function upsertRecords(db: Db, table: TableDef | string, records: readonly Json[], ctx: RowContext = {}): UpsertResult {
  const t = resolve(db, table);
  if (!t.toRow) throw new Error(`${t.name} is not a table rows can be written to.`);
  const ids: Id[] = [];
  const run = () => {
    for (const rec of records) {
      const x = extract(t, rec, ctx);
      if (!x) continue;
      writeRow(db, t, x);
      ids.push(x.row.Id as Id);
    }
  };
  if (db.inTransaction) run();
  else db.transaction(run)();
  return { upserted: ids.length, ids };
}

/** Remove one row (and a to-do's assignee links). */
export function deleteRecord(db: Db, table: TableDef | string, recordId: Id): void {
  const t = resolve(db, table);
  stmt(db, `delete:${t.name}`, () => `DELETE FROM "${physicalName(t)}" WHERE Id = ?`).run(recordId);
  if (t.assignees) stmt(db, "assignees:del", () => `DELETE FROM bc_ToDoAssignees WHERE ToDoId = ?`).run(recordId);
}
