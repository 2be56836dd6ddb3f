// Basecamp 2 calendar events: entries on a project's calendar (the project's BC4 Schedule::Entry
// recordings, so BC4 and its webhooks see every change) and on account calendars (the
// `bc2CalendarEvents` collection, see calendars.ts). Both render through one view.
//
// Lists: upcoming (ending today or later, soonest first), past (ended before now, latest first),
// or with `?start_date=` a window of six weeks (or up to `end_date`, inclusive). All-day events
// carry dates (`2014-07-10`), timed ones ISO times.
import type { SimContext } from "../context.js";
import { badRequest, forbidden, noContent, sendJson, validationFailed } from "../internal/respond.js";
import { iso, type Json } from "../render.js";
import { bodyOf, optionalBool, optionalString } from "../router.js";
import { richText } from "../rich-text-fields.js";
import type { Id, Project, Recording } from "../store/model.js";
import { bc2Ctx, bc2Project, bc2Recording, created, requireNotTrashed, sendPage, visibleProjects, type Bc2Ctx, type Bc2Router } from "./router.js";
import { bucket, personSummary, renderComment } from "./render.js";

const DAY = 86_400_000;
const SIX_WEEKS = 42 * DAY;

/** One calendar event as BC2 shows it, whatever it is stored as. */
export interface EventView {
  id: Id;
  summary: string;
  description: string;
  allDay: boolean;
  startsAt: number;
  endsAt: number;
  remindAt: number | null;
  createdAt: number;
  updatedAt: number;
  creatorId: Id;
  private: boolean;
  trashed: boolean;
  subscriberIds: Id[];
  /** Comments (project events only). */
  comments: Recording[];
  /** `{base}/projects/1` or `{base}/calendars/1` (without the base). */
  owner: { kind: "projects" | "calendars"; id: Id };
}

export function entryView(c: SimContext, e: Recording): EventView {
  const store = c.var.sim.store;
  const project = store.projects.get(e.bucketId);
  const start = e.startsAt ?? e.createdAt;
  return {
    id: e.id,
    summary: e.title,
    description: e.description ?? "",
    allDay: e.allDay ?? false,
    startsAt: start,
    endsAt: e.endsAt ?? start,
    remindAt: typeof e.data?.remindAt === "number" ? e.data.remindAt : null,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    creatorId: e.creatorId,
    private: (project?.clientsEnabled ?? false) && !e.visibleToClients,
    trashed: e.status === "trashed",
    subscriberIds: e.subscriberIds,
    comments: store.childrenOf(e.id, ["Comment"]).filter((x) => x.status !== "trashed"),
    owner: { kind: "projects", id: e.bucketId },
  };
}

function when(ms: number, allDay: boolean): string {
  return allDay ? iso(ms).slice(0, 10) : iso(ms);
}

export function renderEvent(ctx: Bc2Ctx, v: EventView, opts: { full?: boolean; withBucket?: boolean } = {}): Json {
  const path = `${v.owner.kind}/${v.owner.id}/calendar_events/${v.id}`;
  const out: Json = {
    id: v.id,
    summary: v.summary,
    description: v.description,
    created_at: iso(v.createdAt),
    updated_at: iso(v.updatedAt),
    all_day: v.allDay,
    starts_at: when(v.startsAt, v.allDay),
    ends_at: when(v.endsAt, v.allDay),
    remind_at: v.remindAt === null ? null : iso(v.remindAt),
    comments_count: v.comments.length,
    private: v.private,
    trashed: v.trashed,
    creator: personSummary(ctx, v.creatorId),
    url: `${ctx.base}/${path}.json`,
    app_url: `${ctx.appBase}/${path}`,
  };
  if (opts.withBucket) {
    if (v.owner.kind === "projects") out.bucket = bucket(ctx, v.owner.id);
    else {
      const cal = ctx.store.collection("bc2Calendars").get(v.owner.id);
      out.bucket = { id: v.owner.id, name: String(cal?.name ?? ""), type: "Calendar", url: `${ctx.base}/calendars/${v.owner.id}.json`, app_url: `${ctx.appBase}/calendars/${v.owner.id}` };
    }
  }
  if (opts.full) {
    out.comments = v.comments.map((x) => renderComment(ctx, x));
    out.subscribers = v.subscriberIds.map((id) => personSummary(ctx, id));
  }
  return out;
}

// ---- dates -----------------------------------------------------------------------------------

