// Basecamp 2 projects and project accesses.
import type { SimContext } from "../context.js";
import { forbidden, insufficientStorage, noContent, sendJson, validationFailed } from "../internal/respond.js";
import { bodyOf, optionalBool, optionalString, requiredString } from "../router.js";
import type { Id, Project } from "../store/model.js";
import { createProject } from "../store/projects.js";
import { activeProjectCount } from "../routes/projects.js";
import { bc2Ctx, bc2Project, created, idOf, requireAdmin, sendPage, visibleProjects, type Bc2Router } from "./router.js";
import { renderPerson, renderProject } from "./render.js";
import { isDraft } from "./drafts.js";

const newestFirst = (a: Project, b: Project) => b.updatedAt - a.updatedAt || (b.id > a.id ? 1 : -1);

function list(status: "active" | "archived" | "draft") {
  return (c: SimContext) => {
    const ctx = bc2Ctx(c);
    // Drafts (made from a template, not yet published) are listed only as drafts.
    const items = visibleProjects(c).filter((p) => (status === "draft" ? p.status === "active" && isDraft(ctx.store, p.id) : p.status === status && !isDraft(ctx.store, p.id))).sort(newestFirst);
    return sendPage(c, items, (p) => renderProject(ctx, p), (p) => p.updatedAt);
  };
}

function checkLimit(c: SimContext): void {
  const store = c.var.sim.store;
  if (activeProjectCount(store) >= store.account.projectLimit) throw insufficientStorage(`The account has reached its limit of ${store.account.projectLimit} projects. Archive or delete one first.`);
}

function createOne(c: SimContext): Response {
  const store = c.var.sim.store;
  if (c.var.me.client) throw forbidden("You don't have permission to create projects.");
  const body = bodyOf(c);
  const name = requiredString(body, "name").trim();
  const description = optionalString(body, "description") ?? "";
  checkLimit(c);
  const p = createProject(store, { name, description, creatorId: c.var.me.id });
  store.markDirty();
  const ctx = bc2Ctx(c);
  return created(c, renderProject(ctx, p, true), `${ctx.base}/projects/${p.id}.json`);
}

function update(c: SimContext): Response {
  const store = c.var.sim.store;
  const p = bc2Project(c, "id");
  const body = bodyOf(c);
  const name = optionalString(body, "name");
  if (name !== undefined && name.trim() === "") throw validationFailed({ name: ["can't be blank"] });
  const description = optionalString(body, "description");
  const archived = optionalBool(body, "archived");
  if (name !== undefined) p.name = name.trim();
  if (description !== undefined) p.description = description;
  if (archived !== undefined && archived !== (p.status === "archived")) {
    if (!archived) checkLimit(c);
    p.status = archived ? "archived" : "active";
  }
  p.updatedAt = store.now();
  store.markDirty();
  return sendJson(c, renderProject(bc2Ctx(c), p, true));
}

function remove(c: SimContext): Response {
  const store = c.var.sim.store;
  const p = bc2Project(c, "id");
  requireAdmin(c, "delete projects");
  p.status = "trashed";
  p.trashedAt = p.updatedAt = store.now();
  store.markDirty();
  return noContent(c);
}

function accesses(c: SimContext): Response {
  const p = bc2Project(c, "id");
  const ctx = bc2Ctx(c);
  const people = p.peopleIds.map((id) => c.var.sim.store.people.get(id)).filter((x) => x !== undefined);
  return sendPage(c, people, (person) => renderPerson(ctx, person), (person) => person.updatedAt);
}

function grant(c: SimContext, asClients = false): Response {
  const store = c.var.sim.store;
  const p = bc2Project(c, "id");
  if (asClients && !p.clientsEnabled) throw validationFailed({ project: ["is not a client project: grant client access only in projects with clients"] });
  const body = bodyOf(c);
  const add: Id[] = [];
  const ids = body.ids ?? [];
  const emails = body.email_addresses ?? [];
  if (!Array.isArray(ids) || !Array.isArray(emails)) throw validationFailed({ ids: ["must be lists of person IDs and email addresses"] });
  for (const raw of ids) {
    const id = idOf(raw);
    if (id === undefined || !store.people.has(id)) throw validationFailed({ ids: [`has an unknown person ID ${String(raw)}`] });
    add.push(id);
  }
  for (const e of emails) {
    const person = [...store.people.values()].find((x) => x.emailAddress.toLowerCase() === String(e).toLowerCase());
    if (!person) throw validationFailed({ email_addresses: [`${String(e)} is not a person in this account (the simulator does not send invitations)`] });
    add.push(person.id);
  }
  for (const id of add) if (!p.peopleIds.includes(id)) p.peopleIds.push(id);
  p.updatedAt = store.now();
  store.markDirty();
  return noContent(c);
}

function revoke(c: SimContext): Response {
  const store = c.var.sim.store;
  const p = bc2Project(c, "id");
  const personId = idOf(c.req.param("personId"));
  if (personId === undefined || !p.peopleIds.includes(personId)) throw validationFailed({ person: ["has no access to this project"] });
  if (personId === p.creatorId && p.peopleIds.length === 1) throw forbidden("The last person on a project cannot be removed.");
  p.peopleIds = p.peopleIds.filter((id) => id !== personId);
  p.updatedAt = store.now();
  store.markDirty();
  return noContent(c);
}

export function register(r: Bc2Router): void {
  r.get("/projects", list("active"));
  r.get("/projects/archived", list("archived"));
  r.get("/projects/drafts", list("draft"));
  r.get("/projects/:id", (c) => {
    const p = bc2Project(c, "id");
    return sendJson(c, renderProject(bc2Ctx(c), p, true), { lastModified: p.updatedAt });
  });
  r.post("/projects", createOne);
  r.put("/projects/:id", update);
  r.delete("/projects/:id", remove);
  r.get("/projects/:id/accesses", accesses);
  r.post("/projects/:id/accesses", (c) => grant(c));
  r.post("/projects/:id/client_accesses", (c) => grant(c, true));
  r.delete("/projects/:id/accesses/:personId", revoke);
}
