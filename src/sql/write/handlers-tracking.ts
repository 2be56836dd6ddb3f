// Delivery of writes to TimesheetEntries and Boosts.
import type { Id } from "../../http/json.js";
import { decimal } from "../schema/index.js";
import { has, optId, toId, toStr, WriteValueError, type HandlerCtx, type HandlerResult, type TableHandlers } from "./handler-kit.js";

interface EntryBody {
  date?: string;
  hours?: string;
  description?: string;
  person_id?: Id;
}

/** Hours as Basecamp takes them: a decimal ("1.5") or hours and minutes ("1:30"). */
function hours(v: unknown): string {
  const s = toStr(v).trim();
  if (/^\d+:[0-5]\d$/.test(s)) return s;
  const n = decimal(v);
  if (n === null || !(n > 0) || n > 24) throw new WriteValueError(`TimesheetEntries.Hours must be more than 0 and at most 24, as a decimal (1.5) or hours and minutes ('1:30'); got ${JSON.stringify(s)}`);
  return String(n);
}

function entryBody(p: Record<string, unknown>): EntryBody {
  const b: EntryBody = {};
  if (has(p, "Date")) b.date = toStr(p.Date);
  if (has(p, "Hours")) b.hours = hours(p.Hours);
  if (has(p, "Description")) b.description = toStr(p.Description);
  const person = has(p, "PersonId") ? optId(p.PersonId, "TimesheetEntries.PersonId") : undefined;
  if (person !== undefined && person !== null) b.person_id = person;
  return b;
}

const upsert = (table: string, rec: unknown, resultId: Id): HandlerResult => ({ resultId, change: { upserts: [{ table, records: [rec] }], deletes: [] } });
const removed = (table: string, id: Id): HandlerResult => ({ resultId: id, change: { upserts: [], deletes: [{ table, id }] } });

/** The body as the client types it (the reference leaves out `description`, which Basecamp takes). */
type Sent = { date: string; hours: string };

export const timesheetHandlers: TableHandlers = {
  async insert(h: HandlerCtx) {
    const p = h.entry.payload;
    const recording = toId(p.RecordingId, "TimesheetEntries.RecordingId");
    const body = entryBody(p) as unknown as Sent;
    const e = await h.client.timesheets.create(recording, body, { signal: h.signal });
    return upsert("TimesheetEntries", e, e.id);
  },
  async update(h) {
    const id = toId(h.entry.rowId, "TimesheetEntries.Id");
    const body = entryBody(h.entry.payload) as unknown as Sent;
    const e = await h.client.timesheets.update(id, body, { signal: h.signal });
    return upsert("TimesheetEntries", e ?? (await h.client.timesheets.get(id, { signal: h.signal })), id);
  },
  async delete(h) {
    const id = toId(h.entry.rowId, "TimesheetEntries.Id");
    await h.client.timesheets.delete(id, { signal: h.signal });
    return removed("TimesheetEntries", id);
  },
};

export const boostHandlers: TableHandlers = {
  async insert(h) {
    const p = h.entry.payload;
    const recording = toId(p.RecordingId, "Boosts.RecordingId");
    const b = await h.client.boosts.boost(recording, { content: toStr(p.Content) }, { signal: h.signal });
    return { resultId: b.id, change: { upserts: [{ table: "Boosts", records: [b], ctx: { parentId: recording, projectId: (p.ProjectId as Id | undefined) ?? null } }], deletes: [] } };
  },
  async update() {
    throw new WriteValueError("UPDATE on Boosts is not supported: Basecamp can't edit a boost. DELETE it and INSERT a new one.");
  },
  async delete(h) {
    const id = toId(h.entry.rowId, "Boosts.Id");
    await h.client.boosts.delete(id, { signal: h.signal });
    return removed("Boosts", id);
  },
};
