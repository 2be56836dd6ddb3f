// Reports: to-do assignments by person, overdue to-dos by lateness, the upcoming schedule,
// one person's activity, and the signed-in person's pending check-in reminders.
import type { Sim, SimContext } from "../context.js";
import { badRequest, notFound, pageBounds, paginate, requestedPage, sendJson } from "../internal/respond.js";
import { avatarUrl, iso, recordingAppUrl, recordingUrl, renderPerson, renderRecording, type Json, type RenderCtx } from "../render.js";
import { pathId, renderCtx, type ApiRouter } from "../router.js";
import type { Id, Person, Recording, ScheduleRule } from "../store/model.js";
import { isOverdue, todayOf, visibleOfType, visibleProjects } from "./everything.js";
import { allItems, render as renderTimelineEvent } from "./timeline.js";

const DAY = 86_400_000;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY);
}

function validDate(v: string | undefined): v is string {
  return v !== undefined && DATE_RE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;
}

/** The small person shape of the schedule report (id, name, avatar). */
function miniPerson(ctx: RenderCtx, id: Id): Json {
  const p = ctx.store.people.get(id);
  return p ? { id, name: p.name, avatar_url: avatarUrl(ctx, p) } : { id, name: "Former user", avatar_url: `${ctx.origin}/web/avatars/former-user.svg` };
}

function miniBucket(ctx: RenderCtx, bucketId: Id): Json {
  return { id: bucketId, name: ctx.store.projects.get(bucketId)?.name ?? "(deleted project)" };
}

function activeComments(ctx: RenderCtx, rec: Recording): number {
  return ctx.store.childrenOf(rec.id, ["Comment"]).filter((x) => x.status === "active").length;
}

function upcomingEntry(ctx: RenderCtx, rec: Recording): Json {
  const startsAt = rec.startsAt ?? rec.createdAt;
  return {
    id: rec.id,
    status: rec.status,
    visible_to_clients: rec.visibleToClients,
    url: recordingUrl(ctx, rec),
    app_url: recordingAppUrl(ctx, rec),
    type: "ScheduleEntry",
    summary: rec.title,
    all_day: rec.allDay ?? false,
    recurring: false,
    starts_at: iso(startsAt),
    ends_at: iso(rec.endsAt ?? startsAt),
    creator: miniPerson(ctx, rec.creatorId),
    participants: (rec.participantIds ?? []).map((id) => miniPerson(ctx, id)),
    bucket: miniBucket(ctx, rec.bucketId),
    comments_count: activeComments(ctx, rec),
  };
}

function upcomingAssignable(ctx: RenderCtx, rec: Recording): Json {
  const parent = rec.parentId !== null ? ctx.store.recordings.get(rec.parentId) : undefined;
  const out: Json = {
    id: rec.id,
    status: rec.status,
    visible_to_clients: rec.visibleToClients,
    url: recordingUrl(ctx, rec),
    app_url: recordingAppUrl(ctx, rec),
    starts_on: rec.startsOn ?? null,
    due_on: rec.dueOn ?? null,
    type: rec.type,
    content: rec.title,
    assignees: (rec.assigneeIds ?? []).map((id) => miniPerson(ctx, id)),
    bucket: miniBucket(ctx, rec.bucketId),
    parent: parent ? { id: parent.id, title: parent.title } : { id: rec.bucketId, title: ctx.store.projects.get(rec.bucketId)?.name ?? "" },
    completion_url: recordingUrl(ctx, rec, rec.type === "Kanban::Step" ? "/completions" : "/completion"),
    completed: rec.completed ?? false,
    repeating: false,
    comments_count: activeComments(ctx, rec),
  };
  if (rec.completed) out.completion = { created_at: iso(rec.completedAt ?? rec.updatedAt), creator: miniPerson(ctx, rec.completerId ?? rec.creatorId) };
  return out;
}

function upcoming(c: SimContext): Response {
  const from = c.req.query("window_starts_on");
  const to = c.req.query("window_ends_on");
  if (!validDate(from) || !validDate(to)) throw badRequest("window_starts_on and window_ends_on are required dates in YYYY-MM-DD form.");
  if (to < from) throw badRequest("window_ends_on must not be before window_starts_on.");
  const ctx = renderCtx(c);
  const startMs = dayNumber(from) * DAY;
  const endMs = (dayNumber(to) + 1) * DAY;
  const entries = visibleOfType(c, ["Schedule::Entry"])
    .filter((e) => {
      const s = e.startsAt ?? e.createdAt;
      return s < endMs && (e.endsAt ?? s) >= startMs;
    })
    .sort((a, b) => (a.startsAt ?? a.createdAt) - (b.startsAt ?? b.createdAt));
  const assignables = visibleOfType(c, ["Todo", "Kanban::Card", "Kanban::Step"])
    .filter((t) => !!t.dueOn && t.dueOn >= from && t.dueOn <= to)
    .sort((a, b) => (a.dueOn! < b.dueOn! ? -1 : a.dueOn! > b.dueOn! ? 1 : a.createdAt - b.createdAt));
  return sendJson(c, {
    schedule_entries: entries.map((e) => upcomingEntry(ctx, e)),
    recurring_schedule_entry_occurrences: [],
    assignables: assignables.map((t) => upcomingAssignable(ctx, t)),
  });
}

