// Routing and small helpers for the Basecamp 2 handlers: paths are written without the
// `/…/api/v1` prefix and without `.json`; ID parameters match digits only.
import type { Hono } from "hono";
import type { SimContext, SimEnv } from "../context.js";
import { badRequest, forbidden, notFound, sendJson } from "../internal/respond.js";
import { canSeeProject, pathId, toId } from "../router.js";
import type { Id, Project, RecType, Recording } from "../store/model.js";
import type { Store } from "../store/store.js";

export type Handler = (c: SimContext) => Response | Promise<Response>;
type Method = "GET" | "POST" | "PUT" | "DELETE";

export interface Bc2Route {
  method: Method;
  path: string;
}

/** Every route registered, for tests that check coverage against basecamp2-endpoints.txt. */
export const BC2_ROUTES: Bc2Route[] = [];

export class Bc2Router {
  constructor(private readonly app: Hono<SimEnv>) {}

  on(method: Method, path: string, handler: Handler): void {
    if (!BC2_ROUTES.some((r) => r.method === method && r.path === path)) BC2_ROUTES.push({ method, path });
    const label = `BC2 ${method} ${path}`;
    const pattern = path.replace(/:(id|[a-z]+Id)(?=\/|$)/g, ":$1{[0-9]+}").replace(":section", ":section{[a-z_]+}");
    this.app.on(method, pattern, (c) => {
      (c.env as { outer?: SimContext } | undefined)?.outer?.set("route", label);
      return handler(c);
    });
  }
  get(path: string, h: Handler): void {
    this.on("GET", path, h);
  }
  post(path: string, h: Handler): void {
    this.on("POST", path, h);
  }
  put(path: string, h: Handler): void {
    this.on("PUT", path, h);
  }
  delete(path: string, h: Handler): void {
    this.on("DELETE", path, h);
  }
}

/** What renderers need: the store and the BC2 base URL the request came in on. */
export interface Bc2Ctx {
  store: Store;
  /** `http://host/bcx/{bcxId}/api/v1` (or without `/bcx`, as the request used). */
  base: string;
  /** Web (app_url) base: `http://host/web/bcx/{bcxId}`. */
  appBase: string;
}

export function bc2Ctx(c: SimContext): Bc2Ctx {
  const store = c.var.sim.store;
  const url = new URL(c.req.url);
  const bcx = url.pathname.startsWith("/bcx/") ? "/bcx" : "";
  return { store, base: `${url.origin}${bcx}/${store.account.bcxId}/api/v1`, appBase: `${url.origin}/web/bcx/${store.account.bcxId}` };
}

export const PAGE_SIZE = 50;

/** Basecamp 2 paging: `?page=N`, 50 a page, no Link header (a short page ends the list). */
export function sendPage<T>(c: SimContext, items: readonly T[], render: (item: T) => unknown, updatedAt?: (item: T) => number): Response {
  const raw = c.req.query("page");
  const page = raw === undefined || raw === "" ? 1 : Number(raw);
  if (!Number.isInteger(page) || page < 1) throw badRequest(`page must be a whole number from 1 up (got ${JSON.stringify(raw)})`);
  const slice = items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  let lastModified: number | undefined;
  if (updatedAt) for (const it of slice) lastModified = Math.max(lastModified ?? 0, updatedAt(it));
  return sendJson(c, slice.map(render), { lastModified });
}

/** 201 with the new resource and its `Location`. */
export function created(c: SimContext, body: unknown, location: string): Response {
  return sendJson(c, body, { status: 201, headers: { Location: location } });
}

/** A project the signed-in person can see and that is not trashed (else 404). */
export function bc2Project(c: SimContext, param = "projectId"): Project {
  const p = c.var.sim.store.getProject(pathId(c, param));
  if (!p || p.status === "trashed" || !canSeeProject(c, p)) throw notFound();
  return p;
}

export function visibleProjects(c: SimContext): Project[] {
  const store = c.var.sim.store;
  return [...store.projects.keys()].map((id) => store.getProject(id)).filter((p): p is Project => p !== undefined && p.status !== "trashed" && canSeeProject(c, p));
}

/** A recording of `types` in `project` (404 otherwise). Trashed ones too: BC2 shows them with `trashed: true`. */
export function bc2Recording(c: SimContext, project: Project, param: string, types: readonly RecType[]): Recording {
  const rec = c.var.sim.store.getRecording(pathId(c, param));
  if (!rec || rec.bucketId !== project.id || !types.includes(rec.type)) throw notFound();
  return rec;
}

export function requireAdmin(c: SimContext, what: string): void {
  if (!c.var.me.admin && !c.var.me.owner) throw forbidden(`Only account admins can ${what}.`);
}

export function requireNotTrashed(rec: { status: string }): void {
  if (rec.status === "trashed") throw forbidden("That item is in the trash; it cannot be changed.");
}

/** `?since=` (required on event feeds): an ISO 8601 time; 400 otherwise. */
export function sinceQuery(c: SimContext): number {
  const raw = c.req.query("since");
  const t = raw ? Date.parse(raw) : NaN;
  if (Number.isNaN(t)) throw badRequest("since is required: an ISO 8601 time such as 2012-03-24T11:00:00-06:00 (escape + as %2B).");
  return t;
}

/** `?due_since=YYYY-MM-DD` or undefined. */
export function dueSinceQuery(c: SimContext): string | undefined {
  const raw = c.req.query("due_since");
  if (raw === undefined || raw === "") return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) throw badRequest("due_since must be a date in YYYY-MM-DD form.");
  return raw;
}

export function idOf(v: unknown): Id | undefined {
  return toId(v);
}
