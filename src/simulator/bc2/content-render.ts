// Basecamp 2 JSON shapes of messages, topics, documents, forwards, uploads and attachments,
// drawn from the Basecamp 4 records (Message, Document, Inbox::Forward, Upload) and the
// attachments their files and rich text hold.
import { decodeEntities } from "../internal/rich-text.js";
import { iso, type Json } from "../render.js";
import { attachmentSgids } from "../internal/rich-text.js";
import type { Attachment, Id, Recording, RecType } from "../store/model.js";
import type { Store } from "../store/store.js";
import type { Bc2Ctx } from "./router.js";
import { BC2_TYPES, bucket, personSummary, renderComment } from "./render.js";

/** BC2 tags ("file labels"): one item per tagged attachment, `{attachmentId, bucketId, name}`. */
export const TAGS = "bc2_tags";

/** Kinds that can be topics (anything commentable), in BC2's order of mention. */
export const TOPIC_TYPES: readonly RecType[] = ["Message", "Document", "Inbox::Forward", "Schedule::Entry", "Upload", "Todolist", "Todo"];

export function isPrivate(store: Store, rec: Recording): boolean {
  return (store.projects.get(rec.bucketId)?.clientsEnabled ?? false) && !rec.visibleToClients;
}

export function recUrl(ctx: Bc2Ctx, rec: Recording): string {
  return `${ctx.base}/projects/${rec.bucketId}/${BC2_TYPES[rec.type]?.section ?? "recordings"}/${rec.id}.json`;
}

export function recAppUrl(ctx: Bc2Ctx, rec: Recording): string {
  return `${ctx.appBase}/projects/${rec.bucketId}/${BC2_TYPES[rec.type]?.section ?? "recordings"}/${rec.id}`;
}

export function recordRef(ctx: Bc2Ctx, rec: Recording): Json {
  return { id: rec.id, type: BC2_TYPES[rec.type]?.type ?? rec.type, url: recUrl(ctx, rec), app_url: recAppUrl(ctx, rec) };
}

/** HTML as plain text (for excerpts and a forward's `content`). */
export function plainText(html: string | undefined): string {
  return decodeEntities((html ?? "").replace(/<br\s*\/?>/gi, "\n").replace(/<\/(div|p|li|h1|pre|blockquote)>/gi, "\n").replace(/<[^>]*>/g, ""))
    .replace(/\n{2,}/g, "\n")
    .trim();
}

/** The recording holding each attachment: an upload's file, or the rich text that embeds it. */
export function attachmentHolders(store: Store): Map<string, Recording> {
  const out = new Map<string, Recording>();
  for (const u of store.ofType("Upload")) if (u.attachmentSgid) out.set(u.attachmentSgid, u);
  for (const att of store.attachments.values()) {
    if (out.has(att.sgid) || att.usedById === undefined) continue;
    const rec = store.recordings.get(att.usedById);
    if (rec) out.set(att.sgid, rec);
  }
  return out;
}

export function downloadUrl(ctx: Bc2Ctx, att: Attachment): string {
  return `${new URL(ctx.base).origin}/${ctx.store.account.id}/attachments/${att.sgid}/download/${encodeURIComponent(att.filename)}`;
}

/** A file as a message, upload, forward or comment embeds it. */
export function attachedFile(ctx: Bc2Ctx, att: Attachment): Json {
  return {
    key: att.sgid,
    name: att.filename,
    byte_size: att.byteSize,
    content_type: att.contentType,
    created_at: iso(att.createdAt),
    url: downloadUrl(ctx, att),
    app_url: downloadUrl(ctx, att),
    creator: personSummary(ctx, att.creatorId),
  };
}

/** The attachments a recording holds: an upload's file, then the files its rich text embeds. */
export function filesOf(store: Store, rec: Recording): Attachment[] {
  const out: Attachment[] = [];
  const sgids = [...(rec.attachmentSgid ? [rec.attachmentSgid] : []), ...attachmentSgids(rec.content), ...attachmentSgids(rec.description)];
  for (const sgid of sgids) {
    const att = store.attachments.get(sgid);
    if (att && !out.includes(att)) out.push(att);
  }
  return out;
}

function liveComments(store: Store, rec: Recording): Recording[] {
  return store.childrenOf(rec.id, ["Comment"]).filter((c) => c.status !== "trashed");
}

/** `comments` and `subscribers`, as every record fetched alone carries them. */
export function discussion(ctx: Bc2Ctx, rec: Recording): Json {
  return {
    comments: liveComments(ctx.store, rec).map((c) => renderComment(ctx, c)),
    subscribers: rec.subscriberIds.map((id) => personSummary(ctx, id)),
  };
}

function flags(ctx: Bc2Ctx, rec: Recording): Json {
  return { private: isPrivate(ctx.store, rec), trashed: rec.status === "trashed" };
}

/** Who changed a record last: the author of its latest edit, else its creator. */
function lastUpdaterId(store: Store, rec: Recording): Id {
  const evs = store.events.get(rec.id) ?? [];
  for (let i = evs.length - 1; i >= 0; i--) if (evs[i].action !== "created") return evs[i].creatorId;
  return rec.creatorId;
}

export function renderMessage(ctx: Bc2Ctx, m: Recording): Json {
  return {
    id: m.id,
    subject: m.title,
    created_at: iso(m.createdAt),
    updated_at: iso(m.updatedAt),
    content: m.content ?? "",
    ...flags(ctx, m),
    creator: personSummary(ctx, m.creatorId),
    url: recUrl(ctx, m),
    app_url: recAppUrl(ctx, m),
    attachments: filesOf(ctx.store, m).map((a) => attachedFile(ctx, a)),
    ...discussion(ctx, m),
    bucket: bucket(ctx, m.bucketId),
  };
}

