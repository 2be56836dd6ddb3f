// Basecamp 2 to-do lists, to-dos and comments, over the Basecamp 4 records: DELETE trashes
// (BC2 shows trashed items with `trashed: true` and on the `/trashed` lists).
import type { SimContext } from "../context.js";
import { forbidden, noContent, sendJson, validationFailed } from "../internal/respond.js";
import { bodyOf, optionalBool, optionalDate, optionalString, requiredString } from "../router.js";
import { claimAttachments, richText } from "../rich-text-fields.js";
import type { Id, Project, Recording } from "../store/model.js";
import type { Store } from "../store/store.js";
import { bc2Ctx, bc2Project, bc2Recording, created, dueSinceQuery, idOf, requireNotTrashed, sendPage, visibleProjects, type Bc2Ctx, type Bc2Router } from "./router.js";
import { BC2_TYPES, listCompleted, listOfTodo, listsOf, renderComment, renderTodo, renderTodolist, todoset, todosOf } from "./render.js";

type ListFilter = "active" | "completed" | "trashed";

function filterLists(store: Store, lists: Recording[], f: ListFilter): Recording[] {
  if (f === "trashed") return lists.filter((l) => l.status === "trashed");
  // BC4 archived lists show as completed in BC2 (BC2 has no archive for lists).
  if (f === "completed") return lists.filter((l) => l.status === "archived" || (l.status === "active" && listCompleted(store, l)));
  return lists.filter((l) => l.status === "active" && !listCompleted(store, l));
}

function projectLists(f: ListFilter) {
  return (c: SimContext) => {
    const p = bc2Project(c);
    const ctx = bc2Ctx(c);
    return sendPage(c, filterLists(ctx.store, listsOf(ctx.store, p.id), f), (l) => renderTodolist(ctx, l), (l) => l.updatedAt);
  };
}

function allLists(f: ListFilter) {
  return (c: SimContext) => {
    const ctx = bc2Ctx(c);
    const lists = visibleProjects(c)
      .filter((p) => p.status === "active")
      .flatMap((p) => filterLists(ctx.store, listsOf(ctx.store, p.id), f));
    return sendPage(c, lists, (l) => renderTodolist(ctx, l), (l) => l.updatedAt);
  };
}

function findList(c: SimContext, p: Project, param = "listId"): Recording {
  const list = bc2Recording(c, p, param, ["Todolist"]);
  if (list.parentId !== todoset(c.var.sim.store, p.id)?.id) throw validationFailed({ todolist: ["is a group, not a to-do list"] });
  return list;
}

type TodoFilter = "all" | "completed" | "remaining" | "trashed";

function filterTodos(todos: Recording[], f: TodoFilter, dueSince?: string): Recording[] {
  return todos.filter((t) => {
    if (f === "trashed") return t.status === "trashed";
    if (t.status !== "active") return false;
    if (dueSince !== undefined && (!t.dueOn || t.dueOn < dueSince)) return false;
    return f === "all" || (f === "completed") === (t.completed === true);
  });
}

function listTodos(f: TodoFilter) {
  return (c: SimContext) => {
    const p = bc2Project(c);
    const ctx = bc2Ctx(c);
    const todos = filterTodos(todosOf(ctx.store, findList(c, p)), f);
    return sendPage(c, todos, (t) => renderTodo(ctx, t), (t) => t.updatedAt);
  };
}

function projectTodos(f: TodoFilter) {
  return (c: SimContext) => {
    const p = bc2Project(c);
    const ctx = bc2Ctx(c);
    const todos = listsOf(ctx.store, p.id)
      .filter((l) => l.status === "active")
      .flatMap((l) => todosOf(ctx.store, l));
    return sendPage(c, filterTodos(todos, f, dueSinceQuery(c)), (t) => renderTodo(ctx, t), (t) => t.updatedAt);
  };
}

function checkPrivate(p: Project, body: Record<string, unknown>): boolean | undefined {
  const priv = optionalBool(body, "private");
  if (priv === true && !p.clientsEnabled) throw validationFailed({ private: ["can only be set in projects with clients"] });
  return priv;
}

function position(body: Record<string, unknown>): number | undefined {
  const v = body.position;
  if (v === undefined || v === null) return undefined;
  const n = typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1) throw validationFailed({ position: ["must be a whole number from 1 up"] });
  return n;
}

function showList(c: SimContext, ctx: Bc2Ctx, list: Recording, status = 200): Response {
  const body = renderTodolist(ctx, list, { excludeTodos: c.req.query("exclude_todos") === "true" });
  if (status === 201) return created(c, body, body.url as string);
  return sendJson(c, body, { lastModified: list.updatedAt });
}

