// Card table wormholes (Kanban::Wormhole): a standing shortcut on a card table that sends
// cards to a column of another card table, usually in another project. A table holds at
// most four. The wormhole shows in its table's `wormholes` list; it is `linked` while its
// destination column exists, is active and is in a project the viewer can see.
import { registerRecordingCrud, type FieldReader } from "../crud.js";
import type { SimContext } from "../context.js";
import { badRequest, notFound, validationFailed } from "../internal/respond.js";
import { baseRecording, recordingUrl, type Json, type RenderCtx } from "../render.js";
import { canSeeProject, findRecording, requireWritable, toId, type ApiRouter } from "../router.js";
import type { Id, Recording } from "../store/model.js";
import type { Store } from "../store/store.js";
import { COLUMN_TYPES } from "./card-tables-render.js";

export const MAX_WORMHOLES = 4;

function destinationOf(store: Store, rec: Recording): Recording | undefined {
  const id = toId(rec.data?.destination_recording_id);
  const dest = id === undefined ? undefined : store.recordings.get(id);
  if (!dest || dest.status !== "active" || !COLUMN_TYPES.includes(dest.type)) return undefined;
  const project = store.projects.get(dest.bucketId);
  if (!project || project.status !== "active") return undefined;
  return dest;
}

function renderWormhole(ctx: RenderCtx, rec: Recording): Json {
  const dest = destinationOf(ctx.store, rec);
  const board = dest?.parentId != null ? ctx.store.recordings.get(dest.parentId) : undefined;
  return {
    ...baseRecording(ctx, rec),
    color: dest?.color ?? null,
    linked: dest !== undefined,
    destination_url: dest && board ? recordingUrl(ctx, board) : null,
  };
}

/** The active wormholes of a card table (its `wormholes` list). */
export function wormholesOf(store: Store, boardId: Id): Recording[] {
  return store.childrenOf(boardId, ["Kanban::Wormhole"]).filter((w) => w.status === "active");
}

/** `destination_recording_id`: a column on another card table (than the wormhole's) that the caller can see. */
const destination: FieldReader = (body, _f, c, wormhole) => {
  const store = c.var.sim.store;
  const board = wormhole ? store.recordings.get((wormhole as Recording).parentId ?? 0n) : findRecording(c, "cardTableId", ["Kanban::Board"]);
  if (!board) throw notFound();
  const raw = body.destination_recording_id;
  if (raw === undefined || raw === null || raw === "") throw validationFailed({ destination_recording_id: ["can't be blank"] });
  const id = toId(raw);
  const dest = id === undefined ? undefined : store.getRecording(id);
  const project = dest ? store.getProject(dest.bucketId) : undefined;
  if (!dest || !COLUMN_TYPES.includes(dest.type) || dest.status !== "active" || !project || project.status !== "active" || !canSeeProject(c, project)) {
    throw validationFailed({ destination_recording_id: ["must be the ID of an active card table column you can see"] });
  }
  if (dest.parentId === board.id) throw validationFailed({ destination_recording_id: ["must be a column on another card table"] });
  return dest;
};

function titleFor(store: Store, dest: Recording): string {
  const project = store.projects.get(dest.bucketId);
  return project ? `${project.name}: ${dest.title}` : dest.title;
}

export function register(r: ApiRouter): void {
  registerRecordingCrud(r, {
    what: "wormhole",
    type: "Kanban::Wormhole",
    paths: { create: "/card_tables/:cardTableId/wormholes", item: "/card_tables/wormholes/:wormholeId" },
    itemMethods: ["update", "delete"],
    forms: "bucket",
    trashed: "hidden",
    wrap: "wormhole",
    fields: { destination_recording_id: destination },
    parent: (c) => findRecording(c, "cardTableId", ["Kanban::Board"]),
    create(c, f, board) {
      const store = c.var.sim.store;
      const dest = f.destination_recording_id as Recording;
      if (wormholesOf(store, board.id).length >= MAX_WORMHOLES) throw validationFailed({ base: [`A card table can have at most ${MAX_WORMHOLES} wormholes`] });
      return store.insertRecording({ type: "Kanban::Wormhole", bucketId: board.bucketId, parentId: board.id, creatorId: c.var.me.id, title: titleFor(store, dest), data: { destination_recording_id: dest.id.toString() } });
    },
    apply(c, rec, f) {
      const store = c.var.sim.store;
      const dest = f.destination_recording_id as Recording;
      const was = rec.data?.destination_recording_id;
      rec.data = { ...rec.data, destination_recording_id: dest.id.toString() };
      rec.title = titleFor(store, dest);
      if (was !== dest.id.toString()) store.touch(rec, "content_changed", c.var.me.id, { destination_recording_id_was: was }, "content_updated");
    },
    // Tell listeners (webhooks, persistence) before it is gone for good.
    deleteMode(c, rec) {
      c.var.sim.store.touch(rec, "deleted", c.var.me.id);
      c.var.sim.store.purge(rec.id);
    },
    render: renderWormhole,
  });
}

/** Link the first two projects' card tables with a wormhole each way. */
export function seedWormholes(store: Store): void {
  const boards: Recording[] = [];
  for (const p of store.projects.values()) {
    if (p.status !== "active") continue;
    const b = store.dockTool(p.id, "Kanban::Board");
    if (b) boards.push(b);
    if (boards.length === 2) break;
  }
  if (boards.length < 2) return;
  for (const [from, to] of [[boards[0], boards[1]], [boards[1], boards[0]]]) {
    const dest = store.childrenOf(to.id, ["Kanban::Column"]).find((col) => col.status === "active");
    if (!dest) continue;
    store.insertRecording({ type: "Kanban::Wormhole", bucketId: from.bucketId, parentId: from.id, creatorId: from.creatorId, title: titleFor(store, dest), data: { destination_recording_id: dest.id.toString() } }, { quiet: true });
  }
}

/**
 * MoveCard with a wormhole's ID as `column_id`: the card (with its steps and comments) goes
 * to the wormhole's destination project and answers the destination column to move it into.
 * 400 when the wormhole is not on the card's table, 422 when it leads nowhere the mover can go.
 */
export function throughWormhole(c: SimContext, card: Recording, wormhole: Recording): Recording {
  const store = c.var.sim.store;
  const column = card.parentId !== null ? store.recordings.get(card.parentId) : undefined;
  if (wormhole.status !== "active" || !column || wormhole.parentId !== column.parentId) throw badRequest("column_id names a wormhole of another card table.");
  const dest = destinationOf(store, wormhole);
  const project = dest ? store.getProject(dest.bucketId) : undefined;
  if (!dest || !project || !canSeeProject(c, project)) throw validationFailed({ column_id: ["names a wormhole whose destination is gone or out of reach"] });
  requireWritable(card);
  if (dest.bucketId !== card.bucketId) {
    const stack: Recording[] = [card];
    while (stack.length) {
      const r = stack.pop()!;
      r.bucketId = dest.bucketId;
      stack.push(...store.childrenOf(r.id));
    }
  }
  return dest;
}
