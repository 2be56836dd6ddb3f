// Automatic check-ins: questionnaires, questions and answers, derived from the reference
// schemas of the same names (./schemas.ts; checked in reference-check.ts).
import type { ParentRef, Recording } from "./common.js";
import type { Rest, RichTextAttachment, Schema } from "./schemas.js";

export interface Questionnaire extends Recording, Rest<Schema<"Questionnaire">, Recording> {
  name: string;
  questions_count: number;
  questions_url: string;
}

/** Plain integers and strings in the reference: the fields that do not apply are left out. */
export interface QuestionSchedule extends Schema<"QuestionSchedule"> {
  frequency: string;
  days: number[];
  hour: number;
  minute: number;
  /** every_month: which week of the month (1–5). */
  week_instance?: number;
  /** every_week: every how many weeks. */
  week_interval?: number;
  /** every_month: every how many months. */
  month_interval?: number;
  start_date: string;
  /** Left out when the question runs on with no end. */
  end_date?: string;
}

export interface Question extends Recording, Rest<Schema<"Question">, Recording> {
  /** The questionnaire. */
  parent: ParentRef;
  paused: boolean;
  schedule: QuestionSchedule;
  answers_count: number;
  answers_url: string;
}

export interface QuestionAnswer extends Recording, Rest<Schema<"QuestionAnswer">, Recording> {
  /** The question. */
  parent: ParentRef;
  /** Rich text (HTML). */
  content: string;
  content_attachments: RichTextAttachment[];
  /** The day it answers (YYYY-MM-DD). */
  group_on: string;
}

/**
 * The documented schedule: `frequency`, `days`, `hour`, `minute`. `time_of_day` ("9:00am",
 * "4:30pm") may stand in for hour and minute; it is sent as them.
 */
export interface QuestionScheduleInput {
  frequency: "every_day" | "every_week" | "every_other_week" | "every_month" | "on_certain_days";
  /** 0–23. */
  hour?: number;
  /** 0–59 (default 0 with `hour`). */
  minute?: number;
  /** "9:00am", "4:30pm": another way to give hour and minute. */
  time_of_day?: string;
  /** Weekdays 0..6 (or "0".."6"), 0 = Sunday; may be left out for `every_day` (all seven). */
  days?: Array<string | number>;
  week_instance?: number;
  week_interval?: number;
  month_interval?: number;
  start_date?: string;
  end_date?: string | null;
}

export interface NewQuestion {
  title: string;
  schedule: QuestionScheduleInput;
}

export interface QuestionUpdate {
  title?: string;
  /** Schedule fields left out keep their current values. */
  schedule?: Partial<QuestionScheduleInput>;
  paused?: boolean;
}

export interface NewAnswer {
  content: string;
  /** The day answered (YYYY-MM-DD); default today. */
  group_on?: string;
}
