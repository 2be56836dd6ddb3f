// Cross-project recordings listing, status changes of any recording, and event history.
import type { Sim, SimContext } from "../context.js";
import { badRequest, noContent, paginate } from "../internal/respond.js";
import { renderEvent, renderRecording, SEGMENT } from "../render.js";
import type { Id, RecType, Recording, Status } from "../store/model.js";
import { type ApiRouter, canSeeProject, findRecording, renderCtx, toId } from "../router.js";

/** Types `GET /projects/recordings.json` lists. */
export const LISTABLE_TYPES: readonly RecType[] = [
  "Comment",
  "Document",
  "Kanban::Card",
  "Kanban::Step",
  "Message",
  "Question::Answer",
  "Schedule::Entry",
  "Todo",
  "Todolist",
  "Upload",
  "Vault",
];

const ALL_TYPES = Object.keys(SEGMENT) as RecType[];

function oneOf<T extends string>(c: SimContext, name: string, allowed: readonly T[], fallback: T): T {
  const v = c.req.query(name);
  if (v === undefined || v === "") return fallback;
  if (!(allowed as readonly string[]).includes(v)) throw badRequest(`${name} must be one of ${allowed.join(", ")} (got ${JSON.stringify(v)})`);
  return v as T;
}

/** Project ids to list: the `bucket` parameter (id or CSV), else every active project the person sees. */
function bucketsOf(c: SimContext): Set<Id> {
  const store = c.var.sim.store;
  const raw = c.req.query("bucket");
  const out = new Set<Id>();
  if (raw === undefined || raw.trim() === "") {
    for (const p of store.projects.values()) if (p.status === "active" && canSeeProject(c, p)) out.add(p.id);
    return out;
  }
  for (const part of raw.split(",")) {
    const id = toId(part.trim());
    if (id === undefined) throw badRequest(`bucket must be a project ID or a comma-separated list of them (got ${JSON.stringify(raw)})`);
    const p = store.getProject(id);
    if (p && canSeeProject(c, p)) out.add(id);
  }
  return out;
}

/**
 * Sort by a timestamp (ties keep store order). Keys are read once into a typed array:
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
  order.sort((i, j) => sign * (keys[i] - keys[j]) || i - j);
  const out = new Array<Recording>(n);
  for (let i = 0; i < n; i++) out[i] = items[order[i]];
  return out;
}

export function register(r: ApiRouter, sim: Sim): void {
  void sim;

  r.get(
    "/projects/recordings",
    (c) => {
      const store = c.var.sim.store;
      const type = c.req.query("type");
      if (type === undefined || !(LISTABLE_TYPES as readonly string[]).includes(type)) {
        throw badRequest(`type is required and must be one of ${LISTABLE_TYPES.join(", ")}${type === undefined ? "" : ` (got ${JSON.stringify(type)})`}`);
      }
      const status = oneOf<Status>(c, "status", ["active", "archived", "trashed"], "active");
      const sort = oneOf(c, "sort", ["created_at", "updated_at"], "created_at");
      const direction = oneOf(c, "direction", ["desc", "asc"], "desc");
      const buckets = bucketsOf(c);
      const items: Recording[] = [];
      for (const rec of store.ofType(type as RecType)) {
        if (rec.status !== status || !buckets.has(rec.bucketId) || store.isPurgeable(rec)) continue;
        items.push(rec);
      }
      const sorted = sortByTime(items, sort === "updated_at" ? "updatedAt" : "createdAt", direction === "asc" ? 1 : -1);
      const ctx = renderCtx(c);
      return paginate(c, sorted, (rec) => renderRecording(ctx, rec), (rec) => rec.updatedAt);
    },
    { forms: "flat" },
  );

  for (const status of ["trashed", "archived", "active"] as const) {
    r.put(`/recordings/:id/status/${status}`, (c) => {
      const rec = findRecording(c, "id", ALL_TYPES);
      c.var.sim.store.setStatus(rec, status, c.var.me.id);
      return noContent(c);
    });
  }

  r.get("/recordings/:id/events", (c) => {
    const rec = findRecording(c, "id", ALL_TYPES);
    const events = c.var.sim.store.events.get(rec.id) ?? [];
    const ctx = renderCtx(c);
    // Stable sort: events of the same instant keep the order they were recorded in.
    const ordered = [...events].sort((a, b) => a.createdAt - b.createdAt);
    return paginate(c, ordered, (ev) => renderEvent(ctx, rec, ev), (ev) => ev.createdAt);
  });
}

