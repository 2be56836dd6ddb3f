// "Up next": a person's prioritized assignments, in their own order. GET /my/assignments.json
// shows them under `priorities` (the rest under `non_priorities`).
import type { SimContext } from "../context.js";
import { badRequest, noContent, notFound, validationFailed } from "../internal/respond.js";
import { bodyOf, canSeeProject, pathId, toId, type ApiRouter } from "../router.js";
import type { Id, Item, Recording } from "../store/model.js";
import type { Store } from "../store/store.js";

const PRIORITIES = "priorities";
// What GET /my/assignments.json lists (steps show inside their cards).
const ASSIGNABLE = new Set<Recording["type"]>(["Todo", "Kanban::Card"]);

function listOf(store: Store, personId: Id): Item | undefined {
  for (const it of store.collection(PRIORITIES).values()) if (it.personId === personId) return it;
  return undefined;
}

/** The person's prioritized recording IDs, in order (may name recordings since finished). */
export function priorityIds(store: Store, personId: Id): Id[] {
  return [...((listOf(store, personId)?.recordingIds as Id[] | undefined) ?? [])];
}

function save(store: Store, personId: Id, ids: Id[]): void {
  const list = listOf(store, personId);
  if (list) store.updateItem(PRIORITIES, list, { recordingIds: ids });
  else store.addItem(PRIORITIES, { personId, recordingIds: ids, creatorId: personId });
}

/** An open assignment of the signed-in person that they can see, else 404. */
function myOpenAssignment(c: SimContext, id: Id | undefined): Recording {
  const store = c.var.sim.store;
  const rec = id === undefined ? undefined : store.getRecording(id);
  if (!rec || !ASSIGNABLE.has(rec.type) || rec.status !== "active" || rec.completed || !rec.assigneeIds?.includes(c.var.me.id)) throw notFound();
  const project = store.getProject(rec.bucketId);
  if (!project || project.status !== "active" || !canSeeProject(c, project)) throw notFound();
  return rec;
}

/** Add to the end of a person's priorities (also used by seeding). */
export function prioritize(store: Store, personId: Id, recordingId: Id): void {
  const ids = priorityIds(store, personId);
  if (!ids.includes(recordingId)) save(store, personId, [...ids, recordingId]);
}

export function register(r: ApiRouter): void {
  const flat = { forms: "flat" } as const;

  r.post("/my/priorities", (c) => {
    const raw = bodyOf(c).id;
    if (raw === undefined || raw === null) throw badRequest("id is required: the ID of one of your assignments");
    const rec = myOpenAssignment(c, toId(raw));
    prioritize(c.var.sim.store, c.var.me.id, rec.id);
    return noContent(c);
  }, flat);

  r.delete("/my/priorities/:recordingId", (c) => {
    const store = c.var.sim.store;
    const id = pathId(c, "recordingId");
    const ids = priorityIds(store, c.var.me.id);
    if (!ids.includes(id)) {
      // Not prioritized: fine for a recording that exists, 404 for one that does not.
      const rec = store.getRecording(id);
      const project = rec ? store.getProject(rec.bucketId) : undefined;
      if (!project || !canSeeProject(c, project)) throw notFound();
      return noContent(c);
    }
    save(store, c.var.me.id, ids.filter((x) => x !== id));
    return noContent(c);
  }, flat);

  r.post("/my/priority_moves", (c) => {
    const store = c.var.sim.store;
    const body = bodyOf(c);
    const source = toId(body.source_id);
    if (source === undefined) throw badRequest("source_id is required: the ID of a prioritized assignment");
    const rawPos = body.position;
    const position = typeof rawPos === "string" && /^-?\d+$/.test(rawPos) ? Number(rawPos) : rawPos;
    if (typeof position !== "number" || !Number.isInteger(position)) throw badRequest("position is required: a whole number from 1 up");
    if (position < 1) throw validationFailed({ position: ["must be 1 or more"] });
    const ids = priorityIds(store, c.var.me.id);
    if (!ids.includes(source)) throw notFound("That assignment is not in your priorities.");
    const rest = ids.filter((x) => x !== source);
    rest.splice(Math.min(position - 1, rest.length), 0, source);
    save(store, c.var.me.id, rest);
    return noContent(c);
  }, flat);
}
