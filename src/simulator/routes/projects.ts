// Projects (a.k.a. "Basecamps"): list, read, create, update, trash, archive/unarchive.
import type { Sim, SimContext } from "../context.js";
import { forbidden, insufficientStorage, noContent, paginate, sendJson, validationFailed } from "../internal/respond.js";
import { apiBase, appBase, iso, renderDock, type Json, type RenderCtx } from "../render.js";
import { bodyOf, canSeeProject, clearableString, findProject, nested, optionalString, renderCtx, requiredString, statusQuery, type ApiRouter } from "../router.js";
import type { Project, Status } from "../store/model.js";
import { createProject } from "../store/projects.js";
import type { Store } from "../store/store.js";
import { needleSummary } from "./gauges.js";

/** Projects that count toward the account's project limit (active ones; archived and trashed are free). */
export function activeProjectCount(store: Store): number {
  let n = 0;
  for (const p of store.projects.values()) if (p.status === "active") n++;
  return n;
}

const ADMISSIONS = ["invite", "employee", "team"] as const;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function projectSgid(p: Project): string {
  return Buffer.from(`gid://bc3/Bucket/${p.id}`).toString("base64url");
}

export function projectUrl(ctx: RenderCtx, p: Project): string {
  return `${apiBase(ctx)}/projects/${p.id}.json`;
}

export function renderProject(ctx: RenderCtx, p: Project): Json {
  return {
    id: p.id,
    status: p.status,
    created_at: iso(p.createdAt),
    updated_at: iso(p.updatedAt),
    name: p.name,
    description: p.description,
    purpose: p.purpose,
    clients_enabled: p.clientsEnabled,
    timesheet_enabled: p.timesheetEnabled,
    color: p.color,
    ...needleSummary(ctx.store, p.id),
    bookmark_url: `${apiBase(ctx)}/my/bookmarks/${projectSgid(p)}.json`,
    url: projectUrl(ctx, p),
    app_url: `${appBase(ctx)}/projects/${p.id}`,
    dock: renderDock(ctx, p),
    bookmarked: p.bookmarked,
    // Plain strings in the reference: a project without a schedule leaves both out.
    ...(p.startDate !== null ? { start_date: p.startDate } : {}),
    ...(p.endDate !== null ? { end_date: p.endDate } : {}),
  };
}


function limitError(limit: number) {
  return insufficientStorage(`The account has reached its limit of ${limit} active projects. Archive or trash a project, or upgrade the plan, first.`);
}

function checkLimit(c: SimContext): void {
  const store = c.var.sim.store;
  if (activeProjectCount(store) >= store.account.projectLimit) throw limitError(store.account.projectLimit);
}

function requireProjectWritable(p: Project): void {
  if (p.status === "trashed") throw forbidden("That project is in the trash. Restore it (PUT /projects/{id}/status/active.json) before changing it.");
}

function readDate(v: unknown, field: string): string | null {
  if (v === undefined || v === null || v === "") return null;
  if (typeof v !== "string" || !DATE_RE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)) || new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v) {
    throw validationFailed({ [field]: ["must be a date in YYYY-MM-DD form"] });
  }
  return v;
}

function listProjects(c: SimContext): Response {
  const status = statusQuery(c);
  const ctx = renderCtx(c);
  const list = [...c.var.sim.store.projects.keys()]
    .map((id) => c.var.sim.store.getProject(id))
    .filter((p): p is Project => p !== undefined && p.status === status && canSeeProject(c, p))
    .sort((a, b) => b.createdAt - a.createdAt || (b.id > a.id ? 1 : b.id < a.id ? -1 : 0));
  return paginate(c, list, (p) => renderProject(ctx, p), (p) => p.updatedAt);
}

function create(c: SimContext): Response {
  const store = c.var.sim.store;
  const body = nested(bodyOf(c), "project");
  const name = requiredString(body, "name").trim();
  const description = optionalString(body, "description") ?? "";
  checkLimit(c);
  const project = createProject(store, { name, description, creatorId: c.var.me.id });
  store.markDirty();
  return sendJson(c, renderProject(renderCtx(c), project), { status: 201 });
}

function update(c: SimContext): Response {
  const store = c.var.sim.store;
  const p = findProject(c, "id");
  requireProjectWritable(p);
  const body = nested(bodyOf(c), "project");
  const name = requiredString(body, "name").trim();
  // Left out, the description is kept (the reference names no full replace here); null clears it.
  const description = clearableString(body, "description");
  let dates: { start: string | null; end: string | null } | undefined;
  const sched = body.schedule_attributes;
  if (sched !== undefined && sched !== null) {
    if (typeof sched !== "object" || Array.isArray(sched)) throw validationFailed({ schedule_attributes: ["must be an object with start_date and end_date"] });
    const s = sched as Record<string, unknown>;
    const start = readDate(s.start_date, "schedule_attributes.start_date");
    const end = readDate(s.end_date, "schedule_attributes.end_date");
    if ((start === null) !== (end === null)) throw validationFailed({ schedule_attributes: ["needs both start_date and end_date, or neither"] });
    if (start !== null && end !== null && end < start) throw validationFailed({ "schedule_attributes.end_date": ["must be on or after start_date"] });
    dates = { start, end };
  }
  const admissions = body.admissions;
  if (admissions !== undefined && admissions !== null && !ADMISSIONS.includes(admissions as (typeof ADMISSIONS)[number])) {
    throw validationFailed({ admissions: [`must be one of ${ADMISSIONS.join(", ")}`] });
  }
  p.name = name;
  if (description !== undefined) p.description = description;
  if (dates) {
    p.startDate = dates.start;
    p.endDate = dates.end;
  }
  if (typeof admissions === "string") p.admissions = admissions as Project["admissions"];
  p.updatedAt = store.now();
  store.markDirty();
  return sendJson(c, renderProject(renderCtx(c), p));
}

function setProjectStatus(c: SimContext, p: Project, status: Status): void {
  const store = c.var.sim.store;
  if (p.status === status) return;
  if (status === "active") checkLimit(c);
  p.status = status;
  p.trashedAt = status === "trashed" ? store.now() : null;
  p.updatedAt = store.now();
  store.markDirty();
}

export function register(r: ApiRouter, sim: Sim): void {
  void sim;
  const flat = { forms: "flat" } as const;
  r.get("/projects", listProjects, flat);
  r.get(
    "/projects/:id",
    (c) => {
      const p = findProject(c, "id");
      return sendJson(c, renderProject(renderCtx(c), p), { lastModified: p.updatedAt });
    },
    flat,
  );
  r.post("/projects", create, flat);
  r.put("/projects/:id", update, flat);
  r.delete(
    "/projects/:id",
    (c) => {
      setProjectStatus(c, findProject(c, "id"), "trashed");
      return noContent(c);
    },
    flat,
  );
  r.put(
    "/projects/:id/status/archived",
    (c) => {
      const p = findProject(c, "id");
      requireProjectWritable(p);
      setProjectStatus(c, p, "archived");
      return noContent(c);
    },
    flat,
  );
  r.put(
    "/projects/:id/status/active",
    (c) => {
      setProjectStatus(c, findProject(c, "id"), "active");
      return noContent(c);
    },
    flat,
  );
}
