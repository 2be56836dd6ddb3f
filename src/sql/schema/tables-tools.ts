// Card tables, campfires and automatic check-ins.
import { bool, col, idList, num, objField, parentId, RAW, RECORDING_HEAD, recordingHead, str, type TableDef } from "./types.js";

export const CardTables: TableDef = {
  name: "CardTables",
  description: "The card table of each project: dock kanban_board → GET /card_tables/{id}.json.",
  source: "dock",
  dockName: "kanban_board",
  indexes: ["ProjectId"],
  recording: { type: "'Kanban::Board'", title: "Title", parentId: "NULL" },
  columns: [...RECORDING_HEAD, col("Title", "TEXT", "Card table title."), RAW],
  toRow: (r, ctx) => ({ ...recordingHead(r, ctx), Title: str(r.title) }),
};

export const CardTableColumns: TableDef = {
  name: "CardTableColumns",
  description: "Columns of each card table (its lists[], read with the card table), including Triage, Not now and Done.",
  source: "dock",
  dockName: "kanban_board",
  writable: true,
  indexes: ["ProjectId", "CardTableId"],
  recording: { type: "Type", title: "Title", parentId: "CardTableId" },
  columns: [
    ...RECORDING_HEAD,
    col("CardTableId", "INTEGER", "The card table. Required on INSERT.", { writable: true }),
    col("Title", "TEXT", "Column title.", { writable: true }),
    col("Type", "TEXT", "Kanban::Column, Kanban::Triage, Kanban::NotNowColumn or Kanban::DoneColumn."),
    col("Color", "TEXT", "Column color.", { writable: true }),
    col("Description", "TEXT", "Column description.", { writable: true }),
    col("CardsCount", "INTEGER", "Number of cards."),
    RAW,
  ],
  toRow: (r, ctx) => ({
    ...recordingHead(r, ctx),
    CardTableId: parentId(r) ?? ctx.parentId ?? null,
    Title: str(r.title),
    Type: str(r.type),
    Color: str(r.color),
    Description: str(r.description),
    CardsCount: num(r.cards_count),
  }),
};

export const CardTableCards: TableDef = {
  name: "CardTableCards",
  description: "Cards (recordings of type Kanban::Card), all statuses.",
  source: "recordings",
  recordingType: "Kanban::Card",
  writable: true,
  indexes: ["ProjectId", "UpdatedAt", "ColumnId"],
  recording: { type: "'Kanban::Card'", title: "Title", parentId: "ColumnId" },
  columns: [
    ...RECORDING_HEAD,
    col("ColumnId", "INTEGER", "The column it is in. Required on INSERT.", { writable: true }),
    col("Title", "TEXT", "Card title.", { writable: true }),
    col("Content", "TEXT", "Card notes (rich text HTML).", { writable: true }),
    col("DueOn", "TEXT", "Due date (YYYY-MM-DD).", { writable: true }),
    col("Completed", "INTEGER", "1 when completed."),
    col("AssigneeIds", "TEXT", "People assigned (JSON array of IDs).", { writable: true }),
    col("CommentsCount", "INTEGER", "Number of comments."),
    RAW,
  ],
  toRow: (r, ctx) => ({
    ...recordingHead(r, ctx),
    ColumnId: parentId(r),
    Title: str(r.title),
    Content: str(r.content),
    DueOn: str(r.due_on),
    Completed: bool(r.completed),
    AssigneeIds: idList(r.assignees ?? []),
    CommentsCount: num(r.comments_count ?? r.comment_count),
  }),
};

export const CardTableSteps: TableDef = {
  name: "CardTableSteps",
  description: "Steps on cards (recordings of type Kanban::Step), all statuses.",
  source: "recordings",
  recordingType: "Kanban::Step",
  indexes: ["ProjectId", "UpdatedAt", "CardId"],
  recording: { type: "'Kanban::Step'", title: "Title", parentId: "CardId" },
  columns: [
    ...RECORDING_HEAD,
    col("CardId", "INTEGER", "The card."),
    col("Title", "TEXT", "Step title."),
    col("Completed", "INTEGER", "1 when completed."),
    col("DueOn", "TEXT", "Due date (YYYY-MM-DD)."),
    col("AssigneeIds", "TEXT", "People assigned (JSON array of IDs)."),
    RAW,
  ],
  toRow: (r, ctx) => ({
    ...recordingHead(r, ctx),
    CardId: parentId(r),
    Title: str(r.title),
    Completed: bool(r.completed),
    DueOn: str(r.due_on),
    AssigneeIds: idList(r.assignees ?? []),
  }),
};