function createList(c: SimContext): Response {
  const store = c.var.sim.store;
  const p = bc2Project(c);
  const set = todoset(store, p.id);
  if (!set) throw forbidden("This project has no to-dos tool.");
  const body = bodyOf(c);
  const name = requiredString(body, "name").trim();
  const description = optionalString(body, "description") ?? "";
  const priv = checkPrivate(p, body);
  const me = c.var.me.id;
  const list = store.insertRecording({ type: "Todolist", bucketId: p.id, parentId: set.id, creatorId: me, title: name, description, subscriberIds: [me], visibleToClients: p.clientsEnabled && priv !== true });
  return showList(c, bc2Ctx(c), list, 201);
}

function updateList(c: SimContext): Response {
  const store = c.var.sim.store;
  const p = bc2Project(c);
  const list = findList(c, p, "id");
  requireNotTrashed(list);
  const body = bodyOf(c);
  const name = optionalString(body, "name");
  if (name !== undefined && name.trim() === "") throw validationFailed({ name: ["can't be blank"] });
  const description = optionalString(body, "description");
  const priv = checkPrivate(p, body);
  const pos = position(body);
  const changed: string[] = [];
  if (name !== undefined && name.trim() !== list.title) (list.title = name.trim()), changed.push("name");
  if (description !== undefined && description !== (list.description ?? "")) (list.description = description), changed.push("description");
  if (priv !== undefined && p.clientsEnabled) list.visibleToClients = !priv;
  if (pos !== undefined) store.moveRecording(list, pos, c.var.me.id);
  if (changed.length) store.touch(list, "content_changed", c.var.me.id, { changed }, "content_updated");
  return showList(c, bc2Ctx(c), list);
}

function trash(types: Array<"Todolist" | "Todo" | "Comment">) {
  return (c: SimContext) => {
    const store = c.var.sim.store;
    const rec = bc2Recording(c, bc2Project(c), "id", types);
    if (rec.type === "Comment" && rec.creatorId !== c.var.me.id && !c.var.me.admin && !c.var.me.owner) throw forbidden("Only the person who wrote a comment, or an admin, can delete it.");
    store.setStatus(rec, "trashed", c.var.me.id);
    return noContent(c);
  };
}

function assigneeOf(c: SimContext, body: Record<string, unknown>): Id[] | undefined {
  if (!("assignee" in body)) return undefined;
  const a = body.assignee;
  if (a === null) return [];
  const id = a && typeof a === "object" ? idOf((a as Record<string, unknown>).id) : undefined;
  const type = a && typeof a === "object" ? (a as Record<string, unknown>).type : undefined;
  if (id === undefined || (type !== undefined && type !== "Person") || !c.var.sim.store.people.has(id)) throw validationFailed({ assignee: ['must be {"id": <person id>, "type": "Person"} or null'] });
  return [id];
}

function showTodo(c: SimContext, t: Recording, status = 200): Response {
  const body = renderTodo(bc2Ctx(c), t, true);
  if (status === 201) return created(c, body, body.url as string);
  return sendJson(c, body, { lastModified: t.updatedAt });
}

function createTodo(c: SimContext): Response {
  const store = c.var.sim.store;
  const p = bc2Project(c);
  const list = findList(c, p);
  requireNotTrashed(list);
  const body = bodyOf(c);
  const content = requiredString(body, "content").trim();
  const dueOn = optionalDate(body, "due_at") ?? optionalDate(body, "due_on") ?? null;
  const assigneeIds = assigneeOf(c, body) ?? [];
  const priv = checkPrivate(p, body);
  const me = c.var.me.id;
  const t = store.insertRecording({
    type: "Todo", bucketId: p.id, parentId: list.id, creatorId: me, title: content, content, description: "",
    completed: false, completedAt: null, completerId: null, dueOn, startsOn: null, assigneeIds, completionSubscriberIds: [],
    subscriberIds: [me, ...assigneeIds.filter((id) => id !== me)], visibleToClients: p.clientsEnabled && priv !== true,
  });
  return showTodo(c, t, 201);
}

