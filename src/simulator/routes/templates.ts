// Templates: projects made for copying. A template is account-level (not in the projects list);
// it keeps a name, a description and the layout of its dock (which tools, titled how, enabled
// or not, in what order). A project construction makes a real project from it: the project
// gets its own dock, laid out as the template's.
import { registerCollection, type CrudAction, type FieldReader } from "../crud.js";
import type { SimContext } from "../context.js";
import { forbidden, insufficientStorage, notFound, sendJson, validationFailed } from "../internal/respond.js";
import { apiBase, appBase, iso, SEGMENT, type Json, type RenderCtx } from "../render.js";
import { bodyOf, nested, pathId, renderCtx, statusQuery, type ApiRouter } from "../router.js";
import type { Id, Item, Project, RecType } from "../store/model.js";
import { PURGE_AFTER_MS, type Store } from "../store/store.js";
import { createProject } from "../store/projects.js";
import { activeProjectCount, renderProject } from "./projects.js";
import { TOOL_TYPES } from "./dock-tools.js";

const TEMPLATES = "templates";
const CONSTRUCTIONS = "projectConstructions";

interface DockSlot {
  id: Id;
  type: RecType;
  title: string;
  enabled: boolean;
}

/** A new template's dock, as Basecamp lays it out (the less-used tools start disabled). */
const DEFAULT_DOCK: Array<Omit<DockSlot, "id">> = [
  { type: "Message::Board", title: "Message Board", enabled: true },
  { type: "Todoset", title: "To-dos", enabled: true },
  { type: "Vault", title: "Docs & Files", enabled: true },
  { type: "Chat::Transcript", title: "Campfire", enabled: true },
  { type: "Schedule", title: "Schedule", enabled: true },
  { type: "Questionnaire", title: "Automatic Check-ins", enabled: false },
  { type: "Inbox", title: "Email Forwards", enabled: false },
  { type: "Kanban::Board", title: "Card Table", enabled: false },
];

const dockName = (type: RecType): string => Object.keys(TOOL_TYPES).find((k) => TOOL_TYPES[k] === type) ?? type.toLowerCase();

export function renderTemplate(ctx: RenderCtx, t: Item): Json {
  let pos = 0;
  const dock = (t.tools as DockSlot[]).map((d) => {
    const path = `buckets/${t.id}/${SEGMENT[d.type]}/${d.id}`;
    return {
      id: d.id,
      title: d.title,
      name: dockName(d.type),
      enabled: d.enabled,
      position: d.enabled ? ++pos : null,
      url: `${apiBase(ctx)}/${path}.json`,
      app_url: `${appBase(ctx)}/${path}`,
    };
  });
  return {
    id: t.id,
    status: t.status,
    created_at: iso(t.createdAt),
    updated_at: iso(t.updatedAt),
    name: t.name,
    description: t.description,
    url: `${apiBase(ctx)}/templates/${t.id}.json`,
    app_url: `${appBase(ctx)}/templates/${t.id}`,
    dock,
  };
}

/** A new template's fields, with the default dock (also used by seeding). */
const templateFields = (store: Store, name: unknown, description: unknown) => ({ name, description: description ?? "", status: "active", trashedAt: null, tools: DEFAULT_DOCK.map((d) => ({ ...d, id: store.nextId() })) });

export function addTemplate(store: Store, name: string, description: string, creatorId: Id): Item {
  return store.addItem(TEMPLATES, { ...templateFields(store, name, description), creatorId });
}

/** Clients do not see templates; everyone else on the account does. 30 days in the trash, one is gone. */
function seesTemplate(c: SimContext, t: Item, action?: CrudAction): boolean {
  const store = c.var.sim.store;
  if (c.var.me.client) return false;
  const gone = t.status === "trashed" && typeof t.trashedAt === "number" && store.now() - t.trashedAt > PURGE_AFTER_MS;
  if (gone && action !== "list") store.removeItem(TEMPLATES, t.id); // asked for by ID: dropped for good
  return !gone;
}

function findTemplate(c: SimContext): Item {
  const t = c.var.sim.store.collection(TEMPLATES).get(pathId(c, "templateId"));
  if (!t || !seesTemplate(c, t)) throw notFound();
  return t;
}

function requireEditor(c: SimContext): void {
  if (c.var.me.client) throw forbidden("Clients cannot manage templates.");
}

function readText(body: Record<string, unknown>, field: string, required: boolean): string | undefined {
  const v = body[field];
  if (v === undefined || v === null) {
    if (required) throw validationFailed({ [field]: ["can't be blank"] });
    return undefined;
  }
  if (typeof v !== "string") throw validationFailed({ [field]: ["must be a string"] });
  if (required && v.trim() === "") throw validationFailed({ [field]: ["can't be blank"] });
  return v.trim();
}

