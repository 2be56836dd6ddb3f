// Basecamp 2 attachments, uploads and tags. A BC2 attachment is a store attachment (the same
// ones Basecamp 4's POST /attachments.json makes): POST /attachments.json keeps the raw bytes
// and answers its sgid as the token; a message or upload then claims it by token. Listed
// attachments are those a record holds: an upload's file, or a file embedded in rich text.
// Tags ("file labels") are BC2-only: a store collection of {attachmentId, bucketId, name}.
import type { SimContext } from "../context.js";
import { badRequest, forbidden, notFound, noContent, sendJson, validationFailed } from "../internal/respond.js";
import { bodyOf, optionalBool, optionalPersonIds, optionalString, pathId, requiredString } from "../router.js";
import { claimAttachments, richText } from "../rich-text-fields.js";
import type { Attachment, Id, Item, Project, Recording } from "../store/model.js";
import type { Store } from "../store/store.js";
import { bc2Ctx, bc2Project, bc2Recording, created, sendPage, visibleProjects, type Bc2Router } from "./router.js";
import { BC2_TYPES } from "./render.js";
import { attachmentHolders, renderAttachment, renderUpload, TAGS } from "./content-render.js";

/** `private` of a write: true only in projects with clients (422 otherwise). */
export function privateFlag(p: Project, body: Record<string, unknown>): boolean | undefined {
  const priv = optionalBool(body, "private");
  if (priv === true && !p.clientsEnabled) throw validationFailed({ private: ["can only be set in projects with clients"] });
  return priv;
}

export interface TokenFile {
  att: Attachment;
  name: string;
}

/** `attachments: [{token, name}]` of a write: tokens from POST /attachments.json not used yet. */
export function readTokens(store: Store, body: Record<string, unknown>, opts: { max: number; min?: number }): TokenFile[] {
  const raw = body.attachments ?? [];
  const fail = (msg: string): never => {
    throw validationFailed({ attachments: [msg] });
  };
  if (!Array.isArray(raw)) fail('must be a list of {"token": …, "name": …}');
  const list = raw as unknown[];
  if (list.length < (opts.min ?? 0)) fail(opts.min === 1 ? "needs a file: upload it with POST /attachments.json, then send its token and name" : "has too few files");
  if (list.length > opts.max) fail(`takes at most ${opts.max} file${opts.max === 1 ? "" : "s"}`);
  const holders = attachmentHolders(store);
  const out: TokenFile[] = [];
  for (const item of list) {
    const o = item && typeof item === "object" ? (item as Record<string, unknown>) : {};
    const token = typeof o.token === "string" ? o.token.trim() : "";
    const name = typeof o.name === "string" ? o.name.trim() : "";
    const att = store.attachments.get(token);
    if (!att) fail(`has a token ${JSON.stringify(token)} that names no upload; POST the file to /attachments.json first`);
    if (holders.has(token) || out.some((t) => t.att === att)) fail(`has a token ${JSON.stringify(token)} that is already attached; upload the file again`);
    if (!/^[^/\\]+\.[A-Za-z0-9]+$/.test(name)) fail(`needs a file name with an extension for token ${JSON.stringify(token)} (got ${JSON.stringify(name)})`);
    out.push({ att: att!, name });
  }
  return out;
}

const attr = (v: string) => v.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** Name the files and embed them in rich text, as Basecamp 4 shows attached files. */
export function embedTokens(store: Store, html: string, files: TokenFile[]): string {
  if (!files.length) return html;
  for (const f of files) f.att.filename = f.name;
  store.markDirty();
  return html + files.map((f) => `<bc-attachment sgid="${attr(f.att.sgid)}" filename="${attr(f.name)}" content-type="${attr(f.att.contentType)}"></bc-attachment>`).join("");
}

// ---- attachments -----------------------------------------------------------------------------

interface Held {
  att: Attachment;
  holder: Recording;
}

