// Basecamp 2 tables of project content: to-do lists, to-dos, topics, messages, comments,
// documents, uploads, attachments and calendar events. Writable columns match what the
// write-back sends; every toRow takes the answer of a GET or POST of one record.
import type { Id } from "../../http/json.js";
import { bool, col, id, idOfObj, json, num, str, type Json, type TableDef } from "../schema/types.js";
import { HEAD, head, PRIVATE, projectOf, RAW } from "./tables-shared.js";

const COMMENTS_COUNT = col("CommentsCount", "INTEGER", "Number of comments.");

export const ToDoLists: TableDef = {
  name: "ToDoLists",
  description: "To-do lists of every project: active, completed and trashed (GET /projects/{id}/todolists[/completed|/trashed].json).",
  source: "bc2",
  writable: true,
  indexes: ["ProjectId", "UpdatedAt"],
  columns: [
    ...HEAD,
    col("Name", "TEXT", "List name.", { writable: true }),
    col("Description", "TEXT", "Description.", { writable: true }),
    col("Position", "INTEGER", "Position among the project's lists.", { writable: true }),
    col("Completed", "INTEGER", "1 when all its to-dos are done."),
    col("CompletedCount", "INTEGER", "Number of completed to-dos."),
    col("RemainingCount", "INTEGER", "Number of remaining to-dos."),
    COMMENTS_COUNT,
    PRIVATE,
    RAW,
  ],
  toRow: (r, ctx) => ({
    ...head(r, ctx),
    Name: str(r.name),
    Description: str(r.description),
    Position: num(r.position),
    Completed: bool(r.completed),
    CompletedCount: num(r.completed_count),
    RemainingCount: num(r.remaining_count),
    CommentsCount: num(r.comments_count) ?? (Array.isArray(r.comments) ? r.comments.length : null),
  }),
};

/** The to-do's assignee when it is a person (BC2 to-dos have at most one assignee). */
export function bc2AssigneeIds(r: Json): Id[] {
  const a = r.assignee as Json | undefined | null;
  if (!a || typeof a !== "object" || (a.type !== undefined && a.type !== "Person")) return [];
  const v = id(a.id);
  return v === null ? [] : [v];
}

export const ToDos: TableDef = {
  name: "ToDos",
  description: "To-dos of every list, all states (trashed ones with Status trashed). AssigneeIds is a JSON array; ToDoAssignees has one row per assignee.",
  source: "bc2",
  writable: true,
  indexes: ["ProjectId", "UpdatedAt", "ToDoListId"],
  assignees: bc2AssigneeIds,
  columns: [
    ...HEAD,
    col("ToDoListId", "INTEGER", "Its list. Required on INSERT.", { writable: true }),
    col("Content", "TEXT", "What to do.", { writable: true }),
    col("DueOn", "TEXT", "Due date (YYYY-MM-DD).", { writable: true }),
    col("AssigneeIds", "TEXT", "The person assigned (JSON array of at most one ID, e.g. [1]).", { writable: true }),
    col("AssigneeName", "TEXT", "Name of the assignee (person or group)."),
    col("Completed", "INTEGER", "1 when done; UPDATE to complete or reopen.", { writable: true }),
    col("CompletedAt", "TEXT", "When it was completed."),
    col("CompleterId", "INTEGER", "Who completed it."),
    col("Position", "INTEGER", "Position in its list.", { writable: true }),
    COMMENTS_COUNT,
    PRIVATE,
    RAW,
  ],
  toRow: (r, ctx) => ({
    ...head(r, ctx),
    ToDoListId: id(r.todolist_id) ?? idOfObj(r.todolist) ?? ctx.parentId ?? null,
    Content: str(r.content),
    DueOn: str(r.due_on ?? r.due_at),
    AssigneeIds: json(bc2AssigneeIds(r)),
    AssigneeName: str((r.assignee as Json | undefined)?.name),
    Completed: bool(r.completed),
    CompletedAt: str(r.completed_at),
    CompleterId: idOfObj(r.completer),
    Position: num(r.position),
    CommentsCount: num(r.comments_count) ?? (Array.isArray(r.comments) ? r.comments.length : null),
  }),
};

