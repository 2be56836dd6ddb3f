// The Clientside (client approvals, correspondences and their replies) and client visibility.
// The API only reads the Clientside: approvals and correspondences are made in the app, so the
// seed makes a few in projects with clients enabled. They hang under a `Client::Board` kept off
// the dock. PUT /recordings/{id}/client_visibility.json shows or hides a recording to clients.
import type { SimContext } from "../context.js";
import { forbidden, notFound, sendJson, paginate, validationFailed } from "../internal/respond.js";
import { apiBase, appBase, baseRecording, recordingAppUrl, registerRenderer, renderPersonById, renderRecording, type Json, type RenderCtx } from "../render.js";
import { bodyOf, findRecording, renderCtx, requireWritable, sortByQuery, toId, type ApiRouter } from "../router.js";
import type { Id, Project, RecType, Recording } from "../store/model.js";
import type { Store } from "../store/store.js";
import { visibleRecording } from "./boosts.js";

/** Recordings that decide their own client visibility; everything else follows its parent. */
const OWN_VISIBILITY = new Set<RecType>(["Message", "Document", "Upload", "Vault", "Todolist", "Schedule::Entry", "Question"]);
/** Does this recording control its own visibility (not a dock tool, not a to-do list group, …)? */
export function controlsVisibility(store: Store, rec: Recording): boolean {
  if (!OWN_VISIBILITY.has(rec.type) || rec.parentId === null) return false;
  const parent = store.recordings.get(rec.parentId);
  // A to-do list group follows its list.
  return rec.type !== "Todolist" || parent?.type === "Todoset";
}

function boardUrl(ctx: RenderCtx, bucketId: Id, api: boolean): string {
  return api ? `${apiBase(ctx)}/buckets/${bucketId}/client/board.json` : `${appBase(ctx)}/buckets/${bucketId}/client/board`;
}

/** Base fields with the board parent pointing at its real path. */
function clientBase(ctx: RenderCtx, rec: Recording): Json {
  const out = baseRecording(ctx, rec);
  const parent = rec.parentId !== null ? ctx.store.recordings.get(rec.parentId) : undefined;
  if (parent?.type === "Client::Board") out.parent = { id: parent.id, title: parent.title, type: parent.type, url: boardUrl(ctx, rec.bucketId, true), app_url: boardUrl(ctx, rec.bucketId, false) };
  return out;
}

function replies(store: Store, rec: Recording): Recording[] {
  return store.childrenOf(rec.id, ["Client::Reply"]).filter((r) => r.status === "active").sort((a, b) => a.createdAt - b.createdAt);
}

function threadFields(ctx: RenderCtx, rec: Recording): Json {
  return {
    content: rec.content ?? "",
    content_attachments: [],
    subject: rec.title,
    replies_count: replies(ctx.store, rec).length,
    replies_url: `${apiBase(ctx)}/buckets/${rec.bucketId}/client/recordings/${rec.id}/replies.json`,
  };
}

function renderResponse(ctx: RenderCtx, rec: Recording): Json {
  const base = clientBase(ctx, rec);
  const parent = rec.parentId !== null ? ctx.store.recordings.get(rec.parentId) : undefined;
  delete base.url;
  return { ...base, app_url: parent ? `${recordingAppUrl(ctx, parent)}#__recording_${rec.id}` : base.app_url, content: rec.content ?? "", approved: rec.data?.approved === true };
}

export function renderApproval(ctx: RenderCtx, rec: Recording, withResponses: boolean): Json {
  const d = rec.data ?? {};
  const out: Json = {
    ...clientBase(ctx, rec),
    ...threadFields(ctx, rec),
    due_on: rec.dueOn ?? null,
    approval_status: d.approvalStatus ?? "pending",
    ...(d.approverId !== undefined && d.approverId !== null ? { approver: renderPersonById(ctx, d.approverId as Id) } : {}),
  };
  if (withResponses) out.responses = ctx.store.childrenOf(rec.id, ["Client::Approval::Response"]).filter((r) => r.status === "active").map((r) => renderResponse(ctx, r));
  return out;
}

