// Basecamp 2 groups (companies) and subgroups (departments). BC2-only, so a store collection,
// `bc2Groups`: {name, parentId (null for a group), memberIds}. On first use an account gets one
// group per BC4 company, holding that company's people. Admins and the owner see and manage
// every group; others see the groups they belong to (and those groups' subgroups).
import type { SimContext } from "../context.js";
import { forbidden, noContent, notFound, sendJson, validationFailed } from "../internal/respond.js";
import { iso, type Json } from "../render.js";
import { bodyOf, optionalString, pathId, toId } from "../router.js";
import type { Id, Item, Person } from "../store/model.js";
import type { Store } from "../store/store.js";
import { bc2Ctx, created, idOf, sendPage, type Bc2Ctx, type Bc2Router } from "./router.js";
import { renderPerson } from "./render.js";

export const GROUPS = "bc2Groups";
const SEEDED = "bc2Seeded";

export function ensureGroups(store: Store): void {
  const marks = store.collection(SEEDED);
  if ([...marks.values()].some((m) => m.what === "groups")) return;
  store.addItem(SEEDED, { what: "groups", creatorId: store.account.ownerId });
  const companies = [...store.companies.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const co of companies) {
    const memberIds = [...store.people.values()].filter((p) => p.companyId === co.id).map((p) => p.id);
    store.addItem(GROUPS, { name: co.name, parentId: null, memberIds, creatorId: store.account.ownerId });
  }
}

function groups(c: SimContext): Map<Id, Item> {
  ensureGroups(c.var.sim.store);
  return c.var.sim.store.collection(GROUPS);
}

const isAdmin = (me: Person) => me.admin || me.owner;
const members = (g: Item) => g.memberIds as Id[];

function subgroupsOf(store: Store, id: Id): Item[] {
  return [...store.collection(GROUPS).values()].filter((g) => g.parentId === id).sort((a, b) => (a.id < b.id ? -1 : 1));
}

function sees(c: SimContext, g: Item): boolean {
  const me = c.var.me;
  if (isAdmin(me)) return true;
  const top = g.parentId === null ? g : c.var.sim.store.collection(GROUPS).get(g.parentId as Id);
  return top !== undefined && (members(top).includes(me.id) || subgroupsOf(c.var.sim.store, top.id).some((s) => members(s).includes(me.id)));
}

function findGroup(c: SimContext): Item {
  const g = groups(c).get(pathId(c, "groupId"));
  if (!g || g.parentId !== null || !sees(c, g)) throw notFound();
  return g;
}

function findSubgroup(c: SimContext): { group: Item; sub: Item } {
  const group = findGroup(c);
  const sub = c.var.sim.store.collection(GROUPS).get(pathId(c, "subgroupId"));
  if (!sub || sub.parentId !== group.id) throw notFound();
  return { group, sub };
}

function requireAdmin(c: SimContext): void {
  if (!isAdmin(c.var.me)) throw forbidden("Only account admins can manage companies and groups.");
}

function summary(g: Item): Json {
  return { id: g.id, name: g.name, created_at: iso(g.createdAt), updated_at: iso(g.updatedAt) };
}

function memberships(ctx: Bc2Ctx, g: Item): Json[] {
  return members(g)
    .map((id) => ctx.store.people.get(id))
    .filter((p): p is Person => p !== undefined)
    .map((p) => {
      const { trashed: _t, app_url: _a, ...rest } = renderPerson(ctx, p);
      return rest;
    });
}

function renderGroup(ctx: Bc2Ctx, g: Item): Json {
  return { ...summary(g), subgroups: subgroupsOf(ctx.store, g.id).map(summary), memberships: memberships(ctx, g), url: `${ctx.base}/groups/${g.id}.json` };
}

function renderSubgroup(ctx: Bc2Ctx, s: Item): Json {
  return { ...summary(s), parent_id: s.parentId, memberships: memberships(ctx, s), url: `${ctx.base}/groups/${s.parentId}/subgroups/${s.id}.json` };
}

/** `memberships: [{person_id}]`: people on the account (and, for a subgroup, in its group). */
function readMembers(c: SimContext, parent?: Item): Id[] | undefined {
  const raw = bodyOf(c).memberships;
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) throw validationFailed({ memberships: ['must be a list like [{"person_id": 1}]'] });
  const out: Id[] = [];
  for (const m of raw) {
    const id = m && typeof m === "object" ? idOf((m as Record<string, unknown>).person_id) : toId(m);
    if (id === undefined || !c.var.sim.store.people.has(id)) throw validationFailed({ memberships: [`has an unknown person_id ${JSON.stringify(m)}`] });
    if (parent && !members(parent).includes(id)) throw validationFailed({ memberships: [`person ${String(id)} must belong to the parent group first`] });
    if (!out.includes(id)) out.push(id);
  }
  return out;
}

