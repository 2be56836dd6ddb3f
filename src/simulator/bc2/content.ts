// Basecamp 2 messages, topics, documents and forwards over the Basecamp 4 records: a message
// is a Message on the project's message board, a document a Document in its Docs & Files, a
// forward an Inbox::Forward, and a topic any commentable record (messages always, the rest once
// commented). DELETE trashes (BC2 shows `trashed: true`); archiving a topic archives its record.
import type { SimContext } from "../context.js";
import { badRequest, forbidden, noContent, sendJson } from "../internal/respond.js";
import { bodyOf, optionalPersonIds, optionalString, requiredString } from "../router.js";
import { claimAttachments, richText } from "../rich-text-fields.js";
import type { Project, Recording, RecType } from "../store/model.js";
import type { Store } from "../store/store.js";
import { bc2Ctx, bc2Project, bc2Recording, created, requireNotTrashed, sendPage, visibleProjects, type Bc2Router } from "./router.js";
import { listsOf } from "./render.js";
import { renderDocument, renderDocumentSummary, renderForward, renderForwardSummary, renderMessage, renderTopic, TOPIC_TYPES, topicTime } from "./content-render.js";
import { embedTokens, privateFlag, readTokens } from "./files.js";

/** Records of `type` in the given projects (one pass over the type, however many projects). */
function ofProjects(store: Store, projects: readonly Project[], type: RecType): Recording[] {
  const ids = new Set(projects.map((p) => p.id));
  return [...store.ofType(type)].filter((r) => ids.has(r.bucketId));
}

/** `?sort=` of a list: the values a family allows, the first being the default. */
function sortQuery<T extends string>(c: SimContext, allowed: readonly T[]): T {
  const raw = c.req.query("sort");
  if (raw === undefined || raw === "") return allowed[0];
  if (!(allowed as readonly string[]).includes(raw)) throw badRequest(`sort must be one of ${allowed.join(", ")}`);
  return raw as T;
}

function sortRecs(recs: Recording[], sort: string, time: (r: Recording) => number): Recording[] {
  const byTitle = (a: Recording, b: Recording) => a.title.localeCompare(b.title, "en", { sensitivity: "base" }) || (a.id < b.id ? -1 : 1);
  const byTime = (a: Recording, b: Recording) => time(b) - time(a) || (b.id > a.id ? 1 : -1);
  if (sort === "az") return recs.sort(byTitle);
  if (sort === "za") return recs.sort((a, b) => byTitle(b, a));
  if (sort === "oldest") return recs.sort((a, b) => byTime(b, a));
  return recs.sort(byTime);
}

function activeProjects(c: SimContext): Project[] {
  return visibleProjects(c).filter((p) => p.status === "active");
}

function canChange(c: SimContext, rec: Recording, what: string): void {
  const me = c.var.me;
  if (rec.creatorId !== me.id && !me.admin && !me.owner) throw forbidden(`Only the person who wrote ${what}, or an admin, can change or delete it.`);
}

function trash(type: RecType, what: string) {
  return (c: SimContext) => {
    const rec = bc2Recording(c, bc2Project(c), "id", [type]);
    canChange(c, rec, what);
    c.var.sim.store.setStatus(rec, "trashed", c.var.me.id);
    return noContent(c);
  };
}

/** Apply `subject`/`title`, `content` and `private` changes, recording events as Basecamp 4 does. */
function applyChanges(c: SimContext, p: Project, rec: Recording, titleField: "subject" | "title"): void {
  const store = c.var.sim.store;
  const body = bodyOf(c);
  const me = c.var.me.id;
  const title = body[titleField] === undefined ? undefined : requiredString(body, titleField).trim();
  const raw = optionalString(body, "content");
  const content = raw === undefined ? undefined : richText(store, "content", raw, { owner: rec });
  const priv = privateFlag(p, body);
  if (title !== undefined && title !== rec.title) {
    const was = rec.title;
    rec.title = title;
    store.touch(rec, "title_changed", me, { title_was: was }, "title_updated");
  }
  if (content !== undefined && content !== (rec.content ?? "")) {
    rec.content = content;
    claimAttachments(store, rec);
    store.touch(rec, "content_changed", me, {}, "content_updated");
  }
  if (priv !== undefined && p.clientsEnabled && rec.visibleToClients === priv) {
    rec.visibleToClients = !priv;
    // Comments follow their parent's privacy (BC2 docs; Basecamp 4's client visibility too).
    for (const child of store.childrenOf(rec.id, ["Comment"])) child.visibleToClients = !priv;
    store.touch(rec, "client_visibility_changed", me, { visible_to_clients_was: priv });
  }
}

