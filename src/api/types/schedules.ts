// Schedules and their entries.
import type { Id, Person, Recording } from "./common.js";

export interface Schedule extends Recording {
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

export interface ScheduleEntry extends Recording {
  /** Rich text (HTML). */
  description: string;
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
