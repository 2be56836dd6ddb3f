// To-dos: list, read, create, update (keeps what it does not change), replace, complete, reposition.
import type { PageIterator } from "../../http/pagination.js";
import type { IdLike } from "../ids.js";
import { EDIT } from "../internal/editable.js";
import { bodyId, KIND } from "../internal/kinds.js";
import { Resource } from "../resource.js";
import { operationResource } from "../operation.js";
import type { NewTodo, PageOptions, Signal, Status, Todo, TodoChanges, TodoUpdate } from "../types.js";

export interface TodoListOptions extends PageOptions {
  /** active (default), archived or trashed. */
  status?: Status;
  /** true: only completed; false: only pending. Default: pending (active), both (archived/trashed). */
  completed?: boolean;
}

export class Todos extends operationResource(
  {
    /** A to-do made from the to-do set (Basecamp files it in a list): `createInTodoset(projectId, todosetId, { content })`. */
    createInTodoset: "CreateTodosetTodo",
  },
  Resource,
) {
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
   * Change some fields and keep the rest: reads the to-do, merges `changes` over its fields
   * and sends the whole to-do (Basecamp clears what a PUT leaves out). `null` clears a field.
   */
  async update(todoId: IdLike, changes: TodoChanges, opts: Signal = {}): Promise<Todo> {
    return this.edit<Todo>(EDIT.todo, `/todos/${this.tid(todoId)}.json`, changes, opts);
  }

  /** Send `todo` as the whole to-do, as given: every field left out is cleared (no `assignee_ids` unassigns everyone). */
  async replace(todoId: IdLike, todo: TodoUpdate, opts: Signal = {}): Promise<Todo> {
    return this.send<Todo>("PUT", `/todos/${this.tid(todoId)}.json`, todo, opts);
  }

  /** @deprecated `update` now keeps what it does not change; use it. */
  async patch(todoId: IdLike, changes: TodoChanges, opts: Signal = {}): Promise<Todo> {
    return this.update(todoId, changes, opts);
  }

  async complete(todoId: IdLike, opts: Signal = {}): Promise<void> {
    await this.send("POST", `/todos/${this.tid(todoId)}/completion.json`, undefined, { ...opts, idempotent: true });
  }

  async uncomplete(todoId: IdLike, opts: Signal = {}): Promise<void> {
    await this.send("DELETE", `/todos/${this.tid(todoId)}/completion.json`, undefined, opts);
  }

  /** Move to `position` (1-based); with `parentId`, into another list or group of the project. */
  async reposition(todoId: IdLike, position: number, opts: Signal & { parentId?: IdLike } = {}): Promise<void> {
    const parent_id = opts.parentId === undefined ? undefined : bodyId(opts.parentId, KIND.todolist, "to-do list", this.road.urlScope);
    await this.send("PUT", `/todos/${this.tid(todoId)}/position.json`, { position, parent_id }, { signal: opts.signal });
  }
}
