// Docs & Files: vaults, documents, uploads, and raw attachments (POST /attachments.json).
import type { Sim, SimContext } from "../context.js";
import { badRequest, HttpError, notFound, paginate, sendJson, validationFailed } from "../internal/respond.js";
import { renderCtx, bodyOf, clearableString, findRecording, optionalString, requireWritable, requiredString, statusQuery, type ApiRouter } from "../router.js";
import type { Attachment, Recording } from "../store/model.js";
import type { Store } from "../store/store.js";
import { claimAttachments, richText } from "../rich-text-fields.js";
import { childrenWithStatus, renderAttachment, renderDocument, renderUpload, renderUploadVersion, renderVault, VERSION_ACTIONS } from "./vaults-render.js";

const byUpdated = (r: Recording) => r.updatedAt;

/** Record title/content changes as separate events (webhooks: title_updated, content_updated). */
function recordChanges(store: Store, rec: Recording, actorId: bigint, titleWas: string | null, contentChanged: boolean): void {
  if (titleWas !== null) store.touch(rec, "title_changed", actorId, { title_was: titleWas }, "title_updated");
  if (contentChanged) store.touch(rec, "content_changed", actorId, {}, "content_updated");
}

/** A new title from the body when given (blank → 422); `undefined` when absent. */
function newTitle(body: Record<string, unknown>, field = "title"): string | undefined {
  if (body[field] === undefined || body[field] === null) return undefined;
  return requiredString(body, field).trim();
}

/** Split "report.final.pdf" into ["report.final", ".pdf"]. */
function splitExtension(filename: string): [string, string] {
  const dot = filename.lastIndexOf(".");
  if (dot <= 0) return [filename, ""];
  return [filename.slice(0, dot), filename.slice(dot)];
}

function cleanBaseName(body: Record<string, unknown>): string | undefined {
  const v = newTitle(body, "base_name");
  if (v === undefined) return undefined;
  const cleaned = v.replace(/[/\\]/g, "-");
  if (cleaned === "") throw validationFailed({ base_name: ["can't be blank"] });
  return cleaned;
}

/** Is an attachment already the file of some recording (uploads, chat uploads)? */
function attachmentInUse(store: Store, sgid: string): boolean {
  if (store.attachments.get(sgid)?.usedById !== undefined) return true; // embedded in rich text
  for (const r of store.recordings.values()) {
    if (r.attachmentSgid === sgid || r.fileVersions?.some((v) => v.sgid === sgid)) return true;
  }
  return false;
}

function registerVaults(r: ApiRouter): void {
  r.get("/vaults/:id", (c) => {
    const v = findRecording(c, "id", ["Vault"]);
    return sendJson(c, renderVault(renderCtx(c), v), { lastModified: v.updatedAt });
  });

  r.put("/vaults/:id", (c) => {
    const v = findRecording(c, "id", ["Vault"]);
    requireWritable(v);
    const title = newTitle(bodyOf(c));
    if (title !== undefined && title !== v.title) {
      const was = v.title;
      v.title = title;
      recordChanges(c.var.sim.store, v, c.var.me.id, was, false);
    }
    return sendJson(c, renderVault(renderCtx(c), v));
  });

  r.get("/vaults/:id/vaults", (c) => {
    const v = findRecording(c, "id", ["Vault"]);
    const ctx = renderCtx(c);
    return paginate(c, childrenWithStatus(ctx.store, v.id, ["Vault"], statusQuery(c)), (x) => renderVault(ctx, x), byUpdated);
  });

  r.post("/vaults/:id/vaults", (c) => {
    const parent = findRecording(c, "id", ["Vault"]);
    requireWritable(parent);
    const title = requiredString(bodyOf(c), "title").trim();
    const store = c.var.sim.store;
    const v = store.insertRecording({ type: "Vault", bucketId: parent.bucketId, parentId: parent.id, creatorId: c.var.me.id, title, subscriberIds: [c.var.me.id] });
    return sendJson(c, renderVault(renderCtx(c), v), { status: 201 });
  });
}

