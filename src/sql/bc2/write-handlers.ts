// Delivery of writes on a Basecamp 2 replica: each outbox entry becomes Basecamp 2 calls
// (every path names the project), and what Basecamp answers becomes the replica's rows, through
// the same upsert as sync. The crash lookup (findCreatedBc2) finds a create an earlier attempt
// may have made, as reconcile-lookup.ts does for Basecamp 4.
import type { Basecamp2Client } from "../../api/bc2/client.js";
import type { Bc2OperationId } from "../../api/bc2/operations.js";
import { NotFoundError } from "../../http/errors.js";
import type { Id } from "../../http/json.js";
import type { Json, RowContext } from "../schema/types.js";
import { has, optDate, toBool, toId, toIds, toStr, WriteValueError, type HandlerCtx, type HandlerResult, type TableHandlers } from "../write/handler-kit.js";
import { replicaRow, type ReplicaChange } from "../write/replica-sync.js";
import { COMMENTABLE, projectForInsert } from "./write-lookup.js";

type H = HandlerCtx<Basecamp2Client>;
type Path = Record<string, Id>;


async function call(h: { client: Basecamp2Client; signal?: AbortSignal }, op: Bc2OperationId, path: Path, body?: unknown): Promise<Json> {
  return (await h.client.operation(op, { path, body, signal: h.signal })) as unknown as Json;
}

/** The record's project: from the payload, else the replica's row of `table` (the record itself, or its parent). */
function projectOf(h: H, table: string, id: Id | undefined, what: string): Id {
  const given = h.entry.payload.ProjectId;
  if (given !== undefined && given !== null) return toId(given, `${h.entry.table}.ProjectId`);
  const row = id === undefined ? undefined : replicaRow(h.db, table, id);
  if (row && row.ProjectId !== null && row.ProjectId !== undefined) return toId(row.ProjectId, `${table}.ProjectId`);
  throw new WriteValueError(`${h.entry.table}.ProjectId is needed to find ${what} on Basecamp 2, and the replica does not know it: give ProjectId, or sync ${table} first.`);
}

/** The INSERT's ProjectId, else the connection's ProjectId, else the account's first active project (as on Basecamp 4). */
const projectToAddTo = (h: H, table: string): Promise<Id> => projectForInsert(h.db, h.client, h.entry.payload, table, h.signal);

/** The project of a to-do list: given, in the replica, else found in the account's lists (every path of Basecamp 2 names it). */
async function listProject(h: H, list: Id): Promise<Id> {
  const p = h.entry.payload.ProjectId;
  const row = p === undefined || p === null ? replicaRow(h.db, "ToDoLists", list) : undefined;
  if ((p !== undefined && p !== null) || (row?.ProjectId !== undefined && row.ProjectId !== null)) return projectOf(h, "ToDoLists", list, "the to-do list");
  for (const op of ["ListAllTodolists", "ListAllCompletedTodolists"] as const) {
    for await (const l of h.client.paginateOperation(op, { signal: h.signal })) {
      const rec = l as unknown as Json;
      if (String(rec.id) === String(list)) return toId((rec.bucket as Json | undefined)?.id, "ToDoLists.ProjectId");
    }
  }
  throw new WriteValueError(`ToDos.ToDoListId ${String(list)} is not an active or completed to-do list of this account: check the ID (SELECT Id, Name FROM ToDoLists).`);
}

const upsert = (table: string, record: Json, ctx?: RowContext): ReplicaChange => ({ upserts: [{ table, records: [record], ctx }], deletes: [] });

/** Read a record again after a change; a record Basecamp no longer shows leaves the replica. */
async function reread(h: H, table: string, op: Bc2OperationId, path: Path, id: Id, ctx?: RowContext): Promise<HandlerResult> {
  try {
    return { resultId: id, change: upsert(table, await call(h, op, path), ctx) };
  } catch (e) {
    if (e instanceof NotFoundError) return { resultId: id, change: { upserts: [], deletes: [{ table, id }] } };
    throw e;
  }
}

/** One assignee (Basecamp 2 has one per to-do), or none. */
function assigneeOf(v: unknown): { id: Id; type: "Person" } | null {
  const ids = toIds(v, "ToDos.AssigneeIds");
  if (ids.length > 1) throw new WriteValueError(`ToDos.AssigneeIds: a Basecamp 2 to-do has one assignee; got ${ids.length}. Give one person's ID (or NULL / '[]' for none).`);
  return ids.length ? { id: ids[0], type: "Person" } : null;
}

function todoBody(p: Record<string, unknown>): Json {
  const b: Json = {};
  if (has(p, "Content")) b.content = toStr(p.Content);
  if (has(p, "DueOn")) b.due_at = optDate(p.DueOn, "ToDos.DueOn") ?? null;
  if (has(p, "AssigneeIds")) b.assignee = assigneeOf(p.AssigneeIds);
  if (has(p, "Completed")) b.completed = toBool(p.Completed);
  if (has(p, "Position") && p.Position !== null) b.position = Number(p.Position);
  return b;
}