/** Attachments held by live BC2 records of the given projects, newest first. */
function heldIn(store: Store, projectIds: Set<Id>): Held[] {
  const out: Held[] = [];
  for (const [sgid, holder] of attachmentHolders(store)) {
    const att = store.attachments.get(sgid);
    if (!att || !projectIds.has(holder.bucketId) || holder.status === "trashed" || !BC2_TYPES[holder.type]) continue;
    out.push({ att, holder });
  }
  return out.sort((a, b) => b.att.createdAt - a.att.createdAt || (b.att.id > a.att.id ? 1 : -1));
}

function activeIds(c: SimContext): Set<Id> {
  return new Set(visibleProjects(c).filter((p) => p.status === "active").map((p) => p.id));
}

function findHeld(c: SimContext, p: Project): Held {
  const id = pathId(c, "id");
  const found = heldIn(c.var.sim.store, new Set([p.id])).find((h) => h.att.id === id);
  if (!found) throw notFound();
  return found;
}

function listAttachments(c: SimContext, projectIds: Set<Id>, accountWide: boolean, tag?: string): Response {
  const ctx = bc2Ctx(c);
  let held = heldIn(ctx.store, projectIds);
  if (tag !== undefined) {
    const tagged = new Set(tagItems(ctx.store, (t) => sameTag(t.name, tag)).map((t) => t.attachmentId as Id));
    held = held.filter((h) => tagged.has(h.att.id));
  }
  return sendPage(c, held, (h) => renderAttachment(ctx, h.att, h.holder, accountWide));
}

function createAttachment(c: SimContext): Response {
  const store = c.var.sim.store;
  const bytes = c.var.rawBody ?? new Uint8Array();
  const length = c.req.header("content-length");
  if (length !== undefined && length.trim() !== "" && Number(length) !== bytes.length) throw badRequest(`Content-Length (${length}) does not match the body (${bytes.length} bytes).`);
  if (bytes.length === 0) throw validationFailed({ file: ["can't be empty: send the file's bytes as the body"] });
  const type = (c.req.header("content-type") ?? "").split(";")[0].trim().toLowerCase() || "application/octet-stream";
  const id = store.nextId();
  const sgid = Buffer.from(`gid://bc3/Attachment/${id}`).toString("base64url");
  const name = (c.req.query("name") ?? "").split(/[/\\]/).pop()?.trim() || "attachment";
  store.attachments.set(sgid, { id, sgid, filename: name, contentType: type, byteSize: bytes.length, createdAt: store.now(), creatorId: c.var.me.id, dataBase64: Buffer.from(bytes).toString("base64") });
  store.markDirty();
  // Basecamp 2 answers 200 with the token (not 201: nothing is created that can be fetched yet).
  return sendJson(c, { token: sgid });
}

function updateAttachment(c: SimContext): Response {
  const store = c.var.sim.store;
  const p = bc2Project(c);
  const { att, holder } = findHeld(c, p);
  const name = requiredString(bodyOf(c), "name").trim();
  if (/[/\\]/.test(name)) throw validationFailed({ name: ["can't contain / or \\"] });
  if (name !== att.filename) {
    att.filename = name;
    if (holder.type === "Upload" && holder.attachmentSgid === att.sgid) {
      holder.filename = holder.title = name;
      store.touch(holder, "title_changed", c.var.me.id, {}, "title_updated");
    } else store.markDirty();
  }
  return sendJson(c, renderAttachment(bc2Ctx(c), att, holder, false));
}

