// Rich-text fields of recordings: what routes store (cleaned, with `<bc-attachment>` sgids
// checked and consumed) and the `*_attachments` sibling every response shows next to them.
import { validationFailed } from "./internal/respond.js";
import { attachmentSgids, CHATBOT_TAGS, sanitizeRichText } from "./internal/rich-text.js";
import type { Json, RenderCtx } from "./render.js";
import type { Attachment, Id, RecType, Recording } from "./store/model.js";
import type { Store } from "./store/store.js";

type RichKey = "content" | "description";

/** The rich-text fields of each type, as named in JSON (reference §1, "Rich attrs"). */
const RICH_FIELDS: Partial<Record<RecType, readonly RichKey[]>> = {
  Todolist: ["description"],
  Todo: ["description"],
  Message: ["content"],
  Comment: ["content"],
  Document: ["content"],
  Upload: ["description"],
  "Schedule::Entry": ["description"],
  "Kanban::Card": ["description"],
  "Question::Answer": ["content"],
  "Inbox::Forward": ["content"],
  "Inbox::Reply": ["content"],
  CloudFile: ["description"],
  GoogleDocument: ["description"],
};

/** The stored value behind a rich JSON field (a card's description is its `content`). */
function storedValue(rec: Recording, key: RichKey): string | undefined {
  if (rec.type === "Kanban::Card" && key === "description") return rec.content ?? rec.description;
  return rec[key];
}

export interface RichTextOptions {
  /** The recording being updated: sgids it already holds stay usable by it. */
  owner?: Recording;
  /** A chatbot / rich campfire line: tables and `<details>` are allowed too. */
  chat?: boolean;
}

/** The recording (other than `exceptId`) that already holds attachment `att`, if any. */
function holderOf(store: Store, att: Attachment, exceptId: Id | undefined): Id | undefined {
  if (att.usedById !== undefined && att.usedById !== exceptId) return att.usedById;
  // Uploads and chat uploads hold their file by `attachmentSgid` (and earlier upload versions).
  for (const r of store.recordings.values()) {
    if (r.id === exceptId) continue;
    if (r.attachmentSgid === att.sgid || r.fileVersions?.some((v) => v.sgid === att.sgid)) return r.id;
  }
  return undefined;
}

function isMention(store: Store, sgid: string): boolean {
  for (const p of store.people.values()) if (p.attachableSgid === sgid) return true;
  return false;
}

/**
 * Clean a rich-text value for field `field` and check its `<bc-attachment>`s: each must name
 * a person (a mention) or an attachment from POST /attachments.json that no other record
 * uses. Throws 422 naming the field otherwise. Call `claimAttachments` once it is stored.
 */
export function richText(store: Store, field: string, value: string, opts: RichTextOptions = {}): string {
  const { html, sgids } = sanitizeRichText(value, opts.chat ? { extraTags: CHATBOT_TAGS } : {});
  const problems: string[] = [];
  for (const sgid of sgids) {
    const att = store.attachments.get(sgid);
    if (!att) {
      if (!isMention(store, sgid)) {
        problems.push(`has a <bc-attachment> whose sgid "${sgid}" names no attachment; upload the file with POST /attachments.json and use its attachable_sgid`);
      }
      continue;
    }
    if (holderOf(store, att, opts.owner?.id) !== undefined) {
      problems.push(`has a <bc-attachment> whose sgid "${sgid}" is already used by another record; upload the file again for a new attachment`);
    }
  }
  if (problems.length) throw validationFailed({ [field]: problems });
  return html;
}

/** Mark the attachments a stored recording's rich text embeds as used by it. */
export function claimAttachments(store: Store, rec: Recording): void {
  const values = [rec.content, rec.description];
  let changed = false;
  for (const v of values) {
    for (const sgid of attachmentSgids(v)) {
      const att = store.attachments.get(sgid);
      if (att && att.usedById === undefined) {
        att.usedById = rec.id;
        changed = true;
      }
    }
  }
  if (changed) store.markDirty();
}

/** One item of a `*_attachments` list (shape: RichTextAttachment in the OpenAPI reference). */
function renderRichAttachment(ctx: RenderCtx, a: Attachment): Json {
  const image = a.contentType.startsWith("image/");
  const download = `${ctx.origin}/${ctx.accountId}/attachments/${a.sgid}/download/${encodeURIComponent(a.filename)}`;
  return {
    id: a.id,
    sgid: a.sgid,
    filename: a.filename,
    content_type: a.contentType,
    byte_size: a.byteSize,
    download_url: download,
    width: null,
    height: null,
    previewable: image,
    preview_url: download,
    thumbnail_url: download,
  };
}

/**
 * The `*_attachments` siblings of a recording's rich-text fields (`content_attachments`,
 * `description_attachments`): always present, listing the files its rich text embeds.
 */
export function richTextAttachments(ctx: RenderCtx, rec: Recording): Json {
  const keys = RICH_FIELDS[rec.type];
  if (!keys) return {};
  const out: Json = {};
  for (const key of keys) {
    const list: Json[] = [];
    for (const sgid of attachmentSgids(storedValue(rec, key))) {
      const att = ctx.store.attachments.get(sgid);
      if (att) list.push(renderRichAttachment(ctx, att));
    }
    out[`${key}_attachments`] = list;
  }
  return out;
}
