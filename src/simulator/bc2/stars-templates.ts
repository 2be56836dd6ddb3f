// Basecamp 2 stars, project templates, and publishing drafts.
// - A star is the BC4 project's `bookmarked` flag (what BC2 shows as `starred`); when and by whom
//   it was starred is kept in the `bc2Stars` collection ({projectId}, creatorId = the person).
// - Project templates are BC4's templates (the `templates` collection, routes/templates.ts).
//   A project made from one is a draft (see drafts.ts) until published.
import type { SimContext } from "../context.js";
import { forbidden, insufficientStorage, notFound, sendJson, validationFailed } from "../internal/respond.js";
import { iso, type Json } from "../render.js";
import { bodyOf, optionalString, pathId } from "../router.js";
import type { Id, Item, Project } from "../store/model.js";
import type { Store } from "../store/store.js";
import { createProject } from "../store/projects.js";
import { activeProjectCount } from "../routes/projects.js";
import { addTemplate } from "../routes/templates.js";
import { bc2Ctx, bc2Project, created, sendPage, visibleProjects, type Bc2Ctx, type Bc2Router } from "./router.js";
import { personSummary, renderProject } from "./render.js";
import { DRAFTS, draftMark, isDraft } from "./drafts.js";

const STARS = "bc2Stars";
const TEMPLATES = "templates";

// ---- stars -----------------------------------------------------------------------------------

function starsOf(store: Store, projectId: Id): Item[] {
  return [...store.collection(STARS).values()].filter((s) => s.projectId === projectId);
}

function renderStar(ctx: Bc2Ctx, p: Project, at: number): Json {
  return { project_id: p.id, created_at: iso(at), url: `${ctx.base}/projects/${p.id}/star.json`, app_url: `${ctx.appBase}/projects/${p.id}/star` };
}

function listStars(c: SimContext): Response {
  const ctx = bc2Ctx(c);
  const rows = visibleProjects(c)
    .filter((p) => p.status === "active" && p.bookmarked)
    .map((p) => {
      const mine = starsOf(ctx.store, p.id);
      return { p, at: mine.length ? Math.min(...mine.map((s) => s.createdAt)) : p.updatedAt };
    })
    .sort((a, b) => b.at - a.at || (b.p.id > a.p.id ? 1 : -1));
  return sendPage(c, rows, ({ p, at }) => renderStar(ctx, p, at), ({ at }) => at);
}

function star(c: SimContext): Response {
  const store = c.var.sim.store;
  const p = bc2Project(c, "projectId");
  const me = c.var.me.id;
  if (!starsOf(store, p.id).some((s) => s.creatorId === me)) store.addItem(STARS, { projectId: p.id, creatorId: me });
  p.bookmarked = true;
  store.markDirty();
  return c.body(null, 201, { Location: `${bc2Ctx(c).base}/projects/${p.id}/star.json` });
}

function unstar(c: SimContext): Response {
  const store = c.var.sim.store;
  const p = bc2Project(c, "projectId");
  const me = c.var.me.id;
  for (const s of starsOf(store, p.id)) if (s.creatorId === me) store.removeItem(STARS, s.id);
  p.bookmarked = starsOf(store, p.id).length > 0;
  store.markDirty();
  return c.body(null, 204);
}

// ---- project templates -----------------------------------------------------------------------

function renderTemplate(ctx: Bc2Ctx, t: Item, full = false): Json {
  const url = `${ctx.base}/projects/${t.id}`;
  const out: Json = {
    id: t.id,
    name: t.name,
    description: t.description || null,
    updated_at: iso(t.updatedAt),
    url: `${url}.json`,
    app_url: `${ctx.appBase}/projects/${t.id}`,
    template: true,
    archived: false,
    starred: false,
    trashed: t.status === "trashed",
    draft: false,
    is_client_project: false,
    color: "3185c5",
  };
  if (!full) return out;
  const counter = (section: string) => ({ count: 0, updated_at: null, url: `${url}/${section}.json` });
  return {
    ...out,
    created_at: iso(t.createdAt),
    creator: personSummary(ctx, t.creatorId),
    accesses: { count: 1, updated_at: iso(t.updatedAt), url: `${url}/accesses.json` },
    attachments: counter("attachments"),
    calendar_events: counter("calendar_events"),
    documents: counter("documents"),
    topics: counter("topics"),
    todolists: { remaining_count: 0, completed_count: 0, updated_at: null, url: `${url}/todolists.json` },
  };
}

function requireEditor(c: SimContext, what: string): void {
  if (c.var.me.client) throw forbidden(`Clients cannot ${what}.`);
}

function checkLimit(store: Store): void {
  if (activeProjectCount(store) >= store.account.projectLimit) throw insufficientStorage(`The account has reached its limit of ${store.account.projectLimit} projects. Archive or delete one first.`);
}

function text(c: SimContext, field: string, required: boolean): string | undefined {
  const v = optionalString(bodyOf(c), field);
  if (required && (v === undefined || v.trim() === "")) throw validationFailed({ [field]: ["can't be blank"] });
  if (field === "name" && v !== undefined && v.trim() === "") throw validationFailed({ name: ["can't be blank"] });
  return v?.trim();
}

function listTemplates(c: SimContext): Response {
  requireEditor(c, "see project templates");
  const ctx = bc2Ctx(c);
  const list = [...ctx.store.collection(TEMPLATES).values()].filter((t) => t.status === "active").sort((a, b) => String(a.name).localeCompare(String(b.name)) || (a.id < b.id ? -1 : 1));
  return sendPage(c, list, (t) => renderTemplate(ctx, t), (t) => t.updatedAt);
}

function createTemplate(c: SimContext): Response {
  requireEditor(c, "create project templates");
  const name = text(c, "name", true)!;
  const description = text(c, "description", false) ?? "";
  const t = addTemplate(c.var.sim.store, name, description, c.var.me.id);
  const ctx = bc2Ctx(c);
  return created(c, renderTemplate(ctx, t, true), `${ctx.base}/projects/${t.id}.json`);
}

function fromTemplate(c: SimContext): Response {
  const store = c.var.sim.store;
  requireEditor(c, "create projects");
  const t = store.collection(TEMPLATES).get(pathId(c, "templateId"));
  if (!t || t.status !== "active") throw notFound();
  const name = text(c, "name", false) ?? String(t.name);
  const description = text(c, "description", false) ?? String(t.description ?? "");
  checkLimit(store);
  const p = createProject(store, { name, description, creatorId: c.var.me.id });
  store.addItem(DRAFTS, { projectId: p.id, templateId: t.id, creatorId: c.var.me.id });
  const ctx = bc2Ctx(c);
  return created(c, renderProject(ctx, p, true), `${ctx.base}/projects/${p.id}.json`);
}

function publish(c: SimContext): Response {
  const store = c.var.sim.store;
  const p = bc2Project(c, "id");
  requireEditor(c, "publish projects");
  const mark = draftMark(store, p.id);
  if (mark) {
    store.removeItem(DRAFTS, mark.id);
    p.updatedAt = store.now();
    store.markDirty();
  }
  return sendJson(c, renderProject(bc2Ctx(c), p, true));
}

export function register(r: Bc2Router): void {
  r.get("/stars", listStars);
  r.post("/projects/:projectId/star", star);
  r.delete("/projects/:projectId/star", unstar);
  r.get("/project_templates", listTemplates);
  r.post("/project_templates", createTemplate);
  r.post("/project_templates/:templateId/projects", fromTemplate);
  r.post("/projects/:id/publish", publish);
}

export { isDraft };