function deleteAttachment(c: SimContext): Response {
  const store = c.var.sim.store;
  const p = bc2Project(c);
  const { att, holder } = findHeld(c, p);
  const me = c.var.me;
  if (att.creatorId !== me.id && holder.creatorId !== me.id && !me.admin && !me.owner) throw forbidden("Only the person who attached the file, or an admin, can delete it.");
  if (holder.type === "Upload" && holder.attachmentSgid === att.sgid) {
    // An upload is its file: deleting the file trashes the upload.
    store.setStatus(holder, "trashed", me.id);
    return noContent(c);
  }
  const sgid = att.sgid.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const embed = new RegExp(`<bc-attachment\\b[^>]*\\bsgid="${sgid}"[^>]*>(?:[\\s\\S]*?</bc-attachment>)?`, "g");
  if (holder.content) holder.content = holder.content.replace(embed, "");
  if (holder.description) holder.description = holder.description.replace(embed, "");
  store.attachments.delete(att.sgid);
  for (const t of tagItems(store, (t) => t.attachmentId === att.id)) store.removeItem(TAGS, t.id);
  store.touch(holder, "content_changed", me.id, { attachment_removed: att.id }, "content_updated");
  return noContent(c);
}

// ---- uploads ---------------------------------------------------------------------------------

function createUpload(c: SimContext): Response {
  const store = c.var.sim.store;
  const p = bc2Project(c);
  if (p.status !== "active") throw forbidden("This project is archived; activate it to add files.");
  const vault = store.dockTool(p.id, "Vault");
  if (!vault) throw forbidden("This project has no Docs & Files.");
  const body = bodyOf(c);
  const [file] = readTokens(store, body, { min: 1, max: 1 });
  const description = richText(store, "content", optionalString(body, "content") ?? "");
  const priv = privateFlag(p, body);
  const me = c.var.me.id;
  const subscriberIds = optionalPersonIds(c, body, "subscribers") ?? [];
  if (!subscriberIds.includes(me)) subscriberIds.unshift(me);
  file.att.filename = file.name;
  const u = store.insertRecording({
    type: "Upload", bucketId: p.id, parentId: vault.id, creatorId: me, title: file.name, description, filename: file.name,
    contentType: file.att.contentType, byteSize: file.att.byteSize, attachmentSgid: file.att.sgid, width: null, height: null,
    subscriberIds, visibleToClients: p.clientsEnabled && priv !== true,
  });
  claimAttachments(store, u);
  const out = renderUpload(bc2Ctx(c), u);
  return created(c, out, out.url as string);
}

// ---- tags ------------------------------------------------------------------------------------

function sameTag(a: unknown, b: string): boolean {
  return String(a).toLowerCase() === b.toLowerCase();
}

function tagItems(store: Store, pred: (t: Item) => boolean): Item[] {
  return [...store.collection(TAGS).values()].filter(pred);
}

/** The `:tag` of the path, percent-decoded and trimmed (404 when blank). */
function tagParam(c: SimContext): string {
  let raw = c.req.param("tag") ?? "";
  if (/%[0-9A-Fa-f]{2}/.test(raw)) {
    try {
      raw = decodeURIComponent(raw);
    } catch {
      // already decoded
    }
  }
  const name = raw.trim();
  if (name === "") throw notFound();
  return name;
}

function tagName(c: SimContext): string {
  const name = requiredString(bodyOf(c), "name").trim();
  if (name.length > 255) throw validationFailed({ name: ["is too long (at most 255 characters)"] });
  return name;
}

/** Rename tag items to `name`, dropping those whose attachment already has it. */
function renameTags(store: Store, items: Item[], name: string): void {
  for (const t of items) {
    const dup = tagItems(store, (o) => o.id !== t.id && o.attachmentId === t.attachmentId && sameTag(o.name, name));
    if (dup.length) store.removeItem(TAGS, t.id);
    else store.updateItem(TAGS, t, { name });
  }
}

function tagAttachment(c: SimContext): Response {
  const store = c.var.sim.store;
  const { att, holder } = findHeld(c, bc2Project(c));
  const name = tagName(c);
  if (!tagItems(store, (t) => t.attachmentId === att.id && sameTag(t.name, name)).length) store.addItem(TAGS, { attachmentId: att.id, bucketId: holder.bucketId, name, creatorId: c.var.me.id });
  return noContent(c);
}

