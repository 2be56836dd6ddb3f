// Folders ("stacks" on the wire): each person groups projects on their own home screen.
// A folder belongs to one person; filing a project into it changes nothing for anyone else.
import { registerCollection, type FieldReader } from "../crud.js";
import type { SimContext } from "../context.js";
import { notFound, validationFailed } from "../internal/respond.js";
import { apiBase, iso, type Json, type RenderCtx } from "../render.js";
import { canSeeProject, toId, type ApiRouter } from "../router.js";
import type { Id, Item, Person, Project } from "../store/model.js";
import type { Store } from "../store/store.js";
import { renderProject } from "./projects.js";

const STACKS = "stacks";
const DEFAULT_NAME = "New folder";
const EMOJI_ONLY = /^(?:\p{Extended_Pictographic}|\p{Emoji_Component}|\u200d|\ufe0f|\s)+$/u;

function isEmojiOnly(name: string): boolean {
  return /\p{Extended_Pictographic}/u.test(name) && EMOJI_ONLY.test(name);
}

/** Projects of the folder that still exist (trashed ones drop out). */
function projectsOf(store: Store, f: Item): Project[] {
  return (f.projectIds as Id[]).map((id) => store.getProject(id)).filter((p): p is Project => p !== undefined && p.status !== "trashed");
}

export function renderFolder(ctx: RenderCtx, f: Item, withProjects: boolean): Json {
  const projects = projectsOf(ctx.store, f);
  const out: Json = {
    id: f.id,
    name: f.name,
    type: "Stack",
    created_at: iso(f.createdAt),
    updated_at: iso(f.updatedAt),
    bucket_ids: projects.map((p) => p.id),
    is_emoji_only_name: isEmojiOnly(f.name as string),
    star_url: `${apiBase(ctx)}/buckets/${f.id}/stars.json`,
    gauges_url: null,
    color: null,
    image_url: null,
    url: `${apiBase(ctx)}/stacks/${f.id}.json`,
  };
  if (withProjects) out.projects = projects.map((p) => renderProject(ctx, p));
  return out;
}

/** Home-screen order: the newest on top. */
const newestFirst = (a: Item, b: Item): number => b.createdAt - a.createdAt || (b.id > a.id ? 1 : -1);

/** May the person file this project? Projects they are on, or all-access ones they may join. */
function fileable(c: SimContext, p: Project): boolean {
  if (p.status !== "active") return false;
  if (canSeeProject(c, p)) return true;
  return p.admissions !== "invite" && !c.var.me.client;
}

/** File projects for a person: they join them, and the projects leave their other folders. */
function fileProjects(store: Store, person: Person, projects: Project[]): Id[] {
  for (const p of projects) if (!p.peopleIds.includes(person.id) && !person.admin && !person.owner) p.peopleIds.push(person.id);
  const ids = projects.map((p) => p.id);
  for (const other of [...store.collection(STACKS).values()].filter((f) => f.personId === person.id).sort(newestFirst)) {
    const kept = (other.projectIds as Id[]).filter((id) => !ids.includes(id));
    if (kept.length !== (other.projectIds as Id[]).length) store.updateItem(STACKS, other, { projectIds: kept });
  }
  return ids;
}

/** Add a folder for a person, taking its projects out of their other folders (used by seeding). */
export function addFolder(store: Store, person: Person, name: string, projects: Project[]): Item {
  return store.addItem(STACKS, { personId: person.id, name, projectIds: fileProjects(store, person, projects), creatorId: person.id });
}

/** `name`, trimmed: a blank one makes a "New folder", and may not be saved over a name. */
const name: FieldReader = (body, f, c) => {
  const v = body[f];
  if (v !== undefined && v !== null && typeof v !== "string") throw validationFailed({ [f]: ["must be a string"] });
  const trimmed = typeof v === "string" ? v.trim() : "";
  if (trimmed !== "") return trimmed;
  if (c.req.method === "POST") return DEFAULT_NAME;
  throw validationFailed({ [f]: ["can't be blank"] });
};

/** `project_ids` (on create): one project the person may not file fails the whole request. */
const projectIds: FieldReader = (body, f, c) => {
  const raw = body[f];
  if (c.req.method !== "POST" || raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) throw validationFailed({ [f]: ["must be a list of project IDs"] });
  const projects: Project[] = [];
  for (const v of raw as unknown[]) {
    const id = toId(v);
    const p = id === undefined ? undefined : c.var.sim.store.getProject(id);
    if (!p || !fileable(c, p)) throw notFound(`Project ${String(v)} doesn't exist or you can't file it.`);
    if (!projects.includes(p)) projects.push(p);
  }
  return projects;
};

export function register(r: ApiRouter): void {
  // Deleting a folder unpins its projects from the home screen; the projects stay.
  registerCollection(r, {
    what: "folder",
    collection: STACKS,
    paths: { list: "/stacks", create: "/stacks", item: "/stacks/:folderId" },
    scope: (c) => ({ personId: c.var.me.id }),
    wrap: "stack",
    fields: { name, project_ids: projectIds },
    order: newestFirst,
    paged: false,
    create: (c, f) => ({ personId: c.var.me.id, name: f.name, projectIds: fileProjects(c.var.sim.store, c.var.me, (f.project_ids as Project[] | undefined) ?? []) }),
    render: (ctx, f, { action }) => renderFolder(ctx, f, action !== "list"),
  });
}