// ---- messages --------------------------------------------------------------------------------

function showMessage(c: SimContext, m: Recording): Response {
  return sendJson(c, renderMessage(bc2Ctx(c), m), { lastModified: m.updatedAt });
}

function createMessage(c: SimContext): Response {
  const store = c.var.sim.store;
  const p = bc2Project(c);
  if (p.status !== "active") throw forbidden("This project is archived; activate it to post messages.");
  const board = store.dockTool(p.id, "Message::Board");
  if (!board) throw forbidden("This project has no message board.");
  const body = bodyOf(c);
  const subject = requiredString(body, "subject").trim();
  const tokens = readTokens(store, body, { max: Infinity });
  const content = embedTokens(store, richText(store, "content", optionalString(body, "content") ?? ""), tokens);
  const priv = privateFlag(p, body);
  const me = c.var.me.id;
  const subscriberIds = optionalPersonIds(c, body, "subscribers") ?? [...p.peopleIds];
  if (!subscriberIds.includes(me)) subscriberIds.unshift(me);
  const msg = store.insertRecording({ type: "Message", bucketId: p.id, parentId: board.id, creatorId: me, title: subject, content, categoryId: null, pinned: false, subscriberIds, visibleToClients: p.clientsEnabled && priv !== true });
  claimAttachments(store, msg);
  const out = renderMessage(bc2Ctx(c), msg);
  return created(c, out, out.url as string);
}

function updateMessage(c: SimContext): Response {
  const p = bc2Project(c);
  const m = bc2Recording(c, p, "id", ["Message"]);
  requireNotTrashed(m);
  canChange(c, m, "a message");
  applyChanges(c, p, m, "subject");
  return showMessage(c, m);
}

// ---- topics ----------------------------------------------------------------------------------

/** Records of a project that are topics: messages always, other commentables once commented. */
function topicsOf(store: Store, projects: readonly Project[], status: "active" | "archived"): Recording[] {
  const lists = new Set(projects.flatMap((p) => listsOf(store, p.id).map((l) => l.id)));
  const out: Recording[] = [];
  for (const type of TOPIC_TYPES) {
    for (const r of ofProjects(store, projects, type)) {
      if (r.status !== status) continue;
      if (type === "Todolist" && !lists.has(r.id)) continue; // a group, not a list
      if (type !== "Message" && !store.childrenOf(r.id, ["Comment"]).some((x) => x.status !== "trashed")) continue;
      out.push(r);
    }
  }
  return out;
}

function listTopics(status: "active" | "archived", accountWide: boolean) {
  return (c: SimContext) => {
    const ctx = bc2Ctx(c);
    const projects = accountWide ? activeProjects(c) : [bc2Project(c)];
    const sort = sortQuery(c, ["newest", "oldest"] as const);
    const recs = sortRecs(topicsOf(ctx.store, projects, status), sort, (r) => topicTime(ctx.store, r));
    return sendPage(c, recs, (r) => renderTopic(ctx, r, accountWide), (r) => topicTime(ctx.store, r));
  };
}

function setTopicStatus(status: "active" | "archived") {
  return (c: SimContext) => {
    const p = bc2Project(c);
    if (p.status !== "active") throw forbidden("The topic's project is not active.");
    const rec = bc2Recording(c, p, "id", TOPIC_TYPES);
    requireNotTrashed(rec);
    c.var.sim.store.setStatus(rec, status, c.var.me.id);
    return noContent(c);
  };
}

// ---- documents -------------------------------------------------------------------------------

const DOC_SORTS = ["newest", "oldest", "az", "za"] as const;