export function renderDocumentSummary(ctx: Bc2Ctx, d: Recording, withBucket: boolean): Json {
  return {
    id: d.id,
    title: d.title,
    created_at: iso(d.createdAt),
    updated_at: iso(d.updatedAt),
    url: recUrl(ctx, d),
    app_url: recAppUrl(ctx, d),
    ...flags(ctx, d),
    ...(withBucket ? { bucket: { ...bucket(ctx, d.bucketId), color: ctx.store.projects.get(d.bucketId)?.color ?? "3185c5" } } : {}),
  };
}

export function renderDocument(ctx: Bc2Ctx, d: Recording): Json {
  return {
    id: d.id,
    title: d.title,
    content: d.content ?? "",
    created_at: iso(d.createdAt),
    updated_at: iso(d.updatedAt),
    ...flags(ctx, d),
    last_updater: personSummary(ctx, lastUpdaterId(ctx.store, d)),
    creator: personSummary(ctx, d.creatorId),
    url: recUrl(ctx, d),
    app_url: recAppUrl(ctx, d),
    ...discussion(ctx, d),
  };
}

function fromOf(f: Recording): string | null {
  const from = f.data?.from;
  return typeof from === "string" && from !== "" ? from : null;
}

/** The fields a forward shows in lists and on its own. */
function forwardHead(ctx: Bc2Ctx, f: Recording): Json {
  return { id: f.id, subject: f.title, from: fromOf(f), created_at: iso(f.createdAt), updated_at: iso(f.updatedAt), ...flags(ctx, f) };
}

export function renderForwardSummary(ctx: Bc2Ctx, f: Recording, withBucket: boolean): Json {
  return {
    ...forwardHead(ctx, f),
    url: recUrl(ctx, f),
    app_url: recAppUrl(ctx, f),
    ...(withBucket ? { bucket: bucket(ctx, f.bucketId) } : {}),
  };
}

export function renderForward(ctx: Bc2Ctx, f: Recording): Json {
  return {
    ...forwardHead(ctx, f),
    content: plainText(f.content),
    content_html: f.content ?? "",
    creator: personSummary(ctx, f.creatorId),
    attachments: filesOf(ctx.store, f).map((a) => attachedFile(ctx, a)),
    ...discussion(ctx, f),
    bucket: bucket(ctx, f.bucketId),
  };
}

export function renderUpload(ctx: Bc2Ctx, u: Recording): Json {
  return {
    id: u.id,
    created_at: iso(u.createdAt),
    updated_at: iso(u.updatedAt),
    content: u.description ?? "",
    ...flags(ctx, u),
    url: recUrl(ctx, u),
    app_url: recAppUrl(ctx, u),
    attachments: filesOf(ctx.store, u).map((a) => attachedFile(ctx, a)),
    ...discussion(ctx, u),
  };
}

export function tagsOf(store: Store, attachmentId: Id): string[] {
  const out: string[] = [];
  for (const t of store.collection(TAGS).values()) if (t.attachmentId === attachmentId) out.push(String(t.name));
  return out.sort((a, b) => a.localeCompare(b));
}

export function renderAttachment(ctx: Bc2Ctx, att: Attachment, holder: Recording, withBucket: boolean): Json {
  const image = att.contentType.startsWith("image/");
  return {
    id: att.id,
    ...attachedFile(ctx, att),
    updated_at: iso(Math.max(att.createdAt, ...[...ctx.store.collection(TAGS).values()].filter((t) => t.attachmentId === att.id).map((t) => t.updatedAt))),
    ...(image ? { thumbnail_url: downloadUrl(ctx, att) } : {}),
    private: isPrivate(ctx.store, holder),
    trashed: holder.status === "trashed",
    tags: tagsOf(ctx.store, att.id),
    attachable: recordRef(ctx, holder),
    ...(withBucket ? { bucket: bucket(ctx, holder.bucketId) } : {}),
  };
}

/** A topic: a commentable record, summed up by its latest comment. */
export function renderTopic(ctx: Bc2Ctx, rec: Recording, withBucket: boolean): Json {
  const store = ctx.store;
  const comments = liveComments(store, rec);
  const last = comments.reduce<Recording | undefined>((a, c) => (!a || c.createdAt >= a.createdAt ? c : a), undefined);
  const excerptSource = plainText(last ? last.content : (rec.content ?? rec.description)).replace(/\s+/g, " ");
  const files = filesOf(store, rec).length + comments.reduce((n, c) => n + filesOf(store, c).length, 0);
  return {
    id: rec.id,
    title: rec.title,
    excerpt: excerptSource.length > 100 ? `${excerptSource.slice(0, 99)}…` : excerptSource,
    created_at: iso(rec.createdAt),
    updated_at: iso(Math.max(rec.updatedAt, last?.updatedAt ?? 0)),
    attachments: files,
    ...flags(ctx, rec),
    creator: personSummary(ctx, rec.creatorId),
    last_updater: personSummary(ctx, last ? last.creatorId : rec.creatorId),
    topicable: recordRef(ctx, rec),
    ...(withBucket ? { bucket: bucket(ctx, rec.bucketId) } : {}),
  };
}

/** When a topic last changed (its latest comment or itself), for sorting. */
export function topicTime(store: Store, rec: Recording): number {
  let t = rec.updatedAt;
  for (const c of liveComments(store, rec)) t = Math.max(t, c.updatedAt);
  return t;
}