const todos: TableHandlers<Basecamp2Client> = {
  async insert(h) {
    const list = toId(h.entry.payload.ToDoListId, "ToDos.ToDoListId");
    const projectId = await listProject(h, list);
    const { completed, position, ...first } = todoBody(h.entry.payload);
    const todo = await call(h, "CreateTodo", { projectId, todolistId: list }, first);
    const id = toId(todo.id, "ToDos.Id");
    // Completion and position are changes of an existing to-do.
    const later: Json = { ...(completed ? { completed } : {}), ...(position !== undefined ? { position } : {}) };
    if (Object.keys(later).length) return { resultId: id, change: upsert("ToDos", await call(h, "UpdateTodo", { projectId, todoId: id }, later), { projectId }) };
    return { resultId: id, change: upsert("ToDos", todo, { projectId }) };
  },
  async update(h) {
    const id = toId(h.entry.rowId, "ToDos.Id");
    const projectId = projectOf(h, "ToDos", id, "the to-do");
    return { resultId: id, change: upsert("ToDos", await call(h, "UpdateTodo", { projectId, todoId: id }, todoBody(h.entry.payload)), { projectId }) };
  },
  delete: (h) => remove(h, "ToDos", "DeleteTodo", "GetTodo", "todoId"),
};

const todolists: TableHandlers<Basecamp2Client> = {
  async insert(h) {
    const p = h.entry.payload;
    const projectId = await projectToAddTo(h, "ToDoLists");
    const list = await call(h, "CreateTodolist", { projectId }, { name: toStr(p.Name), ...(has(p, "Description") ? { description: toStr(p.Description) } : {}) });
    return { resultId: toId(list.id, "ToDoLists.Id"), change: upsert("ToDoLists", list, { projectId }) };
  },
  async update(h) {
    const p = h.entry.payload;
    const id = toId(h.entry.rowId, "ToDoLists.Id");
    const projectId = projectOf(h, "ToDoLists", id, "the to-do list");
    const body: Json = {};
    if (has(p, "Name")) body.name = toStr(p.Name);
    if (has(p, "Description")) body.description = toStr(p.Description);
    if (has(p, "Position") && p.Position !== null) body.position = Number(p.Position);
    return { resultId: id, change: upsert("ToDoLists", await call(h, "UpdateTodolist", { projectId, todolistId: id }, body), { projectId }) };
  },
  delete: (h) => remove(h, "ToDoLists", "DeleteTodolist", "GetTodolist", "todolistId"),
};

/** Handlers of a table whose records are just fields under their project (messages, documents). */
function plain(table: string, ops: { create: Bc2OperationId; update: Bc2OperationId; get: Bc2OperationId; del: Bc2OperationId; key: string }, fields: Record<string, string>): TableHandlers<Basecamp2Client> {
  const body = (p: Record<string, unknown>) => Object.fromEntries(Object.entries(fields).filter(([col]) => has(p, col)).map(([col, field]) => [field, toStr(p[col])]));
  return {
    async insert(h) {
      const projectId = await projectToAddTo(h, table);
      const rec = await call(h, ops.create, { projectId }, body(h.entry.payload));
      return { resultId: toId(rec.id, `${table}.Id`), change: upsert(table, rec, { projectId }) };
    },
    async update(h) {
      const id = toId(h.entry.rowId, `${table}.Id`);
      const projectId = projectOf(h, table, id, "the record");
      return { resultId: id, change: upsert(table, await call(h, ops.update, { projectId, [ops.key]: id }, body(h.entry.payload)), { projectId }) };
    },
    delete: (h) => remove(h, table, ops.del, ops.get, ops.key),
  };
}

/** DELETE (Basecamp 2 moves it to the trash), then read it again: trashed, or gone. */
async function remove(h: H, table: string, del: Bc2OperationId, get: Bc2OperationId, key: string): Promise<HandlerResult> {
  const id = toId(h.entry.rowId, `${table}.Id`);
  const projectId = projectOf(h, table, id, "the record");
  await call(h, del, { projectId, [key]: id });
  return reread(h, table, get, { projectId, [key]: id }, id, { projectId });
}

/** The kind of record a comment goes on: ParentType as given, else the replica table that holds ParentId. */
function parentKind(h: H, parentId: Id): string {
  const given = h.entry.payload.ParentType;
  if (given !== undefined && given !== null && given !== "") {
    const kind = Object.keys(COMMENTABLE).find((k) => k.toLowerCase() === String(given).toLowerCase());
    if (!kind) throw new WriteValueError(`Comments.ParentType must be one of ${Object.keys(COMMENTABLE).join(", ")}; got ${JSON.stringify(given)}.`);
    return kind;
  }
  for (const [kind, c] of Object.entries(COMMENTABLE)) if (replicaRow(h.db, c.table, parentId)) return kind;
  throw new WriteValueError(`Comments.ParentId ${String(parentId)} is not in the replica: give ParentType (${Object.keys(COMMENTABLE).join(", ")}) and ProjectId, or sync the table it is in first.`);
}

