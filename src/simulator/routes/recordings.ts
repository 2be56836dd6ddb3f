// Cross-project recordings listing, status changes of any recording, and event history.
import type { Sim, SimContext } from "../context.js";
import { badRequest, noContent, paginate, sendJson } from "../internal/respond.js";
import { renderEvent, renderRecording, SEGMENT } from "../render.js";
import type { Id, RecType, Recording } from "../store/model.js";
import type { Store } from "../store/store.js";
import { type ApiRouter, canSeeProject, findRecording, renderCtx, sortByQuery, statusQuery, toId } from "../router.js";

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


const memo = new WeakMap<Store, { key: string; list: Recording[] }>();

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
      const status = statusQuery(c);
      const buckets = bucketsOf(c);
      // Walking a long list asks for the same filtered, sorted list once per page: keep the
      // last one while nothing in the store has changed.
      const key = `${type}|${status}|${c.req.query("sort") ?? ""}|${c.req.query("direction") ?? ""}|${[...buckets].join(",")}|${c.var.me.id}|${store.version}|${Math.floor(store.now() / 60_000)}`;
      let sorted = memo.get(store)?.key === key ? memo.get(store)!.list : undefined;
      if (!sorted) {
        const items: Recording[] = [];
        for (const rec of store.ofType(type as RecType)) {
          if (rec.status !== status || !buckets.has(rec.bucketId) || store.isPurgeable(rec)) continue;
          items.push(rec);
        }
        sorted = sortByQuery(c, items);
        memo.set(store, { key, list: sorted });
      }
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

  // Any recording by its ID, whatever its type (not in the reference's list, but Basecamp answers it).
  r.get("/recordings/:id", (c) => {
    const rec = findRecording(c, "id", ALL_TYPES);
    return sendJson(c, renderRecording(renderCtx(c), rec), { lastModified: rec.updatedAt });
  });

  r.get("/recordings/:id/events", (c) => {
    const rec = findRecording(c, "id", ALL_TYPES);
    const events = c.var.sim.store.events.get(rec.id) ?? [];
    const ctx = renderCtx(c);
    // Stable sort: events of the same instant keep the order they were recorded in.
    const ordered = [...events].sort((a, b) => a.createdAt - b.createdAt);
    return paginate(c, ordered, (ev) => renderEvent(ctx, rec, ev), (ev) => ev.createdAt);
  });
}

