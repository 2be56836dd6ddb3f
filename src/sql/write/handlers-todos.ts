// Delivery of writes to ToDos and ToDoLists.
import type { NewTodo } from "../../api/types.js";
import { dockId, has, trash, upsertAgain, optDate, optStr, setRecordingStatus, toBool, toId, toIds, toStr, withStatus, type TableHandlers } from "./handler-kit.js";

/** The to-do fields a row sets (IDs already checked): for a create, or the changes of an update. */
function todoFields(p: Record<string, unknown>): Partial<NewTodo> {
  const out: Partial<NewTodo> = {};
  if (has(p, "Content")) out.content = toStr(p.Content);
  if (has(p, "Description")) out.description = toStr(p.Description);
  if (has(p, "DueOn")) out.due_on = optDate(p.DueOn, "ToDos.DueOn");
  if (has(p, "StartsOn")) out.starts_on = optDate(p.StartsOn, "ToDos.StartsOn");
  if (has(p, "AssigneeIds")) out.assignee_ids = toIds(p.AssigneeIds, "ToDos.AssigneeIds");
  if (has(p, "CompletionSubscriberIds")) out.completion_subscriber_ids = toIds(p.CompletionSubscriberIds, "ToDos.CompletionSubscriberIds");
  return out;
}

export const todoHandlers: TableHandlers = {
  async insert(h) {
    const p = h.entry.payload;
    const fields = todoFields(p);
    const todo = await h.client.todos.create(toId(p.ToDoListId, "ToDos.ToDoListId"), { ...fields, content: toStr(p.Content) }, { signal: h.signal });
    if (has(p, "Completed") && toBool(p.Completed)) {
      await h.client.todos.complete(todo.id, { signal: h.signal });
      return upsertAgain(h, "ToDos", todo.id);
    }
    return { resultId: todo.id, change: { upserts: [{ table: "ToDos", records: [todo] }], deletes: [] } };
  },

  async update(h) {
    const p = h.entry.payload;
    const id = toId(h.entry.rowId, "ToDos.Id");
    const c = h.client;
    await withStatus(
      p,
      (s) => setRecordingStatus(c, id, s, h.signal),
      async () => {
        if (has(p, "ToDoListId") || has(p, "Position")) {
          const position = has(p, "Position") && p.Position !== null ? Number(p.Position) : 1;
          const parentId = has(p, "ToDoListId") ? toId(p.ToDoListId, "ToDos.ToDoListId") : undefined;
          await c.todos.reposition(id, position, { parentId, signal: h.signal });
        }
        const fields = todoFields(p);
        // update reads the to-do and sends every field back, so the PUT clears nothing.
        if (Object.keys(fields).length) await c.todos.update(id, fields, { signal: h.signal });
        if (has(p, "Completed")) {
          if (toBool(p.Completed)) await c.todos.complete(id, { signal: h.signal });
          else await c.todos.uncomplete(id, { signal: h.signal });
        }
      },
    );
    return upsertAgain(h, "ToDos", id);
  },

  delete: (h) => trash(h, "ToDos"),
};

export const todolistHandlers: TableHandlers = {
  async insert(h) {
    const p = h.entry.payload;
    const setId = p.ToDoSetId !== undefined && p.ToDoSetId !== null ? toId(p.ToDoSetId, "ToDoLists.ToDoSetId") : await dockId(h.client, p.ProjectId, "todoset", "to-do set", h.signal);
    const list = await h.client.todolists.create(setId, { name: toStr(p.Name), description: optStr(p.Description) ?? undefined }, { signal: h.signal });
    return { resultId: list.id, change: { upserts: [{ table: "ToDoLists", records: [list] }], deletes: [] } };
  },

  async update(h) {
    const p = h.entry.payload;
    const id = toId(h.entry.rowId, "ToDoLists.Id");
    await withStatus(
      p,
      (s) => setRecordingStatus(h.client, id, s, h.signal),
      async () => {
        const changes: { name?: string; description?: string } = {};
        if (has(p, "Name")) changes.name = toStr(p.Name);
        if (has(p, "Description")) changes.description = toStr(p.Description);
        if (Object.keys(changes).length) await h.client.todolists.update(id, changes, { signal: h.signal });
      },
    );
    return upsertAgain(h, "ToDoLists", id);
  },

  delete: (h) => trash(h, "ToDoLists"),
};
