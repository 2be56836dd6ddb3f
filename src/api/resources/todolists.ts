// To-do lists and their groups.
import type { PageIterator } from "../../http/pagination.js";
import type { IdLike } from "../ids.js";
import { KIND } from "../internal/kinds.js";
import { Resource } from "../resource.js";
import type { NewTodolist, NewTodolistGroup, Signal, StatusListOptions, Todolist, TodolistGroup, TodolistUpdate } from "../types.js";

export class Todolists extends Resource {
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

  /** Full replace: a `description` left out is cleared. See `patch` to keep it. */
  async update(todolistId: IdLike, list: TodolistUpdate, opts: Signal = {}): Promise<Todolist> {
    return this.send<Todolist>("PUT", `/todolists/${this.lid(todolistId)}.json`, list, opts);
  }

  /** Change some fields, keeping the others (reads the list first). */
  async patch(todolistId: IdLike, changes: Partial<TodolistUpdate>, opts: Signal = {}): Promise<Todolist> {
    const cur = await this.get(todolistId, opts);
    return this.update(todolistId, { name: cur.name, description: cur.description, ...changes }, opts);
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
