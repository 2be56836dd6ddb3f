// DDL: bc_T tables, T views, the Recordings union view, indexes and the sync state table.
import type { Db } from "../replica.js";
import type { TableDef } from "./types.js";
import { tablesOf } from "./registry.js";
import { isPg } from "../pg/db.js";

/** Per table (and per project scope): watermark, last sync, last full sync. */
export const SYNC_STATE_TABLE = "bc_sync_state";
/** Recordings changed by a sync whose events are still to be read (queued by triggers, with their row). */
export const PENDING_EVENTS_TABLE = "bc_sync_pending_events";

export function physicalName(t: TableDef | string): string {
  return `bc_${typeof t === "string" ? t : t.name}`;
}

function q(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function tableSql(t: TableDef): string[] {
  const p = physicalName(t);
  if (t.source === "link") {
    return [
      `CREATE TABLE IF NOT EXISTS ${q(p)} (ToDoId INTEGER NOT NULL, PersonId INTEGER NOT NULL, ProjectId INTEGER, PRIMARY KEY (ToDoId, PersonId)) WITHOUT ROWID`,
      `CREATE VIEW IF NOT EXISTS ${q(t.name)} AS SELECT * FROM ${q(p)}`,
    ];
  }
  const key = t.primaryKey;
  const cols = t.columns.map((c) => (c.name === "Id" && !key ? `Id INTEGER PRIMARY KEY` : `${q(c.name)} ${c.type}${key?.includes(c.name) ? " NOT NULL" : ""}`));
  const create = key ? `CREATE TABLE IF NOT EXISTS ${q(p)} (${cols.join(", ")}, PRIMARY KEY (${key.map(q).join(", ")})) WITHOUT ROWID` : `CREATE TABLE IF NOT EXISTS ${q(p)} (${cols.join(", ")})`;
  const out = [create, `CREATE VIEW IF NOT EXISTS ${q(t.name)} AS SELECT * FROM ${q(p)}`];
  for (const ix of t.indexes ?? []) out.push(`CREATE INDEX IF NOT EXISTS ${q(`ix_${t.name}_${ix}`)} ON ${q(p)} (${q(ix)})`);
  if (t.recording) out.push(...queueTriggers(p));
  return out;
}

/**
 * A recording row that is new, or whose UpdatedAt changed, queues the recording for the next
 * Events sync, in the statement that writes it (SQLite runs the trigger; no extra round trip).
 */
function queueTriggers(p: string): string[] {
  // An upsert, not OR REPLACE: a conflict clause on the outer statement would override that.
  const queue = `INSERT INTO ${PENDING_EVENTS_TABLE} (RecordingId, ProjectId, UpdatedAt) VALUES (new.Id, new.ProjectId, new.UpdatedAt)
    ON CONFLICT (RecordingId) DO UPDATE SET ProjectId = excluded.ProjectId, UpdatedAt = excluded.UpdatedAt`;
  return [
    `CREATE TRIGGER IF NOT EXISTS ${q(`${p}_queue_new`)} AFTER INSERT ON ${q(p)} BEGIN ${queue}; END`,
    `CREATE TRIGGER IF NOT EXISTS ${q(`${p}_queue_changed`)} AFTER UPDATE OF UpdatedAt ON ${q(p)} WHEN old.UpdatedAt IS NOT new.UpdatedAt BEGIN ${queue}; END`,
  ];
}

function recordingsViewSql(tables: readonly TableDef[]): string | undefined {
  const parts = tables.filter((t) => t.recording).map((t) => {
    const r = t.recording!;
    return `SELECT Id, ProjectId, ${r.type} AS Type, ${r.title} AS Title, Status, CreatedAt, UpdatedAt, CreatorId, ${r.parentId} AS ParentId, AppUrl FROM ${q(physicalName(t))}`;
  });
  return parts.length ? `CREATE VIEW IF NOT EXISTS Recordings AS ${parts.join("\nUNION ALL ")}` : undefined;
}

let pgCreator: ((db: Db) => void) | undefined;

/** How a PostgreSQL replica's schema is made (src/sql/pg/replica.ts sets it when it loads). */
export function setPgSchemaCreator(fn: (db: Db) => void): void {
  pgCreator = fn;
}

/** Create every table, view and index of the replica's Basecamp (idempotent). */
export function createSchema(db: Db): void {
  if (isPg(db)) {
    if (!pgCreator) throw new Error("A PostgreSQL replica is opened through src/sql/pg/replica.ts.");
    return pgCreator(db);
  }
  const tables = tablesOf(db);
  const stmts: string[] = [`CREATE TABLE IF NOT EXISTS ${PENDING_EVENTS_TABLE} (RecordingId INTEGER PRIMARY KEY, ProjectId INTEGER, UpdatedAt TEXT)`];
  for (const t of tables) if (t.source !== "view") stmts.push(...tableSql(t));
  const recordings = recordingsViewSql(tables);
  if (recordings) stmts.push(recordings);
  stmts.push(
    `CREATE TABLE IF NOT EXISTS ${SYNC_STATE_TABLE} (TableName TEXT NOT NULL, Scope TEXT NOT NULL DEFAULT '', Watermark TEXT, LastSyncAt TEXT, LastFullSyncAt TEXT, PRIMARY KEY (TableName, Scope))`,
  );
  db.transaction(() => {
    for (const s of stmts) db.exec(s);
  })();
}
