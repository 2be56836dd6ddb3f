// `campctl todos list|show|add|complete|uncomplete|update`.
import { KIND } from "../../api/internal/kinds.js";
import type { Todo, TodoChanges } from "../../api/types.js";
import type { GlobalOptions } from "../internal/context.js";
import { UsageError } from "../internal/errors.js";
import { collect, dateArg, idArg, names, peopleArg, print, printDone, withClient, type Row } from "./shared.js";

const row = (t: Todo): Row => ({ id: t.id, done: t.completed ? "✓" : "", content: t.content, due: t.due_on ?? "", assignees: names(t.assignees) });

export async function runTodosList(todolist: string, o: { completed?: boolean }, g: GlobalOptions): Promise<void> {
  const listId = idArg(todolist, KIND.todolist, "to-do list");
  await withClient(g, async (conn) => {
    const todos = await collect(conn.client.todos.list(listId, o.completed ? { completed: true } : {}));
    print(g, todos, todos.map(row));
  });
}

export async function runTodosShow(todo: string, g: GlobalOptions): Promise<void> {
  const id = idArg(todo, KIND.todo, "to-do");
  await withClient(g, async (conn) => {
    const t = await conn.client.todos.get(id);
    const fields: Row = {
      id: t.id,
      content: t.content,
      completed: t.completed,
      due: t.due_on ?? "",
      starts: t.starts_on ?? "",
      assignees: names(t.assignees),
      list: t.parent?.title ?? "",
      project: t.bucket?.name ?? "",
      creator: t.creator?.name ?? "",
      url: t.app_url,
    };
    print(g, t, Object.entries(fields).map(([field, value]) => ({ field, value })));
  });
}

export interface TodoAddOptions {
  assignee?: string[];
  due?: string;
  description?: string;
}

export async function runTodosAdd(todolist: string, content: string, o: TodoAddOptions, g: GlobalOptions): Promise<void> {
  const listId = idArg(todolist, KIND.todolist, "to-do list");
  const due_on = dateArg(o.due, "--due");
  const assignee_ids = peopleArg(o.assignee);
  await withClient(g, async (conn) => {
    const t = await conn.client.todos.create(listId, { content, description: o.description, due_on, assignee_ids });
    printDone(g, t, `Added to-do ${t.id}: ${t.content}${t.due_on ? ` (due ${t.due_on})` : ""}\n${t.app_url}`);
  });
}

export async function runTodosComplete(todo: string, done: boolean, g: GlobalOptions): Promise<void> {
  const id = idArg(todo, KIND.todo, "to-do");
  await withClient(g, async (conn) => {
    if (done) await conn.client.todos.complete(id);
    else await conn.client.todos.uncomplete(id);
    const t = await conn.client.todos.get(id);
    printDone(g, t, `${done ? "Completed" : "Reopened"} to-do ${t.id}: ${t.content}`);
  });
}

export interface TodoUpdateOptions {
  content?: string;
  due?: string;
  assignee?: string[];
  description?: string;
}

export async function runTodosUpdate(todo: string, o: TodoUpdateOptions, g: GlobalOptions): Promise<void> {
  const id = idArg(todo, KIND.todo, "to-do");
  const changes: TodoChanges = {};
  if (o.content !== undefined) changes.content = o.content;
  if (o.description !== undefined) changes.description = o.description;
  const due = dateArg(o.due, "--due", true);
  if (due !== undefined) changes.due_on = due;
  const assignees = peopleArg(o.assignee);
  if (assignees !== undefined) changes.assignee_ids = assignees;
  if (Object.keys(changes).length === 0) throw new UsageError("Nothing to change: give --content, --due, --assignee or --description.");
  await withClient(g, async (conn) => {
    const t = await conn.client.todos.update(id, changes);
    printDone(g, t, `Updated to-do ${t.id}: ${t.content}${t.due_on ? ` (due ${t.due_on})` : ""}${t.assignees.length ? ` → ${names(t.assignees)}` : ""}`);
  });
}