function listDocuments(accountWide: boolean) {
  return (c: SimContext) => {
    const ctx = bc2Ctx(c);
    const projects = accountWide ? activeProjects(c) : [bc2Project(c)];
    const sort = sortQuery(c, DOC_SORTS);
    const docs = sortRecs(ofProjects(ctx.store, projects, "Document").filter((d) => d.status === "active"), sort, (d) => d.updatedAt);
    return sendPage(c, docs, (d) => renderDocumentSummary(ctx, d, accountWide), (d) => d.updatedAt);
  };
}

function createDocument(c: SimContext): Response {
  const store = c.var.sim.store;
  const p = bc2Project(c);
  if (p.status !== "active") throw forbidden("This project is archived; activate it to add documents.");
  const vault = store.dockTool(p.id, "Vault");
  if (!vault) throw forbidden("This project has no Docs & Files.");
  const body = bodyOf(c);
  const title = requiredString(body, "title").trim();
  const content = richText(store, "content", optionalString(body, "content") ?? "");
  const priv = privateFlag(p, body);
  const me = c.var.me.id;
  const d = store.insertRecording({ type: "Document", bucketId: p.id, parentId: vault.id, creatorId: me, title, content, subscriberIds: [me], visibleToClients: p.clientsEnabled && priv !== true });
  claimAttachments(store, d);
  const out = renderDocument(bc2Ctx(c), d);
  return created(c, out, out.url as string);
}

function updateDocument(c: SimContext): Response {
  const p = bc2Project(c);
  const d = bc2Recording(c, p, "id", ["Document"]);
  requireNotTrashed(d);
  applyChanges(c, p, d, "title");
  return sendJson(c, renderDocument(bc2Ctx(c), d), { lastModified: d.updatedAt });
}

// ---- forwards --------------------------------------------------------------------------------

function listForwards(accountWide: boolean) {
  return (c: SimContext) => {
    const ctx = bc2Ctx(c);
    const projects = accountWide ? activeProjects(c) : [bc2Project(c)];
    const sort = sortQuery(c, DOC_SORTS);
    const list = sortRecs(ofProjects(ctx.store, projects, "Inbox::Forward").filter((f) => f.status === "active"), sort, (f) => f.createdAt);
    return sendPage(c, list, (f) => renderForwardSummary(ctx, f, accountWide), (f) => f.updatedAt);
  };
}

export function register(r: Bc2Router): void {
  r.get("/projects/:projectId/messages/:id", (c) => showMessage(c, bc2Recording(c, bc2Project(c), "id", ["Message"])));
  r.post("/projects/:projectId/messages", createMessage);
  r.put("/projects/:projectId/messages/:id", updateMessage);
  r.delete("/projects/:projectId/messages/:id", trash("Message", "a message"));

  r.get("/topics", listTopics("active", true));
  r.get("/topics/archived", listTopics("archived", true));
  r.get("/projects/:projectId/topics", listTopics("active", false));
  r.get("/projects/:projectId/topics/archived", listTopics("archived", false));
  r.put("/projects/:projectId/topics/:id/archive", setTopicStatus("archived"));
  r.put("/projects/:projectId/topics/:id/activate", setTopicStatus("active"));

  r.get("/documents", listDocuments(true));
  r.get("/projects/:projectId/documents", listDocuments(false));
  r.get("/projects/:projectId/documents/:id", (c) => {
    const d = bc2Recording(c, bc2Project(c), "id", ["Document"]);
    return sendJson(c, renderDocument(bc2Ctx(c), d), { lastModified: d.updatedAt });
  });
  r.post("/projects/:projectId/documents", createDocument);
  r.put("/projects/:projectId/documents/:id", updateDocument);
  r.delete("/projects/:projectId/documents/:id", trash("Document", "a document"));

  r.get("/forwards", listForwards(true));
  r.get("/projects/:projectId/forwards", listForwards(false));
  r.get("/projects/:projectId/forwards/:id", (c) => {
    const f = bc2Recording(c, bc2Project(c), "id", ["Inbox::Forward"]);
    return sendJson(c, renderForward(bc2Ctx(c), f), { lastModified: f.updatedAt });
  });
}
