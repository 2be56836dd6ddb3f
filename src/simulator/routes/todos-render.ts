// JSON shapes of to-do sets, lists, groups and to-dos.
import { apiBase, baseRecording, iso, recordingAppUrl, recordingUrl, registerRenderer, renderPeople, renderPersonById, type Json, type RenderCtx } from "../render.js";
import type { Recording } from "../store/model.js";
import type { Store } from "../store/store.js";

export const GROUP_COLORS = ["white", "red", "orange", "yellow", "green", "blue", "aqua", "purple", "gray", "pink", "brown"] as const;

/** A to-do list group is a Todolist whose parent is a Todolist. */
export function isGroup(store: Store, rec: Recording): boolean {
  if (rec.type !== "Todolist" || rec.parentId === null) return false;
  return store.recordings.get(rec.parentId)?.type === "Todolist";
}

/** Active to-dos of a list, including those in its active groups. */
function listTodos(store: Store, list: Recording): Recording[] {
  const out: Recording[] = [];
  for (const child of store.childrenOf(list.id, ["Todo", "Todolist"])) {
    if (child.status !== "active") continue;
    if (child.type === "Todo") out.push(child);
    else out.push(...store.childrenOf(child.id, ["Todo"]).filter((t) => t.status === "active"));
  }
  return out;
}

function ratio(todos: readonly Recording[]): { completed: boolean; completed_ratio: string } {
  const done = todos.filter((t) => t.completed).length;
  return { completed: todos.length > 0 && done === todos.length, completed_ratio: `${done}/${todos.length}` };
}

export function renderTodoset(ctx: RenderCtx, rec: Recording): Json {
  const store = ctx.store;
  const lists = store.childrenOf(rec.id, ["Todolist"]).filter((l) => l.status === "active");
  const todos = lists.flatMap((l) => listTodos(store, l));
  return {
    ...baseRecording(ctx, rec),
    position: store.positionOf(rec),
    name: rec.title,
    ...ratio(todos),
    todolists_count: lists.length,
    todolists_url: recordingUrl(ctx, rec, "/todolists"),
    app_todoslists_url: recordingAppUrl(ctx, rec, "/todolists"),
  };
}

export function renderTodolist(ctx: RenderCtx, rec: Recording): Json {
  const store = ctx.store;
  const group = isGroup(store, rec);
  const out: Json = {
    ...baseRecording(ctx, rec),
    position: store.positionOf(rec),
    description: rec.description ?? "",
    ...ratio(listTodos(store, rec)),
    name: rec.title,
    todos_url: recordingUrl(ctx, rec, "/todos"),
    bubble_up_url: recordingUrl(ctx, rec, "/bubble_up"),
    comments_app_url: `${recordingAppUrl(ctx, rec)}#comments`,
    // Required by the reference for lists and groups alike; only groups have one.
    color: rec.color ?? null,
  };
  if (group) {
    out.group_position_url = `${apiBase(ctx)}/buckets/${rec.bucketId}/todolists/groups/${rec.id}/position.json`;
  } else {
    out.groups_url = recordingUrl(ctx, rec, "/groups");
  }
  out.app_todos_url = recordingAppUrl(ctx, rec, "/todos");
  return out;
}

export function renderTodo(ctx: RenderCtx, rec: Recording): Json {
  const out: Json = {
    ...baseRecording(ctx, rec),
    position: ctx.store.positionOf(rec),
    description: rec.description ?? "",
    completed: rec.completed === true,
  };
  if (rec.completed) {
    out.completion = {
      created_at: iso(rec.completedAt ?? rec.updatedAt),
      creator: renderPersonById(ctx, rec.completerId ?? rec.creatorId),
    };
  }
  out.content = rec.content ?? rec.title;
  out.starts_on = rec.startsOn ?? null;
  out.due_on = rec.dueOn ?? null;
  out.assignees = renderPeople(ctx, rec.assigneeIds);
  out.completion_subscribers = renderPeople(ctx, rec.completionSubscriberIds);
  out.completion_url = `${apiBase(ctx)}/todos/${rec.id}/completion.json`;
  return out;
}

registerRenderer("Todoset", renderTodoset);
registerRenderer("Todolist", renderTodolist);
registerRenderer("Todo", renderTodo);