export const Campfires: TableDef = {
  name: "Campfires",
  description: "Campfires (project chats): GET /chats.json, plus the dock chat of archived and trashed projects.",
  source: "campfires",
  dockName: "chat",
  indexes: ["ProjectId"],
  recording: { type: "'Chat::Transcript'", title: "Title", parentId: "NULL" },
  columns: [...RECORDING_HEAD, col("Title", "TEXT", "Campfire title."), col("Topic", "TEXT", "Topic."), RAW],
  toRow: (r, ctx) => ({ ...recordingHead(r, ctx), Title: str(r.title), Topic: str(r.topic) }),
};

export const CampfireLines: TableDef = {
  name: "CampfireLines",
  description: "Chat lines of every campfire: GET /chats/{id}/lines.json, newest first, incremental down to the last seen line.",
  source: "campfire-lines",
  writable: true,
  indexes: ["ProjectId", "CreatedAt", "CampfireId"],
  recording: { type: "Type", title: "Content", parentId: "CampfireId" },
  columns: [
    ...RECORDING_HEAD,
    col("CampfireId", "INTEGER", "The campfire. Required on INSERT.", { writable: true }),
    col("Content", "TEXT", "What was said.", { writable: true }),
    col("Type", "TEXT", "Chat::Lines::Text, Chat::Lines::RichText or Chat::Lines::Upload."),
    RAW,
  ],
  toRow: (r, ctx) => ({ ...recordingHead(r, ctx), CampfireId: parentId(r) ?? ctx.parentId ?? null, Content: str(r.content), Type: str(r.type) }),
};

export const Questions: TableDef = {
  name: "Questions",
  description: "Automatic check-in questions: dock questionnaire → GET /questionnaires/{id}/questions.json.",
  source: "dock",
  dockName: "questionnaire",
  indexes: ["ProjectId", "QuestionnaireId"],
  recording: { type: "'Question'", title: "Title", parentId: "QuestionnaireId" },
  columns: [
    ...RECORDING_HEAD,
    col("QuestionnaireId", "INTEGER", "The project's check-ins tool."),
    col("Title", "TEXT", "The question."),
    col("Paused", "INTEGER", "1 while paused."),
    col("Frequency", "TEXT", "How often it is asked (every_day, every_week, …)."),
    col("AnswersCount", "INTEGER", "Number of answers."),
    RAW,
  ],
  toRow: (r, ctx) => ({
    ...recordingHead(r, ctx),
    QuestionnaireId: parentId(r) ?? ctx.parentId ?? null,
    Title: str(r.title),
    Paused: bool(r.paused),
    Frequency: str(objField(r.schedule, "frequency")),
    AnswersCount: num(r.answers_count),
  }),
};

export const QuestionAnswers: TableDef = {
  name: "QuestionAnswers",
  description: "Answers to check-in questions (recordings of type Question::Answer), all statuses.",
  source: "recordings",
  recordingType: "Question::Answer",
  indexes: ["ProjectId", "UpdatedAt", "QuestionId"],
  recording: { type: "'Question::Answer'", title: "Content", parentId: "QuestionId" },
  columns: [...RECORDING_HEAD, col("QuestionId", "INTEGER", "The question."), col("Content", "TEXT", "The answer (rich text HTML)."), col("GroupOn", "TEXT", "The day it answers for (YYYY-MM-DD)."), RAW],
  toRow: (r, ctx) => ({ ...recordingHead(r, ctx), QuestionId: parentId(r), Content: str(r.content), GroupOn: str(r.group_on) }),
};

export const Recordings: TableDef = {
  name: "Recordings",
  description: "Every recording of every table above in one view (UNION ALL): the common columns only.",
  source: "view",
  columns: [
    { name: "Id", type: "INTEGER", description: "Recording ID.", serverFilter: false, writable: false },
    { name: "ProjectId", type: "INTEGER", description: "Its project.", serverFilter: true, writable: false },
    { name: "Type", type: "TEXT", description: "Basecamp type (Todo, Message, Kanban::Card, …).", serverFilter: false, writable: false },
    { name: "Title", type: "TEXT", description: "Title, subject, content or name.", serverFilter: false, writable: false },
    { name: "Status", type: "TEXT", description: "active, archived or trashed.", serverFilter: true, writable: false },
    { name: "CreatedAt", type: "TEXT", description: "Created (ISO 8601).", serverFilter: false, writable: false },
    { name: "UpdatedAt", type: "TEXT", description: "Last changed (ISO 8601).", serverFilter: false, writable: false },
    { name: "CreatorId", type: "INTEGER", description: "Who created it.", serverFilter: false, writable: false },
    { name: "ParentId", type: "INTEGER", description: "Its parent recording.", serverFilter: false, writable: false },
    { name: "AppUrl", type: "TEXT", description: "Web URL.", serverFilter: false, writable: false },
  ],
};

