// What each writable table accepts: the columns INSERT and UPDATE may set, the columns an
// INSERT must give, what DELETE means, and the alternatives named when a write is refused.
// The triggers (capture.ts) and the delivery handlers (handlers/*.ts) both read this.
import { BC2_WRITE_SPECS } from "../bc2/write-specs.js";
import { replicaSchema, type Db } from "../replica.js";

export type DeleteMode = "trash" | "delete";

export interface RequiredRule {
  /** At least one of these columns must be set (non-null, non-blank). */
  anyOf: string[];
  message: string;
}

export interface WriteSpec {
  table: string;
  /** Columns an INSERT may set (anything else set to non-NULL is refused). */
  insert: string[];
  /** Columns an UPDATE may change (changing anything else is refused). */
  update: string[];
  required: RequiredRule[];
  /** What DELETE does in Basecamp. */
  del: DeleteMode;
  /** Columns of OLD kept in a DELETE's payload (what delivery needs to address the record). */
  deleteKeep: string[];
  /** When set, any UPDATE is refused with this message. */
  updateRefused?: string;
  /** Messages for columns that can't be changed, naming the alternative. */
  hints: Record<string, string>;
}

const NO_MOVE = (what: string) => `${what} can't move to another project: create a new one there and trash this one.`;

export const WRITE_SPECS: readonly WriteSpec[] = [
  {
    table: "ToDos",
    insert: ["ToDoListId", "ProjectId", "Content", "Description", "DueOn", "StartsOn", "AssigneeIds", "CompletionSubscriberIds", "Completed"],
    update: ["ToDoListId", "Position", "Content", "Description", "DueOn", "StartsOn", "AssigneeIds", "CompletionSubscriberIds", "Completed", "Status"],
    required: [
      { anyOf: ["ToDoListId"], message: "ToDos.ToDoListId is required: the to-do list (or group) to add the to-do to." },
      { anyOf: ["Content"], message: "ToDos.Content is required: the to-do's text." },
    ],
    del: "trash",
    deleteKeep: ["ProjectId"],
    hints: { ProjectId: NO_MOVE("A to-do"), CommentsCount: "ToDos.CommentsCount is counted by Basecamp: INSERT INTO Comments (ParentId, Content) to add a comment." },
  },
  {
    table: "ToDoLists",
    insert: ["ToDoSetId", "ProjectId", "Name", "Description"],
    update: ["Name", "Description", "Status"],
    required: [
      { anyOf: ["ToDoSetId", "ProjectId"], message: "ToDoLists.ToDoSetId is required (or ProjectId, to use that project's to-do set)." },
      { anyOf: ["Name"], message: "ToDoLists.Name is required." },
    ],
    del: "trash",
    deleteKeep: ["ProjectId"],
    hints: {
      ProjectId: NO_MOVE("A to-do list"),
      ToDoSetId: "ToDoLists.ToDoSetId can't be changed: a list stays in its project's to-do set.",
      Completed: "ToDoLists.Completed follows its to-dos: complete them with UPDATE ToDos SET Completed = 1 (or EXEC CompleteToDo).",
    },
  },
  {
    table: "Messages",
    insert: ["MessageBoardId", "ProjectId", "Subject", "Content", "CategoryId"],
    update: ["Subject", "Content", "CategoryId", "Status"],
    required: [
      { anyOf: ["MessageBoardId", "ProjectId"], message: "Messages.MessageBoardId is required (or ProjectId, to use that project's message board)." },
      { anyOf: ["Subject"], message: "Messages.Subject is required." },
    ],
    del: "trash",
    deleteKeep: ["ProjectId"],
    hints: { ProjectId: NO_MOVE("A message"), MessageBoardId: "Messages.MessageBoardId can't be changed: a message stays on its board." },
  },
  {
    table: "Comments",
    insert: ["ParentId", "ProjectId", "Content"],
    update: ["Content", "Status"],
    required: [
      { anyOf: ["ParentId"], message: "Comments.ParentId is required: the recording (to-do, message, document, card …) to comment on." },
      { anyOf: ["Content"], message: "Comments.Content is required." },
    ],
    del: "trash",
    deleteKeep: ["ProjectId"],
    hints: {
      ProjectId: NO_MOVE("A comment"),
      ParentId: "Comments.ParentId can't be changed: INSERT a new comment on the other recording and DELETE (trash) this one.",
      ParentType: "Comments.ParentType is set by Basecamp from ParentId.",
    },
  },
  {
    table: "Documents",
    insert: ["VaultId", "ProjectId", "Title", "Content"],
    update: ["Title", "Content", "Status"],
    required: [
      { anyOf: ["VaultId", "ProjectId"], message: "Documents.VaultId is required (or ProjectId, to use that project's Docs & Files)." },
      { anyOf: ["Title"], message: "Documents.Title is required." },
    ],
    del: "trash",
    deleteKeep: ["ProjectId"],
    hints: { ProjectId: NO_MOVE("A document"), VaultId: "Documents.VaultId can't be changed through the API: create the document in the other vault and trash this one." },
  },
  {
    table: "CampfireLines",
    insert: ["CampfireId", "ProjectId", "Content"],
    update: [],
    required: [
      { anyOf: ["CampfireId", "ProjectId"], message: "CampfireLines.CampfireId is required (or ProjectId, to use that project's campfire)." },
      { anyOf: ["Content"], message: "CampfireLines.Content is required: the line's text." },
    ],
    del: "delete",
    deleteKeep: ["CampfireId", "ProjectId"],
    updateRefused: "UPDATE on CampfireLines is not supported: Basecamp can't edit a campfire line. DELETE the line and INSERT a new one.",
    hints: {},
  },
  {
    table: "CalendarEvents",
    insert: ["ScheduleId", "ProjectId", "Summary", "Description", "StartsAt", "EndsAt", "AllDay", "ParticipantIds"],
    update: ["Summary", "Description", "StartsAt", "EndsAt", "AllDay", "ParticipantIds", "Status"],
    required: [
      { anyOf: ["ScheduleId", "ProjectId"], message: "CalendarEvents.ScheduleId is required (or ProjectId, to use that project's schedule)." },
      { anyOf: ["Summary"], message: "CalendarEvents.Summary is required." },
      { anyOf: ["StartsAt"], message: "CalendarEvents.StartsAt is required (ISO 8601; EndsAt defaults to it)." },
    ],
    del: "trash",
    deleteKeep: ["ProjectId"],
    hints: { ProjectId: NO_MOVE("An event"), ScheduleId: "CalendarEvents.ScheduleId can't be changed: an event stays on its project's schedule." },
  },
  {
    table: "Projects",
    insert: ["Name", "Description"],
    update: ["Name", "Description", "StartDate", "EndDate", "Status"],
    required: [{ anyOf: ["Name"], message: "Projects.Name is required." }],
    del: "trash",
    deleteKeep: [],
    hints: {},
  },
  {
    table: "CardTableCards",
    insert: ["ColumnId", "ProjectId", "Title", "Content", "DueOn", "AssigneeIds"],
    update: ["ColumnId", "Position", "Title", "Content", "DueOn", "AssigneeIds", "Status"],
    required: [
      { anyOf: ["ColumnId"], message: "CardTableCards.ColumnId is required: the column to add the card to." },
      { anyOf: ["Title"], message: "CardTableCards.Title is required." },
    ],
    del: "trash",
    deleteKeep: ["ProjectId", "ColumnId"],
    hints: {
      ProjectId: NO_MOVE("A card"),
      Completed: "CardTableCards.Completed can't be set directly: move the card to the Done column (UPDATE CardTableCards SET ColumnId = … or EXEC MoveCard(Id => …, ColumnId => …)).",
    },
  },
  {
    table: "CardTableColumns",
    insert: ["CardTableId", "ProjectId", "Title", "Description", "Color"],
    update: ["Title", "Description", "Color", "Status"],
    required: [
      { anyOf: ["CardTableId", "ProjectId"], message: "CardTableColumns.CardTableId is required (or ProjectId, to use that project's card table)." },
      { anyOf: ["Title"], message: "CardTableColumns.Title is required." },
    ],
    del: "trash",
    deleteKeep: ["ProjectId", "CardTableId"],
    hints: {
      ProjectId: NO_MOVE("A column"),
      CardTableId: "CardTableColumns.CardTableId can't be changed: a column stays in its card table. To reorder use EXEC MoveColumn(Id => …, CardTableId => …, Position => …).",
      Type: "CardTableColumns.Type is set by Basecamp. Add or remove the on-hold section with EXEC CreateOnHoldSectionColumn / RemoveOnHoldSectionColumn.",
    },
  },
  {
    table: "TimesheetEntries",
    insert: ["RecordingId", "Date", "Hours", "Description", "PersonId"],
    update: ["Date", "Hours", "Description", "PersonId"],
    required: [
      { anyOf: ["RecordingId"], message: "TimesheetEntries.RecordingId is required: the to-do, message, card, document, upload or schedule entry the time was spent on." },
      { anyOf: ["Date"], message: "TimesheetEntries.Date is required: the day worked (YYYY-MM-DD)." },
      { anyOf: ["Hours"], message: "TimesheetEntries.Hours is required: a decimal (1.5) or hours and minutes ('1:30')." },
    ],
    del: "delete",
    deleteKeep: ["RecordingId", "ProjectId"],
    hints: {
      RecordingId: "TimesheetEntries.RecordingId can't be changed: DELETE the entry and INSERT it on the other recording.",
      ProjectId: "TimesheetEntries.ProjectId follows RecordingId.",
    },
  },
  {
    table: "Boosts",
    insert: ["RecordingId", "Content"],
    update: [],
    required: [
      { anyOf: ["RecordingId"], message: "Boosts.RecordingId is required: the recording to boost." },
      { anyOf: ["Content"], message: "Boosts.Content is required: up to 16 characters (an emoji is fine)." },
    ],
    del: "delete",
    deleteKeep: ["RecordingId", "ProjectId"],
    updateRefused: "UPDATE on Boosts is not supported: Basecamp can't edit a boost. DELETE it and INSERT a new one.",
    hints: { EventId: "Boosts.EventId can't be set: INSERT boosts a recording itself." },
  },
];

/** The writable tables of a replica: Basecamp 4's, or Basecamp 2's on a V2 replica. */
export function specsOf(db?: Db): readonly WriteSpec[] {
  return db && replicaSchema(db) === "V2" ? BC2_WRITE_SPECS : WRITE_SPECS;
}

export function specOf(table: string, db?: Db): WriteSpec | undefined {
  const t = table.toLowerCase();
  return specsOf(db).find((s) => s.table.toLowerCase() === t);
}

/** The message for changing a column that UPDATE does not accept. */
export function readOnlyMessage(spec: WriteSpec, column: string, op: "insert" | "update"): string {
  const hint = spec.hints[column];
  if (hint) return hint;
  if (column === "Id") {
    return op === "insert" ? `${spec.table}.Id is assigned by Basecamp: leave it out of the INSERT.` : `${spec.table}.Id can't be changed.`;
  }
  if (column === "Status") return `${spec.table}.Status can't be set on INSERT: a new record is active. UPDATE it afterwards ('archived' or 'trashed').`;
  const can = op === "insert" ? spec.insert : spec.update;
  return `${spec.table}.${column} is read-only (set by Basecamp). ${op === "insert" ? "INSERT" : "UPDATE"} may set: ${can.join(", ") || "nothing"}.`;
}
