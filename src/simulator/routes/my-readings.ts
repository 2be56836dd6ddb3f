// The signed-in person's notifications ("Hey!" menu), marking them read, bubble-ups and drafts.
// A notification is a recording the person subscribes to that someone else changed; it is
// unread while there are such changes after the person last read it (or acted on it).
import type { Sim, SimContext } from "../context.js";
import { paginate, requestedPage, sendJson, validationFailed } from "../internal/respond.js";
import { apiBase, iso, recordingAppUrl, recordingUrl, renderPersonById, sgidOf, type Json, type RenderCtx } from "../render.js";
import { bodyOf, renderCtx, toId, type ApiRouter } from "../router.js";
import type { Id, Recording } from "../store/model.js";
import type { Store } from "../store/store.js";
import { snakeType } from "../webhooks/payload.js";
import { visibleProjects } from "./everything.js";

const UNREADS_CAP = 100;
const READS_PER_PAGE = 50;

export interface Notice {
  rec: Recording;
  first: number;
  last: number;
  lastCreator: Id;
  unreadCount: number;
  firstUnread?: number;
  readAt?: number;
}

export function readKey(personId: Id, recordingId: Id): string {
  return `${personId}:${recordingId}`;
}

/** What a change notifies about: a comment or chat line points at its parent, a step at its card. */
function readableOf(store: Store, rec: Recording): Recording | undefined {
  if (rec.type === "Comment" || rec.type.startsWith("Chat::Lines::") || rec.type === "Kanban::Step") {
    return rec.parentId !== null ? store.recordings.get(rec.parentId) : undefined;
  }
  // Dock tools (no parent) are containers, not things people are notified about; chats are.
  if (rec.parentId === null && rec.type !== "Chat::Transcript") return undefined;
  return rec;
}

/** The signed-in person's notifications, newest change first. */
export function notices(c: SimContext): Notice[] {
  const store = c.var.sim.store;
  const me = c.var.me.id;
  const visible = new Set(visibleProjects(c).map((p) => p.id));
  const byReadable = new Map<Id, { rec: Recording; others: number[]; creators: Id[]; mine: number }>();
  for (const [recordingId, events] of store.events) {
    const src = store.recordings.get(recordingId);
    if (!src || src.status !== "active" || !visible.has(src.bucketId)) continue;
    const rec = readableOf(store, src);
    if (!rec || rec.status !== "active" || !rec.subscriberIds.includes(me)) continue;
    let entry = byReadable.get(rec.id);
    if (!entry) byReadable.set(rec.id, (entry = { rec, others: [], creators: [], mine: 0 }));
    for (const ev of events) {
      if (ev.creatorId === me) entry.mine = Math.max(entry.mine, ev.createdAt);
      else {
        entry.others.push(ev.createdAt);
        entry.creators.push(ev.creatorId);
      }
    }
  }
  const out: Notice[] = [];
  for (const { rec, others, creators, mine } of byReadable.values()) {
    if (others.length === 0) continue;
    const stored = store.readAt.get(readKey(me, rec.id));
    // Acting on something (commenting, completing) reads it too.
    const readAt = Math.max(stored ?? 0, mine) || undefined;
    let first = Infinity;
    let last = -Infinity;
    let lastCreator = creators[0];
    let unreadCount = 0;
    let firstUnread: number | undefined;
    others.forEach((at, i) => {
      first = Math.min(first, at);
      if (at >= last) {
        last = at;
        lastCreator = creators[i];
      }
      if (readAt === undefined || at > readAt) {
        unreadCount++;
        firstUnread = Math.min(firstUnread ?? Infinity, at);
      }
    });
    out.push({ rec, first, last, lastCreator, unreadCount, firstUnread, readAt });
  }
  out.sort((a, b) => b.last - a.last || (b.rec.id > a.rec.id ? 1 : -1));
  return out;
}

function excerpt(rec: Recording): string {
  return (rec.content ?? rec.description ?? "").replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim().slice(0, 200);
}