function renderCorrespondence(ctx: RenderCtx, rec: Recording): Json {
  return { ...clientBase(ctx, rec), ...threadFields(ctx, rec) };
}

function renderReply(ctx: RenderCtx, rec: Recording): Json {
  const parent = rec.parentId !== null ? ctx.store.recordings.get(rec.parentId) : undefined;
  return { ...baseRecording(ctx, rec), app_url: parent ? `${recordingAppUrl(ctx, parent)}#__recording_${rec.id}` : recordingAppUrl(ctx, rec), content: rec.content ?? "", content_attachments: [] };
}

/** The Clientside items of one type in the path's bucket. */
function listIn(c: SimContext, type: RecType): Recording[] {
  const bucket = toId(c.req.param("bucket"));
  const store = c.var.sim.store;
  const project = bucket === undefined ? undefined : store.getProject(bucket);
  const me = c.var.me;
  if (!project || !(me.owner || me.admin || project.peopleIds.includes(me.id))) throw notFound();
  const out: Recording[] = [];
  for (const r of store.ofType(type)) if (r.bucketId === project.id && r.status === "active") out.push(r);
  return sortByQuery(c, out);
}

function threadOf(c: SimContext): Recording {
  const rec = findRecording(c, "recordingId", ["Client::Approval", "Client::Correspondence"]);
  if (rec.status === "trashed") throw notFound();
  return rec;
}

export function register(r: ApiRouter): void {
  registerRenderer("Client::Approval", (ctx, rec) => renderApproval(ctx, rec, true));
  registerRenderer("Client::Correspondence", renderCorrespondence);
  registerRenderer("Client::Reply", renderReply);
  registerRenderer("Client::Approval::Response", renderResponse);

  r.get("/client/approvals", (c) => {
    const ctx = renderCtx(c);
    return paginate(c, listIn(c, "Client::Approval"), (a) => renderApproval(ctx, a, false), (a) => a.updatedAt);
  }, { forms: "bucket" });
  r.get("/client/approvals/:approvalId", (c) => {
    const rec = findRecording(c, "approvalId", ["Client::Approval"]);
    if (rec.status === "trashed") throw notFound();
    return sendJson(c, renderApproval(renderCtx(c), rec, true), { lastModified: rec.updatedAt });
  });
  r.get("/client/correspondences", (c) => {
    const ctx = renderCtx(c);
    return paginate(c, listIn(c, "Client::Correspondence"), (a) => renderCorrespondence(ctx, a), (a) => a.updatedAt);
  }, { forms: "bucket" });
  r.get("/client/correspondences/:correspondenceId", (c) => {
    const rec = findRecording(c, "correspondenceId", ["Client::Correspondence"]);
    if (rec.status === "trashed") throw notFound();
    return sendJson(c, renderCorrespondence(renderCtx(c), rec), { lastModified: rec.updatedAt });
  });
  r.get("/client/recordings/:recordingId/replies", (c) => {
    const thread = threadOf(c);
    const ctx = renderCtx(c);
    return paginate(c, replies(c.var.sim.store, thread), (x) => renderReply(ctx, x), (x) => x.updatedAt);
  }, { forms: "bucket" });
  r.get("/client/recordings/:recordingId/replies/:replyId", (c) => {
    const thread = threadOf(c);
    const reply = findRecording(c, "replyId", ["Client::Reply"]);
    if (reply.parentId !== thread.id || reply.status === "trashed") throw notFound();
    return sendJson(c, renderReply(renderCtx(c), reply), { lastModified: reply.updatedAt });
  }, { forms: "bucket" });
  // Where a reply's `url` points.
  r.get("/client/replies/:replyId", (c) => {
    const reply = findRecording(c, "replyId", ["Client::Reply"]);
    if (reply.status === "trashed") throw notFound();
    return sendJson(c, renderReply(renderCtx(c), reply), { lastModified: reply.updatedAt });
  });

  r.put("/recordings/:recordingId/client_visibility", (c) => {
    const rec = visibleRecording(c);
    const store = c.var.sim.store;
    if (c.var.me.client) throw forbidden("Clients can't change what clients see.");
    requireWritable(rec);
    if (!controlsVisibility(store, rec)) throw forbidden(`This ${rec.type} follows the client visibility of what it belongs to; change that instead.`);
    const v = bodyOf(c).visible_to_clients;
    if (typeof v !== "boolean") throw validationFailed({ visible_to_clients: ["must be true or false"] });
    if (rec.visibleToClients !== v) {
      const was = rec.visibleToClients;
      rec.visibleToClients = v;
      // Children that follow it (to-dos of a list, comments, …) show or hide with it.
      const stack = [...(store.children.get(rec.id) ?? [])];
      while (stack.length) {
        const child = store.recordings.get(stack.pop()!);
        if (!child || controlsVisibility(store, child)) continue;
        child.visibleToClients = v;
        stack.push(...(store.children.get(child.id) ?? []));
      }
      store.touch(rec, "client_visibility_changed", c.var.me.id, { visible_to_clients_was: was });
    }
    return sendJson(c, renderRecording(renderCtx(c), rec));
  });
}