function checkLimit(store: Store): void {
  const limit = store.account.projectLimit;
  if (activeProjectCount(store) >= limit) throw insufficientStorage("The project/team limit for this account has been reached.");
}

/** Make the project's dock match the template's: same tools, titles, enabled state and order. */
function layOutDock(store: Store, project: Project, template: Item): void {
  const used = new Set<Id>();
  const order: Id[] = [];
  for (const slot of template.tools as DockSlot[]) {
    const rec = project.dock.map((id) => store.recordings.get(id)).find((r) => r && r.type === slot.type && !used.has(r.id));
    if (!rec) continue;
    used.add(rec.id);
    rec.title = slot.title;
    if (rec.type === "Chat::Transcript") rec.topic = slot.title;
    rec.enabled = slot.enabled;
    order.push(rec.id);
  }
  project.dock = [...order, ...project.dock.filter((id) => !used.has(id))];
}

function renderConstruction(ctx: RenderCtx, k: Item, store: Store): Json {
  const out: Json = {
    id: k.id,
    status: k.status,
    url: `${apiBase(ctx)}/templates/${k.templateId}/project_constructions/${k.id}.json`,
  };
  const project = k.status === "completed" ? store.getProject(k.projectId as Id) : undefined;
  if (project) out.project = renderProject(ctx, project);
  return out;
}

/** `name`: required on create, and may not be blanked; `description`: null clears it. */
const name: FieldReader = (body, f, c) => (body[f] === undefined && c.req.method !== "POST" ? undefined : readText(body, f, true));
const description: FieldReader = (body, f) => (body[f] === null ? "" : readText(body, f, false));

export function register(r: ApiRouter): void {
  const flat = { forms: "flat" } as const;

  registerCollection(r, {
    what: "template",
    collection: TEMPLATES,
    paths: { list: "/templates", create: "/templates", item: "/templates/:templateId" },
    parentOf: (c, action) => (action === "list" ? statusQuery(c) : action === "create" ? requireEditor(c) : undefined),
    scope: (_c, status) => ({ status }),
    sees: seesTemplate,
    writers: "creatorOrAdmin",
    forbidden: "Only the template's creator, admins and the account owner may change it.",
    locked: (t) => (t.status === "trashed" ? "That template is in the trash. Restore it before changing it." : undefined),
    wrap: "template",
    fields: { name, description },
    order: (a, b) => b.createdAt - a.createdAt || (b.id > a.id ? 1 : -1),
    create(c, f) {
      checkLimit(c.var.sim.store);
      return templateFields(c.var.sim.store, f.name, f.description);
    },
    // Trash: kept for 30 days (listed with ?status=trashed), then gone.
    remove(c, t) {
      if (t.status !== "trashed") c.var.sim.store.updateItem(TEMPLATES, t, { status: "trashed", trashedAt: c.var.sim.store.now() });
    },
    render: (ctx, t) => renderTemplate(ctx, t),
  });

  r.post("/templates/:templateId/project_constructions", (c) => {
    const t = findTemplate(c);
    requireEditor(c);
    if (t.status !== "active") throw validationFailed({ template: ["must be active to make projects from"] });
    const store = c.var.sim.store;
    const body = nested(bodyOf(c), "project");
    const name = readText(body, "name", true)!;
    const description = readText(body, "description", false) ?? "";
    checkLimit(store);
    const project = createProject(store, { name, description, creatorId: c.var.me.id });
    layOutDock(store, project, t);
    store.markDirty();
    // Basecamp builds the project in the background: the create answers "pending", a poll
    // of the construction answers "completed" with the project.
    const k = store.addItem(CONSTRUCTIONS, { templateId: t.id, projectId: project.id, status: "pending", creatorId: c.var.me.id });
    const answer = renderConstruction(renderCtx(c), k, store);
    k.status = "completed";
    store.markDirty();
    return sendJson(c, answer, { status: 201 });
  }, flat);

  r.get("/templates/:templateId/project_constructions/:constructionId", (c) => {
    const t = findTemplate(c);
    const k = c.var.sim.store.collection(CONSTRUCTIONS).get(pathId(c, "constructionId"));
    if (!k || k.templateId !== t.id) throw notFound();
    return sendJson(c, renderConstruction(renderCtx(c), k, c.var.sim.store));
  }, flat);
}

/** A couple of templates for a fresh simulator. */
export function seedTemplates(store: Store, ownerId: Id): void {
  addTemplate(store, "Client onboarding", "Everything a new client project needs.", ownerId);
  const t = addTemplate(store, "Product launch", "Plan, build and ship.", ownerId);
  for (const slot of t.tools as DockSlot[]) if (slot.type === "Kanban::Board") slot.enabled = true;
}