function attachmentTag(c: SimContext): { att: Attachment; holder: Recording; items: Item[]; tag: string } {
  const { att, holder } = findHeld(c, bc2Project(c));
  const tag = tagParam(c);
  const items = tagItems(c.var.sim.store, (t) => t.attachmentId === att.id && sameTag(t.name, tag));
  if (!items.length) throw notFound(`That attachment has no tag ${JSON.stringify(tag)}.`);
  return { att, holder, items, tag };
}

function removeTags(c: SimContext, projectIds: Set<Id>): Response {
  const store = c.var.sim.store;
  const tag = tagParam(c);
  const items = tagItems(store, (t) => projectIds.has(t.bucketId as Id) && sameTag(t.name, tag));
  if (!items.length) throw notFound(`No tag ${JSON.stringify(tag)} here.`);
  for (const t of items) store.removeItem(TAGS, t.id);
  return noContent(c);
}

export function register(r: Bc2Router): void {
  r.get("/attachments", (c) => listAttachments(c, activeIds(c), true));
  r.get("/projects/:projectId/attachments", (c) => listAttachments(c, new Set([bc2Project(c).id]), false));
  r.get("/projects/:projectId/attachments/:id", (c) => {
    const { att, holder } = findHeld(c, bc2Project(c));
    return sendJson(c, renderAttachment(bc2Ctx(c), att, holder, false));
  });
  r.post("/attachments", createAttachment);
  r.put("/projects/:projectId/attachments/:id", updateAttachment);
  r.delete("/projects/:projectId/attachments/:id", deleteAttachment);

  r.get("/projects/:projectId/uploads/:id", (c) => {
    const u = bc2Recording(c, bc2Project(c), "id", ["Upload"]);
    return sendJson(c, renderUpload(bc2Ctx(c), u), { lastModified: u.updatedAt });
  });
  r.post("/projects/:projectId/uploads", createUpload);
  r.delete("/projects/:projectId/uploads/:id", (c) => {
    const u = bc2Recording(c, bc2Project(c), "id", ["Upload"]);
    const me = c.var.me;
    if (u.creatorId !== me.id && !me.admin && !me.owner) throw forbidden("Only the person who uploaded the file, or an admin, can delete it.");
    c.var.sim.store.setStatus(u, "trashed", me.id);
    return noContent(c);
  });

  r.get("/tags/:tag/attachments", (c) => listAttachments(c, activeIds(c), true, tagParam(c)));
  r.get("/projects/:projectId/tags/:tag/attachments", (c) => listAttachments(c, new Set([bc2Project(c).id]), false, tagParam(c)));
  r.post("/projects/:projectId/attachments/:id/tags", tagAttachment);
  r.put("/projects/:projectId/attachments/:id/tags/:tag", (c) => {
    const { holder, tag } = attachmentTag(c);
    const store = c.var.sim.store;
    renameTags(store, tagItems(store, (t) => t.bucketId === holder.bucketId && sameTag(t.name, tag)), tagName(c));
    return noContent(c);
  });
  r.delete("/projects/:projectId/attachments/:id/tags/:tag", (c) => {
    const { items } = attachmentTag(c);
    for (const t of items) c.var.sim.store.removeItem(TAGS, t.id);
    return noContent(c);
  });
  r.put("/tags/:tag", (c) => {
    const store = c.var.sim.store;
    const tag = tagParam(c);
    const ids = activeIds(c);
    const items = tagItems(store, (t) => ids.has(t.bucketId as Id) && sameTag(t.name, tag));
    if (!items.length) throw notFound(`No tag ${JSON.stringify(tag)} here.`);
    renameTags(store, items, tagName(c));
    return noContent(c);
  });
  r.delete("/tags/:tag", (c) => removeTags(c, activeIds(c)));
  r.delete("/projects/:projectId/tags/:tag", (c) => removeTags(c, new Set([bc2Project(c).id])));
}