/** The project's Clientside board, made quietly (off the dock) when first needed. */
function boardOf(store: Store, project: Project): Recording {
  for (const r of store.ofType("Client::Board")) if (r.bucketId === project.id) return r;
  return store.insertRecording(
    { type: "Client::Board", bucketId: project.id, parentId: null, creatorId: project.creatorId, title: "The Clientside", inheritsStatus: false, visibleToClients: true, createdAt: project.createdAt },
    { quiet: true, offDock: true },
  );
}

/**
 * Seed: two approvals (one answered) and a correspondence with a reply in each project with
 * clients enabled; when no project has them, clients are turned on in the first active one.
 */
export function seedClientside(store: Store, rnd: () => number): void {
  const active = [...store.projects.values()].filter((p) => p.status === "active");
  let projects = active.filter((p) => p.clientsEnabled);
  if (!projects.length && active.length) {
    active[0].clientsEnabled = true;
    projects = [active[0]];
  }
  const now = store.now();
  const DAY = 86_400_000;
  for (const p of projects) {
    const board = boardOf(store, p);
    const team = p.peopleIds;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
    const at = (daysAgo: number) => Math.max(p.createdAt, now - daysAgo * DAY);
    const add = (fields: Omit<Parameters<Store["insertRecording"]>[0], "bucketId">) =>
      store.insertRecording({ bucketId: p.id, visibleToClients: true, ...fields }, { quiet: true });
    const reply = (parent: Recording, daysAgo: number, content: string) =>
      add({ type: "Client::Reply", parentId: parent.id, creatorId: pick(team), title: `Re: ${parent.title}`, content, createdAt: at(daysAgo) });
    const approvals: Array<[string, string, boolean | null]> = [
      ["New logo for the website", "<div>Here is the final logo. Can we get your sign-off?</div>", true],
      ["Business card proof", "<div>The business card is ready; we just need a yes or no.</div>", null],
    ];
    for (const [i, [subject, content, answer]] of approvals.entries()) {
      const approverId = team[team.length - 1];
      const a = add({ type: "Client::Approval", parentId: board.id, creatorId: p.creatorId, title: subject, content, dueOn: new Date(at(12 - i * 4) + 14 * DAY).toISOString().slice(0, 10), createdAt: at(12 - i * 4), data: { approvalStatus: answer === null ? "pending" : answer ? "approved" : "rejected", approverId } });
      if (answer !== null) add({ type: "Client::Approval::Response", parentId: a.id, creatorId: approverId, title: subject, content: "<div>Looks great, thanks!</div>", createdAt: at(10 - i * 4), data: { approved: answer } });
    }
    const corr = add({ type: "Client::Correspondence", parentId: board.id, creatorId: p.creatorId, title: "Project kickoff!", content: "<div>Welcome aboard: here is how we will work together.</div>", createdAt: at(20) });
    reply(corr, 19, "<div>Thanks, excited to get started.</div>");
  }
}
