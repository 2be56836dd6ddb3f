// What each writable table of a Basecamp 2 replica accepts (the same rules as Basecamp 4's,
// src/sql/write/tables.ts): Basecamp 2 addresses everything under its project, has one
// assignee per to-do, no archive or restore, and no comment edits. An INSERT without ProjectId
// goes to the connection's ProjectId, else the account's first project (write-handlers.ts).
import type { WriteSpec } from "../write/tables.js";

const NO_MOVE = (what: string) => `${what} can't move to another project: create a new one there and DELETE this one.`;
const NO_STATUS = (table: string) => `${table}.Status can't be set on Basecamp 2: DELETE moves a record to the trash, and the API has no archive or restore.`;

export const BC2_WRITE_SPECS: readonly WriteSpec[] = [
  {
    table: "ToDos",
    insert: ["ToDoListId", "ProjectId", "Content", "DueOn", "AssigneeIds", "Completed", "Position"],
    update: ["Content", "DueOn", "AssigneeIds", "Completed", "Position"],
    required: [
      { anyOf: ["ToDoListId"], message: "ToDos.ToDoListId is required: the to-do list to add the to-do to." },
      { anyOf: ["Content"], message: "ToDos.Content is required: the to-do's text." },
    ],
    del: "trash",
    deleteKeep: ["ProjectId"],
    hints: {
      ProjectId: NO_MOVE("A to-do"),
      ToDoListId: "ToDos.ToDoListId can't be changed on Basecamp 2: INSERT the to-do into the other list and DELETE this one.",
      Status: NO_STATUS("ToDos"),
      CommentsCount: "ToDos.CommentsCount is counted by Basecamp: INSERT INTO Comments (ParentId, ParentType, Content) to add a comment.",
    },
  },
  {
    table: "ToDoLists",
    insert: ["ProjectId", "Name", "Description"],
    update: ["Name", "Description", "Position"],
    required: [{ anyOf: ["Name"], message: "ToDoLists.Name is required." }],
    del: "trash",
    deleteKeep: ["ProjectId"],
    hints: { ProjectId: NO_MOVE("A to-do list"), Status: NO_STATUS("ToDoLists"), Completed: "ToDoLists.Completed follows its to-dos: complete them with UPDATE ToDos SET Completed = 1." },
  },
  {
    table: "Messages",
    insert: ["ProjectId", "Subject", "Content"],
    update: ["Subject", "Content"],
    required: [{ anyOf: ["Subject"], message: "Messages.Subject is required." }],
    del: "trash",
    deleteKeep: ["ProjectId"],
    hints: { ProjectId: NO_MOVE("A message"), Status: NO_STATUS("Messages") },
  },
  {
    table: "Comments",
    insert: ["ParentId", "ParentType", "ProjectId", "Content"],
    update: [],
    required: [
      { anyOf: ["ParentId"], message: "Comments.ParentId is required: the to-do, message, document, upload or calendar event to comment on." },
      { anyOf: ["Content"], message: "Comments.Content is required." },
    ],
    del: "trash",
    deleteKeep: ["ProjectId"],
    updateRefused: "UPDATE on Comments is not supported on Basecamp 2: its API can't edit a comment. DELETE it and INSERT a new one.",
    hints: {},
  },
  {
    table: "Documents",
    insert: ["ProjectId", "Title", "Content"],
    update: ["Title", "Content"],
    required: [{ anyOf: ["Title"], message: "Documents.Title is required." }],
    del: "trash",
    deleteKeep: ["ProjectId"],
    hints: { ProjectId: NO_MOVE("A document"), Status: NO_STATUS("Documents") },
  },
  {
    table: "CalendarEvents",
    insert: ["ProjectId", "CalendarId", "Summary", "Description", "StartsAt", "EndsAt", "AllDay"],
    update: ["Summary", "Description", "StartsAt", "EndsAt", "AllDay"],
    required: [
      { anyOf: ["Summary"], message: "CalendarEvents.Summary is required." },
      { anyOf: ["StartsAt"], message: "CalendarEvents.StartsAt is required (a date, or ISO 8601 time; EndsAt defaults to it)." },
    ],
    del: "trash",
    deleteKeep: ["ProjectId", "CalendarId"],
    hints: { ProjectId: NO_MOVE("An event"), CalendarId: "CalendarEvents.CalendarId can't be changed: create the event on the other calendar and DELETE this one.", Status: NO_STATUS("CalendarEvents") },
  },
];