function updateTodo(c: SimContext): Response {
  const store = c.var.sim.store;
  const p = bc2Project(c);
  const t = bc2Recording(c, p, "id", ["Todo"]);
  requireNotTrashed(t);
  const body = bodyOf(c);
  const me = c.var.me.id;
  const content = optionalString(body, "content");
  if (content !== undefined && content.trim() === "") throw validationFailed({ content: ["can't be blank"] });
  const dueOn = "due_at" in body ? optionalDate(body, "due_at") : optionalDate(body, "due_on");
  const assigneeIds = assigneeOf(c, body);
  const completed = optionalBool(body, "completed");
  const priv = checkPrivate(p, body);
  const pos = position(body);
  const changed: string[] = [];
  const details: Record<string, unknown> = {};
  if (content !== undefined && content.trim() !== t.content) (details.content_was = t.content), (t.content = t.title = content.trim()), changed.push("content");
  if (dueOn !== undefined && dueOn !== (t.dueOn ?? null)) (details.due_on_was = t.dueOn ?? null), (t.dueOn = dueOn), changed.push("due_on");
  if (assigneeIds !== undefined && String(assigneeIds) !== String(t.assigneeIds ?? [])) {
    t.assigneeIds = assigneeIds;
    for (const id of assigneeIds) if (!t.subscriberIds.includes(id)) t.subscriberIds.push(id);
    details.assignee_ids = assigneeIds;
    changed.push("assignees");
  }
  if (priv !== undefined && p.clientsEnabled) t.visibleToClients = !priv;
  if (changed.length) store.touch(t, changed.includes("content") ? "content_changed" : "changed", me, { ...details, changed }, "content_updated");
  if (completed !== undefined && completed !== (t.completed === true)) {
    t.completed = completed;
    t.completedAt = completed ? store.now() : null;
    t.completerId = completed ? me : null;
    store.touch(t, completed ? "completed" : "uncompleted", me);
  }
  if (pos !== undefined) store.moveRecording(t, pos, me);
  return showTodo(c, t);
}

const SECTIONS = Object.fromEntries(Object.entries(BC2_TYPES).filter(([t]) => t !== "Comment").map(([type, v]) => [v!.section, type])) as Record<string, Recording["type"]>;

function createComment(c: SimContext): Response {
  const store = c.var.sim.store;
  const p = bc2Project(c);
  const type = SECTIONS[c.req.param("section") ?? ""];
  if (!type) throw validationFailed({ section: [`must be one of ${Object.keys(SECTIONS).join(", ")}`] });
  const parent = bc2Recording(c, p, "id", [type]);
  requireNotTrashed(parent);
  const content = richText(store, "content", requiredString(bodyOf(c), "content"));
  const me = c.var.me.id;
  if (!parent.subscriberIds.includes(me)) parent.subscriberIds.push(me);
  const comment = store.insertRecording({ type: "Comment", bucketId: p.id, parentId: parent.id, creatorId: me, title: `Re: ${parent.title}`, content, visibleToClients: parent.visibleToClients });
  claimAttachments(store, comment);
  return created(c, renderComment(bc2Ctx(c), comment), `${bc2Ctx(c).base}/projects/${p.id}/comments/${comment.id}.json`);
}

export function register(r: Bc2Router): void {
  r.get("/todolists", allLists("active"));
  r.get("/todolists/completed", allLists("completed"));
  r.get("/todolists/trashed", allLists("trashed"));
  r.get("/projects/:projectId/todolists", projectLists("active"));
  r.get("/projects/:projectId/todolists/completed", projectLists("completed"));
  r.get("/projects/:projectId/todolists/trashed", projectLists("trashed"));
  r.get("/projects/:projectId/todolists/:id", (c) => showList(c, bc2Ctx(c), findList(c, bc2Project(c), "id")));
  r.post("/projects/:projectId/todolists", createList);
  r.put("/projects/:projectId/todolists/:id", updateList);
  r.delete("/projects/:projectId/todolists/:id", trash(["Todolist"]));

  r.get("/projects/:projectId/todolists/:listId/todos", listTodos("all"));
  r.get("/projects/:projectId/todolists/:listId/todos/completed", listTodos("completed"));
  r.get("/projects/:projectId/todolists/:listId/todos/remaining", listTodos("remaining"));
  r.get("/projects/:projectId/todolists/:listId/todos/trashed", listTodos("trashed"));
  r.post("/projects/:projectId/todolists/:listId/todos", createTodo);
  r.get("/projects/:projectId/todos", projectTodos("all"));
  r.get("/projects/:projectId/todos/completed", projectTodos("completed"));
  r.get("/projects/:projectId/todos/remaining", projectTodos("remaining"));
  r.get("/projects/:projectId/todos/:id", (c) => showTodo(c, bc2Recording(c, bc2Project(c), "id", ["Todo"])));
  r.put("/projects/:projectId/todos/:id", updateTodo);
  r.delete("/projects/:projectId/todos/:id", trash(["Todo"]));

  r.post("/projects/:projectId/:section/:id/comments", createComment);
  r.delete("/projects/:projectId/comments/:id", trash(["Comment"]));
}

export { listOfTodo };
