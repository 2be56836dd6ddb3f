// After a crash or a lost answer, a create on Basecamp 2 may have landed: look for a record
// made by the signed-in person, under the same parent, with the same title, since the attempt
// was sent (minus a margin for clocks), and not already claimed by another outbox entry. Found,
// it is adopted instead of creating a second one (exactly-once writes).
import type { Basecamp2Client } from "../../api/bc2/client.js";
import type { Bc2OperationId } from "../../api/bc2/operations.js";
import type { Id } from "../../http/json.js";
import type { Db } from "../replica.js";
import type { Json } from "../schema/types.js";
import { toId, toStr } from "../write/handler-kit.js";
import type { OutboxEntry } from "../write/outbox.js";
import { LOOKUP_MARGIN_MS } from "../write/reconcile-lookup.js";
import { replicaRow, type ReplicaChange } from "../write/replica-sync.js";
import { WriteValueError } from "../write/handler-kit.js";

/** At most this many records of the parent are looked at. */
const MAX_SCAN = 500;

interface Candidates {
  /** The records to look through, and the upsert context of the one adopted. */
  read(client: Basecamp2Client, p: Record<string, unknown>, db: Db, signal?: AbortSignal): Promise<{ records: Json[]; projectId: Id | null; parent?: { id: Id; type: string } }>;
  field: string;
  titleKey: string;
}

async function list(client: Basecamp2Client, op: Bc2OperationId, path: Record<string, Id>, signal?: AbortSignal): Promise<Json[]> {
  const out: Json[] = [];
  for await (const r of client.paginateOperation(op, { path, signal })) {
    out.push(r as unknown as Json);
    if (out.length >= MAX_SCAN) break;
  }
  return out;
}

const defaults = new WeakMap<Db, string>();

/** The project an INSERT without ProjectId goes to on this replica (the connection's ProjectId); unset: the first project. */
export function setBc2DefaultProject(db: Db, projectId: string | undefined): void {
  if (projectId) defaults.set(db, projectId);
  else defaults.delete(db);
}

/** The INSERT's ProjectId, else the connection's ProjectId, else the account's first active project (as on Basecamp 4). */
export async function projectForInsert(db: Db, client: Basecamp2Client, p: Record<string, unknown>, table: string, signal?: AbortSignal): Promise<Id> {
  const given = p.ProjectId ?? defaults.get(db);
  if (given !== undefined && given !== null) return toId(given, `${table}.ProjectId`);
  for await (const project of client.projects.list({ signal })) return toId((project as { id: Id }).id, "Projects.Id");
  throw new WriteValueError(`${table}.ProjectId is not given, and the account has no active project to default to: create one, or give ProjectId.`);
}

function projectOfParent(db: Db, table: string, parentId: Id, p: Record<string, unknown>): Id {
  if (p.ProjectId !== undefined && p.ProjectId !== null) return toId(p.ProjectId, "ProjectId");
  return toId(replicaRow(db, table, parentId)?.ProjectId, `${table}.ProjectId`);
}

/** Kinds a comment can be on: the URL section of CreateComment and how to read the record again. */
export const COMMENTABLE: Record<string, { section: string; table: string; get: Bc2OperationId; key: string }> = {
  Todo: { section: "todos", table: "ToDos", get: "GetTodo", key: "todoId" },
  Message: { section: "messages", table: "Messages", get: "GetMessage", key: "messageId" },
  Document: { section: "documents", table: "Documents", get: "GetDocument", key: "documentId" },
  Upload: { section: "uploads", table: "Uploads", get: "GetUpload", key: "uploadId" },
  CalendarEvent: { section: "calendar_events", table: "CalendarEvents", get: "GetProjectCalendarEvent", key: "eventId" },
  Todolist: { section: "todolists", table: "ToDoLists", get: "GetTodolist", key: "todolistId" },
};

