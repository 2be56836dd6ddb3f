// Every resource's update as data: the record's kind, and how each editable field is read
// from the record (reference §4) and written into the PUT body. Used by `Resource.edit`.
import type { IdLike } from "../ids.js";
import { copy, type EditSpec, type FieldRule } from "./edit.js";
import { bodyId, KIND, personIds } from "./kinds.js";
import { scheduleBody } from "./question-schedule.js";
import type { QuestionSchedule } from "../types/questionnaires.js";

/** People on the record (`assignees`) as the IDs a body takes (`assignee_ids`); null clears them. */
function people(key: string): FieldRule {
  return {
    // A record that does not show them gets none sent (rather than an empty list).
    from: (r) => (r[key] as Array<{ id: unknown }> | undefined)?.map((p) => p.id),
    to: (v, scope) => (v === null ? [] : personIds(v as IdLike[], scope)),
  };
}

/** A date-time sent as ISO text (a Date is converted). */
function time(key: string): FieldRule {
  return { from: (r) => r[key], to: (v) => (v instanceof Date ? v.toISOString() : v) };
}

/** The file name without its extension: what `base_name` means to an upload's PUT. */
function baseName(r: Record<string, unknown>): unknown {
  const name = typeof r.filename === "string" ? r.filename : undefined;
  const dot = name?.lastIndexOf(".") ?? -1;
  return name !== undefined && dot > 0 ? name.slice(0, dot) : name;
}

/** "9:00am" from an hour (0–23) and minute. */
/** A question's schedule as it reads, in the documented shape its PUT takes (`hour` and `minute`). */
function questionSchedule(r: Record<string, unknown>): unknown {
  const s = r.schedule as QuestionSchedule | null | undefined;
  if (!s) return undefined;
  return {
    frequency: s.frequency,
    days: s.days,
    hour: s.hour,
    minute: s.minute,
    week_instance: s.week_instance ?? undefined,
    week_interval: s.week_interval ?? undefined,
    month_interval: s.month_interval ?? undefined,
    start_date: s.start_date,
    end_date: s.end_date,
  };
}

const category: FieldRule = {
  // Docs examples may not show `category`: then none is sent (rather than null, which clears).
  from: (r) => ("category" in r ? ((r.category as { id: unknown } | null)?.id ?? null) : undefined),
  to: (v, scope) => (v === null ? null : bodyId(v as IdLike, KIND.messageType, "message type", scope)),
};

/** The project's dates as `schedule_attributes` (both or neither). */
function projectDates(r: Record<string, unknown>): unknown {
  return r.start_date && r.end_date ? { start_date: r.start_date, end_date: r.end_date } : undefined;
}

export const EDIT = {
  todo: {
    what: "to-do",
    types: ["Todo"],
    fields: { ...copy("content", "description", "due_on", "starts_on"), assignee_ids: people("assignees"), completion_subscriber_ids: people("completion_subscribers") },
  },
  todolist: { what: "to-do list", types: ["Todolist"], fields: copy("name", "description") },
  message: { what: "message", types: ["Message"], fields: { ...copy("subject", "content"), category_id: category } },
  comment: { what: "comment", types: ["Comment"], fields: copy("content") },
  document: { what: "document", types: ["Document"], fields: copy("title", "content") },
  vault: { what: "vault", types: ["Vault"], fields: copy("title") },
  upload: { what: "upload", types: ["Upload"], fields: { ...copy("description"), base_name: { from: baseName } } },
  schedule: { what: "schedule", types: ["Schedule"], fields: copy("include_due_assignments"), wrap: "schedule" },
  scheduleEntry: {
    what: "schedule entry",
    types: ["Schedule::Entry"],
    fields: { ...copy("summary", "description", "all_day"), starts_at: time("starts_at"), ends_at: time("ends_at"), participant_ids: people("participants") },
  },
  column: { what: "card table column", types: ["Kanban::Triage", "Kanban::Column", "Kanban::NotNowColumn", "Kanban::DoneColumn"], fields: copy("title", "description") },
  card: { what: "card", types: ["Kanban::Card"], fields: { ...copy("title", "content", "due_on"), assignee_ids: people("assignees") } },
  step: { what: "card step", types: ["Kanban::Step"], fields: { ...copy("title", "due_on"), assignee_ids: people("assignees") } },
  question: { what: "question", types: ["Question"], fields: { ...copy("title", "paused"), schedule: { from: questionSchedule, to: scheduleBody } }, wrap: "question" },
  answer: { what: "question answer", types: ["Question::Answer"], fields: copy("content", "group_on"), wrap: "question_answer" },
  project: { what: "project", keys: ["id", "name", "dock"], fields: { ...copy("name", "description"), schedule_attributes: { from: projectDates } } },
  messageType: { what: "message type", keys: ["id", "name", "icon"], fields: copy("name", "icon") },
} as const satisfies Record<string, EditSpec>;
