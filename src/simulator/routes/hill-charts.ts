// Hill charts of to-do sets (which to-do lists are tracked) and moving a to-do list within
// its to-do set.
import type { Sim, SimContext } from "../context.js";
import { noContent, notFound, sendJson, validationFailed } from "../internal/respond.js";
import { appBase, iso, recordingAppUrl, recordingPath, recordingUrl, type Json, type RenderCtx } from "../render.js";
import { bodyOf, findRecording, renderCtx, requireWritable, toId, type ApiRouter } from "../router.js";
import type { Id, Recording } from "../store/model.js";
import { GROUP_COLORS } from "./todos-render.js";

/** Dot colours, handed out in order to lists that have none of their own. */
const DOT_COLORS = GROUP_COLORS.filter((c) => c !== "white");

export function renderHill(ctx: RenderCtx, todoset: Recording): Json {
  const tracked = (todoset.hill?.trackedIds ?? [])
    .map((id) => ctx.store.recordings.get(id))
    .filter((l): l is Recording => l !== undefined && l.status === "active" && l.parentId === todoset.id);
  return {
    enabled: tracked.length > 0,
    stale: false,
    updated_at: iso(todoset.hill?.updatedAt ?? todoset.updatedAt),
    app_update_url: `${appBase(ctx)}/${recordingPath(todoset)}/hill/edit`,
    app_versions_url: `${appBase(ctx)}/${recordingPath(todoset)}/hill/versions`,
    dots: tracked.map((l, i) => ({
      id: l.id,
      label: l.title,
      color: l.color ?? DOT_COLORS[i % DOT_COLORS.length],
      position: 0,
      url: recordingUrl(ctx, l),
      app_url: recordingAppUrl(ctx, l),
    })),
  };
}

/** An optional list of to-do list IDs that must be lists of this to-do set (422 otherwise). */
function listIds(c: SimContext, todoset: Recording, body: Record<string, unknown>, field: string): Id[] {
  const v = body[field];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw validationFailed({ [field]: ["must be a list of to-do list IDs"] });
  const out: Id[] = [];
  for (const item of v) {
    const id = toId(item);
    const list = id === undefined ? undefined : c.var.sim.store.getRecording(id);
    if (!list || list.type !== "Todolist" || list.parentId !== todoset.id || list.status === "trashed") {
      throw validationFailed({ [field]: [`has ${String(item)}, which is not a to-do list of this to-do set`] });
    }
    if (!out.includes(list.id)) out.push(list.id);
  }
  return out;
}

function updateSettings(c: SimContext): Response {
  const store = c.var.sim.store;
  const todoset = findRecording(c, "id", ["Todoset"]);
  requireWritable(todoset);
  const body = bodyOf(c);
  const track = listIds(c, todoset, body, "tracked");
  const untrack = listIds(c, todoset, body, "untracked");
  const was = todoset.hill?.trackedIds ?? [];
  const next = [...was.filter((id) => !untrack.includes(id)), ...track.filter((id) => !was.includes(id) && !untrack.includes(id))];
  const changed = next.length !== was.length || next.some((id, i) => id !== was[i]);
  if (changed) {
    todoset.hill = { trackedIds: next, updatedAt: store.now() };
    store.touch(todoset, "hill_changed", c.var.me.id, { tracked: track, untracked: untrack }, "content_updated");
  }
  return sendJson(c, renderHill(renderCtx(c), todoset));
}

/** `position*`: a whole number from 1 up (422 otherwise). */
function readPosition(body: Record<string, unknown>): number {
  const v = body.position;
  const n = typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1) throw validationFailed({ position: ["must be a whole number from 1 up"] });
  return n;
}

function repositionList(c: SimContext): Response {
  const store = c.var.sim.store;
  const list = findRecording(c, "id", ["Todolist"]);
  const parent = list.parentId !== null ? store.recordings.get(list.parentId) : undefined;
  // Groups move within their list (PUT /todolists/groups/{id}/position.json), not here.
  if (!parent || parent.type !== "Todoset") throw notFound("That is a to-do list group; move it with /todolists/groups/{id}/position.json.");
  requireWritable(list);
  store.moveRecording(list, readPosition(bodyOf(c)), c.var.me.id);
  return noContent(c);
}

export function register(r: ApiRouter, sim: Sim): void {
  void sim;
  r.get(
    "/todosets/:id/hill",
    (c) => {
      const todoset = findRecording(c, "id", ["Todoset"]);
      return sendJson(c, renderHill(renderCtx(c), todoset), { lastModified: todoset.hill?.updatedAt ?? todoset.updatedAt });
    },
    { forms: "both" },
  );
  r.put("/todosets/:id/hills/settings", updateSettings, { forms: "both" });
  r.put("/todosets/todolists/:id/position", repositionList, { forms: "both" });
}