function registerDocuments(r: ApiRouter): void {
  r.get("/vaults/:id/documents", (c) => {
    const v = findRecording(c, "id", ["Vault"]);
    const ctx = renderCtx(c);
    return paginate(c, childrenWithStatus(ctx.store, v.id, ["Document"], statusQuery(c)), (x) => renderDocument(ctx, x), byUpdated);
  });

  r.get("/documents/:id", (c) => {
    const d = findRecording(c, "id", ["Document"]);
    return sendJson(c, renderDocument(renderCtx(c), d), { lastModified: d.updatedAt });
  });

  r.post("/vaults/:id/documents", (c) => {
    const parent = findRecording(c, "id", ["Vault"]);
    requireWritable(parent);
    const body = bodyOf(c);
    const title = requiredString(body, "title").trim();
    const content = richText(c.var.sim.store, "content", requiredString(body, "content"));
    const status = optionalString(body, "status");
    // The model has no drafts: "drafted" is accepted and published like "active".
    if (status !== undefined && status !== "active" && status !== "drafted") throw validationFailed({ status: ["must be active or drafted"] });
    const store = c.var.sim.store;
    const d = store.insertRecording({ type: "Document", bucketId: parent.bucketId, parentId: parent.id, creatorId: c.var.me.id, title, content, subscriberIds: [c.var.me.id] });
    claimAttachments(store, d);
    return sendJson(c, renderDocument(renderCtx(c), d), { status: 201 });
  });

  r.put("/documents/:id", (c) => {
    const d = findRecording(c, "id", ["Document"]);
    requireWritable(d);
    const body = bodyOf(c);
    // Full replace (oas): the title must be sent; content left out (or null) is cleared.
    const title = requiredString(body, "title").trim();
    const content = richText(c.var.sim.store, "content", optionalString(body, "content") ?? "", { owner: d });
    const titleWas = title !== d.title ? d.title : null;
    const contentChanged = content !== (d.content ?? "");
    d.title = title;
    d.content = content;
    claimAttachments(c.var.sim.store, d);
    recordChanges(c.var.sim.store, d, c.var.me.id, titleWas, contentChanged);
    return sendJson(c, renderDocument(renderCtx(c), d));
  });
}

function registerUploads(r: ApiRouter): void {
  r.get("/vaults/:id/uploads", (c) => {
    const v = findRecording(c, "id", ["Vault"]);
    const ctx = renderCtx(c);
    return paginate(c, childrenWithStatus(ctx.store, v.id, ["Upload"], statusQuery(c)), (x) => renderUpload(ctx, x), byUpdated);
  });

  r.get("/uploads/:id", (c) => {
    const u = findRecording(c, "id", ["Upload"]);
    return sendJson(c, renderUpload(renderCtx(c), u), { lastModified: u.updatedAt });
  });

  r.post("/vaults/:id/uploads", (c) => {
    const parent = findRecording(c, "id", ["Vault"]);
    requireWritable(parent);
    const body = bodyOf(c);
    const store = c.var.sim.store;
    const { sgid, att } = unusedAttachment(store, body);
    const description = richText(store, "description", optionalString(body, "description") ?? "");
    const baseName = cleanBaseName(body);
    const filename = baseName !== undefined ? baseName + splitExtension(att.filename)[1] : att.filename;
    const u = store.insertRecording({
      type: "Upload",
      bucketId: parent.bucketId,
      parentId: parent.id,
      creatorId: c.var.me.id,
      title: filename,
      description,
      filename,
      contentType: att.contentType,
      byteSize: att.byteSize,
      attachmentSgid: sgid,
      width: null,
      height: null,
      subscriberIds: [c.var.me.id],
    });
    claimAttachments(store, u);
    return sendJson(c, renderUpload(renderCtx(c), u), { status: 201 });
  });

  r.put("/uploads/:id", (c) => {
    const u = findRecording(c, "id", ["Upload"]);
    requireWritable(u);
    const body = bodyOf(c);
    // Left out, the description is kept (the reference names no full replace here); null clears it.
    const rawDescription = clearableString(body, "description");
    const description = rawDescription === undefined ? undefined : richText(c.var.sim.store, "description", rawDescription, { owner: u });
    const baseName = cleanBaseName(body);
    let titleWas: string | null = null;
    if (baseName !== undefined) {
      const filename = baseName + splitExtension(u.filename ?? u.title)[1];
      if (filename !== u.filename) {
        titleWas = u.title;
        u.filename = filename;
        u.title = filename;
      }
    }
    const contentChanged = description !== undefined && description !== (u.description ?? "");
    if (description !== undefined) u.description = description;
    claimAttachments(c.var.sim.store, u);
    recordChanges(c.var.sim.store, u, c.var.me.id, titleWas, contentChanged);
    return sendJson(c, renderUpload(renderCtx(c), u));
  });

  r.get("/uploads/:id/versions", (c) => {
    const u = findRecording(c, "id", ["Upload"]);
    const ctx = renderCtx(c);
    const events = (ctx.store.events.get(u.id) ?? []).filter((e) => VERSION_ACTIONS.includes(e.action));
    const newestFirst = [...events].sort((a, b) => b.createdAt - a.createdAt || (b.id > a.id ? 1 : -1));
    return sendJson(c, newestFirst.map((e, i) => renderUploadVersion(ctx, u, e, i === 0)), { lastModified: u.updatedAt });
  });

  // A new file for the upload (same id): the old file stays listed among the versions.
  r.post("/uploads/:id/versions", (c) => {
    const u = findRecording(c, "id", ["Upload"]);
    requireWritable(u);
    const body = bodyOf(c);
    const store = c.var.sim.store;
    const { sgid, att } = unusedAttachment(store, body);
    const baseName = cleanBaseName(body);
    if (!u.fileVersions || u.fileVersions.length === 0) {
      // The file it was created with, kept before the first replacement.
      const created = (store.events.get(u.id) ?? []).find((e) => e.action === "created");
      const filename = u.filename ?? u.title;
      u.fileVersions = created
        ? [{ eventId: created.id, sgid: u.attachmentSgid ?? "", filename, contentType: u.contentType ?? "application/octet-stream", byteSize: u.byteSize ?? 0 }]
        : [];
    }
    const filename = baseName !== undefined ? baseName + splitExtension(att.filename)[1] : att.filename;
    u.filename = filename;
    u.title = filename;
    u.contentType = att.contentType;
    u.byteSize = att.byteSize;
    u.attachmentSgid = sgid;
    u.width = null;
    u.height = null;
    store.touch(u, "file_replaced", c.var.me.id, {}, "content_updated");
    const ev = (store.events.get(u.id) ?? []).at(-1)!;
    u.fileVersions.push({ eventId: ev.id, sgid, filename, contentType: att.contentType, byteSize: att.byteSize });
    return sendJson(c, renderUpload(renderCtx(c), u), { status: 201 });
  });
}

