// Basecamp 2 people: the account's people, the signed-in person, removal, a person's projects
// and assigned to-dos. Removal through BC2 is kept in the `bc2TrashedPeople` collection
// (persisted with the store) and takes the person off every project.
import type { SimContext } from "../context.js";
import { forbidden, noContent, notFound, sendJson } from "../internal/respond.js";
import { canSeeProject, pathId } from "../router.js";
import type { Id, Person, Recording } from "../store/model.js";
import type { Store } from "../store/store.js";
import { bc2Ctx, dueSinceQuery, requireAdmin, sendPage, visibleProjects, type Bc2Router } from "./router.js";
import { listOfTodo, renderPerson, renderProject, renderTodo, renderTodolist } from "./render.js";

const TRASHED = "bc2TrashedPeople";

export function isTrashedPerson(store: Store, id: Id): boolean {
  for (const item of store.collection(TRASHED).values()) if (item.personId === id) return true;
  return false;
}

function byName(a: Person, b: Person): number {
  return a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1);
}

function findPerson(c: SimContext): Person {
  const store = c.var.sim.store;
  const raw = c.req.param("id");
  const id = raw === undefined ? c.var.me.id : pathId(c, "id");
  const p = store.people.get(id);
  if (!p) throw notFound();
  return p;
}

function assignedTodos(c: SimContext): Response {
  const store = c.var.sim.store;
  const person = findPerson(c);
  const dueSince = dueSinceQuery(c);
  const ctx = bc2Ctx(c);
  const visible = new Set(visibleProjects(c).filter((p) => p.status === "active").map((p) => p.id));
  const byList = new Map<Id, { list: Recording; todos: Recording[] }>();
  for (const t of store.ofType("Todo")) {
    if (t.status !== "active" || t.completed || !visible.has(t.bucketId) || !(t.assigneeIds ?? []).includes(person.id)) continue;
    if (dueSince !== undefined && (!t.dueOn || t.dueOn < dueSince)) continue;
    const list = listOfTodo(store, t);
    if (!list || list.status !== "active") continue;
    let entry = byList.get(list.id);
    if (!entry) byList.set(list.id, (entry = { list, todos: [] }));
    entry.todos.push(t);
  }
  const lists = [...byList.values()].sort((a, b) => b.list.updatedAt - a.list.updatedAt);
  return sendPage(c, lists, ({ list, todos }) => ({ ...renderTodolist(ctx, list), assigned_todos: todos.map((t) => renderTodo(ctx, t)) }), (e) => e.list.updatedAt);
}

export function register(r: Bc2Router): void {
  r.get("/people", (c) => {
    const store = c.var.sim.store;
    const ctx = bc2Ctx(c);
    const people = [...store.people.values()].filter((p) => !isTrashedPerson(store, p.id)).sort(byName);
    return sendPage(c, people, (p) => renderPerson(ctx, p), (p) => p.updatedAt);
  });
  r.get("/people/trashed", (c) => {
    const store = c.var.sim.store;
    const ctx = bc2Ctx(c);
    const people = [...store.people.values()].filter((p) => isTrashedPerson(store, p.id)).sort(byName);
    return sendPage(c, people, (p) => renderPerson(ctx, p, true), (p) => p.updatedAt);
  });
  const show = (c: SimContext) => {
    const store = c.var.sim.store;
    const p = findPerson(c);
    const ctx = bc2Ctx(c);
    const out = renderPerson(ctx, p, isTrashedPerson(store, p.id));
    const url = out.url as string;
    const assigned = [...store.ofType("Todo")].filter((t) => t.status === "active" && !t.completed && (t.assigneeIds ?? []).includes(p.id));
    out.assigned_todos = { count: assigned.length, updated_at: out.updated_at, url: url.replace(/\.json$/, "/assigned_todos.json") };
    out.events = { count: 0, updated_at: out.updated_at, url: url.replace(/\.json$/, "/events.json") };
    return sendJson(c, out, { lastModified: p.updatedAt });
  };
  r.get("/people/me", show);
  r.get("/people/:id", show);
  r.delete("/people/:id", (c) => {
    const store = c.var.sim.store;
    requireAdmin(c, "remove people");
    const p = findPerson(c);
    if (p.owner) throw forbidden("The account owner cannot be removed.");
    if (!isTrashedPerson(store, p.id)) {
      store.addItem(TRASHED, { personId: p.id, creatorId: c.var.me.id });
      for (const project of store.projects.values()) project.peopleIds = project.peopleIds.filter((id) => id !== p.id);
      store.markDirty();
    }
    return noContent(c);
  });
  r.get("/people/:id/projects", (c) => {
    const person = findPerson(c);
    const ctx = bc2Ctx(c);
    const projects = visibleProjects(c).filter((p) => p.status === "active" && p.peopleIds.includes(person.id) && canSeeProject(c, p));
    return sendPage(c, projects, (p) => renderProject(ctx, p), (p) => p.updatedAt);
  });
  r.get("/people/:id/assigned_todos", assignedTodos);
}