/** People who share a visible project with the signed-in person, by name. */
function assignablePeople(c: SimContext): Person[] {
  const store = c.var.sim.store;
  const ids = new Set<Id>();
  for (const p of visibleProjects(c)) for (const id of p.peopleIds) ids.add(id);
  return [...ids]
    .map((id) => store.people.get(id))
    .filter((p): p is Person => p !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
}

function byDueThenAge(a: Recording, b: Recording): number {
  const da = a.dueOn ?? "9999-99-99";
  const db = b.dueOn ?? "9999-99-99";
  return da < db ? -1 : da > db ? 1 : a.createdAt - b.createdAt;
}

function assignedTodos(c: SimContext): Response {
  const store = c.var.sim.store;
  const person = store.people.get(pathId(c, "personId"));
  if (!person) throw notFound();
  const groupBy = c.req.query("group_by") === "date" ? "date" : "bucket";
  const todos = visibleOfType(c, ["Todo"]).filter((t) => !t.completed && (t.assigneeIds ?? []).includes(person.id));
  const order = new Map(visibleProjects(c).map((p, i) => [p.id, i]));
  todos.sort(groupBy === "date" ? byDueThenAge : (a, b) => order.get(a.bucketId)! - order.get(b.bucketId)! || byDueThenAge(a, b));
  const ctx = renderCtx(c);
  return sendJson(c, { person: renderPerson(ctx, person), grouped_by: groupBy, todos: todos.map((t) => renderRecording(ctx, t)) });
}

function overdueReport(c: SimContext): Response {
  const store = c.var.sim.store;
  const today = todayOf(store);
  const ctx = renderCtx(c);
  const groups: Record<string, Recording[]> = { under_a_week_late: [], over_a_week_late: [], over_a_month_late: [], over_three_months_late: [] };
  const late = visibleOfType(c, ["Todo"]).filter((t) => isOverdue(t, today)).sort(byDueThenAge);
  for (const t of late) {
    const days = dayNumber(today) - dayNumber(t.dueOn!);
    const key = days < 7 ? "under_a_week_late" : days < 30 ? "over_a_week_late" : days < 90 ? "over_a_month_late" : "over_three_months_late";
    groups[key].push(t);
  }
  return sendJson(c, Object.fromEntries(Object.entries(groups).map(([k, v]) => [k, v.map((t) => renderRecording(ctx, t))])));
}

function personProgress(c: SimContext): Response {
  const store = c.var.sim.store;
  const person = store.people.get(pathId(c, "personId"));
  if (!person) throw notFound();
  const visible = new Set(visibleProjects(c).map((p) => p.id));
  const items = allItems(store).filter((i) => i.ev.creatorId === person.id && visible.has(i.rec.bucketId));
  const page = requestedPage(c);
  const { start, end } = pageBounds(page);
  const headers: Record<string, string> = { "X-Total-Count": String(items.length) };
  if (end < items.length) {
    const url = new URL(c.req.url);
    url.searchParams.set("page", String(page + 1));
    headers.Link = `<${url.toString()}>; rel="next"`;
  }
  const ctx = renderCtx(c);
  return sendJson(c, { person: renderPerson(ctx, person), events: items.slice(start, end).map((i) => renderTimelineEvent(ctx, i)) }, { headers });
}

/** The next time (epoch ms, at or after `from`) a question's schedule asks, within 400 days. */
export function nextAsk(s: ScheduleRule, from: number): number | undefined {
  const startDay = dayNumber(s.start_date);
  const endDay = s.end_date ? dayNumber(s.end_date) : Infinity;
  const first = Math.max(Math.floor(from / DAY), startDay);
  for (let d = first; d < first + 400 && d <= endDay; d++) {
    const at = d * DAY + (s.hour * 60 + s.minute) * 60_000;
    if (at < from) continue;
    const weekday = new Date(d * DAY).getUTCDay();
    if (s.days.length > 0 && !s.days.includes(weekday)) continue;
    const weeks = Math.floor((d - startDay) / 7);
    if (s.week_interval && s.week_interval > 1 && weeks % s.week_interval !== 0) continue;
    if (s.frequency === "every_month" && s.week_instance && Math.ceil(new Date(d * DAY).getUTCDate() / 7) !== s.week_instance) continue;
    return at;
  }
  return undefined;
}

function questionReminders(c: SimContext): Response {
  const store = c.var.sim.store;
  const me = c.var.me.id;
  const onProject = new Set(visibleProjects(c).filter((p) => p.peopleIds.includes(me)).map((p) => p.id));
  const now = store.now();
  const reminders: Array<{ q: Recording; at: number }> = [];
  for (const q of visibleOfType(c, ["Question"])) {
    if (q.paused || !q.schedule || !onProject.has(q.bucketId)) continue;
    const parent = q.parentId !== null ? store.recordings.get(q.parentId) : undefined;
    if (parent && (parent.status !== "active" || parent.enabled === false)) continue;
    const at = nextAsk(q.schedule, now);
    if (at !== undefined) reminders.push({ q, at });
  }
  reminders.sort((a, b) => a.at - b.at || (a.q.id < b.q.id ? -1 : 1));
  const ctx = renderCtx(c);
  return paginate(c, reminders, ({ q, at }) => ({ reminder_id: q.id, remind_at: iso(at), group_on: iso(at).slice(0, 10), question: renderRecording(ctx, q) }));
}

export function register(r: ApiRouter, sim: Sim): void {
  void sim;
  const flat = { forms: "flat" } as const;
  r.get("/reports/schedules/upcoming", upcoming, flat);
  r.get(
    "/reports/todos/assigned",
    (c) => {
      const ctx = renderCtx(c);
      return sendJson(c, assignablePeople(c).map((p) => renderPerson(ctx, p)));
    },
    flat,
  );
  r.get("/reports/todos/assigned/:personId", assignedTodos, flat);
  r.get("/reports/todos/overdue", overdueReport, flat);
  r.get("/reports/users/progress/:personId", personProgress, flat);
  r.get("/my/question_reminders", questionReminders, flat);
}
