// Basecamp 2 calendars, calendar events (entries on a calendar) and events (the activity feed).
import type { Id } from "../../http/json.js";
import type { Bc2AttachedFile, Bc2Bucket, Bc2Counter, Bc2Discussion, Bc2PersonRef, Bc2RecordRef } from "./types-common.js";

// ---- calendars ----

/** A calendar in ListCalendars (alphabetical). */
export interface Bc2CalendarSummary {
  id: Id;
  name: string;
  updated_at: string;
  url: string;
}

/** One calendar with counters for its accesses and events (GetCalendar, CreateCalendar, UpdateCalendar). */
export interface Bc2Calendar {
  id: Id;
  name: string;
  created_at: string;
  updated_at: string;
  creator: Bc2PersonRef;
  accesses: Bc2Counter;
  calendar_events: {
    count: number;
    updated_at: string | null;
    /** Where to list upcoming and past events. */
    urls: { upcoming: string; past: string };
  };
}

/** CreateCalendar's body. */
export interface Bc2NewCalendar {
  name: string;
}

/** UpdateCalendar's body. */
export interface Bc2CalendarChanges {
  name?: string;
}

// ---- calendar events ----

/** How a recurring calendar event repeats. `count` and `until` never both set; both null = forever. */
export interface Bc2Recurring {
  frequency: "daily" | "weekly" | "monthly" | "yearly";
  /** How many times it occurs. */
  count: number | null;
  /** Date of the last occurrence. */
  until: string | null;
  /** 1-based numbers of the skipped occurrences. */
  excluding: number[];
}

/** Fields every calendar event entry has, occurrences of a recurring one included. */
export interface Bc2CalendarEventBase {
  summary: string;
  description: string;
  all_day: boolean;
  /** A date ("2012-03-28") for all-day events, else a time with zone. */
  starts_at: string;
  ends_at: string;
  comments_count?: number;
  private: boolean;
  trashed: boolean;
  creator: Bc2PersonRef;
}

/** A calendar event in a list (upcoming or past, of a project or a calendar). */
export interface Bc2CalendarEventSummary extends Bc2CalendarEventBase {
  id: Id;
  created_at: string;
  updated_at: string;
  /** Only on recurring events. */
  recurring?: Bc2Recurring;
  url: string;
  app_url: string;
}

/**
 * One later occurrence of a recurring event, as date-window lists (`?start_date=`) include
 * them: no ID or URL of its own, only a pointer to the original ("master") event.
 */
export interface Bc2CalendarEventRecurrence extends Bc2CalendarEventBase {
  recurrence: {
    /** 1 for the first repeat, 2 for the second… */
    number: number;
    master: { id: Id; url: string; app_url: string };
  };
}

/** What the upcoming-event lists hold: events, and with `?start_date=` also their repeats. */
export type Bc2CalendarEventListItem = Bc2CalendarEventSummary | Bc2CalendarEventRecurrence;

/** One calendar event with its comments (Get/Create/Update(Project)CalendarEvent). */
export interface Bc2CalendarEvent extends Bc2CalendarEventSummary, Bc2Discussion {}

/** Create(Project)CalendarEvent body: a date for all-day events, else a time with zone. */
export interface Bc2NewCalendarEvent {
  summary: string;
  description?: string;
  all_day?: boolean;
  starts_at: string;
  ends_at?: string;
  /** Reminder email to subscribers; at most three days before `starts_at`, not after it. */
  remind_at?: string;
  /** Hide from clients (project events in client projects only). */
  private?: boolean;
}

/** Update(Project)CalendarEvent body. */
export type Bc2CalendarEventChanges = Partial<Bc2NewCalendarEvent>;

// ---- events (activity) ----

/**
 * One entry of the activity feed (ListEvents, ListProjectEvents, ListPersonEvents).
 * `bucket` only account-wide; `creator` not when listed per person.
 */
export interface Bc2Event {
  id: Id;
  created_at: string;
  /** Differs from created_at when the record was corrected shortly after. */
  updated_at: string;
  private: boolean;
  /** What happened, as HTML ("created a to-do list<span>:</span>"). */
  action: string;
  /** Title of the record acted on. */
  target: string;
  eventable: Bc2RecordRef;
  creator?: Bc2PersonRef;
  bucket?: Bc2Bucket;
  /** On comment events. */
  attachments?: Bc2AttachedFile[];
  excerpt?: string;
  raw_excerpt?: string;
  summary: string;
  url: string;
  html_url: string;
}
