// One Basecamp 2 record fetched whole (its GET carries its comments; a list's carries its
// to-dos): written with everything it embeds, or removed with its comments when it answers 404.
import type { Id } from "../../http/json.js";
import { id, type Json } from "../schema/types.js";
import { del, firstTime, getOne, put, putComments, putWhole, removeRecord, type Bc2Sync } from "./sync-io.js";

/** The table of each kind of record the change feed names. */
export const TABLE_OF_TYPE: Record<string, string> = {
  Todo: "ToDos",
  Todolist: "ToDoLists",
  Message: "Messages",
  Document: "Documents",
  Upload: "Uploads",
  CalendarEvent: "CalendarEvents",
};

/** Tables a record of `type` fills (itself and its comments; a list also its to-dos). */
function tablesOfType(type: string): string[] {
  const t = TABLE_OF_TYPE[type];
  return t === "ToDoLists" ? [t, "ToDos", "Comments"] : t ? [t, "Comments"] : [];
}

/** Whether fetching a record of `type` can fill any wanted table. */
export function typeWanted(s: Bc2Sync, type: string): boolean {
  return tablesOfType(type).some((t) => s.wanted.has(t));
}

/** Write a to-do list's GET answer: the list, its comments and all its to-dos (which replace the list's rows). */
export function putList(s: Bc2Sync, list: Json, projectId: Id | null): void {
  const listId = id(list.id);
  const groups = (list.todos ?? null) as Record<string, Json[]> | null;
  s.db.transaction(() => {
    put(s, "ToDoLists", [list], { projectId });
    putComments(s, list, { projectId });
    if (!groups || listId === null) return;
    const todos = [...(groups.remaining ?? []), ...(groups.completed ?? []), ...(groups.trashed ?? [])];
    const keep = JSON.stringify(todos.map((t) => String(t.id)));
    del(s, "ToDos", `ToDoListId = ? AND CAST(Id AS TEXT) NOT IN (SELECT value FROM json_each(?))`, listId, keep);
    put(s, "ToDos", todos, { projectId, parentId: listId });
  })();
}

/**
 * Fetch one record by its API URL and write it (once per sync). Answers the record, or null
 * when it is gone (its rows are removed) or was already fetched.
 */
export async function refetch(s: Bc2Sync, type: string, url: string, recordId: Id, projectId: Id | null): Promise<Json | null> {
  const table = TABLE_OF_TYPE[type];
  if (!table || !typeWanted(s, type) || !firstTime(s, type, recordId)) return null;
  const rec = await getOne(s, table, url);
  if (!rec) {
    removeRecord(s, table, recordId, type);
    return null;
  }
  if (type === "Todolist") putList(s, rec, projectId);
  else putWhole(s, table, rec, { projectId });
  return rec;
}

/** The API URL of a record of `type` in a project. */
export function urlOf(type: string, projectId: Id, recordId: Id): string {
  const section: Record<string, string> = { Todo: "todos", Todolist: "todolists", Message: "messages", Document: "documents", Upload: "uploads", CalendarEvent: "calendar_events" };
  return `/projects/${projectId}/${section[type]}/${recordId}.json`;
}
