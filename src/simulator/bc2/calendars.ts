// Basecamp 2 account calendars (standalone, not a project's) and their events. BC4 has no such
// thing, so both are store collections: `bc2Calendars` ({name, accessIds}) and
// `bc2CalendarEvents` ({calendarId, summary, description, allDay, startsAt, endsAt, remindAt,
// subscriberIds}). Deletes are real. Admins and the owner see every calendar; others only those
// they have access to. Calendars have no clients, so their events cannot be private.
import type { SimContext } from "../context.js";
import { forbidden, noContent, notFound, sendJson, validationFailed } from "../internal/respond.js";
import { iso, type Json } from "../render.js";
import { bodyOf, optionalString, pathId } from "../router.js";
import type { Id, Item, Person } from "../store/model.js";
import type { Store } from "../store/store.js";
import { register as registerCalendarEvents, readEventBody, renderEvent, selectEvents, type EventView, type Which } from "./calendar-events.js";
import { bc2Ctx, created, sendPage, type Bc2Ctx, type Bc2Router } from "./router.js";
import { personSummary, renderPerson } from "./render.js";

export const CALENDARS = "bc2Calendars";
export const CALENDAR_EVENTS = "bc2CalendarEvents";
const SEEDED = "bc2Seeded";

/**
 * A fresh account gets one calendar that everyone but clients shares, with a couple of events
 * around "now" (once per store; an account with no projects gets none).
 */
export function ensureCalendars(store: Store): void {
  const marks = store.collection(SEEDED);
  if ([...marks.values()].some((m) => m.what === "calendars")) return;
  const owner = store.account.ownerId;
  store.addItem(SEEDED, { what: "calendars", creatorId: owner });
  if (store.projects.size === 0) return;
  const staff = [...store.people.values()].filter((p) => !p.client).map((p) => p.id);
  const cal = store.addItem(CALENDARS, { name: "Company calendar", accessIds: staff.length ? staff : [owner], creatorId: owner });
  const today = Math.floor(store.now() / 86_400_000) * 86_400_000;
  store.addItem(CALENDAR_EVENTS, { calendarId: cal.id, summary: "Company offsite", description: "", allDay: true, startsAt: today + 14 * 86_400_000, endsAt: today + 15 * 86_400_000, remindAt: null, subscriberIds: [owner], creatorId: owner });
  store.addItem(CALENDAR_EVENTS, { calendarId: cal.id, summary: "All-hands", description: "Quarterly review", allDay: false, startsAt: today - 7 * 86_400_000 + 16 * 3_600_000, endsAt: today - 7 * 86_400_000 + 17 * 3_600_000, remindAt: null, subscriberIds: [owner], creatorId: owner });
}

function calendars(c: SimContext): Map<Id, Item> {
  ensureCalendars(c.var.sim.store);
  return c.var.sim.store.collection(CALENDARS);
}

function sees(me: Person, cal: Item): boolean {
  return me.admin || me.owner || (cal.accessIds as Id[]).includes(me.id);
}

function findCalendar(c: SimContext, param = "calendarId"): Item {
  const cal = calendars(c).get(pathId(c, param));
  if (!cal || !sees(c.var.me, cal)) throw notFound();
  return cal;
}

function requireManager(c: SimContext, cal: Item, what: string): void {
  const me = c.var.me;
  if (!me.admin && !me.owner && cal.creatorId !== me.id) throw forbidden(`Only the calendar's creator or an admin can ${what} it.`);
}

function eventsOf(store: Store, calId: Id): Item[] {
  return [...store.collection(CALENDAR_EVENTS).values()].filter((e) => e.calendarId === calId);
}

function calendarUrl(ctx: Bc2Ctx, id: Id): string {
  return `${ctx.base}/calendars/${id}`;
}

function renderSummary(ctx: Bc2Ctx, cal: Item): Json {
  return { id: cal.id, name: cal.name, updated_at: iso(cal.updatedAt), url: `${calendarUrl(ctx, cal.id)}.json`, app_url: `${ctx.appBase}/calendars/${cal.id}` };
}

function renderCalendar(ctx: Bc2Ctx, cal: Item): Json {
  const events = eventsOf(ctx.store, cal.id);
  const base = calendarUrl(ctx, cal.id);
  return {
    id: cal.id,
    name: cal.name,
    created_at: iso(cal.createdAt),
    updated_at: iso(cal.updatedAt),
    creator: personSummary(ctx, cal.creatorId),
    accesses: { count: (cal.accessIds as Id[]).length, updated_at: iso(cal.updatedAt), url: `${base}/accesses.json`, app_url: `${ctx.appBase}/calendars/${cal.id}/accesses` },
    calendar_events: {
      count: events.length,
      updated_at: events.length ? iso(Math.max(...events.map((e) => e.updatedAt))) : null,
      urls: { upcoming: `${base}/calendar_events.json`, past: `${base}/calendar_events/past.json` },
    },
    url: `${base}.json`,
    app_url: `${ctx.appBase}/calendars/${cal.id}`,
  };
}

function itemView(e: Item): EventView {
  return {
    id: e.id,
    summary: String(e.summary),
    description: String(e.description ?? ""),
    allDay: e.allDay === true,
    startsAt: e.startsAt as number,
    endsAt: e.endsAt as number,
    remindAt: typeof e.remindAt === "number" ? e.remindAt : null,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    creatorId: e.creatorId,
    private: false,
    trashed: false,
    subscriberIds: (e.subscriberIds as Id[] | undefined) ?? [],
    comments: [],
    owner: { kind: "calendars", id: e.calendarId as Id },
  };
}

