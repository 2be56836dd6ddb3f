import type { Hono } from "hono";
import type { SimContext, SimEnv } from "./context.js";
import { badRequest, forbidden, notFound, validationFailed } from "./internal/respond.js";
import type { RenderCtx } from "./render.js";
import type { Id, Project, RecType, Recording, Status } from "./store/model.js";

export type Handler = (c: SimContext) => Response | Promise<Response>;

export interface RouteOptions {
  /**
   * Which path forms exist (reference column `L`): "both" (flat and `/buckets/{b}/…`,
   * the default for recordings), "flat" (flat only), "bucket" (only under `/buckets/{b}`).
   * Every form also answers with or without the `.json` suffix.
   */
  forms?: "both" | "flat" | "bucket";
}

/**
 * Registers API routes under `/:accountId`. Paths are written without `.json` (the app
 * strips that suffix before routing) and without the bucket prefix.
 */
export class ApiRouter {
  constructor(private readonly app: Hono<SimEnv>) {}

  private add(method: "GET" | "POST" | "PUT" | "DELETE", path: string, handler: Handler, opts: RouteOptions): void {
    const forms = opts.forms ?? "both";
    const paths: string[] = [];
    if (forms !== "bucket") paths.push(`/:accountId${path}`);
    if (forms !== "flat") paths.push(`/:accountId/buckets/:bucket${path}`);
    for (const p of paths) {
      const label = `${method} ${p.replace("/:accountId", "")}`;
      // ID parameters match digits only, so `/projects/:id` never swallows
      // `/projects/recordings` whatever order modules register in.
      const pattern = p.replace(/:(id|bucket|[a-z]+Id)(?=\/|$)/g, ":$1{[0-9]+}");
      this.app.on(method, pattern, (c) => {
        c.set("route", label);
        return handler(c);
      });
    }
  }

  get(path: string, handler: Handler, opts: RouteOptions = {}): void {
    this.add("GET", path, handler, opts);
  }
  post(path: string, handler: Handler, opts: RouteOptions = {}): void {
    this.add("POST", path, handler, opts);
  }
  put(path: string, handler: Handler, opts: RouteOptions = {}): void {
    this.add("PUT", path, handler, opts);
  }
  delete(path: string, handler: Handler, opts: RouteOptions = {}): void {
    this.add("DELETE", path, handler, opts);
  }
}

// ---- helpers for handlers --------------------------------------------------------------

export function renderCtx(c: SimContext): RenderCtx {
  const store = c.var.sim.store;
  return { store, origin: new URL(c.req.url).origin, accountId: store.account.id };
}

/** Parse an ID from a path or body value; bigint-exact. */
export function toId(v: unknown): Id | undefined {
  if (typeof v === "bigint") return v;
  if (typeof v === "number" && Number.isSafeInteger(v) && v > 0) return BigInt(v);
  if (typeof v === "string" && /^\d{1,20}$/.test(v)) return BigInt(v);
  return undefined;
}

export function pathId(c: SimContext, name: string): Id {
  const raw = c.req.param(name);
  const id = toId(raw);
  if (id === undefined) throw notFound();
  return id;
}

/** May the signed-in person see this project? Owners and admins see all; others their own. */
export function canSeeProject(c: SimContext, p: Project): boolean {
  const me = c.var.me;
  return me.owner || me.admin || p.peopleIds.includes(me.id);
}

/** The project named by a path parameter (404 when missing, purged or not visible). */
export function findProject(c: SimContext, param = "id"): Project {
  const p = c.var.sim.store.getProject(pathId(c, param));
  if (!p || !canSeeProject(c, p)) throw notFound();
  return p;
}

/**
 * The recording named by a path parameter, of one of `types`. 404 when missing, purged,
 * of another type, in a project the person cannot see, or (on `/buckets/{b}/…` paths) in
 * another bucket.
 */
export function findRecording(c: SimContext, param: string, types: readonly RecType[]): Recording {
  const store = c.var.sim.store;
  const rec = store.getRecording(pathId(c, param));
  if (!rec || !types.includes(rec.type)) throw notFound();
  const bucket = c.req.param("bucket");
  if (bucket !== undefined && toId(bucket) !== rec.bucketId) throw notFound();
  const project = store.getProject(rec.bucketId);
  if (!project || !canSeeProject(c, project)) throw notFound();
  return rec;
}

/** The `status` query filter of a list: active (default), archived or trashed; else 400. */
export function statusQuery(c: SimContext): Status {
  const s = c.req.query("status");
  if (s === undefined || s === "" || s === "active") return "active";
  if (s === "archived" || s === "trashed") return s;
  throw badRequest(`status must be active, archived or trashed (got ${JSON.stringify(s)})`);
}