/**
 * Store the raw bytes of an upload request (`?name=`, `Content-Type`, `Content-Length`
 * required) as an attachment; used by POST /attachments.json and campfire uploads.
 */
export function receiveAttachment(c: SimContext): Attachment {
  const name = (c.req.query("name") ?? "").trim();
  if (name === "") throw badRequest("The file name is required: POST /attachments.json?name=report.pdf");
  const typeHeader = c.req.header("content-type");
  if (!typeHeader || typeHeader.trim() === "") throw badRequest("Content-Type is required and must be the file's type, e.g. image/png.");
  const lengthHeader = c.req.header("content-length");
  if (lengthHeader === undefined || lengthHeader.trim() === "") {
    throw new HttpError(411, { error: "Content-Length is required: send the file's size in bytes." });
  }
  const bytes = c.var.rawBody ?? new Uint8Array();
  if (Number(lengthHeader) !== bytes.length) throw badRequest(`Content-Length (${lengthHeader}) does not match the body (${bytes.length} bytes).`);
  if (bytes.length === 0) throw validationFailed({ file: ["can't be empty"] });
  const store = c.var.sim.store;
  const id = store.nextId();
  const sgid = Buffer.from(`gid://bc3/Attachment/${id}`).toString("base64url");
  const filename = name.split(/[/\\]/).pop() || "file";
  const att: Attachment = {
    id,
    sgid,
    filename,
    contentType: typeHeader.split(";")[0].trim().toLowerCase(),
    byteSize: bytes.length,
    createdAt: store.now(),
    creatorId: c.var.me.id,
    dataBase64: Buffer.from(bytes).toString("base64"),
  };
  store.attachments.set(sgid, att);
  store.markDirty();
  return att;
}

function registerAttachments(r: ApiRouter): void {
  r.post(
    "/attachments",
    (c) => {
      const att = receiveAttachment(c);
      return sendJson(c, renderAttachment(renderCtx(c), att), { status: 201 });
    },
    { forms: "flat" },
  );

  const findAttachment = (c: SimContext): Attachment => {
    const att = c.var.sim.store.attachments.get(c.req.param("sgid") ?? "");
    if (!att) throw notFound();
    return att;
  };

  r.get("/attachments/:sgid", (c) => sendJson(c, renderAttachment(renderCtx(c), findAttachment(c))), { forms: "flat" });

  r.get(
    "/attachments/:sgid/download/:filename",
    (c) => {
      const att = findAttachment(c);
      const bytes = Buffer.from(att.dataBase64, "base64");
      // The name in the URL (an upload may rename its file); read from the raw path so a
      // ".json" ending the app strips for routing stays part of the name.
      const last = new URL(c.req.url).pathname.split("/").pop() ?? "";
      let filename = att.filename;
      try {
        filename = decodeURIComponent(last) || att.filename;
      } catch {
        // keep the stored name
      }
      return c.body(new Uint8Array(bytes), 200, {
        "Content-Type": att.contentType,
        "Content-Length": String(bytes.length),
        "Content-Disposition": `attachment; filename="${filename.replace(/["\\\r\n]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      });
    },
    { forms: "flat" },
  );
}

export function register(r: ApiRouter, sim: Sim): void {
  void sim;
  registerVaults(r);
  registerDocuments(r);
  registerUploads(r);
  registerAttachments(r);
}

/** The body's `attachable_sgid` and its attachment: it must exist and not be used by another record yet. */
function unusedAttachment(store: Store, body: Record<string, unknown>): { sgid: string; att: Attachment } {
  const sgid = requiredString(body, "attachable_sgid").trim();
  const att = store.attachments.get(sgid);
  if (!att) throw validationFailed({ attachable_sgid: ["doesn't name an attachment; upload the file with POST /attachments.json first"] });
  if (attachmentInUse(store, sgid)) throw validationFailed({ attachable_sgid: ["has already been used; upload the file again for a new attachment"] });
  return { sgid, att };
}
