// Schedules and schedule entries (events on a project's calendar).
import type { PageIterator } from "../../http/pagination.js";
import type { IdLike, UrlScope } from "../ids.js";
import { EDIT } from "../internal/editable.js";
import { KIND, personIds } from "../internal/kinds.js";
import { Resource } from "../resource.js";
import type { NewScheduleEntry, Schedule, ScheduleEntry, ScheduleUpdate, Signal, StatusListOptions } from "../types.js";

export type ScheduleEntryInput = Omit<NewScheduleEntry, "participant_ids"> & { participant_ids?: IdLike[] };
/** What `updateEntry` may change; `description: null` clears it, participants left out are kept. */
export type ScheduleEntryChanges = Partial<Omit<ScheduleEntryInput, "description">> & { description?: string | null };

function entryBody(e: ScheduleEntryInput, scope: UrlScope | undefined) {
  const time = (v: string | Date | undefined) => (v instanceof Date ? v.toISOString() : v);
  return { ...e, starts_at: time(e.starts_at), ends_at: time(e.ends_at), participant_ids: personIds(e.participant_ids, scope) };
}

/** YYYYMMDD of a date given as Date, "YYYY-MM-DD" or "YYYYMMDD". */
function compactDate(d: string | Date): string {
  const s = d instanceof Date ? d.toISOString().slice(0, 10) : d.trim();
  const digits = s.replace(/-/g, "");
  if (!/^\d{8}$/.test(digits)) throw new TypeError(`Expected a date like 2024-05-01 or 20240501; got ${JSON.stringify(s)}`);
  return digits;
}

export class Schedules extends Resource {
  private sid(id: IdLike): string {
    return this.id(id, KIND.schedule, "schedule");
  }

  private eid(id: IdLike): string {
    return this.id(id, KIND.scheduleEntry, "schedule entry");
  }

  async get(scheduleId: IdLike, opts: Signal = {}): Promise<Schedule> {
    return this.read<Schedule>(`/schedules/${this.sid(scheduleId)}.json`, undefined, opts);
  }

  /** Whether the schedule shows to-dos and cards with due dates (reads the schedule first). */
  async update(scheduleId: IdLike, changes: ScheduleUpdate, opts: Signal = {}): Promise<Schedule> {
    return this.edit<Schedule>(EDIT.schedule, `/schedules/${this.sid(scheduleId)}.json`, changes, opts);
  }

  entries(scheduleId: IdLike, opts: StatusListOptions = {}): PageIterator<ScheduleEntry> {
    const { status, ...page } = opts;
    return this.iterate<ScheduleEntry>(`/schedules/${this.sid(scheduleId)}/entries.json`, { ...page, query: { status } });
  }

  async entry(entryId: IdLike, opts: Signal = {}): Promise<ScheduleEntry> {
    return this.read<ScheduleEntry>(`/schedule_entries/${this.eid(entryId)}.json`, undefined, opts);
  }

  async createEntry(scheduleId: IdLike, entry: ScheduleEntryInput, opts: Signal = {}): Promise<ScheduleEntry> {
    return this.send<ScheduleEntry>("POST", `/schedules/${this.sid(scheduleId)}/entries.json`, entryBody(entry, this.road.urlScope), opts);
  }

  /** Change some fields and keep the rest (reads the entry, sends it whole); `description: null` clears it. */
  async updateEntry(entryId: IdLike, changes: ScheduleEntryChanges, opts: Signal = {}): Promise<ScheduleEntry> {
    return this.edit<ScheduleEntry>(EDIT.scheduleEntry, `/schedule_entries/${this.eid(entryId)}.json`, changes, opts);
  }

  /** One occurrence of an entry on a day (recurring entries; a one-off has one, on its start day). */
  async occurrence(entryId: IdLike, date: string | Date, opts: Signal = {}): Promise<ScheduleEntry> {
    return this.read<ScheduleEntry>(`/schedule_entries/${this.eid(entryId)}/occurrences/${compactDate(date)}.json`, undefined, opts);
  }
}
