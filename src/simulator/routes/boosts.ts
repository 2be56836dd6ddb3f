// Boosts: short reactions (up to 16 characters) on a recording or on one of its boostable events
// (completed, adopted, column_changed). They live in the "boosts" collection, not as recordings;
// recordings and events show how many they have (`boosts_count`, see render.ts).
import { registerCollection, type CollectionSpec, type FieldReader } from "../crud.js";
import type { SimContext } from "../context.js";
import { forbidden, notFound, validationFailed } from "../internal/respond.js";
import { BOOSTABLE, recordingAppUrl, recordingUrl, renderPersonById, iso, type Json, type RenderCtx } from "../render.js";
import { canSeeProject, pathId, requireWritable, toId, type ApiRouter } from "../router.js";
import type { Id, Item, RecType, Recording } from "../store/model.js";
import type { Store } from "../store/store.js";

const COLLECTION = "boosts";
/** Event actions that take boosts (events.md). */
const BOOSTABLE_ACTIONS = new Set(["completed", "adopted", "column_changed"]);
const MAX_LENGTH = 16;

export function renderBoost(ctx: RenderCtx, b: Item): Json {
  const rec = ctx.store.recordings.get(b.recordingId as Id);
  return {
    id: b.id,
    content: b.content,
    created_at: iso(b.createdAt),
    booster: renderPersonById(ctx, b.creatorId),
    ...(rec ? { recording: { id: rec.id, title: rec.title, type: rec.type, url: recordingUrl(ctx, rec), app_url: recordingAppUrl(ctx, rec) } } : {}),
  };
}

/** A recording the person may see, of any type (404 otherwise). */
export function visibleRecording(c: SimContext, param = "recordingId"): Recording {
  const store = c.var.sim.store;
  const rec = store.getRecording(pathId(c, param));
  if (!rec || rec.status === "trashed") throw notFound();
  const bucket = c.req.param("bucket");
  if (bucket !== undefined && toId(bucket) !== rec.bucketId) throw notFound();
  const project = store.getProject(rec.bucketId);
  if (!project || !canSeeProject(c, project)) throw notFound();
  return rec;
}

const content: FieldReader = (body, f) => {
  const v = body[f];
  if (typeof v !== "string" || v.trim() === "") throw validationFailed({ [f]: ["can't be blank"] });
  if ([...v].length > MAX_LENGTH) throw validationFailed({ [f]: [`is too long (maximum is ${MAX_LENGTH} characters)`] });
  return v;
};

/** A boost's recording must be one the person may see (and in the path's bucket). */
function seesBoost(c: SimContext, b: Item): boolean {
  const store = c.var.sim.store;
  const rec = store.getRecording(b.recordingId as Id);
  const project = rec ? store.getProject(rec.bucketId) : undefined;
  const bucket = c.req.param("bucket");
  return rec !== undefined && project !== undefined && canSeeProject(c, project) && (bucket === undefined || toId(bucket) === rec.bucketId);
}

type Target = { rec: Recording; eventId: Id | null } | undefined;

/** Boosts on a recording or on one of its events: listed oldest first; anyone who sees it may boost. */
function boosts(list: string, target: (c: SimContext, rec: Recording, creating: boolean) => Id | null, item?: string): CollectionSpec<Target> {
  return {
    what: "boost",
    collection: COLLECTION,
    paths: { list, create: list, item },
    itemMethods: ["get", "delete"],
    forms: "both",
    parentOf(c, action) {
      if (c.req.param("recordingId") === undefined) return undefined; // the item routes
      const rec = visibleRecording(c);
      const eventId = target(c, rec, action === "create");
      if (action === "create") requireWritable(rec);
      return { rec, eventId };
    },
    scope: (_c, t) => (t ? { recordingId: t.rec.id, eventId: t.eventId } : {}),
    sees: seesBoost,
    writers: "creatorOrAdmin",
    forbidden: "Only the person who boosted, or an admin, may remove a boost.",
    fields: { content },
    order: (a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1),
    create: (_c, f, t) => ({ recordingId: t!.rec.id, eventId: t!.eventId, bucketId: t!.rec.bucketId, content: f.content }),
    render: (ctx, b) => renderBoost(ctx, b),
  };
}

export function register(r: ApiRouter): void {
  registerCollection(r, boosts("/recordings/:recordingId/boosts", (_c, rec, creating) => {
    if (creating && !BOOSTABLE.has(rec.type as RecType)) throw forbidden(`A ${rec.type} can't be boosted.`);
    return null;
  }, "/boosts/:boostId"));
  registerCollection(r, boosts("/recordings/:recordingId/events/:eventId/boosts", (c, rec, creating) => {
    const id = pathId(c, "eventId");
    const ev = c.var.sim.store.events.get(rec.id)?.find((e) => e.id === id);
    if (!ev) throw notFound();
    if (creating && !BOOSTABLE_ACTIONS.has(ev.action)) throw forbidden(`A ${ev.action} event can't be boosted; only completed, adopted and column_changed events can.`);
    return ev.id;
  }));
}

/** Seed: a few boosts on recent to-dos and messages, and on completed to-dos' completion events. */
export function seedBoosts(store: Store, rnd: () => number): void {
  const WORDS = ["Yay!", "Nice work", "🎉", "Thanks!", "👏", "Great job", "Love it"];
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const targets = new Map<Id, Recording[]>();
  for (const t of ["Todo", "Message"] as const) {
    for (const r of store.ofType(t)) {
      const list = targets.get(r.bucketId) ?? [];
      if (r.status === "active" && list.length < 2 * (t === "Todo" ? 1 : 2)) targets.set(r.bucketId, [...list, r]);
    }
  }
  for (const p of store.projects.values()) {
    if (p.status !== "active") continue;
    for (const rec of targets.get(p.id) ?? []) {
      const completed = store.events.get(rec.id)?.find((e) => e.action === "completed");
      const at = Math.min(store.now(), (completed?.createdAt ?? rec.createdAt) + 3600_000);
      const id = store.nextId();
      const fields = { recordingId: rec.id, eventId: completed ? completed.id : null, bucketId: p.id, content: pick(WORDS), creatorId: pick(p.peopleIds) };
      store.collection(COLLECTION).set(id, { ...fields, id, createdAt: at, updatedAt: at });
    }
  }
}
