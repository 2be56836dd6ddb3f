// Basecamp 2 JSON shapes, drawn from the same store records as Basecamp 4.
// A BC4 project is a BC2 project; a to-do list is a Todolist whose parent is the project's
// to-do set (BC4 groups fold into their list); to-dos under a group belong to its list.
import { avatarUrl, iso, type Json } from "../render.js";
import type { Id, Person, Project, Recording, RecType } from "../store/model.js";
import type { Store } from "../store/store.js";
import type { Bc2Ctx } from "./router.js";
import { isDraft } from "./drafts.js";

/** BC2 `type` names and path sections of the recording types BC2 knows. */
export const BC2_TYPES: Partial<Record<RecType, { type: string; section: string; noun: string }>> = {
  Todo: { type: "Todo", section: "todos", noun: "a to-do" },
  Todolist: { type: "Todolist", section: "todolists", noun: "a to-do list" },
  Message: { type: "Message", section: "messages", noun: "a message" },
  Comment: { type: "Comment", section: "comments", noun: "a comment" },
  Document: { type: "Document", section: "documents", noun: "a document" },
  Upload: { type: "Upload", section: "uploads", noun: "a file" },
  "Schedule::Entry": { type: "CalendarEvent", section: "calendar_events", noun: "an event" },
  "Inbox::Forward": { type: "Forward", section: "forwards", noun: "a forward" },
};

export function projectUrl(ctx: Bc2Ctx, id: Id): string {
  return `${ctx.base}/projects/${id}.json`;
}

export function personSummary(ctx: Bc2Ctx, id: Id): Json {
  const p = ctx.store.people.get(id);
  if (!p) return { id, name: "Former user", avatar_url: null, fullsize_avatar_url: null };
  const avatar = avatarUrl({ store: ctx.store, origin: new URL(ctx.base).origin, accountId: ctx.store.account.id }, p);
  return { id: p.id, name: p.name, avatar_url: avatar, fullsize_avatar_url: avatar };
}

export function renderPerson(ctx: Bc2Ctx, p: Person, trashed = false): Json {
  return {
    ...personSummary(ctx, p.id),
    identity_id: p.identityId,
    email_address: p.emailAddress,
    admin: p.admin || p.owner,
    trashed,
    created_at: iso(p.createdAt),
    updated_at: iso(p.updatedAt),
    url: `${ctx.base}/people/${p.id}.json`,
    app_url: `${ctx.appBase}/people/${p.id}`,
  };
}

export function bucket(ctx: Bc2Ctx, projectId: Id): Json {
  const p = ctx.store.projects.get(projectId);
  return { id: projectId, name: p?.name ?? "", type: "Project", url: projectUrl(ctx, projectId), app_url: `${ctx.appBase}/projects/${projectId}` };
}

// ---- to-do lists and to-dos -----------------------------------------------------------------

/** The project's to-do set (BC2 lists are its Todolist children). */
export function todoset(store: Store, projectId: Id): Recording | undefined {
  return store.dockTool(projectId, "Todoset");
}

/** BC2 to-do lists of a project (every status). */
export function listsOf(store: Store, projectId: Id): Recording[] {
  const set = todoset(store, projectId);
  return set ? store.childrenOf(set.id, ["Todolist"]) : [];
}

/** Every to-do of a BC2 list, including those in its groups (every status). */
export function todosOf(store: Store, list: Recording): Recording[] {
  const out: Recording[] = [];
  for (const child of store.childrenOf(list.id, ["Todo", "Todolist"])) {
    if (child.type === "Todo") out.push(child);
    else out.push(...store.childrenOf(child.id, ["Todo"]));
  }
  return out;
}

/** The BC2 list a to-do belongs to (its list, or the list holding its group). */
export function listOfTodo(store: Store, todo: Recording): Recording | undefined {
  let r = todo.parentId !== null ? store.recordings.get(todo.parentId) : undefined;
  while (r && r.type === "Todolist") {
    const parent = r.parentId !== null ? store.recordings.get(r.parentId) : undefined;
    if (!parent || parent.type !== "Todolist") return r;
    r = parent;
  }
  return undefined;
}

/** A list is completed when it has to-dos and all its live ones are done. */
export function listCompleted(store: Store, list: Recording): boolean {
  const live = todosOf(store, list).filter((t) => t.status !== "trashed");
  return live.length > 0 && live.every((t) => t.completed);
}

function isPrivate(store: Store, rec: Recording): boolean {
  return (store.projects.get(rec.bucketId)?.clientsEnabled ?? false) && !rec.visibleToClients;
}

function commentsOf(ctx: Bc2Ctx, rec: Recording): Json[] {
  return ctx.store
    .childrenOf(rec.id, ["Comment"])
    .filter((c) => c.status !== "trashed")
    .map((c) => renderComment(ctx, c));
}

export function renderComment(ctx: Bc2Ctx, c: Recording): Json {
  return {
    id: c.id,
    content: c.content ?? "",
    created_at: iso(c.createdAt),
    updated_at: iso(c.updatedAt),
    attachments: [],
    trashed: c.status === "trashed",
    private: isPrivate(ctx.store, c),
    creator: personSummary(ctx, c.creatorId),
  };
}

