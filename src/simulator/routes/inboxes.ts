// Email forwards: a project's Inbox tool holds the emails people forward into it
// (Inbox::Forward) and the email replies those get (Inbox::Reply). The API only reads them:
// they arrive by email, which the simulator stands in for with an admin route
// (POST /__sim/inboxes/{inboxId}/forwards, POST /__sim/inbox_forwards/{forwardId}/replies).
import type { Hono } from "hono";
import type { SimContext, SimEnv, Sim } from "../context.js";
import { notFound, paginate, sendJson, validationFailed } from "../internal/respond.js";
import { apiBase, baseRecording, recordingAppUrl, recordingUrl, registerRenderer, renderRecording, type Json, type RenderCtx } from "../render.js";
import { claimAttachments, richText } from "../rich-text-fields.js";
import { findRecording, renderCtx, sortByTime, toId, type ApiRouter } from "../router.js";
import type { Id, Recording } from "../store/model.js";
import type { Store } from "../store/store.js";

const active = (store: Store, id: Id, type: "Inbox::Forward" | "Inbox::Reply"): Recording[] => store.childrenOf(id, [type]).filter((r) => r.status === "active");

/** Flat API path of a forward (`…/inbox_forwards/{id}`). */
function forwardPath(ctx: RenderCtx, fwd: Recording): string {
  return `${apiBase(ctx)}/buckets/${fwd.bucketId}/inbox_forwards/${fwd.id}`;
}

registerRenderer("Inbox", (ctx, rec) => ({
  ...baseRecording(ctx, rec),
  position: ctx.store.positionOf(rec),
  forwards_count: active(ctx.store, rec.id, "Inbox::Forward").length,
  forwards_url: recordingUrl(ctx, rec, "/forwards"),
}));

registerRenderer("Inbox::Forward", (ctx, rec) => ({
  ...baseRecording(ctx, rec),
  content: rec.content ?? "",
  subject: rec.title,
  from: String(rec.data?.from ?? ""),
  replies_count: active(ctx.store, rec.id, "Inbox::Reply").length,
  replies_url: `${forwardPath(ctx, rec)}/replies.json`,
}));

registerRenderer("Inbox::Reply", (ctx, rec) => {
  const out: Json = { ...baseRecording(ctx, rec), content: rec.content ?? "" };
  const fwd = rec.parentId !== null ? ctx.store.recordings.get(rec.parentId) : undefined;
  if (fwd) {
    // A reply is read through its forward; on the web it is an anchor on the forward's page.
    out.url = `${forwardPath(ctx, fwd)}/replies/${rec.id}.json`;
    out.app_url = `${recordingAppUrl(ctx, fwd)}#__recording_${rec.id}`;
  }
  delete out.subscription_url;
  return out;
});

/** The reply named by `:replyId`, which must belong to the forward named by `:forwardId`. */
function findReply(c: SimContext): Recording {
  const fwd = findRecording(c, "forwardId", ["Inbox::Forward"]);
  const reply = findRecording(c, "replyId", ["Inbox::Reply"]);
  if (reply.parentId !== fwd.id || reply.status === "trashed") throw notFound();
  return reply;
}

function show(c: SimContext, rec: Recording): Response {
  if (rec.status === "trashed") throw notFound();
  return sendJson(c, renderRecording(renderCtx(c), rec), { lastModified: rec.updatedAt });
}

function listForwards(c: SimContext): Response {
  const inbox = findRecording(c, "inboxId", ["Inbox"]);
  const ctx = renderCtx(c);
  const list = sortByTime(active(c.var.sim.store, inbox.id, "Inbox::Forward"), "createdAt", -1);
  return paginate(c, list, (r) => renderRecording(ctx, r), (r) => r.updatedAt);
}

export function register(r: ApiRouter): void {
  r.get("/inboxes/:inboxId", (c) => show(c, findRecording(c, "inboxId", ["Inbox"])));
  r.get("/inboxes/:inboxId/inbox_forwards", listForwards);
  // The path Basecamp's own docs (and `forwards_url`) name.
  r.get("/inboxes/:inboxId/forwards", listForwards);
  r.get("/inbox_forwards/:forwardId", (c) => show(c, findRecording(c, "forwardId", ["Inbox::Forward"])));
  r.get("/inbox_forwards/:forwardId/replies", (c) => {
    const fwd = findRecording(c, "forwardId", ["Inbox::Forward"]);
    if (fwd.status === "trashed") throw notFound();
    const ctx = renderCtx(c);
    const list = sortByTime(active(c.var.sim.store, fwd.id, "Inbox::Reply"), "createdAt", 1);
    return paginate(c, list, (x) => renderRecording(ctx, x), (x) => x.updatedAt);
  });
  r.get("/inbox_forwards/:forwardId/replies/:replyId", (c) => show(c, findReply(c)));
}

// ---- delivering email (simulator admin API) -------------------------------------------------

