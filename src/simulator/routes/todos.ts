// To-do sets, to-do lists, list groups and to-dos.
import type { Sim, SimContext } from "../context.js";
import { badRequest, noContent, notFound, paginate, sendJson, validationFailed } from "../internal/respond.js";
import { renderRecording } from "../render.js";
import { claimAttachments, richText } from "../rich-text-fields.js";
import {
  bodyOf,
  findRecording,
  nested,
  optionalBool,
  optionalDate,
  optionalPersonIds,
  optionalString,
  renderCtx,
  requireWritable,
  requiredString,
  toId,
  type ApiRouter,
  statusQuery,
} from "../router.js";
import type { Id, Recording, Status } from "../store/model.js";
import { GROUP_COLORS, isGroup } from "./todos-render.js";

const TODOLIST = ["Todolist"] as const;

function show(c: SimContext, rec: Recording, status = 200): Response {
  return sendJson(c, renderRecording(renderCtx(c), rec), { status, lastModified: status === 200 ? rec.updatedAt : undefined });
}

function list(c: SimContext, items: Recording[]): Response {
  const ctx = renderCtx(c);
  return paginate(c, items, (r) => renderRecording(ctx, r), (r) => r.updatedAt);
}

/** `position*`: a whole number from 1 up. */
function readPosition(body: Record<string, unknown>): number {
  const v = body.position;
  const n = typeof v === "string" && /^\d+$/.test(v) ? Number(v) : typeof v === "bigint" ? Number(v) : v;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1) throw validationFailed({ position: ["must be a whole number from 1 up"] });
  return n;
}

function checkDates(startsOn: string | null | undefined, dueOn: string | null | undefined): void {
  if (startsOn && dueOn && startsOn > dueOn) throw validationFailed({ starts_on: ["must be on or before due_on"] });
}