function readName(c: SimContext, required: boolean): string | undefined {
  const name = optionalString(bodyOf(c), "name");
  if ((required && name === undefined) || (name !== undefined && name.trim() === "")) throw validationFailed({ name: ["can't be blank"] });
  return name?.trim();
}

function update(c: SimContext, g: Item, parent?: Item): void {
  requireAdmin(c);
  const name = readName(c, false);
  const add = readMembers(c, parent) ?? [];
  const changes: Record<string, unknown> = {};
  if (name !== undefined) changes.name = name;
  if (add.length) changes.memberIds = [...new Set([...members(g), ...add])];
  if (Object.keys(changes).length) c.var.sim.store.updateItem(GROUPS, g, changes);
}

function removeMember(c: SimContext, g: Item, cascade: Item[]): Response {
  requireAdmin(c);
  const store = c.var.sim.store;
  const id = pathId(c, "personId");
  // Removing someone who is not (or no longer) a member changes nothing: 204 as well.
  if (!store.people.has(id)) throw notFound("No such person on this account.");
  for (const x of [g, ...cascade]) if (members(x).includes(id)) store.updateItem(GROUPS, x, { memberIds: members(x).filter((m) => m !== id) });
  return noContent(c);
}

export function register(r: Bc2Router): void {
  r.get("/groups", (c) => {
    const ctx = bc2Ctx(c);
    const list = [...groups(c).values()].filter((g) => g.parentId === null && sees(c, g)).sort((a, b) => String(a.name).localeCompare(String(b.name)) || (a.id < b.id ? -1 : 1));
    return sendPage(c, list, (g) => {
      const subs = subgroupsOf(ctx.store, g.id);
      return subs.length ? { ...summary(g), subgroups: subs.map(summary) } : summary(g);
    }, (g) => g.updatedAt);
  });
  r.get("/groups/:groupId", (c) => {
    const g = findGroup(c);
    return sendJson(c, renderGroup(bc2Ctx(c), g), { lastModified: g.updatedAt });
  });
  r.post("/groups", (c) => {
    requireAdmin(c);
    const name = readName(c, true)!;
    const memberIds = readMembers(c) ?? [];
    ensureGroups(c.var.sim.store);
    const g = c.var.sim.store.addItem(GROUPS, { name, parentId: null, memberIds, creatorId: c.var.me.id });
    const body = renderGroup(bc2Ctx(c), g);
    return created(c, body, body.url as string);
  });
  r.put("/groups/:groupId", (c) => {
    const g = findGroup(c);
    update(c, g);
    return sendJson(c, renderGroup(bc2Ctx(c), g));
  });
  r.delete("/groups/:groupId", (c) => {
    const g = findGroup(c);
    requireAdmin(c);
    const store = c.var.sim.store;
    for (const s of subgroupsOf(store, g.id)) store.removeItem(GROUPS, s.id);
    store.removeItem(GROUPS, g.id);
    return noContent(c);
  });
  r.delete("/groups/:groupId/memberships/:personId", (c) => {
    const g = findGroup(c);
    return removeMember(c, g, subgroupsOf(c.var.sim.store, g.id));
  });

  r.get("/groups/:groupId/subgroups/:subgroupId", (c) => {
    const { sub } = findSubgroup(c);
    return sendJson(c, renderSubgroup(bc2Ctx(c), sub), { lastModified: sub.updatedAt });
  });
  r.post("/groups/:groupId/subgroups", (c) => {
    const g = findGroup(c);
    requireAdmin(c);
    const name = readName(c, true)!;
    const memberIds = readMembers(c, g) ?? [];
    const s = c.var.sim.store.addItem(GROUPS, { name, parentId: g.id, memberIds, creatorId: c.var.me.id });
    c.var.sim.store.updateItem(GROUPS, g, {});
    const body = renderSubgroup(bc2Ctx(c), s);
    return created(c, body, body.url as string);
  });
  r.put("/groups/:groupId/subgroups/:subgroupId", (c) => {
    const { group, sub } = findSubgroup(c);
    update(c, sub, group);
    return sendJson(c, renderSubgroup(bc2Ctx(c), sub));
  });
  r.delete("/groups/:groupId/subgroups/:subgroupId", (c) => {
    const { sub } = findSubgroup(c);
    requireAdmin(c);
    c.var.sim.store.removeItem(GROUPS, sub.id);
    return noContent(c);
  });
  r.delete("/groups/:groupId/subgroups/:subgroupId/memberships/:personId", (c) => {
    const { sub } = findSubgroup(c);
    return removeMember(c, sub, []);
  });
}