const comments: TableHandlers<Basecamp2Client> = {
  async insert(h) {
    const parentId = toId(h.entry.payload.ParentId, "Comments.ParentId");
    const kind = parentKind(h, parentId);
    const c = COMMENTABLE[kind];
    const projectId = projectOf(h, c.table, parentId, "the record commented on");
    const comment = await call(h, "CreateComment", { projectId, section: c.section as never, recordingId: parentId }, { content: toStr(h.entry.payload.Content) });
    // The parent is read again too, so its CommentsCount (and its embedded comments) stay true.
    const parent = await call(h, c.get, { projectId, [c.key]: parentId }).catch(() => undefined);
    const change = upsert("Comments", comment, { projectId, parentId, parentType: kind });
    if (parent) change.upserts.push({ table: c.table, records: [parent], ctx: { projectId } });
    return { resultId: toId(comment.id, "Comments.Id"), change };
  },
  update: () => Promise.reject(new WriteValueError("UPDATE on Comments is not supported on Basecamp 2.")),
  async delete(h) {
    const id = toId(h.entry.rowId, "Comments.Id");
    const projectId = projectOf(h, "Comments", id, "the comment");
    await call(h, "DeleteComment", { projectId, commentId: id });
    // Basecamp 2 reads comments only inside their record: the row leaves the replica.
    return { resultId: id, change: { upserts: [], deletes: [{ table: "Comments", id }] } };
  },
};

function eventBody(p: Record<string, unknown>): Json {
  const b: Json = {};
  if (has(p, "Summary")) b.summary = toStr(p.Summary);
  if (has(p, "Description")) b.description = toStr(p.Description);
  if (has(p, "StartsAt")) b.starts_at = toStr(p.StartsAt);
  if (has(p, "EndsAt")) b.ends_at = p.EndsAt === null ? null : toStr(p.EndsAt);
  if (has(p, "AllDay")) b.all_day = toBool(p.AllDay);
  return b;
}

/** Where an event lives: its project, or an account calendar. */
function eventHome(h: H, id?: Id): { projectId?: Id; calendarId?: Id } {
  const p = h.entry.payload;
  const row = id === undefined ? undefined : replicaRow(h.db, "CalendarEvents", id);
  const projectId = p.ProjectId ?? row?.ProjectId;
  const calendarId = p.CalendarId ?? row?.CalendarId;
  if (projectId !== undefined && projectId !== null) return { projectId: toId(projectId, "CalendarEvents.ProjectId") };
  if (calendarId !== undefined && calendarId !== null) return { calendarId: toId(calendarId, "CalendarEvents.CalendarId") };
  throw new WriteValueError("CalendarEvents needs ProjectId (a project's calendar) or CalendarId (an account calendar); the replica does not know this event's: sync CalendarEvents first.");
}

const calendarEvents: TableHandlers<Basecamp2Client> = {
  async insert(h) {
    const given = h.entry.payload;
    const home = given.ProjectId == null && given.CalendarId != null ? eventHome(h) : { projectId: await projectToAddTo(h, "CalendarEvents") };
    const body = eventBody(h.entry.payload);
    body.ends_at ??= body.starts_at;
    const ev = home.projectId !== undefined ? await call(h, "CreateProjectCalendarEvent", { projectId: home.projectId }, body) : await call(h, "CreateCalendarEvent", { calendarId: home.calendarId! }, body);
    return { resultId: toId(ev.id, "CalendarEvents.Id"), change: upsert("CalendarEvents", ev, { projectId: home.projectId ?? null }) };
  },
  async update(h) {
    const id = toId(h.entry.rowId, "CalendarEvents.Id");
    const home = eventHome(h, id);
    const body = eventBody(h.entry.payload);
    const ev = home.projectId !== undefined ? await call(h, "UpdateProjectCalendarEvent", { projectId: home.projectId, eventId: id }, body) : await call(h, "UpdateCalendarEvent", { calendarId: home.calendarId!, eventId: id }, body);
    return { resultId: id, change: upsert("CalendarEvents", ev, { projectId: home.projectId ?? null }) };
  },
  async delete(h) {
    const id = toId(h.entry.rowId, "CalendarEvents.Id");
    const home = eventHome(h, id);
    if (home.projectId === undefined) throw new WriteValueError("Basecamp 2's API deletes only a project's calendar events, not an account calendar's: delete this one in Basecamp.");
    await call(h, "DeleteProjectCalendarEvent", { projectId: home.projectId, eventId: id });
    return reread(h, "CalendarEvents", "GetProjectCalendarEvent", { projectId: home.projectId, eventId: id }, id, { projectId: home.projectId });
  },
};

export const BC2_HANDLERS: Record<string, TableHandlers<Basecamp2Client>> = {
  ToDos: todos,
  ToDoLists: todolists,
  Messages: plain("Messages", { create: "CreateMessage", update: "UpdateMessage", get: "GetMessage", del: "DeleteMessage", key: "messageId" }, { Subject: "subject", Content: "content" }),
  Comments: comments,
  Documents: plain("Documents", { create: "CreateDocument", update: "UpdateDocument", get: "GetDocument", del: "DeleteDocument", key: "documentId" }, { Title: "title", Content: "content" }),
  CalendarEvents: calendarEvents,
};

export { findCreatedBc2, setBc2DefaultProject } from "./write-lookup.js";