/**
 * Sort by a timestamp; ties follow store order in the same direction (newest-first puts the
 * later of two same-millisecond records first). Keys are read once into a typed array:
 * recordings have many object shapes, so reading fields inside a comparator is slow
 * at 100k items.
 */
export function sortByTime(items: Recording[], field: "createdAt" | "updatedAt", sign: 1 | -1): Recording[] {
  const n = items.length;
  const keys = new Float64Array(n);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    keys[i] = items[i][field];
    order[i] = i;
  }
  order.sort((i, j) => sign * (keys[i] - keys[j]) || sign * (i - j));
  const out = new Array<Recording>(n);
  for (let i = 0; i < n; i++) out[i] = items[order[i]];
  return out;
}

/**
 * Order by the `sort` (created_at | updated_at) and `direction` (desc | asc) query
 * parameters, newest first by default; bad values get 400.
 */
export function sortByQuery(c: SimContext, items: Recording[], defaultSort: "created_at" | "updated_at" = "created_at"): Recording[] {
  const sort = c.req.query("sort") || defaultSort;
  const direction = c.req.query("direction") || "desc";
  if (sort !== "created_at" && sort !== "updated_at") throw badRequest(`sort must be created_at or updated_at (got ${JSON.stringify(sort)})`);
  if (direction !== "desc" && direction !== "asc") throw badRequest(`direction must be desc or asc (got ${JSON.stringify(direction)})`);
  return sortByTime(items, sort === "created_at" ? "createdAt" : "updatedAt", direction === "asc" ? 1 : -1);
}

/** Refuse writes to trashed content the way Basecamp does (it is read-only in the trash). */
export function requireWritable(rec: Recording): void {
  if (rec.status === "trashed") throw forbidden("That item is in the trash. Restore it (PUT /recordings/{id}/status/active.json) before changing it.");
}

// ---- body field readers (throw 422/400 with field names) ------------------------------------

export function bodyOf(c: SimContext): Record<string, unknown> {
  return c.var.body ?? {};
}

/** Read a nested object like `{ question: {…} }` when present, else the body itself. */
export function nested(body: Record<string, unknown>, key: string): Record<string, unknown> {
  const v = body[key];
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : body;
}

export function requiredString(body: Record<string, unknown>, field: string): string {
  const v = body[field];
  if (typeof v !== "string" || v.trim() === "") throw validationFailed({ [field]: ["can't be blank"] });
  return v;
}

export function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw validationFailed({ [field]: ["must be a string"] });
  return v;
}

/** A text field an explicit null clears (""); `undefined` when absent. */
export function clearableString(body: Record<string, unknown>, field: string): string | undefined {
  return body[field] === null ? "" : optionalString(body, field);
}

export function optionalBool(body: Record<string, unknown>, field: string): boolean | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v === "boolean") return v;
  if (v === "true" || v === 1 || v === "1") return true;
  if (v === "false" || v === 0 || v === "0") return false;
  throw validationFailed({ [field]: ["must be true or false"] });
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** A `YYYY-MM-DD` date, `null` to clear, `undefined` when absent. */
export function optionalDate(body: Record<string, unknown>, field: string): string | null | undefined {
  const v = body[field];
  if (v === undefined) return undefined;
  if (v === null || v === "") return null;
  if (typeof v !== "string" || !DATE_RE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)) || new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v) {
    throw validationFailed({ [field]: ["must be a date in YYYY-MM-DD form"] });
  }
  return v;
}

/** A list of person IDs that must exist; `undefined` when absent. */
export function optionalPersonIds(c: SimContext, body: Record<string, unknown>, field: string): Id[] | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  let list: unknown[];
  if (Array.isArray(v)) list = v;
  else if (typeof v === "string") list = v.split(",").map((s) => s.trim()).filter(Boolean);
  else throw validationFailed({ [field]: ["must be a list of person IDs"] });
  const out: Id[] = [];
  for (const item of list) {
    const id = toId(item);
    if (id === undefined || !c.var.sim.store.people.has(id)) throw validationFailed({ [field]: [`has an unknown person ID ${String(item)}`] });
    if (!out.includes(id)) out.push(id);
  }
  return out;
}

export function requiredId(body: Record<string, unknown>, field: string): Id {
  const id = toId(body[field]);
  if (id === undefined) throw badRequest(`${field} is required and must be a numeric ID`);
  return id;
}
