// Shapes of Docs & Files (vaults, documents, uploads) and of raw attachments.
import { apiBase, appBase, baseRecording, registerRenderer, recordingPath, recordingUrl, renderEvent, type Json, type RenderCtx } from "../render.js";
import type { Attachment, RecType, Recording, RecordingEvent, Status } from "../store/model.js";
import type { Store } from "../store/store.js";


/** Children of `parent` of the given types with the given status, in position order. */
export function childrenWithStatus(store: Store, parentId: bigint, types: readonly RecType[], status: Status = "active"): Recording[] {
  return store.childrenOf(parentId, types).filter((r) => r.status === status);
}

function countActive(store: Store, parentId: bigint, type: RecType): number {
  return childrenWithStatus(store, parentId, [type]).length;
}

/** Where the bytes of an attachment are served (flat route in vaults.ts). */
export function attachmentDownloadUrl(ctx: RenderCtx, sgid: string, filename: string): string {
  return `${apiBase(ctx)}/attachments/${sgid}/download/${encodeURIComponent(filename)}`;
}

export function renderVault(ctx: RenderCtx, rec: Recording): Json {
  const s = ctx.store;
  return {
    ...baseRecording(ctx, rec),
    position: s.positionOf(rec),
    documents_count: countActive(s, rec.id, "Document"),
    documents_url: recordingUrl(ctx, rec, "/documents"),
    uploads_count: countActive(s, rec.id, "Upload"),
    uploads_url: recordingUrl(ctx, rec, "/uploads"),
    vaults_count: countActive(s, rec.id, "Vault"),
    vaults_url: recordingUrl(ctx, rec, "/vaults"),
  };
}

export function renderDocument(ctx: RenderCtx, rec: Recording): Json {
  return {
    ...baseRecording(ctx, rec),
    position: ctx.store.positionOf(rec),
    content: rec.content ?? "",
  };
}

export function renderUpload(ctx: RenderCtx, rec: Recording): Json {
  const filename = rec.filename ?? rec.title;
  return {
    ...baseRecording(ctx, rec),
    position: ctx.store.positionOf(rec),
    description: rec.description ?? "",
    content_type: rec.contentType ?? "application/octet-stream",
    byte_size: rec.byteSize ?? 0,
    filename,
    download_url: attachmentDownloadUrl(ctx, rec.attachmentSgid ?? "", filename),
    app_download_url: `${appBase(ctx)}/${recordingPath(rec)}/download/${encodeURIComponent(filename)}`,
    // Integers in the reference, and only images have them: other files leave both out.
    ...(typeof rec.width === "number" ? { width: rec.width } : {}),
    ...(typeof rec.height === "number" ? { height: rec.height } : {}),
  };
}

/** Actions of an upload's events that are versions of its file. */
export const VERSION_ACTIONS: readonly string[] = ["created", "file_replaced"];

/**
 * An item of GET /uploads/{id}/versions.json (reference UploadVersion): the event shape plus
 * `upload`, the file at that version (`current` on the newest).
 */
export function renderUploadVersion(ctx: RenderCtx, rec: Recording, ev: RecordingEvent, current: boolean): Json {
  const v = rec.fileVersions?.find((f) => f.eventId === ev.id);
  const filename = v?.filename ?? rec.filename ?? rec.title;
  const sgid = v?.sgid ?? rec.attachmentSgid ?? "";
  return {
    ...renderEvent(ctx, rec, ev),
    upload: {
      content_type: v?.contentType ?? rec.contentType ?? "application/octet-stream",
      byte_size: v?.byteSize ?? rec.byteSize ?? 0,
      filename,
      download_url: attachmentDownloadUrl(ctx, sgid, filename),
      app_download_url: `${appBase(ctx)}/${recordingPath(rec)}/download/${encodeURIComponent(filename)}`,
      current,
    },
  };
}

registerRenderer("Vault", renderVault);
registerRenderer("Document", renderDocument);
registerRenderer("Upload", renderUpload);


/** The answer of POST /attachments.json. */
export function renderAttachment(ctx: RenderCtx, a: Attachment): Json {
  const image = a.contentType.startsWith("image/");
  const download = attachmentDownloadUrl(ctx, a.sgid, a.filename);
  return {
    id: a.id,
    attachable_sgid: a.sgid,
    sgid: a.sgid,
    status_url: `${apiBase(ctx)}/attachments/${a.sgid}.json`,
    caption: null,
    byte_size: a.byteSize,
    content_type: a.contentType,
    width: null,
    height: null,
    key: `sim/${a.id}`,
    filename: a.filename,
    download_url: download,
    previewable: image,
    preview_url: image ? download : null,
    thumbnail_url: image ? download : null,
  };
}
