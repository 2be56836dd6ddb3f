// To-do lists and their groups.
import type { PageIterator } from "../../http/pagination.js";
import type { IdLike } from "../ids.js";
import { EDIT } from "../internal/editable.js";
import { KIND } from "../internal/kinds.js";
import { Resource } from "../resource.js";
import { operationResource } from "../operation.js";
import type { NewTodolist, NewTodolistGroup, Signal, StatusListOptions, Todolist, TodolistChanges, TodolistGroup, TodolistUpdate } from "../types.js";

export class Todolists extends operationResource(
  {
    /** Move a list within its to-do set: `reposition(listId, { position: 1 })`. */
    reposition: "RepositionTodolist",
  },
  Resource,
) {
  private lid(id: IdLike): string {
    return this.id(id, KIND.todolist, "to-do list");
  }

  /** Lists of a to-do set with `status` (default active). */
  list(todosetId: IdLike, opts: StatusListOptions = {}): PageIterator<Todolist> {
    const { status, ...page } = opts;
    return this.iterate<Todolist>(`/todosets/${this.id(todosetId, KIND.todoset, "to-do set")}/todolists.json`, { ...page, query: { status } });
  }

  /** A list or a group. */
  async get(todolistId: IdLike, opts: Signal = {}): Promise<Todolist> {
    return this.read<Todolist>(`/todolists/${this.lid(todolistId)}.json`, undefined, opts);
  }

  async create(todosetId: IdLike, list: NewTodolist, opts: Signal = {}): Promise<Todolist> {
    return this.send<Todolist>("POST", `/todosets/${this.id(todosetId, KIND.todoset, "to-do set")}/todolists.json`, list, opts);
  }

  /** Change some fields and keep the rest (reads the list, sends it whole); `description: null` clears it. */
  async update(todolistId: IdLike, changes: TodolistChanges, opts: Signal = {}): Promise<Todolist> {
    return this.edit<Todolist>(EDIT.todolist, `/todolists/${this.lid(todolistId)}.json`, changes, opts);
  }

  /** Send `list` as the whole list, as given: a `description` left out is cleared. */
  async replace(todolistId: IdLike, list: TodolistUpdate, opts: Signal = {}): Promise<Todolist> {
    return this.send<Todolist>("PUT", `/todolists/${this.lid(todolistId)}.json`, list, opts);
  }

  /** @deprecated `update` now keeps what it does not change; use it. */
  async patch(todolistId: IdLike, changes: TodolistChanges, opts: Signal = {}): Promise<Todolist> {
    return this.update(todolistId, changes, opts);
  }

  listGroups(todolistId: IdLike, opts: StatusListOptions = {}): PageIterator<TodolistGroup> {
    const { status, ...page } = opts;
    return this.iterate<TodolistGroup>(`/todolists/${this.lid(todolistId)}/groups.json`, { ...page, query: { status } });
  }

  async createGroup(todolistId: IdLike, group: NewTodolistGroup, opts: Signal = {}): Promise<TodolistGroup> {
    return this.send<TodolistGroup>("POST", `/todolists/${this.lid(todolistId)}/groups.json`, group, opts);
  }

  /** Move a group to `position` (1-based) among its list's groups. */
  async repositionGroup(groupId: IdLike, position: number, opts: Signal = {}): Promise<void> {
    await this.send("PUT", `/todolists/groups/${this.lid(groupId)}/position.json`, { position }, opts);
  }
}