function sameIds(a: readonly Id[], b: readonly Id[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}

function addSubscribers(rec: Recording, ids: readonly Id[]): void {
  for (const id of ids) if (!rec.subscriberIds.includes(id)) rec.subscriberIds.push(id);
}

/** To-dos of a list or group, per the `status` and `completed` filters. */
function todosOf(c: SimContext, parent: Recording): Recording[] {
  const rawStatus = c.req.query("status");
  const status: Status = statusQuery(c);
  const completedParam = c.req.query("completed");
  if (completedParam !== undefined && completedParam !== "" && completedParam !== "true" && completedParam !== "false") {
    throw badRequest(`completed must be true or false (got ${JSON.stringify(completedParam)})`);
  }
  // Default: active and pending. With status=archived|trashed both completion states
  // unless completed=… narrows it.
  let completed: boolean | undefined = completedParam === "true" ? true : completedParam === "false" ? false : undefined;
  if (completed === undefined && (rawStatus === undefined || rawStatus === "" || rawStatus === "active")) completed = false;
  return c.var.sim.store
    .childrenOf(parent.id, ["Todo"])
    .filter((t) => t.status === status && (completed === undefined || (t.completed === true) === completed));
}

function createTodolist(c: SimContext): Response {
  const store = c.var.sim.store;
  const todoset = findRecording(c, "id", ["Todoset"]);
  requireWritable(todoset);
  const body = nested(bodyOf(c), "todolist");
  const name = requiredString(body, "name").trim();
  const description = richText(store, "description", optionalString(body, "description") ?? "");
  const me = c.var.me.id;
  const rec = store.insertRecording({ type: "Todolist", bucketId: todoset.bucketId, parentId: todoset.id, creatorId: me, title: name, description, subscriberIds: [me] });
  claimAttachments(store, rec);
  return show(c, rec, 201);
}

function updateTodolist(c: SimContext): Response {
  const store = c.var.sim.store;
  const rec = findRecording(c, "id", TODOLIST);
  requireWritable(rec);
  const body = nested(bodyOf(c), "todolist");
  const name = requiredString(body, "name").trim();
  const description = richText(store, "description", optionalString(body, "description") ?? "", { owner: rec });
  let color = rec.color ?? null;
  if (isGroup(store, rec) && body.color !== undefined) color = readColor(body);
  const changed: string[] = [];
  const details: Record<string, unknown> = {};
  if (name !== rec.title) {
    changed.push("name");
    details.title_was = rec.title;
  }
  if (description !== (rec.description ?? "")) changed.push("description");
  if (color !== (rec.color ?? null)) changed.push("color");
  rec.title = name;
  rec.description = description;
  claimAttachments(store, rec);
  if (isGroup(store, rec)) rec.color = color;
  if (changed.length) store.touch(rec, "content_changed", c.var.me.id, { ...details, changed }, "content_updated");
  return show(c, rec);
}

function readColor(body: Record<string, unknown>): string | null {
  const v = body.color;
  if (v === undefined || v === null || v === "") return null;
  if (typeof v !== "string" || !(GROUP_COLORS as readonly string[]).includes(v)) throw validationFailed({ color: [`must be one of ${GROUP_COLORS.join(", ")}`] });
  return v;
}

/** A top-level to-do list (groups have no groups of their own). */
function findTopList(c: SimContext): Recording {
  const rec = findRecording(c, "id", TODOLIST);
  if (isGroup(c.var.sim.store, rec)) throw notFound("That is a to-do list group; groups have no groups.");
  return rec;
}

function createGroup(c: SimContext): Response {
  const store = c.var.sim.store;
  const parent = findTopList(c);
  requireWritable(parent);
  const body = nested(bodyOf(c), "todolist");
  const name = requiredString(body, "name").trim();
  const color = readColor(body);
  const me = c.var.me.id;
  const rec = store.insertRecording({ type: "Todolist", bucketId: parent.bucketId, parentId: parent.id, creatorId: me, title: name, description: "", color, subscriberIds: [me] });
  return show(c, rec, 201);
}

function repositionGroup(c: SimContext): Response {
  const rec = findRecording(c, "id", TODOLIST);
  if (!isGroup(c.var.sim.store, rec)) throw notFound("That to-do list is not a group.");
  requireWritable(rec);
  const position = readPosition(bodyOf(c));
  c.var.sim.store.moveRecording(rec, position, c.var.me.id);
  // The reference answers 200 with no body.
  return c.body(null, 200);
}

/** The fields of a to-do write; absent ones read as cleared (PUT replaces the whole to-do). */
function todoFields(c: SimContext, owner?: Recording) {
  const body = nested(bodyOf(c), "todo");
  const fields = {
    content: requiredString(body, "content").trim(),
    description: richText(c.var.sim.store, "description", optionalString(body, "description") ?? "", { owner }),
    assigneeIds: optionalPersonIds(c, body, "assignee_ids") ?? [],
    completionSubscriberIds: optionalPersonIds(c, body, "completion_subscriber_ids") ?? [],
    dueOn: optionalDate(body, "due_on") ?? null,
    startsOn: optionalDate(body, "starts_on") ?? null,
  };
  optionalBool(body, "notify");
  checkDates(fields.startsOn, fields.dueOn);
  return fields;
}

/** A to-do under a list or group, or loose under the to-do set (POST /buckets/{b}/todosets/{id}/todos.json). */
function createTodo(c: SimContext, parent: Recording): Response {
  const store = c.var.sim.store;
  requireWritable(parent);
  const { content, description, assigneeIds, completionSubscriberIds, dueOn, startsOn } = todoFields(c);
  const me = c.var.me.id;
  const rec = store.insertRecording({
    type: "Todo",
    bucketId: parent.bucketId,
    parentId: parent.id,
    creatorId: me,
    title: content,
    content,
    description,
    completed: false,
    completedAt: null,
    completerId: null,
    dueOn,
    startsOn,
    assigneeIds,
    completionSubscriberIds,
    subscriberIds: [me, ...assigneeIds.filter((id) => id !== me)],
  });
  claimAttachments(store, rec);
  return show(c, rec, 201);
}

function updateTodo(c: SimContext): Response {
  const store = c.var.sim.store;
  const rec = findRecording(c, "id", ["Todo"]);
  requireWritable(rec);
  // Full replace: every field left out is cleared.
  const { content, description, assigneeIds, completionSubscriberIds, dueOn, startsOn } = todoFields(c, rec);

  const changed: string[] = [];
  const details: Record<string, unknown> = {};
  const oldContent = rec.content ?? rec.title;
  if (content !== oldContent) {
    changed.push("content");
    details.content_was = oldContent;
  }
  if (description !== (rec.description ?? "")) changed.push("description");
  const contentChanged = changed.length > 0;
  const oldAssignees = rec.assigneeIds ?? [];
  if (!sameIds(assigneeIds, oldAssignees)) {
    changed.push("assignees");
    details.assignee_ids = assigneeIds;
    details.added_assignee_ids = assigneeIds.filter((id) => !oldAssignees.includes(id));
    details.removed_assignee_ids = oldAssignees.filter((id) => !assigneeIds.includes(id));
  }
  if (!sameIds(completionSubscriberIds, rec.completionSubscriberIds ?? [])) changed.push("completion_subscribers");
  if (dueOn !== (rec.dueOn ?? null)) {
    changed.push("due_on");
    details.due_on_was = rec.dueOn ?? null;
  }
  if (startsOn !== (rec.startsOn ?? null)) {
    changed.push("starts_on");
    details.starts_on_was = rec.startsOn ?? null;
  }

  rec.content = content;
  rec.title = content;
  rec.description = description;
  claimAttachments(store, rec);
  rec.assigneeIds = assigneeIds;
  rec.completionSubscriberIds = completionSubscriberIds;
  rec.dueOn = dueOn;
  rec.startsOn = startsOn;
  addSubscribers(rec, assigneeIds);
  if (changed.length) store.touch(rec, contentChanged ? "content_changed" : "changed", c.var.me.id, { ...details, changed }, "content_updated");
  return show(c, rec);
}

function setCompleted(c: SimContext, completed: boolean): Response {
  const store = c.var.sim.store;
  const rec = findRecording(c, "id", ["Todo", "Kanban::Card"]);
  requireWritable(rec);
  if ((rec.completed === true) !== completed) {
    rec.completed = completed;
    rec.completedAt = completed ? store.now() : null;
    rec.completerId = completed ? c.var.me.id : null;
    const action = completed ? "completed" : "uncompleted";
    store.touch(rec, action, c.var.me.id, {}, action);
  }
  return noContent(c);
}

function repositionTodo(c: SimContext): Response {
  const store = c.var.sim.store;
  const rec = findRecording(c, "id", ["Todo"]);
  requireWritable(rec);
  const body = bodyOf(c);
  const position = readPosition(body);
  let parentId: Id | undefined;
  if (body.parent_id !== undefined && body.parent_id !== null) {
    const id = toId(body.parent_id);
    const target = id === undefined ? undefined : store.getRecording(id);
    if (!target || target.type !== "Todolist" || target.bucketId !== rec.bucketId || target.status === "trashed") {
      throw validationFailed({ parent_id: ["must be a to-do list or group in the same project"] });
    }
    parentId = target.id;
  }
  store.moveRecording(rec, position, c.var.me.id, parentId);
  // The reference answers 200 with no body.
  return c.body(null, 200);
}

export function register(r: ApiRouter, sim: Sim): void {
  void sim;
  const both = { forms: "both" } as const;

  r.get("/todosets/:id", (c) => show(c, findRecording(c, "id", ["Todoset"])), both);
  r.get(
    "/todosets/:id/todolists",
    (c) => {
      const todoset = findRecording(c, "id", ["Todoset"]);
      const status = statusQuery(c);
      return list(c, c.var.sim.store.childrenOf(todoset.id, TODOLIST).filter((l) => l.status === status));
    },
    both,
  );
  r.post("/todosets/:id/todolists", createTodolist, both);

  r.get("/todolists/:id", (c) => show(c, findRecording(c, "id", TODOLIST)), both);
  r.put("/todolists/:id", updateTodolist, both);
  r.get(
    "/todolists/:id/groups",
    (c) => {
      const parent = findTopList(c);
      const status = statusQuery(c);
      return list(c, c.var.sim.store.childrenOf(parent.id, TODOLIST).filter((g) => g.status === status));
    },
    both,
  );
  r.post("/todolists/:id/groups", createGroup, both);
  r.put("/todolists/groups/:id/position", repositionGroup, both);

  r.get("/todolists/:id/todos", (c) => list(c, todosOf(c, findRecording(c, "id", TODOLIST))), both);
  r.post("/todolists/:id/todos", (c) => createTodo(c, findRecording(c, "id", TODOLIST)), both);
  r.post("/todosets/:id/todos", (c) => createTodo(c, findRecording(c, "id", ["Todoset"])), { forms: "bucket" });
  r.get("/todos/:id", (c) => show(c, findRecording(c, "id", ["Todo"])), both);
  r.put("/todos/:id", updateTodo, both);
  r.post("/todos/:id/completion", (c) => setCompleted(c, true), both);
  r.delete("/todos/:id/completion", (c) => setCompleted(c, false), both);
  r.put("/todos/:id/position", repositionTodo, both);
}
