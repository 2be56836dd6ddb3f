// Timesheets: hours logged against a to-do, message, card, document, upload or schedule entry.
// Entries are `Timesheet::Entry` recordings under what they were logged on, so events, webhooks
// and the recordings list see them. Lists: per recording, per project (paged) and the
// account-wide report (not paged; the last month unless a range is given).
import { registerRecordingCrud, type FieldReader } from "../crud.js";
import type { SimContext } from "../context.js";
import { badRequest, forbidden, notFound, paginate, sendJson, validationFailed } from "../internal/respond.js";
import { baseRecording, type Json, type RenderCtx, renderPersonById } from "../render.js";
import { canSeeProject, findProject, pathId, renderCtx, toId, type ApiRouter } from "../router.js";
import type { Id, RecType, Recording } from "../store/model.js";
import type { Store } from "../store/store.js";

const TYPE: RecType = "Timesheet::Entry";
/** What time may be logged on (timesheets.md). */
const TIMESHEETABLE: readonly RecType[] = ["Todo", "Message", "Kanban::Card", "Document", "Upload", "Schedule::Entry"];
const DAY = 86_400_000;

const bad = (f: string, msg: string) => validationFailed({ [f]: [msg] });

/** "1.5", "1:30", 2 → "1.5", "1.5", "2.0" (Basecamp's decimal string). */
export function parseHours(v: unknown): string | undefined {
  let n: number;
  if (typeof v === "number") n = v;
  else if (typeof v === "string" && /^\s*\d+(\.\d+)?\s*$/.test(v)) n = Number(v);
  else if (typeof v === "string" && /^\s*\d+:[0-5]\d\s*$/.test(v)) {
    const [h, m] = v.trim().split(":").map(Number);
    n = h + m / 60;
  } else return undefined;
  if (!Number.isFinite(n) || n <= 0 || n > 24) return undefined;
  const rounded = Math.round(n * 100) / 100;
  return Number.isInteger(rounded) ? rounded.toFixed(1) : String(rounded);
}

const hours: FieldReader = (body, f) => {
  const v = body[f];
  if (v === undefined) return undefined;
  const h = parseHours(v);
  if (h === undefined) throw bad(f, "must be more than 0 and at most 24, as a decimal (1.5) or hours and minutes (1:30)");
  return h;
};

const date: FieldReader = (body, f) => {
  const v = body[f];
  if (v === undefined) return undefined;
  if (typeof v !== "string" || !isDate(v)) throw bad(f, "must be a date in YYYY-MM-DD form");
  return v;
};

const description: FieldReader = (body, f) => {
  const v = body[f];
  if (v === undefined) return undefined;
  if (v === null) return "";
  if (typeof v !== "string") throw bad(f, "must be a string");
  return v;
};

/** The project an entry request is about: the recording it is logged on, or the entry's own. */
function projectOf(c: SimContext): Id | undefined {
  const raw = c.req.param("recordingId") ?? c.req.param("entryId");
  const id = toId(raw);
  return id === undefined ? undefined : c.var.sim.store.getRecording(id)?.bucketId;
}

/** `person_id`: a non-client member of the project (stored as `personId`). */
const person: FieldReader = (body, _f, c) => {
  const v = body.person_id;
  if (v === undefined || v === null) return undefined;
  const id = toId(v);
  const store = c.var.sim.store;
  const p = id === undefined ? undefined : store.people.get(id);
  if (!p) throw bad("person_id", `has an unknown person ID ${String(v)}`);
  const bucket = projectOf(c);
  const project = bucket === undefined ? undefined : store.getProject(bucket);
  if (p.client || (project && !project.peopleIds.includes(p.id))) throw bad("person_id", "must be a non-client member of the project");
  return p.id;
};

function isDate(v: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;
}

export function renderEntry(ctx: RenderCtx, rec: Recording): Json {
  const d = rec.data ?? {};
  return {
    ...baseRecording(ctx, rec),
    date: d.date ?? null,
    description: d.description ?? "",
    hours: d.hours ?? "0.0",
    person: renderPersonById(ctx, (d.personId as Id | undefined) ?? rec.creatorId),
  };
}

function requireStaff(c: SimContext): void {
  if (c.var.me.client) throw forbidden("Clients can't see timesheets.");
}

/** The recording a path names, to log time on or list it (staff only; 404 when out of sight). */
function loggedOn(c: SimContext): Recording {
  requireStaff(c);
  const store = c.var.sim.store;
  const rec = store.getRecording(pathId(c, "recordingId"));
  const bucket = c.req.param("bucket");
  const project = rec ? store.getProject(rec.bucketId) : undefined;
  if (!rec || !project || !canSeeProject(c, project) || (bucket !== undefined && toId(bucket) !== rec.bucketId)) throw notFound();
  return rec;
}

/** Filters shared by the timesheet lists; bad values get 400. */
interface Filters {
  from?: string;
  to?: string;
  personId?: Id;
  bucketId?: Id;
}

