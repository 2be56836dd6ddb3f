// Writing rows: upsert by Id (ON CONFLICT DO UPDATE) and keep ToDoAssignees in step with
// every to-do written. Call inside a transaction for many rows; the statements are cached.
import type { Id } from "../../http/json.js";
import type { Db } from "../replica.js";
import { physicalName } from "./ddl.js";
import { tableByName } from "./registry.js";
import { assigneeIdsOf } from "./tables-todos.js";
import type { Json, Row, RowContext, TableDef } from "./types.js";

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

function resolve(table: TableDef | string): TableDef {
  const t = typeof table === "string" ? tableByName(table) : table;
  if (!t) throw new Error(`Unknown table ${JSON.stringify(table)}.`);
  return t;
}

/** Upsert rows already extracted (column name → value); missing columns become NULL. */
export function upsertRows(db: Db, table: TableDef | string, rows: Row[]): number {
  const t = resolve(table);
  const names = t.columns.map((c) => c.name);
  const s = stmt(db, `upsert:${t.name}`, () => {
    const cols = names.map((n) => `"${n}"`).join(", ");
    const vals = names.map((n) => `@${n}`).join(", ");
    const set = names.filter((n) => n !== "Id").map((n) => `"${n}" = excluded."${n}"`).join(", ");
    return `INSERT INTO "${physicalName(t)}" (${cols}) VALUES (${vals}) ON CONFLICT(Id) DO UPDATE SET ${set}`;
  });
  let n = 0;
  for (const row of rows) {
    const params: Row = {};
    for (const c of names) params[c] = row[c] ?? null;
    s.run(params);
    n++;
  }
  return n;
}

/** Rebuild the ToDoAssignees rows of one to-do. */
export function replaceAssignees(db: Db, todoId: Id, projectId: Id | null, personIds: readonly Id[]): void {
  stmt(db, "assignees:del", () => `DELETE FROM bc_ToDoAssignees WHERE ToDoId = ?`).run(todoId);
  const ins = stmt(db, "assignees:ins", () => `INSERT OR IGNORE INTO bc_ToDoAssignees (ToDoId, PersonId, ProjectId) VALUES (?, ?, ?)`);
  for (const p of personIds) ins.run(todoId, p, projectId);
}

/** Extract rows from API records with the table's `toRow` and upsert them (skipping records it rejects). */
export function upsertRecords(db: Db, table: TableDef | string, records: readonly Json[], ctx: RowContext = {}): UpsertResult {
  const t = resolve(table);
  if (!t.toRow) throw new Error(`${t.name} is not a table rows can be written to.`);
  const rows: Row[] = [];
  const ids: Id[] = [];
  const run = () => {
    for (const rec of records) {
      const row = t.toRow!(rec, ctx);
      if (!row || row.Id === null || row.Id === undefined) continue;
      rows.push(row);
      ids.push(row.Id as Id);
      upsertRows(db, t, [row]);
      if (t.name === "ToDos") replaceAssignees(db, row.Id as Id, (row.ProjectId as Id | null) ?? null, assigneeIdsOf(rec));
    }
  };
  if (db.inTransaction) run();
  else db.transaction(run)();
  return { upserted: rows.length, ids };
}

/** Remove one row (and a to-do's assignee links). */
export function deleteRecord(db: Db, table: TableDef | string, recordId: Id): void {
  const t = resolve(table);
  stmt(db, `delete:${t.name}`, () => `DELETE FROM "${physicalName(t)}" WHERE Id = ?`).run(recordId);
  if (t.name === "ToDos") stmt(db, "assignees:del", () => `DELETE FROM bc_ToDoAssignees WHERE ToDoId = ?`).run(recordId);
}
