// Basecamp 2's tables (Schema=V2): the same column names as the Basecamp 4 tables where the
// concept is the same, so one query (`… FROM ToDos JOIN Projects …`) runs on both.
import type { Json, RowContext, TableDef } from "../schema/types.js";
import { ToDoAssignees } from "../schema/tables-core.js";
import { id } from "../schema/types.js";
import { Accesses, Calendars, Events, Groups, People, Projects, ProjectTemplates, Stars, Tags } from "./tables-account.js";
import { Attachments, CalendarEvents, Comments, Documents, Messages, ToDoLists, ToDos, Topics, Uploads } from "./tables-content.js";
import { projectOf } from "./tables-shared.js";

export const BC2_TABLES: readonly TableDef[] = [
  Projects,
  People,
  Accesses,
  Groups,
  ToDoLists,
  ToDos,
  ToDoAssignees,
  Topics,
  Messages,
  Comments,
  Documents,
  Uploads,
  Attachments,
  Calendars,
  CalendarEvents,
  Events,
  Stars,
  Tags,
  ProjectTemplates,
];

/** BC2's `type` of a record by the section of its URL (…/projects/1/todos/2.json → Todo). */
const TYPE_OF_SECTION: Record<string, string> = {
  todos: "Todo",
  todolists: "Todolist",
  messages: "Message",
  documents: "Document",
  uploads: "Upload",
  calendar_events: "CalendarEvent",
  forwards: "Forward",
};

/** The kind of a commentable record (Todo, Message, …) from its URL; null when unknown. */
export function commentableType(record: Json): string | null {
  const m = typeof record.url === "string" ? /\/([a-z_]+)\/\d+\.json/.exec(record.url) : null;
  return m ? (TYPE_OF_SECTION[m[1]] ?? null) : null;
}

/**
 * The comments embedded in a GET answer of a to-do, list, message, document, upload or
 * calendar event, with the context to upsert them into Comments.
 */
export function commentsOf(record: Json, ctx: RowContext = {}): { records: Json[]; ctx: RowContext } {
  const records = Array.isArray(record.comments) ? (record.comments as Json[]) : [];
  return { records, ctx: { projectId: projectOf(record, ctx), parentId: id(record.id), parentType: commentableType(record) } };
}

export { Accesses, Attachments, CalendarEvents, Calendars, Comments, Documents, Events, Groups, Messages, People, Projects, ProjectTemplates, Stars, Tags, ToDoLists, ToDos, Topics, Uploads };
