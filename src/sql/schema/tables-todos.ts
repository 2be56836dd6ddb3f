// To-do tables: ToDoSets, ToDoLists, ToDoListGroups, ToDos.
import { bool, col, id, idList, num, parentId, parentType, RAW, RECORDING_HEAD, recordingHead, str, type TableDef } from "./types.js";

export const ToDoSets: TableDef = {
  name: "ToDoSets",
  description: "The to-do set of each project (its To-dos tool): dock todoset → GET /todosets/{id}.json.",
  source: "dock",
  dockName: "todoset",
  indexes: ["ProjectId"],
  recording: { type: "'Todoset'", title: "Name", parentId: "NULL" },
  columns: [
    ...RECORDING_HEAD,
    col("Name", "TEXT", "Tool name (To-dos)."),
    col("Completed", "INTEGER", "1 when every list is completed."),
    col("CompletedRatio", "TEXT", "Completed / total to-dos, e.g. 3/10."),
    col("ToDoListsCount", "INTEGER", "Number of lists."),
    RAW,
  ],
  toRow: (r, ctx) => ({
    ...recordingHead(r, ctx),
    Name: str(r.name ?? r.title),
    Completed: bool(r.completed),
    CompletedRatio: str(r.completed_ratio),
    ToDoListsCount: num(r.todolists_count),
  }),
};

export const ToDoLists: TableDef = {
  name: "ToDoLists",
  description: "To-do lists (recordings of type Todolist whose parent is a to-do set), all statuses.",
  source: "recordings",
  recordingType: "Todolist",
  writable: true,
  indexes: ["ProjectId", "UpdatedAt", "ToDoSetId"],
  recording: { type: "'Todolist'", title: "Name", parentId: "ToDoSetId" },
  columns: [
    ...RECORDING_HEAD,
    col("ToDoSetId", "INTEGER", "The to-do set it is in.", { writable: true }),
    col("Name", "TEXT", "List name.", { writable: true }),
    col("Description", "TEXT", "Description (rich text HTML).", { writable: true }),
    col("Completed", "INTEGER", "1 when all its to-dos are completed."),
    col("CompletedRatio", "TEXT", "Completed / total, e.g. 3/5."),
    col("CommentsCount", "INTEGER", "Number of comments."),
    RAW,
  ],
  toRow: (r, ctx) =>
    parentType(r) === "Todolist"
      ? null
      : {
          ...recordingHead(r, ctx),
          ToDoSetId: parentId(r),
          Name: str(r.name ?? r.title),
          Description: str(r.description),
          Completed: bool(r.completed),
          CompletedRatio: str(r.completed_ratio),
          CommentsCount: num(r.comments_count),
        },
};

export const ToDoListGroups: TableDef = {
  name: "ToDoListGroups",
  description: "Groups inside to-do lists (recordings of type Todolist whose parent is a list), all statuses.",
  source: "recordings",
  recordingType: "Todolist",
  indexes: ["ProjectId", "UpdatedAt", "ToDoListId"],
  recording: { type: "'Todolist'", title: "Name", parentId: "ToDoListId" },
  columns: [
    ...RECORDING_HEAD,
    col("ToDoListId", "INTEGER", "The list it groups to-dos of."),
    col("Name", "TEXT", "Group name."),
    col("Color", "TEXT", "Group color."),
    RAW,
  ],
  toRow: (r, ctx) =>
    parentType(r) !== "Todolist"
      ? null
      : {
          ...recordingHead(r, ctx),
          ToDoListId: parentId(r),
          Name: str(r.name ?? r.title),
          Color: str(r.color),
        },
};

export const ToDos: TableDef = {
  name: "ToDos",
  description: "To-dos (recordings of type Todo), all statuses. AssigneeIds is a JSON array; ToDoAssignees has one row per assignee.",
  source: "recordings",
  recordingType: "Todo",
  writable: true,
  indexes: ["ProjectId", "UpdatedAt", "ToDoListId"],
  recording: { type: "'Todo'", title: "Content", parentId: "ToDoListId" },
  assignees: (r) => assigneeIdsOf(r),
  columns: [
    ...RECORDING_HEAD,
    col("ToDoListId", "INTEGER", "Its list or group (the parent). Required on INSERT.", { writable: true }),
    col("Content", "TEXT", "What to do (the title).", { writable: true }),
    col("Description", "TEXT", "Notes (rich text HTML).", { writable: true }),
    col("Completed", "INTEGER", "1 when done; UPDATE to complete or reopen.", { writable: true }),
    col("DueOn", "TEXT", "Due date (YYYY-MM-DD).", { writable: true }),
    col("StartsOn", "TEXT", "Start date (YYYY-MM-DD).", { writable: true }),
    col("AssigneeIds", "TEXT", "People assigned (JSON array of IDs, e.g. [1,2]).", { writable: true }),
    col("CompletionSubscriberIds", "TEXT", "People notified on completion (JSON array)."),
    col("CommentsCount", "INTEGER", "Number of comments."),
    col("Position", "INTEGER", "Position in its list."),
    RAW,
  ],
  toRow: (r, ctx) => ({
    ...recordingHead(r, ctx),
    ToDoListId: parentId(r),
    Content: str(r.content ?? r.title),
    Description: str(r.description),
    Completed: bool(r.completed),
    DueOn: str(r.due_on),
    StartsOn: str(r.starts_on),
    AssigneeIds: idList(r.assignees ?? []),
    CompletionSubscriberIds: idList(r.completion_subscribers ?? []),
    CommentsCount: num(r.comments_count),
    Position: num(r.position),
  }),
};

/** Assignee ids of a to-do record, exact. */
export function assigneeIdsOf(r: Record<string, unknown>): Array<number | bigint> {
  const list = Array.isArray(r.assignees) ? r.assignees : [];
  const out: Array<number | bigint> = [];
  for (const a of list) {
    const v = id(a && typeof a === "object" ? (a as Record<string, unknown>).id : a);
    if (v !== null) out.push(v);
  }
  return out;
}
