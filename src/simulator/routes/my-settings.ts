// A person's own settings: their private note (one rich-text note per person), preferences
// (time zone, first day of the week, clock format) and out-of-office dates.
import type { SimContext } from "../context.js";
import { forbidden, noContent, notFound, sendJson, validationFailed } from "../internal/respond.js";
import { apiBase, appBase, avatarUrl, iso, type Json, type RenderCtx } from "../render.js";
import { bodyOf, pathId, renderCtx, type ApiRouter } from "../router.js";
import type { Id, Item, Person } from "../store/model.js";
import type { Store } from "../store/store.js";
import { validTimeZone } from "./account-people.js";

const NOTES = "myNotes";
const PREFERENCES = "preferences";
const OUT_OF_OFFICE = "outOfOffice";

const WEEK_DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;
const TIME_FORMATS = ["twelve_hour", "twenty_four_hour"] as const;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const DAY = 86_400_000;

/** The one item of a per-person collection. */
function itemOf(store: Store, collection: string, personId: Id): Item | undefined {
  for (const it of store.collection(collection).values()) if (it.personId === personId) return it;
  return undefined;
}

/** A body's wrapped object (`{ "note": {...} }`), 422 when missing or not an object. */
function wrapped(c: SimContext, key: string): Record<string, unknown> {
  const v = bodyOf(c)[key];
  if (v === undefined || v === null || typeof v !== "object" || Array.isArray(v)) throw validationFailed({ [key]: ["is required and must be an object"] });
  return v as Record<string, unknown>;
}

// ---- my note -----------------------------------------------------------------------------

function renderNote(ctx: RenderCtx, note: Item | undefined): Json {
  return {
    // Before the first write the note has no record: id and times are null.
    id: note ? note.id : null,
    type: "Notebook::Note",
    created_at: note ? iso(note.createdAt) : null,
    updated_at: note ? iso(note.updatedAt) : null,
    content: note ? (note.content as string) : "",
    content_attachments: [],
    url: `${apiBase(ctx)}/my/notes.json`,
    app_url: `${appBase(ctx)}/my/navigation/notes`,
  };
}

// ---- preferences -------------------------------------------------------------------------

function renderPreferences(ctx: RenderCtx, me: Person): Json {
  const prefs = itemOf(ctx.store, PREFERENCES, me.id);
  return {
    url: `${apiBase(ctx)}/my/preferences.json`,
    app_url: `${appBase(ctx)}/my/preferences`,
    time_zone_name: me.timeZone,
    first_week_day: (prefs?.firstWeekDay as string | undefined) ?? "Sunday",
    time_format: (prefs?.timeFormat as string | undefined) ?? "twelve_hour",
  };
}

function updatePreferences(c: SimContext): Response {
  const store = c.var.sim.store;
  const me = c.var.me;
  const body = wrapped(c, "person");
  const errors: Record<string, string[]> = {};
  const tz = body.time_zone_name;
  if (tz !== undefined && (typeof tz !== "string" || !validTimeZone(tz))) errors.time_zone_name = ["is not a known time zone"];
  let fwd = body.first_week_day;
  if (typeof fwd === "number" || (typeof fwd === "string" && /^[0-6]$/.test(fwd))) fwd = WEEK_DAYS[Number(fwd)];
  const day = typeof fwd === "string" ? WEEK_DAYS.find((d) => d.toLowerCase() === fwd.toLowerCase()) : undefined;
  if (fwd !== undefined && !day) errors.first_week_day = [`must be one of ${WEEK_DAYS.join(", ")}`];
  const tf = body.time_format;
  if (tf !== undefined && !TIME_FORMATS.includes(tf as (typeof TIME_FORMATS)[number])) errors.time_format = [`must be one of ${TIME_FORMATS.join(", ")}`];
  if (Object.keys(errors).length) throw validationFailed(errors);
  const changes: Record<string, unknown> = {};
  if (day) changes.firstWeekDay = day;
  if (tf !== undefined) changes.timeFormat = tf;
  const prefs = itemOf(store, PREFERENCES, me.id);
  if (prefs) store.updateItem(PREFERENCES, prefs, changes);
  else store.addItem(PREFERENCES, { personId: me.id, ...changes, creatorId: me.id });
  if (typeof tz === "string" && tz !== me.timeZone) {
    me.timeZone = tz;
    me.updatedAt = store.now();
    store.markDirty();
  }
  return sendJson(c, renderPreferences(renderCtx(c), me));
}

// ---- out of office -----------------------------------------------------------------------

/** Today in the person's own time zone. */
function todayFor(store: Store, person: Person): string {
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone: person.timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(store.now());
  } catch {
    return new Date(store.now()).toISOString().slice(0, 10);
  }
}

