// The activity feed: GET /reports/progress.json (account-wide) and
// GET /projects/{id}/timeline.json, newest first, from the events every change records.
import type { Sim } from "../context.js";
import { paginate } from "../internal/respond.js";
import { iso, recordingAppUrl, recordingUrl, renderBucket, renderPersonById, type RenderCtx } from "../render.js";
import { canSeeProject, findProject, renderCtx, type ApiRouter } from "../router.js";
import type { Id, Recording, RecordingEvent } from "../store/model.js";
import type { Store } from "../store/store.js";
import { snakeType } from "../webhooks/payload.js";

export interface Item {
  ev: RecordingEvent;
  rec: Recording;
}

const memo = new WeakMap<Store, { version: number; items: Item[] }>();

/** Every event on a live recording, newest first (kept while the store is unchanged). */
export function allItems(store: Store): Item[] {
  const hit = memo.get(store);
  if (hit && hit.version === store.version) return hit.items;
  const items: Item[] = [];
  for (const [recordingId, events] of store.events) {
    const rec = store.recordings.get(recordingId);
    if (!rec) continue;
    for (const ev of events) items.push({ ev, rec });
  }
  items.sort((a, b) => b.ev.createdAt - a.ev.createdAt || (b.ev.id > a.ev.id ? 1 : -1));
  memo.set(store, { version: store.version, items });
  return items;
}

export function render(ctx: RenderCtx, { ev, rec }: Item) {
  return {
    id: ev.id,
    created_at: iso(ev.createdAt),
    kind: `${snakeType(rec.type)}_${ev.action}`,
    // An integer in the reference: dock tools (no parent) leave it out.
    ...(rec.parentId !== null ? { parent_recording_id: rec.parentId } : {}),
    url: recordingUrl(ctx, rec),
    app_url: recordingAppUrl(ctx, rec),
    creator: renderPersonById(ctx, ev.creatorId),
    action: ev.action,
    target: rec.type,
    title: rec.title,
    summary_excerpt: (rec.content ?? rec.description ?? "").replace(/<[^>]+>/g, "").slice(0, 200),
    bucket: renderBucket(ctx, rec.bucketId),
  };
}

export function register(r: ApiRouter, sim: Sim): void {
  void sim;
  r.get(
    "/reports/progress",
    (c) => {
      const store = c.var.sim.store;
      const visible = new Set<Id>();
      for (const p of store.projects.values()) if (p.status === "active" && canSeeProject(c, p)) visible.add(p.id);
      const ctx = renderCtx(c);
      const items = allItems(store).filter((i) => visible.has(i.rec.bucketId));
      return paginate(c, items, (i) => render(ctx, i), (i) => i.ev.createdAt);
    },
    { forms: "flat" },
  );
  r.get(
    "/projects/:id/timeline",
    (c) => {
      const project = findProject(c);
      const ctx = renderCtx(c);
      return paginate(c, allItems(c.var.sim.store).filter((i) => i.rec.bucketId === project.id), (i) => render(ctx, i), (i) => i.ev.createdAt);
    },
    { forms: "flat" },
  );
}
