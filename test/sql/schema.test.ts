// Table definitions and DDL: names, metadata, views, upserts and the assignee link table — on
// SQLite (in memory) and on PostgreSQL (a schema on a server this file starts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSchema, SYNC_STATE_TABLE, TABLES, tableByName, ToDos, upsertRecords } from "../../src/sql/schema/index.js";
import { openDatabase, type Db } from "../../src/sql/replica.js";
import { openTestReplica, REPLICAS, usePostgres } from "./fixtures/replicas.js";

usePostgres();

const WRITABLE: Record<string, string[]> = {
  ToDos: ["Content", "Description", "DueOn", "StartsOn", "AssigneeIds", "Completed", "ToDoListId"],
  ToDoLists: ["Name", "Description", "ToDoSetId"],
  Messages: ["Subject", "Content", "CategoryId", "MessageBoardId"],
  Comments: ["Content", "ParentId"],
  Documents: ["Title", "Content", "VaultId"],
  CampfireLines: ["Content", "CampfireId"],
  CalendarEvents: ["Summary", "Description", "StartsAt", "EndsAt", "AllDay", "ParticipantIds", "ScheduleId"],
  Projects: ["Name", "Description"],
  CardTableCards: ["Title", "Content", "DueOn", "AssigneeIds", "ColumnId"],
  CardTableColumns: ["Title", "Description", "Color", "CardTableId"],
  TimesheetEntries: ["RecordingId", "PersonId", "Date", "Hours", "Description"],
  Boosts: ["RecordingId", "Content"],
};

describe.each(REPLICAS)("schema (%s)", (kind) => {
  let db: Db;
  beforeAll(() => {
    db = kind === "sqlite" ? openDatabase(":memory:") : openTestReplica("postgres", { schema: false });
  });
  afterAll(() => db.close());

  /** Tables, views and indexes of the replica: sqlite_master on SQLite; on PostgreSQL pg_class in the replica's schema, whose names are lower case. */
  const objectNames = (): { has(name: string): boolean } => {
    if (kind === "sqlite") return new Set((db.prepare("SELECT name FROM sqlite_master").all() as Array<{ name: string }>).map((r) => r.name));
    const names = new Set((db.prepare("SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()").all() as Array<{ name: string }>).map((r) => r.name));
    return { has: (name: string) => names.has(name.toLowerCase()) };
  };

  it("creates bc_T tables, T views, the Recordings view and the sync state, idempotently", () => {
    createSchema(db);
    createSchema(db);
    const names = objectNames();
    for (const t of TABLES) {
      expect(names.has(t.name), t.name).toBe(true);
      if (t.source !== "view") expect(names.has(`bc_${t.name}`), t.name).toBe(true);
    }
    expect(names.has("bc_Recordings")).toBe(false);
    expect(names.has(SYNC_STATE_TABLE)).toBe(true);
    expect(names.has("ix_ToDos_ProjectId") && names.has("ix_ToDos_UpdatedAt") && names.has("ix_ToDos_ToDoListId")).toBe(true);
    expect(TABLES.map((t) => t.name)).toHaveLength(38);
  });

  it("describes every column, with server filters and exactly the writable columns of the plan", () => {
    for (const t of TABLES) {
      expect(t.description.length, t.name).toBeGreaterThan(10);
      for (const c of t.columns) expect(c.description.length, `${t.name}.${c.name}`).toBeGreaterThan(3);
      const writable = t.columns.filter((c) => c.writable).map((c) => c.name).sort();
      expect(writable, t.name).toEqual([...(WRITABLE[t.name] ?? [])].sort());
      if (t.source === "recordings") expect(t.columns.filter((c) => c.serverFilter).map((c) => c.name), t.name).toEqual(["ProjectId", "Status"]);
    }
  });

  it("finds tables by name in any case", () => {
    expect(tableByName("todos")).toBe(ToDos);
    expect(tableByName("TODOS")).toBe(ToDos);
    expect(tableByName("bc_ToDos")).toBe(ToDos);
    expect(tableByName("Nope")).toBeUndefined();
  });

  it("upserts by Id with exact 64-bit IDs and rebuilds ToDoAssignees", () => {
    const big = 9007199254740993n;
    const todo = (content: string, assignees: Array<number | bigint>) => ({
      id: big,
      status: "active",
      created_at: "2026-01-01T00:00:00.000Z",
      updated_at: "2026-01-02T00:00:00.000Z",
      content,
      completed: false,
      due_on: "2026-02-01",
      assignees: assignees.map((id) => ({ id })),
      parent: { id: 12n ** 17n, type: "Todolist" },
      bucket: { id: 42, type: "Project" },
      creator: { id: 7 },
    });
    upsertRecords(db, "ToDos", [todo("first", [1, big])]);
    upsertRecords(db, ToDos, [todo("second", [2])]);
    // SQLite's JSON path form of the arrow; the PostgreSQL replica rewrites it to #>> '{content}'.
    const path = "'$.content'";
    const row = db.prepare(`SELECT Id, Content, ToDoListId, ProjectId, AssigneeIds, Raw ->> ${path} AS RawContent FROM ToDos`).all();
    expect(row).toEqual([{ Id: big, Content: "second", ToDoListId: 12n ** 17n, ProjectId: 42n, AssigneeIds: "[2]", RawContent: "second" }]);
    expect(db.prepare("SELECT ToDoId, PersonId, ProjectId FROM ToDoAssignees").all()).toEqual([{ ToDoId: big, PersonId: 2n, ProjectId: 42n }]);
    upsertRecords(db, ToDos, [todo("third", [1, big])]);
    expect(db.prepare("SELECT PersonId FROM ToDoAssignees ORDER BY PersonId").all()).toEqual([{ PersonId: 1n }, { PersonId: big }]);
    expect(db.prepare("SELECT Id, Type, Title, ParentId FROM Recordings").all()).toEqual([{ Id: big, Type: "Todo", Title: "third", ParentId: 12n ** 17n }]);
  });

  it("splits Todolist records into lists and groups by their parent", () => {
    const list = { id: 100, status: "active", name: "L", parent: { id: 1, type: "Todoset" }, bucket: { id: 42 } };
    const group = { id: 101, status: "active", name: "G", color: "blue", parent: { id: 100, type: "Todolist" }, bucket: { id: 42 } };
    expect(upsertRecords(db, "ToDoLists", [list, group]).upserted).toBe(1);
    expect(upsertRecords(db, "ToDoListGroups", [list, group]).upserted).toBe(1);
    expect(db.prepare("SELECT Id, ToDoSetId FROM ToDoLists").all()).toEqual([{ Id: 100n, ToDoSetId: 1n }]);
    expect(db.prepare("SELECT Id, ToDoListId, Color FROM ToDoListGroups").all()).toEqual([{ Id: 101n, ToDoListId: 100n, Color: "blue" }]);
  });
});