function renderNotice(ctx: RenderCtx, n: Notice): Json {
  const { rec } = n;
  const out: Json = {
    id: rec.id,
    created_at: iso(n.first),
    updated_at: iso(n.last),
    section: rec.type === "Chat::Transcript" ? "chats" : "inbox",
    unread_count: n.unreadCount,
    readable_sgid: sgidOf(rec),
    readable_identifier: `${snakeType(rec.type)}_${rec.id}`,
    title: rec.title,
    type: "Recording",
    bucket_name: ctx.store.projects.get(rec.bucketId)?.name ?? "",
    creator: renderPersonById(ctx, n.lastCreator),
    content_excerpt: excerpt(rec),
    app_url: recordingAppUrl(ctx, rec),
    unread_url: `${apiBase(ctx)}/my/readings/${rec.id}.json`,
    bookmark_url: `${apiBase(ctx)}/my/bookmarks/${sgidOf(rec)}.json`,
    subscription_url: recordingUrl(ctx, rec, "/subscription"),
    subscribed: true,
    previewable_attachments: [],
  };
  // The reference types both as strings: the one that does not apply is left out.
  if (n.firstUnread !== undefined) out.unread_at = iso(n.firstUnread);
  if (n.readAt !== undefined) out.read_at = iso(n.readAt);
  return out;
}

function readings(c: SimContext): Response {
  const all = notices(c);
  const unreads = all.filter((n) => n.unreadCount > 0).slice(0, UNREADS_CAP);
  const reads = all.filter((n) => n.unreadCount === 0);
  const page = requestedPage(c);
  const start = (page - 1) * READS_PER_PAGE;
  const headers: Record<string, string> = {};
  if (start + READS_PER_PAGE < reads.length) {
    const url = new URL(c.req.url);
    url.searchParams.set("page", String(page + 1));
    headers.Link = `<${url.toString()}>; rel="next"`;
  }
  const ctx = renderCtx(c);
  return sendJson(
    c,
    {
      unreads: unreads.map((n) => renderNotice(ctx, n)),
      reads: reads.slice(start, start + READS_PER_PAGE).map((n) => renderNotice(ctx, n)),
      memories: [],
      bubble_ups: [],
      bubble_ups_count: 0,
      scheduled_bubble_ups: [],
      scheduled_bubble_ups_count: 0,
    },
    { headers },
  );
}

/** A recording ID from a readable: its `readable_sgid`, `Recording/{id}`, or a bare ID. */
export function readableId(v: unknown): Id | undefined {
  const direct = toId(v);
  if (direct !== undefined) return direct;
  if (typeof v !== "string") return undefined;
  const m = /(?:^|\/)Recording\/(\d+)$/.exec(v) ?? /(?:^|\/)Recording\/(\d+)$/.exec(Buffer.from(v, "base64url").toString("utf8"));
  return m ? toId(m[1]) : undefined;
}

function markAsRead(c: SimContext): Response {
  const list = bodyOf(c).readables;
  if (!Array.isArray(list)) throw validationFailed({ readables: ["must be a list of readable_sgid values"] });
  const store = c.var.sim.store;
  const me = c.var.me.id;
  const now = store.now();
  let changed = false;
  for (const item of list) {
    const id = readableId(item);
    // Unknown readables are passed over, as Basecamp does.
    if (id === undefined || !store.recordings.has(id)) continue;
    store.readAt.set(readKey(me, id), now);
    changed = true;
  }
  if (changed) store.markDirty();
  return c.body(null, 200);
}

export function register(r: ApiRouter, sim: Sim): void {
  void sim;
  const flat = { forms: "flat" } as const;
  r.get("/my/readings", readings, flat);
  // Nothing in the simulator bubbles up later, so this list is empty.
  r.get("/my/readings/bubble_ups", (c) => paginate(c, [], (x) => x), flat);
  r.put("/my/unreads", markAsRead, flat);
  // The model has no drafts (a drafted document is published at once): nobody has any.
  r.get("/my/drafts", (c) => paginate(c, [], (x) => x), flat);
}