export function renderTodolist(ctx: Bc2Ctx, list: Recording, full?: { excludeTodos: boolean }): Json {
  const store = ctx.store;
  const todos = todosOf(store, list).filter((t) => t.status !== "trashed");
  const done = todos.filter((t) => t.completed).length;
  const out: Json = {
    id: list.id,
    name: list.title,
    description: list.description ?? "",
    created_at: iso(list.createdAt),
    updated_at: iso(list.updatedAt),
    completed: todos.length > 0 && done === todos.length,
    position: store.positionOf(list),
    private: isPrivate(store, list),
    trashed: list.status === "trashed",
    completed_count: done,
    remaining_count: todos.length - done,
    creator: personSummary(ctx, list.creatorId),
    url: `${ctx.base}/projects/${list.bucketId}/todolists/${list.id}.json`,
    app_url: `${ctx.appBase}/projects/${list.bucketId}/todolists/${list.id}`,
    bucket: bucket(ctx, list.bucketId),
  };
  if (full) {
    out.comments_count = store.childrenOf(list.id, ["Comment"]).filter((c) => c.status !== "trashed").length;
    if (!full.excludeTodos) {
      const all = todosOf(store, list);
      out.todos = {
        remaining: all.filter((t) => t.status !== "trashed" && !t.completed).map((t) => renderTodo(ctx, t)),
        completed: all.filter((t) => t.status !== "trashed" && t.completed).map((t) => renderTodo(ctx, t)),
        trashed: all.filter((t) => t.status === "trashed").map((t) => renderTodo(ctx, t)),
      };
    }
    out.comments = commentsOf(ctx, list);
    out.subscribers = list.subscriberIds.map((id) => personSummary(ctx, id));
  }
  return out;
}

export function renderTodo(ctx: Bc2Ctx, t: Recording, full = false): Json {
  const store = ctx.store;
  const list = listOfTodo(store, t);
  const assigneeId = t.assigneeIds?.[0];
  const assignee = assigneeId !== undefined ? store.people.get(assigneeId) : undefined;
  const out: Json = {
    id: t.id,
    todolist_id: list?.id ?? t.parentId,
    position: store.positionOf(t),
    content: t.content ?? t.title,
    completed: t.completed === true,
    due_at: t.dueOn ?? null,
    due_on: t.dueOn ?? null,
    created_at: iso(t.createdAt),
    updated_at: iso(t.updatedAt),
    comments_count: store.childrenOf(t.id, ["Comment"]).filter((c) => c.status !== "trashed").length,
    private: isPrivate(store, t),
    trashed: t.status === "trashed",
    creator: personSummary(ctx, t.creatorId),
    ...(assignee ? { assignee: { id: assignee.id, type: "Person", name: assignee.name } } : {}),
    url: `${ctx.base}/projects/${t.bucketId}/todos/${t.id}.json`,
    app_url: `${ctx.appBase}/projects/${t.bucketId}/todos/${t.id}`,
  };
  if (t.completed) {
    out.completed_at = t.completedAt ? iso(t.completedAt) : null;
    if (t.completerId) out.completer = personSummary(ctx, t.completerId);
  }
  if (full) {
    out.comments = commentsOf(ctx, t);
    out.subscribers = t.subscriberIds.map((id) => personSummary(ctx, id));
    out.attachments = [];
    if (list) out.todolist = { id: list.id, name: list.title, url: `${ctx.base}/projects/${list.bucketId}/todolists/${list.id}.json` };
    out.bucket = bucket(ctx, t.bucketId);
  }
  return out;
}

// ---- projects --------------------------------------------------------------------------------

export function renderProject(ctx: Bc2Ctx, p: Project, full = false): Json {
  const out: Json = {
    id: p.id,
    name: p.name,
    description: p.description,
    archived: p.status === "archived",
    is_client_project: p.clientsEnabled,
    created_at: iso(p.createdAt),
    updated_at: iso(p.updatedAt),
    trashed: p.status === "trashed",
    color: p.color ?? "3185c5",
    draft: isDraft(ctx.store, p.id),
    template: false,
    last_event_at: iso(p.updatedAt),
    starred: p.bookmarked,
    url: projectUrl(ctx, p.id),
    app_url: `${ctx.appBase}/projects/${p.id}`,
  };
  if (full) {
    const lists = listsOf(ctx.store, p.id).filter((l) => l.status === "active");
    const completed = lists.filter((l) => listCompleted(ctx.store, l)).length;
    const appUrl = out.app_url as string;
    out.creator = personSummary(ctx, p.creatorId);
    out.accesses = { count: p.peopleIds.length, updated_at: iso(p.updatedAt), url: `${ctx.base}/projects/${p.id}/accesses.json`, app_url: `${appUrl}/accesses` };
    const schedule = ctx.store.dockTool(p.id, "Schedule");
    const entries = schedule ? ctx.store.childrenOf(schedule.id, ["Schedule::Entry"]).filter((e) => e.status === "active") : [];
    out.calendar_events = { count: entries.length, updated_at: entries.length ? iso(Math.max(...entries.map((e) => e.updatedAt))) : null, url: `${ctx.base}/projects/${p.id}/calendar_events.json`, app_url: `${appUrl}/calendar_events` };
    out.todolists = {
      remaining_count: lists.length - completed,
      completed_count: completed,
      updated_at: iso(Math.max(p.updatedAt, ...lists.map((l) => l.updatedAt))),
      url: `${ctx.base}/projects/${p.id}/todolists.json`,
      app_url: `${appUrl}/todolists`,
    };
  }
  return out;
}
