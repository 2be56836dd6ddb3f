// Bookmarks: a person's own shortcuts to recordings (messages, to-dos, documents, cards …).
// Each person sees only their bookmarks; bookmarking twice keeps one bookmark.
import type { SimContext } from "../context.js";
import { noContent, notFound, paginate, sendJson } from "../internal/respond.js";
import { iso, renderRecording, type Json, type RenderCtx } from "../render.js";
import { canSeeProject, pathId, renderCtx, requireWritable, toId, type ApiRouter } from "../router.js";
import type { Id, Item, Recording } from "../store/model.js";
import type { Store } from "../store/store.js";

const BOOKMARKS = "bookmarks";

/** The recording a path names, of any type, in a project the person can see. */
function visibleRecording(c: SimContext): Recording {
  const store = c.var.sim.store;
  const rec = store.getRecording(pathId(c, "recordingId"));
  if (!rec) throw notFound();
  const bucket = c.req.param("bucket");
  if (bucket !== undefined && toId(bucket) !== rec.bucketId) throw notFound();
  const project = store.getProject(rec.bucketId);
  if (!project || !canSeeProject(c, project)) throw notFound();
  return rec;
}

function bookmarkOf(store: Store, personId: Id, recordingId: Id): Item | undefined {
  for (const b of store.collection(BOOKMARKS).values()) if (b.personId === personId && b.recordingId === recordingId) return b;
  return undefined;
}

function renderBookmark(ctx: RenderCtx, b: Item, rec: Recording): Json {
  return { id: b.id, created_at: iso(b.createdAt), updated_at: iso(b.updatedAt), recording: renderRecording(ctx, rec) };
}

/** Add a bookmark (also used by seeding); an existing one is returned as is. */
export function addBookmark(store: Store, personId: Id, recordingId: Id): Item {
  return bookmarkOf(store, personId, recordingId) ?? store.addItem(BOOKMARKS, { personId, recordingId, creatorId: personId });
}

export function register(r: ApiRouter): void {
  r.get("/my/bookmarks", (c) => {
    const store = c.var.sim.store;
    const me = c.var.me.id;
    const rows: Array<{ b: Item; rec: Recording }> = [];
    for (const b of store.collection(BOOKMARKS).values()) {
      if (b.personId !== me) continue;
      const rec = store.getRecording(b.recordingId as Id);
      const project = rec ? store.getProject(rec.bucketId) : undefined;
      // Trashed content and projects the person lost access to drop out of the list.
      if (!rec || rec.status === "trashed" || !project || project.status === "trashed" || !canSeeProject(c, project)) continue;
      rows.push({ b, rec });
    }
    rows.sort((x, y) => y.b.createdAt - x.b.createdAt || (y.b.id > x.b.id ? 1 : -1));
    const ctx = renderCtx(c);
    return paginate(c, rows, ({ b, rec }) => renderBookmark(ctx, b, rec), ({ b, rec }) => Math.max(b.updatedAt, rec.updatedAt));
  }, { forms: "flat" });

  r.get("/recordings/:recordingId/bookmark", (c) => {
    const rec = visibleRecording(c);
    return sendJson(c, { bookmarked: bookmarkOf(c.var.sim.store, c.var.me.id, rec.id) !== undefined });
  });

  r.post("/recordings/:recordingId/bookmark", (c) => {
    const rec = visibleRecording(c);
    requireWritable(rec);
    const b = addBookmark(c.var.sim.store, c.var.me.id, rec.id);
    return sendJson(c, renderBookmark(renderCtx(c), b, rec), { status: 201 });
  });

  r.delete("/recordings/:recordingId/bookmark", (c) => {
    const rec = visibleRecording(c);
    const store = c.var.sim.store;
    const b = bookmarkOf(store, c.var.me.id, rec.id);
    if (b) store.removeItem(BOOKMARKS, b.id);
    return noContent(c);
  });
}
