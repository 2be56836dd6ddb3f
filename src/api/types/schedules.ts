// Schedules and their entries, derived from the reference schemas Schedule and ScheduleEntry
// (./schemas.ts; checked in reference-check.ts). RecurrenceSchedule has no reference schema.
import type { Id, ParentRef, Person, Recording } from "./common.js";
import type { Rest, RichTextAttachment, Schema } from "./schemas.js";

export interface Schedule extends Recording, Rest<Schema<"Schedule">, Recording> {
  position: number;
  include_due_assignments: boolean;
  entries_count: number;
  entries_url: string;
}

export interface RecurrenceSchedule {
  frequency: string;
  days: number[];
  hour: number;
  minute: number;
  week_instance: number | null;
  start_date: string;
  end_date: string | null;
}

export interface ScheduleEntry extends Recording, Rest<Schema<"ScheduleEntry">, Recording> {
  /** The schedule. */
  parent: ParentRef;
  /** Rich text (HTML). */
  description: string;
  description_attachments: RichTextAttachment[];
  summary: string;
  all_day: boolean;
  starts_at: string;
  ends_at: string;
  participants: Person[];
  recurrence_schedule?: RecurrenceSchedule;
}

export interface NewScheduleEntry {
  summary: string;
  /** ISO 8601 date-time (a Date is converted). */
  starts_at: string | Date;
  ends_at: string | Date;
  description?: string;
  participant_ids?: Id[];
  all_day?: boolean;
  notify?: boolean;
}

export type ScheduleEntryUpdate = Partial<NewScheduleEntry>;

export interface ScheduleUpdate {
  include_due_assignments: boolean;
}