function readFilters(c: SimContext, report: boolean): Filters {
  const q = (k: string) => {
    const v = c.req.query(k);
    return v === undefined || v === "" ? undefined : v;
  };
  const from = q("start_date") ?? q("from");
  const to = q("end_date") ?? q("to");
  for (const [k, v] of [["start_date", from], ["end_date", to]] as const) if (v !== undefined && !isDate(v)) throw badRequest(`${k} must be a date in YYYY-MM-DD form (got ${JSON.stringify(v)})`);
  if ((from === undefined) !== (to === undefined)) throw badRequest("start_date and end_date go together: give both or neither");
  if (from !== undefined && to !== undefined && from > to) throw badRequest("start_date must not be after end_date");
  const out: Filters = { from, to };
  const personRaw = q("person_id");
  if (personRaw !== undefined) {
    out.personId = toId(personRaw);
    if (out.personId === undefined) throw badRequest(`person_id must be a numeric ID (got ${JSON.stringify(personRaw)})`);
    if (!c.var.sim.store.people.has(out.personId)) throw notFound("No person with that ID.");
  }
  const bucketRaw = report ? q("bucket_id") : undefined;
  if (bucketRaw !== undefined) {
    out.bucketId = toId(bucketRaw);
    if (out.bucketId === undefined) throw badRequest(`bucket_id must be a numeric ID (got ${JSON.stringify(bucketRaw)})`);
    const p = c.var.sim.store.getProject(out.bucketId);
    if (!p || !canSeeProject(c, p)) throw notFound();
  }
  if (report && from === undefined) {
    // No range: the last month, as Basecamp does.
    const today = new Date(c.var.sim.store.now());
    out.to = today.toISOString().slice(0, 10);
    const monthAgo = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, today.getUTCDate()));
    out.from = monthAgo.toISOString().slice(0, 10);
  }
  return out;
}

function matches(rec: Recording, f: Filters): boolean {
  const d = rec.data ?? {};
  const day = String(d.date ?? "");
  if (f.from !== undefined && day < f.from) return false;
  if (f.to !== undefined && day > f.to) return false;
  if (f.personId !== undefined && ((d.personId as Id | undefined) ?? rec.creatorId) !== f.personId) return false;
  if (f.bucketId !== undefined && rec.bucketId !== f.bucketId) return false;
  return true;
}

/** Newest work date first, then newest entry. */
function byDate(a: Recording, b: Recording): number {
  const da = String(a.data?.date ?? "");
  const db = String(b.data?.date ?? "");
  return da < db ? 1 : da > db ? -1 : b.createdAt - a.createdAt;
}

function entries(store: Store, keep: (r: Recording) => boolean): Recording[] {
  const out: Recording[] = [];
  for (const r of store.ofType(TYPE)) if (r.status === "active" && keep(r)) out.push(r);
  return out.sort(byDate);
}

export function register(r: ApiRouter): void {
  registerRecordingCrud(r, {
    what: "timesheet entry",
    type: TYPE,
    paths: { create: "/recordings/:recordingId/timesheet/entries", item: "/timesheet_entries/:entryId" },
    fields: { date, hours, description, personId: person },
    required: ["date", "hours"],
    deleteMode: "purge",
    parent(c) {
      const rec = loggedOn(c);
      if (!TIMESHEETABLE.includes(rec.type)) throw forbidden(`Time can't be logged on a ${rec.type}; use a to-do, message, card, document, upload or schedule entry.`);
      return rec;
    },
    title: () => "Timesheet entry",
    render: renderEntry,
  });

  r.get("/recordings/:recordingId/timesheet", (c) => {
    const rec = loggedOn(c);
    const f = readFilters(c, false);
    const list = c.var.sim.store.childrenOf(rec.id, [TYPE]).filter((e) => e.status === "active" && matches(e, f)).sort(byDate);
    const ctx = renderCtx(c);
    return paginate(c, list, (e) => renderEntry(ctx, e), (e) => e.updatedAt);
  });

  r.get("/projects/:projectId/timesheet", (c) => {
    requireStaff(c);
    const project = findProject(c, "projectId");
    const f = readFilters(c, false);
    const list = entries(c.var.sim.store, (e) => e.bucketId === project.id && matches(e, f));
    const ctx = renderCtx(c);
    return paginate(c, list, (e) => renderEntry(ctx, e), (e) => e.updatedAt);
  }, { forms: "flat" });

  r.get("/reports/timesheet", (c) => {
    const me = c.var.me;
    if (!me.admin && !me.owner) throw forbidden("Only admins and the account owner can see the timesheet report.");
    const f = readFilters(c, true);
    const store = c.var.sim.store;
    const list = entries(store, (e) => {
      const p = store.projects.get(e.bucketId);
      return p !== undefined && p.status !== "trashed" && canSeeProject(c, p) && matches(e, f);
    });
    const ctx = renderCtx(c);
    return sendJson(c, list.map((e) => renderEntry(ctx, e)), { lastModified: list.reduce((m, e) => Math.max(m, e.updatedAt), 0) || undefined });
  }, { forms: "flat" });
}

/** Seed: a few entries on to-dos of each active project, over the last few weeks. */
export function seedTimesheets(store: Store, rnd: () => number): void {
  const NOTES = ["Research", "Client call", "Design review", "Implementation", "Testing", "Write-up"];
  const perBucket = new Map<Id, Recording[]>();
  for (const t of store.ofType("Todo")) {
    const list = perBucket.get(t.bucketId) ?? [];
    if (t.status === "active" && list.length < 2) perBucket.set(t.bucketId, [...list, t]);
  }
  const now = store.now();
  for (const p of store.projects.values()) {
    if (p.status !== "active") continue;
    const staff = p.peopleIds.filter((id) => !store.people.get(id)?.client);
    if (!staff.length) continue;
    for (const todo of perBucket.get(p.id) ?? []) {
      const personId = staff[Math.floor(rnd() * staff.length)];
      const at = Math.max(todo.createdAt, now - Math.floor(rnd() * 25 + 1) * DAY);
      const day = new Date(Math.min(at, now)).toISOString().slice(0, 10);
      const data = { date: day, hours: parseHours(String(1 + Math.floor(rnd() * 12) / 4)) ?? "1.0", description: NOTES[Math.floor(rnd() * NOTES.length)], personId };
      store.insertRecording({ type: TYPE, bucketId: p.id, parentId: todo.id, creatorId: personId, title: "Timesheet entry", data, createdAt: Math.min(at, now) }, { quiet: true });
    }
  }
}