const LOOKUPS: Record<string, Candidates> = {
  ToDos: {
    field: "content",
    titleKey: "Content",
    async read(client, p, db, signal) {
      const listId = toId(p.ToDoListId, "ToDos.ToDoListId");
      const projectId = projectOfParent(db, "ToDoLists", listId, p);
      return { records: await list(client, "ListTodolistTodos", { projectId, todolistId: listId }, signal), projectId };
    },
  },
  ToDoLists: {
    field: "name",
    titleKey: "Name",
    async read(client, p, db, signal) {
      const projectId = await projectForInsert(db, client, p, "ToDoLists", signal);
      return { records: await list(client, "ListTodolists", { projectId }, signal), projectId };
    },
  },
  Messages: {
    field: "subject",
    titleKey: "Subject",
    async read(client, p, db, signal) {
      // Basecamp 2 lists messages only as topics: read the matching ones in full.
      const projectId = await projectForInsert(db, client, p, "Messages", signal);
      const topics = await list(client, "ListTopics", { projectId }, signal);
      const hits = topics.filter((t) => (t.topicable as Json | undefined)?.type === "Message" && toStr(t.title) === toStr(p.Subject));
      const records: Json[] = [];
      for (const t of hits) records.push((await client.operation("GetMessage", { path: { projectId, messageId: (t.topicable as Json).id as Id }, signal })) as unknown as Json);
      return { records, projectId };
    },
  },
  Documents: {
    field: "title",
    titleKey: "Title",
    async read(client, p, db, signal) {
      const projectId = await projectForInsert(db, client, p, "Documents", signal);
      return { records: await list(client, "ListDocuments", { projectId }, signal), projectId };
    },
  },
  CalendarEvents: {
    field: "summary",
    titleKey: "Summary",
    async read(client, p, db, signal) {
      if (p.ProjectId == null && p.CalendarId != null) return { records: await list(client, "ListCalendarEvents", { calendarId: toId(p.CalendarId, "CalendarEvents.CalendarId") }, signal), projectId: null };
      const projectId = await projectForInsert(db, client, p, "CalendarEvents", signal);
      return { records: await list(client, "ListProjectCalendarEvents", { projectId }, signal), projectId };
    },
  },
  Comments: {
    field: "content",
    titleKey: "Content",
    async read(client, p, db, signal) {
      const parentId = toId(p.ParentId, "Comments.ParentId");
      const type = Object.keys(COMMENTABLE).find((k) => k.toLowerCase() === String(p.ParentType ?? "").toLowerCase()) ?? Object.keys(COMMENTABLE).find((k) => replicaRow(db, COMMENTABLE[k].table, parentId));
      if (!type) return { records: [], projectId: null };
      const c = COMMENTABLE[type];
      const projectId = projectOfParent(db, c.table, parentId, p);
      const parent = (await client.operation(c.get, { path: { projectId, [c.key]: parentId }, signal })) as unknown as Json;
      return { records: Array.isArray(parent.comments) ? (parent.comments as Json[]) : [], projectId, parent: { id: parentId, type } };
    },
  },
};

const norm = (s: unknown) =>
  toStr(s)
    .replace(/<[^>]*>/g, "")
    .replace(/\s+/g, " ")
    .trim();

/**
 * The record an earlier attempt of this create made on Basecamp 2, with the replica change
 * that adopts it, or null when there is none (then the create must be sent again).
 */
export async function findCreatedBc2(db: Db, client: Basecamp2Client, entry: OutboxEntry, signal?: AbortSignal): Promise<{ id: Id; change: ReplicaChange } | null> {
  const lookup = LOOKUPS[entry.table];
  if (!lookup) return null;
  const p = entry.payload;
  const cutoff = Date.parse(entry.sentAt ?? entry.createdAt) - LOOKUP_MARGIN_MS;
  const me = String(((await client.people.me({ signal })) as { id: Id }).id);
  const taken = new Set(
    (db.prepare("SELECT result_id FROM sys_outbox WHERE table_name = ? AND result_id IS NOT NULL AND id <> ?").all(entry.table, entry.id) as Array<{ result_id: bigint }>).map((r) => String(r.result_id)),
  );
  const { records, projectId, parent } = await lookup.read(client, p, db, signal);
  const title = p[lookup.titleKey];
  const found = records.find((r) => {
    const creator = (r.creator as Json | undefined)?.id;
    const made = typeof r.created_at === "string" ? Date.parse(r.created_at) : NaN;
    return made >= cutoff && !taken.has(String(r.id)) && (creator === undefined || String(creator) === me) && (toStr(r[lookup.field]) === toStr(title) || norm(r[lookup.field]) === norm(title));
  });
  if (!found) return null;
  const id = toId(found.id, `${entry.table}.Id`);
  return { id, change: { upserts: [{ table: entry.table, records: [found], ctx: { projectId, parentId: parent?.id ?? null, parentType: parent?.type ?? null } }], deletes: [] } };
}
