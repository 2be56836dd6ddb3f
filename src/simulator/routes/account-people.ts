// Account and people: GET /account, people lists, my profile, project access.
import type { Sim, SimContext } from "../context.js";
import { badRequest, notFound, paginate, sendJson, noContent, validationFailed } from "../internal/respond.js";
import { iso, renderPerson, type RenderCtx, type Json } from "../render.js";
import { bodyOf, findProject, nested, optionalString, pathId, renderCtx, requiredString, toId, type ApiRouter } from "../router.js";
import type { Id, Person } from "../store/model.js";
import type { Store } from "../store/store.js";
import { activeProjectCount } from "./projects.js";
import { renderAccountLogo } from "./account-settings.js";

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function renderAccount(ctx: RenderCtx): Json {
  const store = ctx.store;
  const a = store.account;
  const owner = store.people.get(a.ownerId);
  const logo = renderAccountLogo(ctx);
  return {
    id: a.id,
    name: a.name,
    owner_name: owner ? owner.name : null,
    active: a.active,
    created_at: iso(a.createdAt),
    updated_at: iso(a.updatedAt),
    // Not on a trial: `trial_ends_on` (a plain string in the reference) is left out.
    trial: false,
    frozen: false,
    paused: false,
    limits: {
      can_create_projects: activeProjectCount(store) < a.projectLimit,
      can_pin_projects: true,
      can_create_users: true,
      can_upload_files: true,
    },
    subscription: {
      short_name: "business",
      proper_name: "Basecamp Business",
      project_limit: a.projectLimit,
      teams: true,
      clients: true,
      templates: true,
      logo: true,
      timesheet: true,
    },
    settings: {
      company_hq_enabled: true,
      teams_enabled: true,
      projects_enabled: true,
    },
    // Present only when the account has a logo (PUT /account/logo.json).
    ...(logo ? { logo } : {}),
  };
}

function maxUpdated(people: readonly Person[]): number | undefined {
  let m: number | undefined;
  for (const p of people) m = Math.max(m ?? 0, p.updatedAt);
  return m;
}

/** A list of IDs in a body field (array or comma-separated string); `[]` when absent. */
function idList(body: Record<string, unknown>, field: string): Id[] {
  const v = body[field];
  if (v === undefined || v === null) return [];
  const items = Array.isArray(v) ? v : typeof v === "string" ? v.split(",").map((s) => s.trim()).filter(Boolean) : null;
  if (!items) throw validationFailed({ [field]: ["must be a list of person IDs"] });
  const out: Id[] = [];
  for (const item of items) {
    const id = toId(item);
    if (id === undefined) throw validationFailed({ [field]: [`has an invalid person ID ${String(item)}`] });
    if (!out.includes(id)) out.push(id);
  }
  return out;
}

function findOrCreateCompany(store: Store, name: string): Id {
  for (const co of store.companies.values()) if (co.name.toLowerCase() === name.toLowerCase()) return co.id;
  const id = store.nextId();
  store.companies.set(id, { id, name });
  return id;
}

interface NewPerson {
  name: string;
  email: string;
  title: string | null;
  companyName: string | null;
}

function readCreates(body: Record<string, unknown>): NewPerson[] {
  const v = body.create;
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw validationFailed({ create: ["must be a list of {name, email_address, title, company_name}"] });
  return v.map((item, i) => {
    if (!item || typeof item !== "object" || Array.isArray(item)) throw validationFailed({ create: [`entry ${i + 1} must be an object`] });
    const o = item as Record<string, unknown>;
    const name = typeof o.name === "string" ? o.name.trim() : "";
    const email = typeof o.email_address === "string" ? o.email_address.trim() : "";
    if (!name) throw validationFailed({ "create.name": ["can't be blank"] });
    if (!EMAIL_RE.test(email)) throw validationFailed({ "create.email_address": [email ? "is not a valid email address" : "can't be blank"] });
    const title = typeof o.title === "string" && o.title.trim() ? o.title : null;
    const companyName = typeof o.company_name === "string" && o.company_name.trim() ? o.company_name.trim() : null;
    return { name, email, title, companyName };
  });
}

/** An existing person with that email, or a new one (invited user). */
function personFor(store: Store, np: NewPerson): Person {
  for (const p of store.people.values()) if (p.emailAddress.toLowerCase() === np.email.toLowerCase()) return p;
  const now = store.now();
  const id = store.nextId();
  const person: Person = {
    id,
    identityId: 200_000_000n + BigInt(store.seq),
    attachableSgid: Buffer.from(`gid://bc3/Person/${id}`).toString("base64url"),
    name: np.name,
    emailAddress: np.email,
    title: np.title,
    bio: null,
    location: null,
    createdAt: now,
    updatedAt: now,
    admin: false,
    owner: false,
    client: false,
    employee: true,
    timeZone: "Etc/UTC",
    companyId: np.companyName ? findOrCreateCompany(store, np.companyName) : 1n,
    personableType: "User",
  };
  store.people.set(id, person);
  return person;
}