export const Topics: TableDef = {
  name: "Topics",
  description: "Discussions: every message, and any other record once commented on (GET /projects/{id}/topics[/archived].json).",
  source: "bc2",
  indexes: ["ProjectId", "UpdatedAt", "TopicableId"],
  columns: [
    ...HEAD,
    col("Title", "TEXT", "Title of the record."),
    col("Excerpt", "TEXT", "Start of its latest comment (or of itself)."),
    col("TopicableId", "INTEGER", "The record discussed."),
    col("TopicableType", "TEXT", "Its kind: Message, Todo, Todolist, Document, Upload, CalendarEvent, Forward."),
    col("LastUpdaterId", "INTEGER", "Who wrote last."),
    col("AttachmentsCount", "INTEGER", "Files attached to it and its comments."),
    PRIVATE,
    RAW,
  ],
  toRow: (r, ctx) => ({
    ...head(r, ctx),
    Title: str(r.title),
    Excerpt: str(r.excerpt),
    TopicableId: idOfObj(r.topicable),
    TopicableType: str((r.topicable as Json | undefined)?.type),
    LastUpdaterId: idOfObj(r.last_updater),
    AttachmentsCount: num(r.attachments),
  }),
};

export const Messages: TableDef = {
  name: "Messages",
  description: "Messages (each read by GET /projects/{id}/messages/{id}.json; Basecamp 2 lists them only as topics).",
  source: "bc2",
  writable: true,
  indexes: ["ProjectId", "UpdatedAt"],
  columns: [...HEAD, col("Subject", "TEXT", "Subject line.", { writable: true }), col("Content", "TEXT", "Body (HTML).", { writable: true }), COMMENTS_COUNT, PRIVATE, RAW],
  toRow: (r, ctx) => ({ ...head(r, ctx), Subject: str(r.subject), Content: str(r.content), CommentsCount: Array.isArray(r.comments) ? r.comments.length : num(r.comments_count) }),
};

export const Comments: TableDef = {
  name: "Comments",
  description: "Comments on to-dos, lists, messages, documents, uploads and calendar events (read inside the record's GET).",
  source: "bc2",
  writable: true,
  indexes: ["ProjectId", "ParentId"],
  columns: [
    ...HEAD,
    col("ParentId", "INTEGER", "The record commented on. Required on INSERT.", { writable: true }),
    col("ParentType", "TEXT", "Its kind as Basecamp 2 names it: Todo, Todolist, Message, Document, Upload, CalendarEvent. Required on INSERT.", { writable: true }),
    col("Content", "TEXT", "Comment (HTML).", { writable: true }),
    PRIVATE,
    RAW,
  ],
  toRow: (r, ctx) => ({ ...head(r, ctx), ParentId: ctx.parentId ?? null, ParentType: ctx.parentType ?? null, Content: str(r.content) }),
};

export const Documents: TableDef = {
  name: "Documents",
  description: "Text documents (GET /projects/{id}/documents.json, each read whole by its GET).",
  source: "bc2",
  writable: true,
  indexes: ["ProjectId", "UpdatedAt"],
  columns: [
    ...HEAD,
    col("Title", "TEXT", "Title.", { writable: true }),
    col("Content", "TEXT", "Body (HTML).", { writable: true }),
    col("LastUpdaterId", "INTEGER", "Who changed it last."),
    COMMENTS_COUNT,
    PRIVATE,
    RAW,
  ],
  toRow: (r, ctx) => ({
    ...head(r, ctx),
    Title: str(r.title),
    Content: str(r.content),
    LastUpdaterId: idOfObj(r.last_updater),
    CommentsCount: Array.isArray(r.comments) ? r.comments.length : num(r.comments_count),
  }),
};

