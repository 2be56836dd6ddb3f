// Automatic check-ins: questionnaires, questions and answers.
import type { Recording } from "./common.js";

export interface Questionnaire extends Recording {
  name: string;
  questions_count: number;
  questions_url: string;
}

export interface QuestionSchedule {
  frequency: string;
  days: number[];
  hour: number;
  minute: number;
  week_instance: number | null;
  week_interval: number | null;
  month_interval: number | null;
  start_date: string;
  end_date: string | null;
}

export interface Question extends Recording {
  paused: boolean;
  schedule: QuestionSchedule | null;
  answers_count: number;
  answers_url: string;
}

export interface QuestionAnswer extends Recording {
  /** Rich text (HTML). */
  content: string;
  /** The day it answers (YYYY-MM-DD). */
  group_on: string;
}

export interface QuestionScheduleInput {
  frequency: "every_day" | "every_week" | "every_other_week" | "every_month" | "on_certain_days";
  /** "9:00am", "4:30pm". */
  time_of_day: string;
  /** Weekdays "0".."6", 0 = Sunday. */
  days: Array<string | number>;
  week_instance?: number;
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