/** The first weekday after the last day away. */
function backOn(endDate: string): string {
  let t = Date.parse(`${endDate}T00:00:00Z`) + DAY;
  while ([0, 6].includes(new Date(t).getUTCDay())) t += DAY;
  return new Date(t).toISOString().slice(0, 10);
}

export function renderOutOfOffice(ctx: RenderCtx, person: Person): Json {
  const ooo = itemOf(ctx.store, OUT_OF_OFFICE, person.id);
  const today = todayFor(ctx.store, person);
  // Once the last day away has passed, out of office is over.
  const on = ooo !== undefined && (ooo.endDate as string) >= today;
  return {
    person: { id: person.id, name: person.name, avatar_url: avatarUrl(ctx, person) },
    enabled: on,
    ongoing: on && (ooo!.startDate as string) <= today,
    start_date: on ? ooo!.startDate : null,
    end_date: on ? ooo!.endDate : null,
    ...(on ? { back_on_date: backOn(ooo!.endDate as string) } : {}),
  };
}

function readDate(body: Record<string, unknown>, field: string, errors: Record<string, string[]>): string | undefined {
  const v = body[field];
  if (v === undefined || v === null || v === "") {
    errors[field] = ["can't be blank"];
    return undefined;
  }
  const t = typeof v === "string" && DATE_RE.test(v) ? Date.parse(`${v}T00:00:00Z`) : NaN;
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== v) {
    errors[field] = ["must be a date in YYYY-MM-DD form"];
    return undefined;
  }
  return v;
}

/** The person a path names; changing it needs to be them, or an admin / the owner. */
function oooPerson(c: SimContext, writing: boolean): Person {
  const person = c.var.sim.store.people.get(pathId(c, "personId"));
  if (!person) throw notFound();
  const me = c.var.me;
  if (writing && person.id !== me.id && !me.admin && !me.owner) throw forbidden("You can only manage your own out of office. Admins may manage it for others.");
  return person;
}

/** Set a person's out-of-office dates (also used by seeding). */
export function setOutOfOffice(store: Store, personId: Id, startDate: string, endDate: string, actorId: Id): void {
  const ooo = itemOf(store, OUT_OF_OFFICE, personId);
  if (ooo) store.updateItem(OUT_OF_OFFICE, ooo, { startDate, endDate });
  else store.addItem(OUT_OF_OFFICE, { personId, startDate, endDate, creatorId: actorId });
}

function enableOutOfOffice(c: SimContext): Response {
  const store = c.var.sim.store;
  const person = oooPerson(c, true);
  const body = wrapped(c, "out_of_office");
  const errors: Record<string, string[]> = {};
  const start = readDate(body, "start_date", errors);
  const end = readDate(body, "end_date", errors);
  if (start && end && end < start) errors.end_date = ["must be on or after start_date"];
  if (end && !errors.end_date && end < todayFor(store, person)) errors.end_date = ["must not be in the past"];
  if (Object.keys(errors).length) throw validationFailed(errors);
  setOutOfOffice(store, person.id, start!, end!, c.var.me.id);
  return sendJson(c, renderOutOfOffice(renderCtx(c), person));
}

export function register(r: ApiRouter): void {
  const flat = { forms: "flat" } as const;

  r.get("/my/notes", (c) => sendJson(c, renderNote(renderCtx(c), itemOf(c.var.sim.store, NOTES, c.var.me.id))), flat);

  r.put("/my/notes", (c) => {
    const store = c.var.sim.store;
    const me = c.var.me;
    const content = wrapped(c, "note").content;
    if (typeof content !== "string") throw validationFailed({ content: ["is required and must be a string"] });
    let note = itemOf(store, NOTES, me.id);
    if (note) store.updateItem(NOTES, note, { content });
    else note = store.addItem(NOTES, { personId: me.id, content, creatorId: me.id });
    return sendJson(c, renderNote(renderCtx(c), note));
  }, flat);

  r.get("/my/preferences", (c) => sendJson(c, renderPreferences(renderCtx(c), c.var.me)), flat);
  r.put("/my/preferences", updatePreferences, flat);

  r.get("/people/:personId/out_of_office", (c) => sendJson(c, renderOutOfOffice(renderCtx(c), oooPerson(c, false))), flat);
  // The reference names POST; Basecamp's docs show PUT. Both enable or update.
  r.post("/people/:personId/out_of_office", enableOutOfOffice, flat);
  r.put("/people/:personId/out_of_office", enableOutOfOffice, flat);
  r.delete("/people/:personId/out_of_office", (c) => {
    const store = c.var.sim.store;
    const person = oooPerson(c, true);
    const ooo = itemOf(store, OUT_OF_OFFICE, person.id);
    if (ooo) store.removeItem(OUT_OF_OFFICE, ooo.id);
    return noContent(c);
  }, flat);
}
