// The signed-in person's assignments: open, completed, and by due date.
import type { Sim, SimContext } from "../context.js";
import { badRequest, sendJson } from "../internal/respond.js";
import { appBase, avatarUrl, recordingAppUrl, type Json, type RenderCtx } from "../render.js";
import type { Recording } from "../store/model.js";
import { type ApiRouter, canSeeProject, renderCtx } from "../router.js";
import { priorityIds } from "./priorities.js";

const DAY = 86_400_000;
const SCOPES = ["overdue", "due_today", "due_tomorrow", "due_later_this_week", "due_next_week", "due_later"] as const;
type Scope = (typeof SCOPES)[number];

const KIND: Partial<Record<Recording["type"], string>> = { Todo: "todo", "Kanban::Card": "kanban_card", "Kanban::Step": "kanban_step" };

/** An assignee of an assignment (reference MyAssignmentAssignee: id, name and avatar_url). */
function assignee(ctx: RenderCtx, id: Recording["creatorId"]): Json {
  const p = ctx.store.people.get(id);
  return p ? { id, name: p.name, avatar_url: avatarUrl(ctx, p) } : { id, name: "Former user", avatar_url: `${ctx.origin}/web/avatars/former-user.svg` };
}

function renderAssignment(ctx: RenderCtx, rec: Recording): Json {
  const store = ctx.store;
  const project = store.projects.get(rec.bucketId);
  const parent = rec.parentId !== null ? store.recordings.get(rec.parentId) : undefined;
  const children = rec.type === "Kanban::Card" ? store.childrenOf(rec.id, ["Kanban::Step"]).filter((s) => s.status === "active") : [];
  return {
    id: rec.id,
    app_url: recordingAppUrl(ctx, rec),
    content: rec.title,
    // Plain strings/integers in the reference: what an assignment lacks is left out.
    ...(rec.startsOn ? { starts_on: rec.startsOn } : {}),
    ...(rec.dueOn ? { due_on: rec.dueOn } : {}),
    bucket: { id: rec.bucketId, name: project ? project.name : "(deleted project)", app_url: `${appBase(ctx)}/projects/${rec.bucketId}` },
    completed: rec.completed ?? false,
    type: KIND[rec.type] ?? rec.type.toLowerCase(),
    assignees: (rec.assigneeIds ?? []).map((id) => assignee(ctx, id)),
    comments_count: store.childrenOf(rec.id, ["Comment"]).filter((c) => c.status === "active").length,
    has_description: plainLength(rec.type === "Todo" ? rec.description : rec.content) > 0,
    parent: parent ? { id: parent.id, title: parent.title, app_url: recordingAppUrl(ctx, parent) } : null,
    children: children.map((s) => renderAssignment(ctx, s)),
  };
}

function plainLength(html: string | undefined): number {
  return (html ?? "").replace(/<[^>]*>/g, "").trim().length;
}

/** Active to-dos and cards assigned to the signed-in person in projects they can see. */
function myAssigned(c: SimContext): Recording[] {
  const store = c.var.sim.store;
  const me = c.var.me.id;
  const out: Recording[] = [];
  for (const type of ["Todo", "Kanban::Card"] as const) {
    for (const rec of store.ofType(type)) {
      if (rec.status !== "active" || !rec.assigneeIds?.includes(me)) continue;
      const p = store.projects.get(rec.bucketId);
      if (!p || p.status !== "active" || !canSeeProject(c, p)) continue;
      out.push(rec);
    }
  }
  return out;
}

/** By due date (undated last), then oldest first. */
function byDue(a: Recording, b: Recording): number {
  const da = a.dueOn ?? "9999-99-99";
  const db = b.dueOn ?? "9999-99-99";
  return da < db ? -1 : da > db ? 1 : a.createdAt - b.createdAt;
}

function dateOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Does a due date fall in the scope, counting from `now` (UTC days; weeks run Monday–Sunday)? */
export function inScope(due: string, scope: Scope, now: number): boolean {
  const today = Math.floor(now / DAY) * DAY;
  const dow = (new Date(today).getUTCDay() + 6) % 7; // Monday = 0
  const t = dateOf(today);
  const tomorrow = dateOf(today + DAY);
  const weekEnd = dateOf(today + (6 - dow) * DAY);
  const nextWeekEnd = dateOf(today + (13 - dow) * DAY);
  switch (scope) {
    case "overdue":
      return due < t;
    case "due_today":
      return due === t;
    case "due_tomorrow":
      return due === tomorrow;
    case "due_later_this_week":
      return due > tomorrow && due <= weekEnd;
    case "due_next_week":
      return due > weekEnd && due > tomorrow && due <= nextWeekEnd;
    case "due_later":
      return due > nextWeekEnd;
  }
}

export function register(r: ApiRouter, sim: Sim): void {
  void sim;
  const flat = { forms: "flat" } as const;

  r.get(
    "/my/assignments",
    (c) => {
      const ctx = renderCtx(c);
      const open = myAssigned(c).filter((rec) => !rec.completed).sort(byDue);
      // Prioritized ones ("Up next", routes/priorities.ts) first, in the person's order.
      const byId = new Map(open.map((rec) => [rec.id, rec]));
      const top = priorityIds(c.var.sim.store, c.var.me.id).map((id) => byId.get(id)).filter((rec): rec is Recording => rec !== undefined);
      const rest = open.filter((rec) => !top.includes(rec));
      return sendJson(c, { priorities: top.map((rec) => renderAssignment(ctx, rec)), non_priorities: rest.map((rec) => renderAssignment(ctx, rec)) });
    },
    flat,
  );

  r.get(
    "/my/assignments/completed",
    (c) => {
      const ctx = renderCtx(c);
      const done = myAssigned(c)
        .filter((rec) => rec.completed)
        .sort((a, b) => (b.completedAt ?? b.updatedAt) - (a.completedAt ?? a.updatedAt));
      return sendJson(c, done.map((rec) => renderAssignment(ctx, rec)));
    },
    flat,
  );

  r.get(
    "/my/assignments/due",
    (c) => {
      const raw = c.req.query("scope");
      const scope = (raw === undefined || raw === "" ? "overdue" : raw) as Scope;
      if (!SCOPES.includes(scope)) throw badRequest(`scope must be one of ${SCOPES.join(", ")} (got ${JSON.stringify(raw)})`);
      const now = c.var.sim.store.now();
      const ctx = renderCtx(c);
      const due = myAssigned(c)
        .filter((rec) => !rec.completed && rec.dueOn && inScope(rec.dueOn, scope, now))
        .sort(byDue);
      return sendJson(c, due.map((rec) => renderAssignment(ctx, rec)));
    },
    flat,
  );
}
