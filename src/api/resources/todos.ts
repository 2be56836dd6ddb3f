// To-dos: list, read, create, full-replace update, patch, complete, reposition.
import type { PageIterator } from "../../http/pagination.js";
import type { IdLike } from "../ids.js";
import { bodyId, KIND } from "../internal/kinds.js";
import { Resource } from "../resource.js";
import type { NewTodo, PageOptions, Signal, Status, Todo, TodoChanges, TodoUpdate } from "../types.js";

export interface TodoListOptions extends PageOptions {
  /** active (default), archived or trashed. */
  status?: Status;
  /** true: only completed; false: only pending. Default: pending (active), both (archived/trashed). */
  completed?: boolean;
}

export class Todos extends Resource {
  private tid(id: IdLike): string {
    return this.id(id, KIND.todo, "to-do");
  }

  /** To-dos of a list or group. */
  list(todolistId: IdLike, opts: TodoListOptions = {}): PageIterator<Todo> {
    const { status, completed, ...page } = opts;
    return this.iterate<Todo>(`/todolists/${this.id(todolistId, KIND.todolist, "to-do list")}/todos.json`, { ...page, query: { status, completed } });
  }

  async get(todoId: IdLike, opts: Signal = {}): Promise<Todo> {
    return this.read<Todo>(`/todos/${this.tid(todoId)}.json`, undefined, opts);
  }

  async create(todolistId: IdLike, todo: NewTodo, opts: Signal = {}): Promise<Todo> {
    return this.send<Todo>("POST", `/todolists/${this.id(todolistId, KIND.todolist, "to-do list")}/todos.json`, todo, opts);
  }

  /**
   * Replace the whole to-do. Basecamp clears every field left out (no `assignee_ids`
   * unassigns everyone, no `due_on` removes the date); use `patch` to keep them.
   */
  async update(todoId: IdLike, todo: TodoUpdate, opts: Signal = {}): Promise<Todo> {
    return this.send<Todo>("PUT", `/todos/${this.tid(todoId)}.json`, todo, opts);
  }

  /**
   * Change only the given fields: reads the to-do, merges `changes` into all of its
   * fields and sends them together, so nothing is cleared by accident.
   */
  async patch(todoId: IdLike, changes: TodoChanges, opts: Signal = {}): Promise<Todo> {
    const cur = await this.get(todoId, opts);
    const full: TodoUpdate = { ...currentFields(cur), ...changes };
    return this.update(todoId, full, opts);
  }

  async complete(todoId: IdLike, opts: Signal = {}): Promise<void> {
    await this.send("POST", `/todos/${this.tid(todoId)}/completion.json`, undefined, { ...opts, idempotent: true });
  }

  async uncomplete(todoId: IdLike, opts: Signal = {}): Promise<void> {
    await this.send("DELETE", `/todos/${this.tid(todoId)}/completion.json`, undefined, opts);
  }

  /** Move to `position` (1-based); with `parentId`, into another list or group of the project. */
  async reposition(todoId: IdLike, position: number, opts: Signal & { parentId?: IdLike } = {}): Promise<void> {
    const parent_id = opts.parentId === undefined ? undefined : bodyId(opts.parentId, KIND.todolist, "to-do list");
    await this.send("PUT", `/todos/${this.tid(todoId)}/position.json`, { position, parent_id }, { signal: opts.signal });
  }
}

/** The writable fields of a to-do as they are now. */
function currentFields(t: Todo): TodoUpdate {
  return {
    content: t.content,
    description: t.description,
    assignee_ids: t.assignees.map((p) => p.id),
    completion_subscriber_ids: t.completion_subscribers.map((p) => p.id),
    due_on: t.due_on,
    starts_on: t.starts_on,
  };
}