export const Uploads: TableDef = {
  name: "Uploads",
  description: "Uploaded files with their notes (GET /projects/{id}/uploads/{id}.json for each upload its attachments name).",
  source: "bc2",
  indexes: ["ProjectId", "UpdatedAt"],
  columns: [
    ...HEAD,
    col("Content", "TEXT", "Notes on the file (HTML)."),
    col("Filename", "TEXT", "Name of its file."),
    col("ContentType", "TEXT", "MIME type of its file."),
    col("ByteSize", "INTEGER", "Size of its file in bytes."),
    col("DownloadUrl", "TEXT", "Download URL of its file (needs the sign-in)."),
    COMMENTS_COUNT,
    PRIVATE,
    RAW,
  ],
  toRow: (r, ctx) => {
    const file = (Array.isArray(r.attachments) ? r.attachments[0] : undefined) as Json | undefined;
    return {
      ...head(r, ctx),
      Content: str(r.content),
      Filename: str(file?.name),
      ContentType: str(file?.content_type),
      ByteSize: num(file?.byte_size),
      DownloadUrl: str(file?.url),
      CommentsCount: Array.isArray(r.comments) ? r.comments.length : num(r.comments_count),
    };
  },
};

export const Attachments: TableDef = {
  name: "Attachments",
  description: "Files held by records: an upload's file or one embedded in a message, document or comment (GET /projects/{id}/attachments.json).",
  source: "bc2",
  indexes: ["ProjectId", "AttachableId"],
  columns: [
    ...HEAD,
    col("Name", "TEXT", "File name."),
    col("ContentType", "TEXT", "MIME type."),
    col("ByteSize", "INTEGER", "Size in bytes."),
    col("Key", "TEXT", "Attachment key (token)."),
    col("DownloadUrl", "TEXT", "Download URL (needs the sign-in)."),
    col("AttachableId", "INTEGER", "The record holding it."),
    col("AttachableType", "TEXT", "Its kind: Upload, Message, Document, Comment, …"),
    col("Tags", "TEXT", "Its tags (JSON array of names; Tags has one row per tag)."),
    PRIVATE,
    RAW,
  ],
  toRow: (r, ctx) => ({
    ...head(r, ctx),
    Name: str(r.name),
    ContentType: str(r.content_type),
    ByteSize: num(r.byte_size),
    Key: str(r.key),
    DownloadUrl: str(r.url),
    AttachableId: idOfObj(r.attachable),
    AttachableType: str((r.attachable as Json | undefined)?.type),
    Tags: json(Array.isArray(r.tags) ? r.tags : []),
    AppUrl: str(r.app_url),
  }),
};

export const CalendarEvents: TableDef = {
  name: "CalendarEvents",
  description: "Calendar events of projects (ProjectId set) and of account calendars (CalendarId set): upcoming and past.",
  source: "bc2",
  writable: true,
  indexes: ["ProjectId", "CalendarId", "UpdatedAt", "StartsAt"],
  columns: [
    ...HEAD,
    col("CalendarId", "INTEGER", "The account calendar it is on (null for a project's own event).", { writable: true }),
    col("Summary", "TEXT", "What it is.", { writable: true }),
    col("Description", "TEXT", "Details.", { writable: true }),
    col("StartsAt", "TEXT", "Start: a date (YYYY-MM-DD) for all-day events, else ISO 8601.", { writable: true }),
    col("EndsAt", "TEXT", "End, in the same form.", { writable: true }),
    col("AllDay", "INTEGER", "1 for all-day events.", { writable: true }),
    col("RemindAt", "TEXT", "When a reminder goes out."),
    COMMENTS_COUNT,
    PRIVATE,
    RAW,
  ],
  toRow: (r, ctx) => {
    const calendarId = calendarOf(r);
    return {
      ...head(r, ctx),
      ProjectId: calendarId === null ? projectOf(r, ctx) : null,
      CalendarId: calendarId,
      Summary: str(r.summary),
      Description: str(r.description),
      StartsAt: str(r.starts_at),
      EndsAt: str(r.ends_at),
      AllDay: bool(r.all_day),
      RemindAt: str(r.remind_at),
      CommentsCount: num(r.comments_count) ?? (Array.isArray(r.comments) ? r.comments.length : null),
    };
  },
};

/** The account calendar of an event (from its bucket or URL), null for a project's event. */
export function calendarOf(r: Json): Id | null {
  const b = r.bucket as Json | undefined;
  if (b && typeof b === "object" && b.type === "Calendar") return idOfObj(b);
  const m = typeof r.url === "string" ? /\/calendars\/(\d+)\//.exec(r.url) : null;
  return m ? id(m[1]) : null;
}