function updateProfile(c: SimContext): Response {
  const store = c.var.sim.store;
  const me = c.var.me;
  const body = nested(bodyOf(c), "person");
  const name = body.name !== undefined ? requiredString(body, "name") : undefined;
  const email = optionalString(body, "email_address");
  if (email !== undefined) {
    if (!EMAIL_RE.test(email.trim())) throw validationFailed({ email_address: ["is not a valid email address"] });
    for (const p of store.people.values()) {
      if (p.id !== me.id && p.emailAddress.toLowerCase() === email.trim().toLowerCase()) throw validationFailed({ email_address: ["has already been taken"] });
    }
  }
  const title = optionalString(body, "title");
  const bio = optionalString(body, "bio");
  const location = optionalString(body, "location");
  const timeZone = optionalString(body, "time_zone_name");
  const fwd = body.first_week_day;
  if (fwd !== undefined && fwd !== null && ![0, 1, "0", "1"].includes(fwd as number | string)) throw validationFailed({ first_week_day: ["must be 0 (Sunday) or 1 (Monday)"] });
  const tf = body.time_format;
  if (tf !== undefined && tf !== null && tf !== "twelve_hour" && tf !== "twenty_four_hour") throw validationFailed({ time_format: ["must be twelve_hour or twenty_four_hour"] });
  if (timeZone !== undefined && !validTimeZone(timeZone)) throw validationFailed({ time_zone_name: ["is not a known time zone"] });
  if (name !== undefined) me.name = name.trim();
  if (email !== undefined) me.emailAddress = email.trim();
  if (title !== undefined) me.title = title || null;
  if (bio !== undefined) me.bio = bio || null;
  if (location !== undefined) me.location = location || null;
  if (timeZone !== undefined) me.timeZone = timeZone;
  me.updatedAt = store.now();
  store.markDirty();
  return noContent(c);
}

/** Is `tz` an IANA time zone this runtime knows ("Europe/Paris")? */
export function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function changeProjectPeople(c: SimContext): Response {
  const store = c.var.sim.store;
  const project = findProject(c, "id");
  const body = bodyOf(c);
  const grant = idList(body, "grant");
  const revoke = idList(body, "revoke");
  const creates = readCreates(body);
  if (grant.length === 0 && revoke.length === 0 && creates.length === 0) {
    throw badRequest("Send at least one of grant[] (person IDs), revoke[] (person IDs) or create[] ({name, email_address, title, company_name}).");
  }
  for (const [field, ids] of [["grant", grant], ["revoke", revoke]] as const) {
    for (const id of ids) if (!store.people.has(id)) throw validationFailed({ [field]: [`has an unknown person ID ${id}`] });
  }
  const granted: Person[] = [];
  const revoked: Person[] = [];
  const targets = [...grant.map((id) => store.people.get(id)!), ...creates.map((np) => personFor(store, np))];
  for (const p of targets) {
    if (granted.some((g) => g.id === p.id)) continue;
    if (!project.peopleIds.includes(p.id)) project.peopleIds.push(p.id);
    granted.push(p);
  }
  for (const id of revoke) {
    if (granted.some((g) => g.id === id)) continue;
    const i = project.peopleIds.indexOf(id);
    if (i >= 0) project.peopleIds.splice(i, 1);
    revoked.push(store.people.get(id)!);
  }
  project.updatedAt = store.now();
  store.markDirty();
  const ctx = renderCtx(c);
  return sendJson(c, { granted: granted.map((p) => renderPerson(ctx, p)), revoked: revoked.map((p) => renderPerson(ctx, p)) });
}

export function register(r: ApiRouter, sim: Sim): void {
  void sim;
  const flat = { forms: "flat" } as const;

  r.get("/account", (c) => sendJson(c, renderAccount(renderCtx(c)), { lastModified: c.var.sim.store.account.updatedAt }), flat);

  r.get(
    "/people",
    (c) => {
      const ctx = renderCtx(c);
      const people = [...c.var.sim.store.people.values()].sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
      return paginate(c, people, (p) => renderPerson(ctx, p), (p) => p.updatedAt);
    },
    flat,
  );

  r.get(
    "/people/:id",
    (c) => {
      const p = c.var.sim.store.people.get(pathId(c, "id"));
      if (!p) throw notFound();
      return sendJson(c, renderPerson(renderCtx(c), p), { lastModified: p.updatedAt });
    },
    flat,
  );

  r.get("/my/profile", (c) => sendJson(c, renderPerson(renderCtx(c), c.var.me), { lastModified: c.var.me.updatedAt }), flat);
  r.put("/my/profile", updateProfile, flat);

  r.get(
    "/projects/:id/people",
    (c) => {
      const store = c.var.sim.store;
      const project = findProject(c, "id");
      const ctx = renderCtx(c);
      const people = project.peopleIds.map((id) => store.people.get(id)).filter((p): p is Person => p !== undefined);
      return paginate(c, people, (p) => renderPerson(ctx, p), (p) => p.updatedAt);
    },
    flat,
  );
  r.put("/projects/:id/people/users", changeProjectPeople, flat);

  r.get(
    "/circles/people",
    (c) => {
      const me = c.var.me;
      const ctx = renderCtx(c);
      // People the signed-in person can ping: everyone but clients and themself.
      const people = [...c.var.sim.store.people.values()].filter((p) => !p.client && p.id !== me.id).sort((a, b) => a.name.localeCompare(b.name));
      return sendJson(c, people.map((p) => renderPerson(ctx, p)), { lastModified: maxUpdated(people) });
    },
    flat,
  );
}