/** Events of every calendar the signed-in person sees (for the account-wide list). */
function visibleCalendarEvents(c: SimContext): EventView[] {
  const store = c.var.sim.store;
  const seen = new Set([...calendars(c).values()].filter((cal) => sees(c.var.me, cal)).map((cal) => cal.id));
  return [...store.collection(CALENDAR_EVENTS).values()].filter((e) => seen.has(e.calendarId as Id)).map(itemView);
}

function findEvent(c: SimContext): { cal: Item; ev: Item } {
  const cal = findCalendar(c);
  const ev = c.var.sim.store.collection(CALENDAR_EVENTS).get(pathId(c, "id"));
  if (!ev || ev.calendarId !== cal.id) throw notFound();
  return { cal, ev };
}

function listEvents(which: Which) {
  return (c: SimContext) => {
    const cal = findCalendar(c);
    const ctx = bc2Ctx(c);
    const views = selectEvents(c, eventsOf(ctx.store, cal.id).map(itemView), which);
    return sendPage(c, views, (v) => renderEvent(ctx, v), (v) => v.updatedAt);
  };
}

function calendarName(c: SimContext, required: boolean): string | undefined {
  const name = optionalString(bodyOf(c), "name");
  if ((required && name === undefined) || (name !== undefined && name.trim() === "")) throw validationFailed({ name: ["can't be blank"] });
  return name?.trim();
}

export function register(r: Bc2Router): void {
  r.get("/calendars", (c) => {
    const ctx = bc2Ctx(c);
    const list = [...calendars(c).values()].filter((cal) => sees(c.var.me, cal)).sort((a, b) => String(a.name).localeCompare(String(b.name)) || (a.id < b.id ? -1 : 1));
    return sendPage(c, list, (cal) => renderSummary(ctx, cal), (cal) => cal.updatedAt);
  });
  r.get("/calendars/:calendarId", (c) => {
    const cal = findCalendar(c);
    return sendJson(c, renderCalendar(bc2Ctx(c), cal), { lastModified: cal.updatedAt });
  });
  r.post("/calendars", (c) => {
    if (c.var.me.client) throw forbidden("Clients cannot create calendars.");
    const name = calendarName(c, true)!;
    ensureCalendars(c.var.sim.store);
    const cal = c.var.sim.store.addItem(CALENDARS, { name, accessIds: [c.var.me.id], creatorId: c.var.me.id });
    const ctx = bc2Ctx(c);
    return created(c, renderCalendar(ctx, cal), `${calendarUrl(ctx, cal.id)}.json`);
  });
  r.put("/calendars/:calendarId", (c) => {
    const cal = findCalendar(c);
    requireManager(c, cal, "rename");
    const name = calendarName(c, false);
    if (name !== undefined) c.var.sim.store.updateItem(CALENDARS, cal, { name });
    return sendJson(c, renderCalendar(bc2Ctx(c), cal));
  });
  r.delete("/calendars/:calendarId", (c) => {
    const store = c.var.sim.store;
    const cal = findCalendar(c);
    requireManager(c, cal, "delete");
    for (const e of eventsOf(store, cal.id)) store.removeItem(CALENDAR_EVENTS, e.id);
    store.removeItem(CALENDARS, cal.id);
    return noContent(c);
  });
  r.get("/calendars/:calendarId/accesses", (c) => {
    const cal = findCalendar(c);
    const ctx = bc2Ctx(c);
    const people = (cal.accessIds as Id[]).map((id) => ctx.store.people.get(id)).filter((p): p is Person => p !== undefined);
    return sendPage(c, people, (p) => ({ ...renderPerson(ctx, p), is_client: p.client }), (p) => p.updatedAt);
  });

  r.get("/calendars/:calendarId/calendar_events", listEvents("upcoming"));
  r.get("/calendars/:calendarId/calendar_events/past", listEvents("past"));
  r.get("/calendars/:calendarId/calendar_events/:id", (c) => {
    const { ev } = findEvent(c);
    return sendJson(c, renderEvent(bc2Ctx(c), itemView(ev), { full: true }), { lastModified: ev.updatedAt });
  });
  r.post("/calendars/:calendarId/calendar_events", (c) => {
    const cal = findCalendar(c);
    const f = readEventBody(c, true, undefined, false);
    const me = c.var.me.id;
    const ev = c.var.sim.store.addItem(CALENDAR_EVENTS, {
      calendarId: cal.id, summary: f.summary, description: f.description ?? "", allDay: f.allDay ?? false,
      startsAt: f.startsAt, endsAt: f.endsAt, remindAt: f.remindAt ?? null, subscriberIds: [me], creatorId: me,
    });
    const body = renderEvent(bc2Ctx(c), itemView(ev), { full: true });
    return created(c, body, body.url as string);
  });
  r.put("/calendars/:calendarId/calendar_events/:id", (c) => {
    const { ev } = findEvent(c);
    const f = readEventBody(c, false, itemView(ev), false);
    const changes = Object.fromEntries(Object.entries(f).filter(([k, v]) => v !== undefined && k !== "private"));
    c.var.sim.store.updateItem(CALENDAR_EVENTS, ev, changes);
    return sendJson(c, renderEvent(bc2Ctx(c), itemView(ev), { full: true }));
  });
  // Not a line of the reference list, but the docs say deleting works "the same for /calendars/".
  r.delete("/calendars/:calendarId/calendar_events/:id", (c) => {
    const { ev } = findEvent(c);
    c.var.sim.store.removeItem(CALENDAR_EVENTS, ev.id);
    return noContent(c);
  });

  registerCalendarEvents(r, visibleCalendarEvents);
}
