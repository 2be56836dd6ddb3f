// The replica side of a write: put what Basecamp answered into the replica, through the
// schema's own upsert (so a written row looks exactly like a synced one).
import type { BasecampClient } from "../../api/index.js";
import type { Id } from "../../http/json.js";
import type { Db } from "../replica.js";
import { deleteRecord, upsertRecords, type RowContext } from "../schema/index.js";

export interface Upsert {
  table: string;
  records: unknown[];
  ctx?: RowContext;
}

export interface ReplicaChange {
  upserts: Upsert[];
  deletes: Array<{ table: string; id: Id }>;
}

export function applyChange(db: Db, change: ReplicaChange): void {
  for (const u of change.upserts) if (u.records.length) upsertRecords(db, u.table, u.records as Array<Record<string, unknown>>, u.ctx ?? {});
  for (const d of change.deletes) deleteRecord(db, d.table, d.id);
}

/** How to read one record of a writable table again, after an action changed it. */
export type Refetch = (client: BasecampClient, id: Id, signal?: AbortSignal) => Promise<unknown>;

export const REFETCH: Record<string, Refetch> = {
  ToDos: (c, id, signal) => c.todos.get(id, { signal }),
  ToDoLists: (c, id, signal) => c.todolists.get(id, { signal }),
  Messages: (c, id, signal) => c.messages.get(id, { signal }),
  Comments: (c, id, signal) => c.comments.get(id, { signal }),
  Documents: (c, id, signal) => c.documents.get(id, { signal }),
  CalendarEvents: (c, id, signal) => c.schedules.entry(id, { signal }),
  Projects: (c, id, signal) => c.projects.get(id, { signal }),
  CardTableCards: (c, id, signal) => c.cardTables.card(id, { signal }),
  CardTableColumns: (c, id, signal) => c.cardTables.column(id, { signal }),
  TimesheetEntries: (c, id, signal) => c.timesheets.get(id, { signal }),
  Boosts: (c, id, signal) => c.boosts.get(id, { signal }),
};

/** Read the record again and describe the upsert (nothing when the table has no reader). */
export async function refetched(client: BasecampClient, table: string, id: Id, signal?: AbortSignal, ctx?: RowContext): Promise<Upsert[]> {
  const read = REFETCH[table];
  if (!read) return [];
  return [{ table, records: [await read(client, id, signal)], ctx }];
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The replica row's column values (undefined when the row or table is missing). */
export function replicaRow(db: Db, table: string, id: Id): Record<string, unknown> | undefined {
  try {
    return db.prepare(`SELECT * FROM ${q(`bc_${table}`)} WHERE Id = ?`).get(id) as Record<string, unknown> | undefined;
  } catch {
    return undefined;
  }
}
