// Subscriptions: who gets notified about a recording.
import type { Sim, SimContext } from "../context.js";
import { badRequest, noContent, sendJson } from "../internal/respond.js";
import { recordingUrl, renderPeople, SEGMENT, type Json } from "../render.js";
import { bodyOf, findRecording, optionalPersonIds, renderCtx, requireWritable, type ApiRouter } from "../router.js";
import type { Id, RecType, Recording } from "../store/model.js";

/** Every recording carries a `subscription_url`, so every type is subscribable. */
const SUBSCRIBABLE = Object.keys(SEGMENT) as RecType[];

function subscribable(c: SimContext): Recording {
  return findRecording(c, "id", SUBSCRIBABLE);
}

function renderSubscription(c: SimContext, rec: Recording): Json {
  const ctx = renderCtx(c);
  return {
    subscribed: rec.subscriberIds.includes(c.var.me.id),
    count: rec.subscriberIds.length,
    url: recordingUrl(ctx, rec, "/subscription"),
    subscribers: renderPeople(ctx, rec.subscriberIds),
  };
}

/** Add and remove subscribers; records one `subscribers_changed` event when anything changed. */
function change(c: SimContext, rec: Recording, add: readonly Id[], remove: readonly Id[]): void {
  const added: Id[] = [];
  const removed: Id[] = [];
  for (const id of add) {
    if (!rec.subscriberIds.includes(id) && !remove.includes(id)) {
      rec.subscriberIds.push(id);
      added.push(id);
    }
  }
  for (const id of remove) {
    const i = rec.subscriberIds.indexOf(id);
    if (i >= 0) {
      rec.subscriberIds.splice(i, 1);
      removed.push(id);
    }
  }
  if (added.length || removed.length) {
    c.var.sim.store.touch(rec, "subscribers_changed", c.var.me.id, { added_person_ids: added, removed_person_ids: removed }, "subscribers_changed");
  }
}

export function register(r: ApiRouter, sim: Sim): void {
  void sim;

  r.get("/recordings/:id/subscription", (c) => {
    const rec = subscribable(c);
    return sendJson(c, renderSubscription(c, rec), { lastModified: rec.updatedAt });
  });

  r.post("/recordings/:id/subscription", (c) => {
    const rec = subscribable(c);
    requireWritable(rec);
    change(c, rec, [c.var.me.id], []);
    return sendJson(c, renderSubscription(c, rec));
  });

  r.delete("/recordings/:id/subscription", (c) => {
    const rec = subscribable(c);
    requireWritable(rec);
    change(c, rec, [], [c.var.me.id]);
    return noContent(c);
  });

  r.put("/recordings/:id/subscription", (c) => {
    const rec = subscribable(c);
    requireWritable(rec);
    const body = bodyOf(c);
    const add = optionalPersonIds(c, body, "subscriptions");
    const remove = optionalPersonIds(c, body, "unsubscriptions");
    if (add === undefined && remove === undefined) throw badRequest("Send at least one of subscriptions[] or unsubscriptions[] (person IDs).");
    change(c, rec, add ?? [], remove ?? []);
    return sendJson(c, renderSubscription(c, rec));
  });
}
