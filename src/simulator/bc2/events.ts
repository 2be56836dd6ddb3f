// Basecamp 2's change feed: `events.json?since=` for the account, a project or a person,
// newest first, 50 a page. Built from the store's recording events, so changes made through
// Basecamp 4 and Basecamp 2 both show.
import type { SimContext } from "../context.js";
import { notFound } from "../internal/respond.js";
import { pathId } from "../router.js";
import { iso, type Json } from "../render.js";
import type { Id, Recording, RecordingEvent } from "../store/model.js";
import { bc2Ctx, bc2Project, sendPage, sinceQuery, visibleProjects, type Bc2Ctx, type Bc2Router } from "./router.js";
import { BC2_TYPES, bucket, personSummary } from "./render.js";

const VERBS: Record<string, string> = {
  created: "created",
  completed: "completed",
  uncompleted: "re-opened",
  trashed: "deleted",
  untrashed: "restored",
  archived: "archived",
  unarchived: "unarchived",
  content_changed: "edited",
  changed: "changed",
  adopted: "moved",
};

interface Found {
  rec: Recording;
  ev: RecordingEvent;
}

/** The recording an event is shown on: a comment's event points at what was commented on. */
function eventable(ctx: Bc2Ctx, rec: Recording): Recording {
  if (rec.type === "Comment" && rec.parentId !== null) return ctx.store.recordings.get(rec.parentId) ?? rec;
  return rec;
}

export function renderBc2Event(ctx: Bc2Ctx, { rec, ev }: Found): Json {
  const target = eventable(ctx, rec);
  const kind = BC2_TYPES[target.type];
  const noun = kind?.noun ?? `a ${target.type.toLowerCase()}`;
  let action: string;
  if (rec.type === "Comment" && ev.action === "created") action = `commented on ${noun}`;
  else if (ev.action === "changed" && Array.isArray(ev.details.changed) && ev.details.changed.includes("assignees")) action = `re-assigned ${noun}`;
  else action = `${VERBS[ev.action] ?? ev.action.replace(/_/g, " ")} ${noun}`;
  const section = kind?.section ?? "recordings";
  const project = ctx.store.projects.get(rec.bucketId);
  return {
    id: ev.id,
    created_at: iso(ev.createdAt),
    updated_at: iso(ev.createdAt),
    private: (project?.clientsEnabled ?? false) && !rec.visibleToClients,
    action,
    target: target.title,
    eventable: {
      id: target.id,
      type: kind?.type ?? target.type,
      url: `${ctx.base}/projects/${target.bucketId}/${section}/${target.id}.json`,
      app_url: `${ctx.appBase}/projects/${target.bucketId}/${section}/${target.id}`,
    },
    creator: personSummary(ctx, ev.creatorId),
    summary: `${action}: ${target.title}`,
    url: `${ctx.base}/projects/${rec.bucketId}/events/${ev.id}.json`,
    html: `${action}: <a href="${ctx.appBase}/projects/${target.bucketId}/${section}/${target.id}">${target.title.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</a>`,
    bucket: bucket(ctx, rec.bucketId),
  };
}

function feed(c: SimContext, projectIds: Set<Id>, personId?: Id): Response {
  const store = c.var.sim.store;
  const since = sinceQuery(c);
  const ctx = bc2Ctx(c);
  const found: Found[] = [];
  for (const [recId, events] of store.events) {
    const rec = store.recordings.get(recId);
    if (!rec || !projectIds.has(rec.bucketId) || !BC2_TYPES[eventable(ctx, rec).type]) continue;
    for (const ev of events) if (ev.createdAt > since && (personId === undefined || ev.creatorId === personId)) found.push({ rec, ev });
  }
  found.sort((a, b) => b.ev.createdAt - a.ev.createdAt || (b.ev.id > a.ev.id ? 1 : -1));
  return sendPage(c, found, (f) => renderBc2Event(ctx, f), (f) => f.ev.createdAt);
}

export function register(r: Bc2Router): void {
  r.get("/events", (c) => feed(c, new Set(visibleProjects(c).map((p) => p.id))));
  r.get("/projects/:projectId/events", (c) => feed(c, new Set([bc2Project(c).id])));
  r.get("/people/:id/events", (c) => {
    const id = pathId(c, "id");
    if (!c.var.sim.store.people.has(id)) throw notFound();
    return feed(c, new Set(visibleProjects(c).map((p) => p.id)), id);
  });
}