function text(body: Record<string, unknown>, field: string, required: boolean): string | undefined {
  const v = body[field];
  if (v === undefined || v === null || v === "") {
    if (required) throw validationFailed({ [field]: ["can't be blank"] });
    return undefined;
  }
  if (typeof v !== "string") throw validationFailed({ [field]: ["must be a string"] });
  return v;
}

/** The person an email stands for: `creator_id` when given, else the project's first person. */
function sender(store: Store, bucketId: Id, body: Record<string, unknown>): Id {
  if (body.creator_id !== undefined) {
    const id = toId(body.creator_id);
    if (id === undefined || !store.people.has(id)) throw validationFailed({ creator_id: ["names no person"] });
    return id;
  }
  return store.projects.get(bucketId)?.peopleIds[0] ?? store.account.ownerId;
}

/** Deliver a forwarded email into an inbox (as Basecamp does when mail reaches its address). */
export function deliverForward(store: Store, inbox: Recording, mail: { subject: string; content: string; from: string; creatorId: Id }, quiet = false): Recording {
  const content = richText(store, "content", mail.content);
  const rec = store.insertRecording(
    { type: "Inbox::Forward", bucketId: inbox.bucketId, parentId: inbox.id, creatorId: mail.creatorId, title: mail.subject, content, subscriberIds: [mail.creatorId], data: { from: mail.from } },
    { quiet },
  );
  claimAttachments(store, rec);
  return rec;
}

export function deliverReply(store: Store, fwd: Recording, mail: { content: string; creatorId: Id }, quiet = false): Recording {
  const content = richText(store, "content", mail.content);
  const rec = store.insertRecording({ type: "Inbox::Reply", bucketId: fwd.bucketId, parentId: fwd.id, creatorId: mail.creatorId, title: `Re: ${fwd.title}`, content }, { quiet });
  claimAttachments(store, rec);
  return rec;
}

async function jsonBody(c: { req: { text(): Promise<string> } }): Promise<Record<string, unknown>> {
  const raw = await c.req.text();
  if (!raw) return {};
  try {
    const v = JSON.parse(raw) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    throw validationFailed({ body: ["is not valid JSON"] });
  }
}

/** Admin routes (mounted under /__sim, behind the admin token) that deliver email. */
export function registerInboxAdmin(admin: Hono<SimEnv>, sim: Sim): void {
  admin.post("/inboxes/:inboxId/forwards", async (c) => {
    const store = sim.store;
    const id = toId(c.req.param("inboxId"));
    const inbox = id === undefined ? undefined : store.getRecording(id);
    if (!inbox || inbox.type !== "Inbox") throw notFound("No inbox with that ID.");
    const body = await jsonBody(c);
    const rec = deliverForward(store, inbox, {
      subject: text(body, "subject", true)!,
      content: text(body, "content", false) ?? "",
      from: text(body, "from", false) ?? "someone@example.com",
      creatorId: sender(store, inbox.bucketId, body),
    });
    return c.json({ id: rec.id.toString(), url: `${sim.origin}/${store.account.id}/inbox_forwards/${rec.id}.json` }, 201);
  });
  admin.post("/inbox_forwards/:forwardId/replies", async (c) => {
    const store = sim.store;
    const id = toId(c.req.param("forwardId"));
    const fwd = id === undefined ? undefined : store.getRecording(id);
    if (!fwd || fwd.type !== "Inbox::Forward") throw notFound("No forward with that ID.");
    const body = await jsonBody(c);
    const rec = deliverReply(store, fwd, { content: text(body, "content", true)!, creatorId: sender(store, fwd.bucketId, body) });
    return c.json({ id: rec.id.toString(), url: `${sim.origin}/${store.account.id}/inbox_forwards/${fwd.id}/replies/${rec.id}.json` }, 201);
  });
}

// ---- seed ------------------------------------------------------------------------------------

const SUBJECTS = ["Can we move the kickoff?", "Invoice for last month", "Feedback on the draft", "Quick question about the launch"];
const SENDERS = ["henry@client.example", "beth@vendor.example", "sam@partner.example"];

/** A couple of forwards (one with a reply) in each project's inbox. */
export function seedInboxes(store: Store, rnd: () => number): void {
  for (const p of store.projects.values()) {
    const inbox = store.dockTool(p.id, "Inbox");
    if (!inbox || p.peopleIds.length === 0) continue;
    for (let i = 0; i < 2; i++) {
      const who = p.peopleIds[Math.floor(rnd() * p.peopleIds.length)];
      const subject = SUBJECTS[Math.floor(rnd() * SUBJECTS.length)];
      const fwd = deliverForward(store, inbox, { subject, content: `<div>Forwarded message about "${subject}".</div>`, from: SENDERS[i % SENDERS.length], creatorId: who }, true);
      if (i === 0) deliverReply(store, fwd, { content: "<div>Thanks, we're on it.</div>", creatorId: who }, true);
    }
  }
}