const TIME_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** A BC2 date or time: `{ ms, dateOnly }`; 400 when malformed (as the docs say). */
export function parseWhen(field: string, v: unknown): { ms: number; dateOnly: boolean } {
  const bad = () => badRequest(`${field} must be a date (2012-03-28) or a time with zone (2012-03-28T11:50:00-05:00).`);
  if (typeof v !== "string") throw bad();
  const m = TIME_RE.exec(v.trim());
  if (!m) throw bad();
  const [, y, mo, d, h, mi, s = "00", frac = "", zone = "Z"] = m;
  if (new Date(Date.UTC(+y, +mo - 1, +d)).toISOString().slice(0, 10) !== `${y}-${mo}-${d}`) throw bad();
  if (h === undefined) return { ms: Date.UTC(+y, +mo - 1, +d), dateOnly: true };
  const z = zone.toUpperCase() === "Z" ? "Z" : zone.includes(":") ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${frac}${z}`);
  if (Number.isNaN(ms)) throw bad();
  return { ms, dateOnly: false };
}

function dateQuery(c: SimContext, name: string): number | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === "") return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) throw badRequest(`${name} must be a date in YYYY-MM-DD form.`);
  return parseWhen(name, raw).ms;
}

export type Which = "upcoming" | "past";

/** Filter and order events for a list: `?start_date=` (and `end_date`) windows, else upcoming/past. */
export function selectEvents(c: SimContext, views: EventView[], which: Which): EventView[] {
  const live = views.filter((v) => !v.trashed);
  const start = which === "upcoming" ? dateQuery(c, "start_date") : undefined;
  if (start !== undefined) {
    const endDate = dateQuery(c, "end_date");
    if (endDate !== undefined && endDate < start) throw badRequest("end_date must not be before start_date.");
    const end = endDate !== undefined ? endDate + DAY : start + SIX_WEEKS;
    return live.filter((v) => v.startsAt < end && dayEnd(v) > start).sort(soonest);
  }
  const now = c.var.sim.store.now();
  if (which === "past") return live.filter((v) => dayEnd(v) <= now).sort((a, b) => -soonest(a, b));
  return live.filter((v) => dayEnd(v) > now).sort(soonest);
}

/** When an event is over: all-day events last to the end of their last day. */
function dayEnd(v: EventView): number {
  return v.allDay ? v.endsAt + DAY : Math.max(v.endsAt, v.startsAt + 1);
}

function soonest(a: EventView, b: EventView): number {
  return a.startsAt - b.startsAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

// ---- writes ----------------------------------------------------------------------------------

export interface EventFields {
  summary?: string;
  description?: string;
  allDay?: boolean;
  startsAt?: number;
  endsAt?: number;
  remindAt?: number | null;
  private?: boolean;
}

/**
 * Read a create (`creating`) or update body against the event's current values: `summary` and
 * `starts_at` are required on create (422 / 400); `ends_at` defaults to `starts_at`; a date-only
 * `starts_at` makes an all-day event unless `all_day` says otherwise; `remind_at` must fall in
 * the three days before `starts_at`.
 */
export function readEventBody(c: SimContext, creating: boolean, current?: EventView, canBePrivate = true): EventFields {
  const body = bodyOf(c);
  const out: EventFields = {};
  const summary = optionalString(body, "summary");
  if (summary !== undefined || creating) {
    if (summary === undefined || summary.trim() === "") throw validationFailed({ summary: ["can't be blank"] });
    out.summary = summary.trim();
  }
  const description = optionalString(body, "description");
  if (description !== undefined) out.description = richText(c.var.sim.store, "description", description);
  if (creating && body.starts_at === undefined) throw badRequest("starts_at is required: a date (2012-03-28) or a time with zone.");
  const starts = body.starts_at !== undefined ? parseWhen("starts_at", body.starts_at) : undefined;
  const ends = body.ends_at !== undefined && body.ends_at !== null ? parseWhen("ends_at", body.ends_at) : undefined;
  const allDay = optionalBool(body, "all_day") ?? (starts ? starts.dateOnly : undefined);
  const finalAllDay = allDay ?? current?.allDay ?? false;
  const dayOf = (ms: number) => (finalAllDay ? Date.UTC(new Date(ms).getUTCFullYear(), new Date(ms).getUTCMonth(), new Date(ms).getUTCDate()) : ms);
  const startsAt = starts ? dayOf(starts.ms) : current ? dayOf(current.startsAt) : undefined;
  let endsAt = ends ? dayOf(ends.ms) : starts ? startsAt : current ? dayOf(current.endsAt) : undefined;
  if (startsAt !== undefined && endsAt !== undefined && endsAt < startsAt) {
    if (ends) throw validationFailed({ ends_at: ["must not be before starts_at"] });
    endsAt = startsAt;
  }
  if (allDay !== undefined) out.allDay = allDay;
  if (starts || allDay !== undefined) out.startsAt = startsAt;
  if (ends || starts || allDay !== undefined) out.endsAt = endsAt;
  if (body.remind_at === null) out.remindAt = null;
  else if (body.remind_at !== undefined) {
    const remind = parseWhen("remind_at", body.remind_at).ms;
    const s = startsAt ?? 0;
    if (remind > s || remind < s - 3 * DAY) throw validationFailed({ remind_at: ["can't be more than three days before starts_at, or after it"] });
    out.remindAt = remind;
  }
  const priv = optionalBool(body, "private");
  if (priv !== undefined) {
    if (priv && !canBePrivate) throw validationFailed({ private: ["can only be set on events of projects with clients (calendars have no clients)"] });
    out.private = priv;
  }
  return out;
}

// ---- project calendar events (Schedule::Entry) -----------------------------------------------

function scheduleOf(c: SimContext, p: Project): Recording {
  const s = c.var.sim.store.dockTool(p.id, "Schedule");
  if (!s) throw forbidden("This project has no schedule (calendar).");
  return s;
}

function entries(c: SimContext, p: Project): Recording[] {
  const s = c.var.sim.store.dockTool(p.id, "Schedule");
  return s ? c.var.sim.store.childrenOf(s.id, ["Schedule::Entry"]) : [];
}

function listProject(which: Which) {
  return (c: SimContext) => {
    const p = bc2Project(c);
    const ctx = bc2Ctx(c);
    const views = selectEvents(c, entries(c, p).map((e) => entryView(c, e)), which);
    return sendPage(c, views, (v) => renderEvent(ctx, v), (v) => v.updatedAt);
  };
}

function findEntry(c: SimContext): Recording {
  return bc2Recording(c, bc2Project(c), "id", ["Schedule::Entry"]);
}

function createEntry(c: SimContext): Response {
  const store = c.var.sim.store;
  const p = bc2Project(c);
  const s = scheduleOf(c, p);
  const f = readEventBody(c, true, undefined, p.clientsEnabled);
  const me = c.var.me.id;
  const e = store.insertRecording({
    type: "Schedule::Entry", bucketId: p.id, parentId: s.id, creatorId: me, title: f.summary!, description: f.description ?? "",
    allDay: f.allDay ?? false, startsAt: f.startsAt!, endsAt: f.endsAt!, participantIds: [], subscriberIds: [me],
    visibleToClients: p.clientsEnabled && f.private !== true, data: f.remindAt ? { remindAt: f.remindAt } : undefined,
  });
  const ctx = bc2Ctx(c);
  const body = renderEvent(ctx, entryView(c, e), { full: true });
  return created(c, body, body.url as string);
}

function updateEntry(c: SimContext): Response {
  const store = c.var.sim.store;
  const p = bc2Project(c);
  const e = findEntry(c);
  requireNotTrashed(e);
  const f = readEventBody(c, false, entryView(c, e), p.clientsEnabled);
  const titleWas = f.summary !== undefined && f.summary !== e.title ? e.title : null;
  const before = JSON.stringify([e.description, e.allDay, e.startsAt, e.endsAt, e.data?.remindAt, e.visibleToClients]);
  if (f.summary !== undefined) e.title = f.summary;
  if (f.description !== undefined) e.description = f.description;
  if (f.allDay !== undefined) e.allDay = f.allDay;
  if (f.startsAt !== undefined) e.startsAt = f.startsAt;
  if (f.endsAt !== undefined) e.endsAt = f.endsAt;
  if (f.remindAt !== undefined) e.data = { ...(e.data ?? {}), remindAt: f.remindAt };
  if (f.private !== undefined && p.clientsEnabled) e.visibleToClients = !f.private;
  const after = JSON.stringify([e.description, e.allDay, e.startsAt, e.endsAt, e.data?.remindAt, e.visibleToClients]);
  if (titleWas !== null) store.touch(e, "title_changed", c.var.me.id, { title_was: titleWas }, "title_updated");
  if (before !== after) store.touch(e, "content_changed", c.var.me.id, {}, "content_updated");
  return sendJson(c, renderEvent(bc2Ctx(c), entryView(c, e), { full: true }));
}

/** Every event the person can see across the account: projects' entries and their calendars' events. */
export type CalendarViews = (c: SimContext) => EventView[];

export function register(r: Bc2Router, accountCalendarEvents: CalendarViews): void {
  r.get("/calendar_events", (c) => {
    const ctx = bc2Ctx(c);
    const fromProjects = visibleProjects(c)
      .filter((p) => p.status === "active")
      .flatMap((p) => entries(c, p).map((e) => entryView(c, e)));
    const views = selectEvents(c, [...fromProjects, ...accountCalendarEvents(c)], "upcoming");
    return sendPage(c, views, (v) => renderEvent(ctx, v, { withBucket: true }), (v) => v.updatedAt);
  });
  r.get("/projects/:projectId/calendar_events", listProject("upcoming"));
  r.get("/projects/:projectId/calendar_events/past", listProject("past"));
  r.get("/projects/:projectId/calendar_events/:id", (c) => {
    const e = findEntry(c);
    return sendJson(c, renderEvent(bc2Ctx(c), entryView(c, e), { full: true }), { lastModified: e.updatedAt });
  });
  r.post("/projects/:projectId/calendar_events", createEntry);
  r.put("/projects/:projectId/calendar_events/:id", updateEntry);
  r.delete("/projects/:projectId/calendar_events/:id", (c) => {
    c.var.sim.store.setStatus(findEntry(c), "trashed", c.var.me.id);
    return noContent(c);
  });
}
